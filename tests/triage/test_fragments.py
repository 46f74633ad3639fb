"""settings.json, go.mod and go.work fragments in a paste: recorded only when their own parser accepts them."""

from __future__ import annotations

import pytest

from goenv_lsp.files._jsonc import parse_jsonc
from goenv_lsp.files._modfile import parse_modfile
from goenv_lsp.triage import fragments
from goenv_lsp.triage.draft import Draft


def read(text: str) -> Draft:
    draft = Draft(text)
    fragments.read(text.splitlines(), draft)
    return draft


def kinds(draft: Draft) -> list[str]:
    return [f.kind for f in draft.fragments]


def lines_of(draft: Draft, index: int = 0) -> list[str]:
    span = draft.fragments[index].span
    return draft.text.splitlines()[span.start:span.end + 1]


# ---------------------------------------------------------------- settings.json

def test_settings_members_without_braces_get_them():
    draft = read('My settings:\n\n    "go.goroot": "/usr/local/go", // mine\n    "go.toolsEnvVars": {\n'
                 '        "GOFLAGS": "-mod=mod",\n    },\n\nthat is all.')
    [fragment] = draft.fragments
    assert fragment.kind == "vscode-settings"
    assert fragment.text.startswith("{\n") and fragment.text.endswith("\n}")
    doc = parse_jsonc(fragment.text)
    assert doc.root.to_python() == {"go.goroot": "/usr/local/go", "go.toolsEnvVars": {"GOFLAGS": "-mod=mod"}}
    assert (fragment.span.start, fragment.span.end) == (2, 5)
    assert draft.seen == [fragment.span]


def test_whole_settings_file_with_comments_and_trailing_commas():
    text = '{\n  // editor\n  "editor.tabSize": 4,\n  /* go */\n  "gopls": {"ui.semanticTokens": true},\n}\n'
    [fragment] = read(text).fragments
    assert fragment.text == text.rstrip("\n")
    assert (fragment.span.start, fragment.span.end) == (0, 5)


def test_a_single_setting_line():
    [fragment] = read('"go.goroot": "C:\\\\Program Files\\\\Go",').fragments
    assert parse_jsonc(fragment.text).root.to_python() == {"go.goroot": "C:\\Program Files\\Go"}


def test_settings_nested_in_a_devcontainer():
    draft = read('"customizations": {\n  "vscode": {\n    "settings": {\n      "go.gopath": "/go"\n    }\n  }\n}')
    [fragment] = draft.fragments
    assert parse_jsonc(fragment.text).root.to_python() == {"go.gopath": "/go"}
    assert lines_of(draft) == ['    "settings": {', '      "go.gopath": "/go"', "    }"]


def test_a_settings_heading_is_not_part_of_the_json():
    draft = read('.vscode/settings.json:\n{\n  "go.useLanguageServer": false\n}')
    assert lines_of(draft)[0] == "{"


def test_truncated_settings_are_kept_as_far_as_they_read():
    [fragment] = read('{\n  "go.goroot": "/usr/local/go",\n  "go.toolsEnvVars": {\n    "GOFLAGS": "-mod').fragments
    assert parse_jsonc(fragment.text).root.get("go.goroot") is not None


@pytest.mark.parametrize("text", [
    'Setting "go.goroot": is what I changed',
    '"go.goroot": is what I changed',
    "go.goroot is set to /usr/local/go",
    '{"GOROOT": "/usr/local/go", "GOPATH": "/home/dev/go"}',  # go env -json, not settings
    '"editor.tabSize": 4,',
])
def test_not_settings(text: str):
    assert read(text).fragments == []


# ---------------------------------------------------------------- go.mod, go.work

GO_MOD = "module example.com/app\n\ngo 1.22.0\n\ntoolchain go1.22.10\n\nrequire (\n\tgithub.com/acme/widgets v1.2.3\n" \
         "\tgolang.org/x/text v0.14.0 // indirect\n)\n\nreplace github.com/acme/widgets => ../widgets\n\n" \
         "godebug default=go1.21\n"


def test_go_mod_block_in_prose():
    draft = read("Here is go.mod\n\n" + GO_MOD + "\nand `go build ./...` fails.\ngo build fails with:")
    [fragment] = draft.fragments
    assert (fragment.kind, fragment.text) == ("go.mod", GO_MOD)
    assert (fragment.span.start, fragment.span.end) == (2, 2 + GO_MOD.count("\n") - 1)
    assert parse_modfile(fragment.text.encode(), "go.mod", "go.mod").problems == ()


def test_go_work_block():
    text = "go.work:\ngo 1.22.0\n\nuse (\n\t./api\n\t./web\n)\n"
    [fragment] = read(text).fragments
    assert fragment.kind == "go.work" and fragment.text == "go 1.22.0\n\nuse (\n\t./api\n\t./web\n)\n"


def test_go_work_without_heading_is_known_by_its_use_lines():
    assert kinds(read("go 1.23.4\nuse ./api\n")) == ["go.work"]


@pytest.mark.parametrize("heading", ["go.mod:", "**go.mod**", "`go.mod`", "$ cat go.mod", "### go.mod", "./go.mod"])
def test_a_named_malformed_go_mod_is_still_a_fragment(heading: str):
    draft = read(f"{heading}\nmodule example.com/app\n\ngo 1.22.x\n")
    [fragment] = draft.fragments
    assert fragment.kind == "go.mod" and "go 1.22.x" in fragment.text
    assert parse_modfile(fragment.text.encode(), "go.mod", "go.mod").problems  # the malformed-file rule's case


def test_an_unnamed_malformed_block_is_not_a_fragment():
    assert read("module example.com/app\n\ngo 1.22.x\n").fragments == []


def test_a_heading_names_a_go_mod_without_a_module_line():
    assert kinds(read("go.mod\ngo 1.21\n")) == ["go.mod"]


def test_two_fragments_in_one_paste():
    draft = read("go.work\ngo 1.22.0\nuse ./app\n\nand app/go.mod:\n\nmodule example.com/app\n\ngo 1.21.0\n\n"
                 "Settings:\n\"go.toolsManagement.autoUpdate\": true\n")
    assert kinds(draft) == ["go.work", "go.mod", "vscode-settings"]


def test_a_truncated_require_block_stops_at_the_prose():
    draft = read("module example.com/app\n\ngo 1.21.0\n\nrequire (\n\tgithub.com/acme/widgets v1.2.3\n\n"
                 "(the rest is long)\n")
    assert draft.fragments == []  # unclosed: the parser rejects it, and no heading claims it


@pytest.mark.parametrize("text", [
    "The module is broken when I run it",
    "module example.com/x is what I named it",
    "go 1.22",
    "go build ./...\ngo test ./...",
    "go env -w GOPROXY=direct",
    "require it to work\nreplace this with that",
    "use the force\ngo 1.22",  # "use the force" is no use directive
    "go.mod:3: invalid go version '1.22.x': must match format 1.23",
])
def test_prose_is_not_a_go_mod(text: str):
    assert read(text).fragments == []


@pytest.mark.parametrize("text", ["", "{", "}\n{", '"go.x": ' * 200, "module (\n" * 100, "go.mod:\n" * 50,
                                  "module \ud800\ngo 1.21", "\x00module a\n", '"gopls": {' * 300])
def test_garbled_input_never_crashes(text: str):
    read(text)
