from __future__ import annotations

import random

from mutate import mutate  # type: ignore[import-not-found]

from goenv_lsp.facts import FileProblem, Status
from goenv_lsp.files.vscode_settings import SettingsFacts, parse_vscode_settings
from goenv_lsp.model import Range

PATH = "/ws/.vscode/settings.json"


def parse(text: str) -> SettingsFacts:
    return parse_vscode_settings(text.encode("utf-8"), PATH)


def values(facts: SettingsFacts) -> dict[str, object]:
    return {v.key: v.value for v in facts.values}


def test_reads_the_go_settings_and_flattens_maps() -> None:
    facts = parse("""{
  // editor stuff is ignored
  "editor.formatOnSave": true,
  "go.goroot": "/usr/local/go",
  "go.gopath": "/home/me/go",
  "go.toolsGopath": "/home/me/tools",
  "go.inferGopath": false,
  "go.alternateTools": {"go": "/opt/go1.22/bin/go", "gopls": "${workspaceFolder}/bin/gopls",},
  "go.toolsEnvVars": {"GOFLAGS": "-mod=mod", "GOROOT": "/opt/go"},
  "go.toolsManagement.go": "/usr/bin/go",
  "go.toolsManagement.autoUpdate": true,
  "go.useLanguageServer": true,
  "go.languageServerFlags": ["-rpc.trace", "serve"],
  "gopls": {
    "build.env": {"GOFLAGS": "-tags=integration"},
    "env": {"GOPROXY": "off"},
    "ui.semanticTokens": true,
    "build.directoryFilters": ["-node_modules"],
  },
  "go": {"goroot": "/nested/is/not/a/vscode/form"},
  "[go]": {"editor.tabSize": 4},
}
""")
    assert facts.status is Status.OK and facts.problems == ()
    assert values(facts) == {
        "go.goroot": "/usr/local/go",
        "go.gopath": "/home/me/go",
        "go.toolsGopath": "/home/me/tools",
        "go.inferGopath": False,
        "go.alternateTools.go": "/opt/go1.22/bin/go",
        "go.alternateTools.gopls": "${workspaceFolder}/bin/gopls",
        "go.toolsEnvVars.GOFLAGS": "-mod=mod",
        "go.toolsEnvVars.GOROOT": "/opt/go",
        "go.toolsManagement.go": "/usr/bin/go",
        "go.toolsManagement.autoUpdate": True,
        "go.useLanguageServer": True,
        "go.languageServerFlags": ("-rpc.trace", "serve"),  # facts are deep-frozen: lists become tuples
        "gopls.build.env.GOFLAGS": "-tags=integration",
        "gopls.env.GOPROXY": "off",
        "gopls.ui.semanticTokens": True,
        "gopls.build.directoryFilters": ("-node_modules",),
    }


def test_spans_of_values() -> None:
    facts = parse('{\n  "go.goroot": "/a",\n  "go.alternateTools": { "😀": 1, "go": "/b" }\n}')
    goroot = facts.get("go.goroot")
    assert goroot is not None
    assert goroot.range == Range.of(1, 15, 19)  # quotes included
    go = facts.get("go.alternateTools.go")
    assert go is not None
    assert go.range == Range.of(2, 40, 44)  # 😀 before it on the line counts as two units
    assert (facts.path, facts.kind) == (PATH, "vscode-settings")


def units(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def test_non_bmp_characters_before_a_value() -> None:
    text = '{"go.gopath": "/𝔤𝔬", "go.goroot": "/x"}'
    facts = parse(text)
    goroot = facts.get("go.goroot")
    at = text.index('"/x"')
    assert (units(text[:at]), units(text[:at + 4])) == (36, 40)  # 𝔤 and 𝔬 count twice each
    assert goroot is not None and goroot.range == Range.of(0, 36, 40)
    gopath = facts.get("go.gopath")
    assert gopath is not None and gopath.value == "/𝔤𝔬" and gopath.range == Range.of(0, 14, 21)


def test_duplicate_keys_last_wins_whole_object() -> None:
    facts = parse('{"go.toolsEnvVars": {"A": "1", "B": "2"}, "go.goroot": "/a",'
                  ' "go.toolsEnvVars": {"B": "3", "B": "4"}, "go.goroot": "/b"}')
    assert values(facts) == {"go.toolsEnvVars.B": "4", "go.goroot": "/b"}
    goroot = facts.get("go.goroot")
    assert goroot is not None and goroot.range == Range.of(0, 115, 119)


def test_map_settings_that_are_not_objects_are_kept_as_is() -> None:
    facts = parse('{"go.alternateTools": "go", "go.toolsEnvVars": null, "gopls": {"build.env": ["x"]}}')
    assert values(facts) == {"go.alternateTools": "go", "go.toolsEnvVars": None, "gopls.build.env": ("x",)}
    assert values(parse('{"gopls": true}')) == {"gopls": True}


def test_empty_and_comment_only_files_are_ok() -> None:
    for text in ["", "\n\n", "// nothing yet\n", "{}"]:
        facts = parse(text)
        assert facts.status is Status.OK and facts.values == () and facts.problems == ()
    assert parse_vscode_settings(b"\xef\xbb\xbf{}", PATH).status is Status.OK


def test_bom_does_not_shift_positions() -> None:
    facts = parse_vscode_settings(b'\xef\xbb\xbf{"go.goroot": "/a"}', PATH)
    goroot = facts.get("go.goroot")
    assert goroot is not None and goroot.range == Range.of(0, 14, 18)


def test_malformed_keeps_values_read() -> None:
    facts = parse('{\n  "go.goroot": "/usr/local/go"\n  "go.gopath": "/gp",\n  "go.toolsGopath": \n}')
    assert facts.status is Status.MALFORMED
    assert values(facts) == {"go.goroot": "/usr/local/go", "go.gopath": "/gp"}
    assert facts.problems == (
        FileProblem("expected ',' or '}' after the property value, found a string", Range.of(2, 2, 13)),
        FileProblem("expected a value, found '}'", Range.of(4, 0, 1)),
    )


def test_truncated_file() -> None:
    facts = parse('{\n  "go.goroot": "/usr/local/go",\n  "go.alternateTools": {"go": "/x"')
    assert facts.status is Status.MALFORMED
    assert values(facts) == {"go.goroot": "/usr/local/go", "go.alternateTools.go": "/x"}
    assert facts.problems[0].range is not None and facts.problems[0].range.start.line == 2  # line 3
    assert "the file ends" in facts.problems[0].message


def test_top_level_must_be_an_object() -> None:
    facts = parse('["go.goroot", "/x"]')
    assert facts.status is Status.MALFORMED and facts.values == ()
    assert facts.problems == (
        FileProblem("the top level must be an object {...}, not an array", Range.of(0, 0, 1)),)
    assert parse('"x"').problems[0].message.endswith("not a string")


def test_binary_and_bad_encoding() -> None:
    facts = parse_vscode_settings(b'{"go.goroot": "/a"}\x00\x00', PATH)
    assert facts.status is Status.MALFORMED and facts.values == ()
    assert facts.problems == (FileProblem("contains a NUL byte at byte 19: this is binary data, not text",
                                          Range.of(0, 19)),)  # 1:20
    facts = parse_vscode_settings(b'{"go.goroot": "/\xc3"}', PATH)
    assert facts.status is Status.MALFORMED
    assert facts.problems == (FileProblem("invalid UTF-8 at byte 16 (the file must be UTF-8)", Range.of(0, 16)),)


def test_windows_path() -> None:
    path = "C:\\ws\\.vscode\\settings.json"
    facts = parse_vscode_settings(b"{,}", path)
    assert facts.path == path and facts.status is Status.MALFORMED
    assert facts.problems[0].range is not None and facts.problems[0].range.start == Range.of(0, 1).start  # 1:2
    assert not facts.problems[0].message.startswith("settings.json")  # no location prefix any more


def test_random_bytes_never_raise() -> None:
    rng = random.Random(42)
    seed = b'{"go.goroot": "/a", "gopls": {"env": {"X": [1, {"y": null}]}}, // c\n "go.alternateTools": {}}'
    for _ in range(3000):
        data = bytes(rng.randrange(256) for _ in range(rng.randrange(64)))
        parse_vscode_settings(data, PATH)
        mutated = mutate(seed, rng, b'{}[]:,"/*\\\n x\xff')
        facts = parse_vscode_settings(mutated, PATH)
        assert facts.status in (Status.OK, Status.MALFORMED)
        assert (facts.status is Status.OK) == (not facts.problems)


def test_every_go_key_is_kept_but_only_read_values() -> None:
    facts = parse('{"go.lintTool": "x", "go.testEnvVars": {"API": "v"}, "go.buildFlags": ["-tags=a"], "golang.x": 1}')
    assert values(facts) == {"go.lintTool": None, "go.testEnvVars": None, "go.buildFlags": ("-tags=a",)}


def test_map_members_under_secret_names_are_hidden_whole() -> None:
    facts = parse('{"go.toolsEnvVars": {"GITHUB_TOKEN": "abc", "GOFLAGS": "-mod=mod"},'
                  ' "gopls": {"build.env": {"NPM_PASSWORD": "p"}}}')
    assert values(facts)["go.toolsEnvVars.GITHUB_TOKEN"] != "abc"
    assert values(facts)["gopls.build.env.NPM_PASSWORD"] != "p"
    assert values(facts)["go.toolsEnvVars.GOFLAGS"] == "-mod=mod"


def test_key_item_and_removal_ranges() -> None:
    text = '{\n  "go.buildFlags": ["-a", "-b"],\n  "go.gopath": "/x", "go.lintTool": "y"\n}\n'
    facts = parse(text)
    flags, gopath, lint = facts.get("go.buildFlags"), facts.get("go.gopath"), facts.get("go.lintTool")
    assert flags.key_range == Range.of(1, 2, 17) and flags.item_ranges == (Range.of(1, 20, 24), Range.of(1, 26, 30))
    assert flags.removal == Range.of(1, 0, 0, end_line=2)  # its whole line, newline included
    assert gopath.removal == Range.of(2, 2, 20)  # shares its line: the member and its comma only
    assert lint.removal == Range.of(2, 21, 39)
