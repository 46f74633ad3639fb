"""The paste cleaner and the go env / version / which readers, on real toolchain output and hand-written forms."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from goenv_lsp.triage import goenv, paste, versions, which
from goenv_lsp.triage.draft import Draft

FIXTURES = Path(__file__).resolve().parent / "fixtures"
REAL = ("1.21.13", "1.22.10", "1.24.11", "1.27.3")


def fixture(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


def read(text: str, *readers) -> Draft:
    draft = Draft(text)
    lines = paste.clean_lines(text)
    for reader in readers or (goenv, versions, which):
        reader.read(lines, draft)
    return draft


def test_clean_lines_removes_markdown_quotes_prompts_and_keeps_line_numbers() -> None:
    text = ("Hi,\r\n> ```console\r\n> $ go env\r\n> > GOPATH='/x'\n<details><summary>env</summary>\n"
            "PS C:\\Users\\dev> where go\nC:\\> go version\ndev@box:~/src$ which -a go\n~~~\n</details>\n\x00\xff")
    assert paste.clean_lines(text) == ["Hi,", "", "go env", "GOPATH='/x'", "env", "where go", "go version",
                                       "which -a go", "", "", "\xff"]


def test_limited_says_what_it_left_out() -> None:
    text, note = paste.limited("x\n" * (paste.MAX_LINES + 10))
    assert len(paste.split_lines(text)) == paste.MAX_LINES and "50,000 lines" in (note or "")
    assert paste.limited("short") == ("short", None)


def test_decode_never_fails() -> None:
    assert paste.decode(b"\xef\xbb\xbfGOOS='linux'\xff") == "GOOS='linux'\ufffd"
    assert paste.decode("set GOOS=windows".encode("utf-16")) == "set GOOS=windows"


@pytest.mark.parametrize("version", REAL)
def test_go_env_text_and_json_of_real_toolchains_read_the_same(version: str) -> None:
    expected = json.loads(fixture(f"go{version}-go-env.json"))
    for name, style in ((f"go{version}-go-env.txt", "posix-single"), (f"go{version}-go-env.json", "json")):
        draft = read(fixture(name), goenv)
        assert draft.go_env == expected, name
        assert draft.go_env_style == style and draft.go_env_complete
        assert draft.host_os == "linux" and draft.host_os_shown


def test_shell_quoting_of_go_1_21_and_later() -> None:
    draft = read("GOFLAGS='-ldflags=-X main.who=it'\\''s'\nGOROOT='/usr/local/go'\n", goenv)
    assert draft.go_env == {"GOFLAGS": "-ldflags=-X main.who=it's", "GOROOT": "/usr/local/go"}


def test_double_quotes_before_go_1_21_are_raw() -> None:
    draft = read(fixture("go1.9-go-env-handwritten.txt"), goenv)
    assert draft.go_env_style == "posix-double" and draft.go_env["GOPATH"] == "/home/dev/go"
    assert "GOMOD" not in draft.go_env and "GOVERSION" not in draft.go_env and "GOTOOLCHAIN" not in draft.go_env
    assert draft.go_env_complete


def test_windows_set_escapes_only_from_go_1_21() -> None:
    new = read("set GOVERSION=go1.22.10\nset GOFLAGS=-ldflags=-X=a^&b 100%%\nset GOHOSTOS=windows\n", goenv)
    assert new.go_env["GOFLAGS"] == "-ldflags=-X=a&b 100%"
    old = read("set GOFLAGS=-ldflags=-X=a^&b\nset GOHOSTOS=windows\n", goenv)
    assert old.go_env["GOFLAGS"] == "-ldflags=-X=a^&b"
    draft = read(fixture("go1.15-windows-set-handwritten.txt"), goenv)
    assert draft.go_env["GOROOT"] == "C:\\Program Files\\Go" and draft.host_os == "windows"
    assert draft.go_env_style == "windows-set"


def test_truncated_json_keeps_its_complete_pairs() -> None:
    text = fixture("go1.27.3-go-env.json")
    cut = text[: text.index('"GOPROXY"') + 12]
    draft = read("here:\n" + cut, goenv)
    assert draft.go_env["GOPATH"] == "/home/dev/go" and "GOPROXY" not in draft.go_env
    assert not draft.go_env_complete  # GOROOT and the rest were cut off


def test_a_few_lines_are_not_a_whole_dump_and_the_host_is_inferred() -> None:
    draft = read("my settings:\nset GOPATH=C:\\Go\nset GOROOT=C:\\Go\n", goenv)
    assert draft.go_env == {"GOPATH": "C:\\Go", "GOROOT": "C:\\Go"}
    assert draft.go_env_complete is False and draft.host_os == "windows" and not draft.host_os_shown


def test_go_env_of_named_keys() -> None:
    draft = read("$ go env GOPATH GOROOT GOFLAGS\n/home/dev/go\n/usr/local/go\n\nthanks", goenv)
    assert draft.go_env == {"GOPATH": "/home/dev/go", "GOROOT": "/usr/local/go", "GOFLAGS": ""}
    assert draft.go_env_lines == {"GOPATH": 1, "GOROOT": 2, "GOFLAGS": 3}


def test_prose_is_not_a_dump() -> None:
    assert read('We set FOO="bar" and NAME=\'x\' in CI.\n', goenv).go_env == {}


@pytest.mark.parametrize("version", REAL)
def test_go_version_and_version_m_of_real_toolchains(version: str) -> None:
    draft = read(fixture(f"go{version}-go-version.txt"), versions)
    assert draft.go_version == f"go{version}" and draft.go_platform == ("linux", "amd64")
    draft = read(fixture(f"go{version}-go-version-m-go.txt"), versions)
    assert draft.go_version == f"go{version}" and draft.go_path == "/usr/local/go/bin/go"
    draft = read(fixture(f"go{version}-go-version-m-gopls-debian.txt"), versions)
    (gopls,) = draft.tools
    assert (gopls.name, gopls.path, gopls.go_version) == ("gopls", "/usr/bin/gopls", "go1.19.5")
    draft = read(fixture(f"go{version}-go-version-m-gopls-ecy.txt"), versions)
    (gopls,) = draft.tools
    assert (gopls.module_path, gopls.module_version, gopls.go_version) == ("golang.org/x/tools/gopls", "(devel)",
                                                                           "go1.17.9")


def test_version_m_pasted_with_spaces_for_tabs() -> None:
    text = fixture("go1.27.3-go-version-m-gopls-debian.txt").replace("\t", "    ")
    (gopls,) = read(text, versions).tools
    assert gopls.go_version == "go1.19.5"


@pytest.mark.parametrize(("name", "module_version", "built_with"), [
    ("gopls-debian-version.txt", "", None), ("gopls-debian-v-version.txt", "", "go1.19.5"),
    ("gopls-ecy-version.txt", "(devel)", None), ("gopls-ecy-v-version.txt", "(devel)", "go1.17.9")])
def test_gopls_version_of_real_gopls(name: str, module_version: str, built_with: str | None) -> None:
    (gopls,) = read(fixture(name), versions).tools
    assert (gopls.name, gopls.module_version, gopls.go_version) == ("gopls", module_version, built_with)


def test_old_gopls_version_and_released_one() -> None:
    text = "golang.org/x/tools/gopls v0.4.0\n    golang.org/x/tools/gopls@v0.4.0 h1:abc=\n"
    (gopls,) = read(text, versions).tools
    assert (gopls.module_version, gopls.go_version) == ("v0.4.0", None)


def test_gopls_bug_report_header() -> None:
    text = ("Describe what you observed.\n\ngopls version: v0.7.0 (go1.16.3)\ngopls flags:\nupdate flags: proxy\n"
            "extension version: 0.26.0\ngo version: go version go1.17.2 windows/amd64\n"
            "environment: Visual Studio Code win32\ninitialization error: undefined\n")
    draft = read(text, versions)
    (gopls,) = draft.tools
    assert (gopls.module_version, gopls.go_version) == ("v0.7.0", "go1.16.3")
    assert draft.go_version == "go1.17.2" and draft.host_os == "windows"


@pytest.mark.parametrize(("value", "expected"), [("1.21.5", "go1.21.5"), ("go1.22.0", "go1.22.0"),
                                               ("1.23rc1", "go1.23rc1"), ("unknown", None)])
def test_gopls_bug_report_header_with_a_bare_go_version(value: str, expected: str | None) -> None:
    draft = read(f"gopls version: v0.9.1 (go1.17.13)\ngopls flags:\ngo version: {value}\n", versions)
    assert draft.go_version == expected


def test_devel_go_version() -> None:
    draft = read("go version devel go1.24-abcdef1 Tue Jan 2 10:00:00 2024 +0000 darwin/arm64\n", versions)
    assert draft.go_version.startswith("devel go1.24") and draft.go_platform == ("darwin", "arm64")


@pytest.mark.parametrize(("text", "candidates"), [
    ("$ which -a go\n/usr/local/go/bin/go\n/usr/bin/go\n", ["/usr/local/go/bin/go", "/usr/bin/go"]),
    ("C:\\>where go\nC:\\Program Files\\Go\\bin\\go.exe\nC:\\Users\\dev\\sdk\\go1.22\\bin\\go.exe\n",
     ["C:\\Program Files\\Go\\bin\\go.exe", "C:\\Users\\dev\\sdk\\go1.22\\bin\\go.exe"]),
    ("$ type -a go\ngo is /home/dev/.asdf/shims/go\ngo is /usr/bin/go\n", ["/home/dev/.asdf/shims/go", "/usr/bin/go"]),
    ("$ command -v go\n/opt/homebrew/bin/go\n", ["/opt/homebrew/bin/go"]),
    ("PS C:\\> Get-Command go\n\nCommandType     Name      Version    Source\n"
     "-----------     ----      -------    ------\n"
     "Application     go.exe    0.0.0.0    C:\\Program Files\\Go\\bin\\go.exe\n",
     ["C:\\Program Files\\Go\\bin\\go.exe"]),
])
def test_where_go_is(text: str, candidates: list[str]) -> None:
    draft = read(text, which)
    assert draft.path_candidates == candidates and draft.go_path == candidates[0]


def test_path_lines() -> None:
    assert read("$ echo $PATH\n/usr/local/go/bin:/usr/bin\n", which).path_entries == ["/usr/local/go/bin", "/usr/bin"]
    draft = read("PS> $env:PATH\nC:\\Go\\bin;C:\\Windows\n", which)
    assert draft.path_entries == ["C:\\Go\\bin", "C:\\Windows"] and draft.host_os == "windows"
    assert read("the PATH=is wrong, I think\n", which).path_entries is None


def test_go_env_json_on_one_line() -> None:
    data = json.loads(fixture("go1.24.11-go-env.json"))
    draft = read(json.dumps(data) + "\n", goenv)
    assert draft.go_env == data and draft.go_env_complete and draft.go_env_style == "json"
