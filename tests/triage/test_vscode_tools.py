"""vscode-go's "Go: Locate Configured Go Tools" report in each form (fixtures/vscode/, written after vscode-go's
getConfiguredGoTools; the go env part is the real go 1.22's output), and text that only looks like it."""

from __future__ import annotations

from pathlib import Path

import pytest

from goenv_lsp.triage import vscode_tools
from goenv_lsp.triage.draft import Draft

FIXTURES = Path(__file__).parent / "fixtures" / "vscode"


def read(text: str) -> Draft:
    draft = Draft(text)
    vscode_tools.read(text.splitlines(), draft)
    return draft


def fixture(name: str) -> Draft:
    return read((FIXTURES / name).read_text())


def tool(draft: Draft, name: str):
    [found] = [t for t in draft.tools if t.name == name]
    return found


@pytest.mark.parametrize("name", ["markdown-old-gopls.md", "markdown-spaces.md"])
def test_markdown_report_with_a_gopls_built_by_an_old_go(name: str):
    draft = fixture(name)
    gopls = tool(draft, "gopls")
    assert (gopls.path, gopls.installed, gopls.module_version, gopls.go_version) == (
        "/home/dev/go/bin/gopls", True, "v0.6.11", "go1.12.17")
    assert draft.text.splitlines()[gopls.span.start].strip().startswith("gopls:")
    assert tool(draft, "gotests").installed is False and tool(draft, "gotests").path is None
    assert tool(draft, "dlv").go_version == "go1.22.10"
    assert draft.tool_env == {"GOBIN": "", "toolsGopath": "", "gopath": "/home/dev/go", "GOROOT": "/usr/local/go",
                              "PATH": "/usr/local/go/bin:/home/dev/go/bin:/usr/local/bin:/usr/bin:/bin",
                              "workspaceFolder": "/home/dev/src/shop"}
    assert draft.path_entries == ["/usr/local/go/bin", "/home/dev/go/bin", "/usr/local/bin", "/usr/bin", "/bin"]
    assert (draft.go_version, draft.go_platform, draft.go_path) == ("go1.22.10", ("linux", "amd64"),
                                                                    "/usr/local/go/bin/go")
    [span] = draft.seen
    lines = draft.text.splitlines()
    assert span.what == "vscode-go tools" and lines[span.start] == "# Tools Configuration"
    assert lines[span.end].startswith("Workspace Folder")  # the go env dump after it is the go env reader's
    assert draft.go_env == {}


def test_output_channel_form():
    draft = fixture("output-channel.txt")
    assert [t.name for t in draft.tools] == ["go", "gopls", "dlv", "staticcheck"]
    gopls = tool(draft, "gopls")
    assert (gopls.module_version, gopls.go_version) == ("v0.4.4", "go1.14.15")
    staticcheck = tool(draft, "staticcheck")
    assert (staticcheck.installed, staticcheck.module_version, staticcheck.go_version) == (True, None, None)
    assert draft.tool_env["PATH (vscode launched with)"] == "/usr/bin:/bin"
    assert draft.path_entries[0] == "/home/dev/.local/bin"
    assert draft.tool_env["workspaceFolder"] == "/home/dev/src/shop"
    assert draft.text.splitlines()[draft.seen[0].end].startswith("Workspace Folder")


def test_oldest_form():
    draft = fixture("oldest.txt")
    assert {t.name: (t.path, t.installed) for t in draft.tools} == {
        "gocode": ("/home/dev/go/bin/gocode", True), "gopkgs": ("/home/dev/go/bin/gopkgs", True),
        "go-outline": (None, False), "guru": ("/home/dev/go/bin/guru", True), "dlv": (None, False),
        "gopls": ("/home/dev/go/bin/gopls", True)}
    assert all(t.go_version is None and t.module_version is None for t in draft.tools)
    assert draft.go_version is None


def test_windows_report():
    draft = fixture("windows.md")
    assert draft.tool_env["GOROOT"] == "C:\\Program Files\\Go"
    assert draft.path_entries == ["C:\\Program Files\\Go\\bin", "C:\\Users\\dev\\go\\bin", "C:\\Windows\\system32",
                                  "C:\\Windows"]
    assert draft.host_os == "windows"
    assert tool(draft, "go").path == "C:\\Program Files\\Go\\bin\\go.exe"
    assert draft.go_platform == ("windows", "amd64")
    assert tool(draft, "gopls").path == "C:\\Users\\dev\\go\\bin\\gopls.exe"


def test_old_go_prints_unknown_versions():
    draft = fixture("old-go.txt")
    gopls = tool(draft, "gopls")
    assert (gopls.installed, gopls.path, gopls.go_version) == (True, "/home/dev/go/bin/gopls", None)
    assert draft.go_version == "go1.16.15"


def test_report_within_prose_and_quotes_keeps_line_numbers():
    body = (FIXTURES / "output-channel.txt").read_text().splitlines()
    draft = read("\n".join(["I ran Locate Configured Go Tools:", "", *body, "", "Thanks!"]))
    assert draft.seen[0].start == 2
    assert tool(draft, "gopls").span.start == 2 + body.index("\tgopls:\t/home/dev/go/bin/gopls\t(version: v0.4.4 "
                                                             "built with go: go1.14.15)")


def test_what_other_readers_recorded_first_wins():
    draft = Draft("")
    draft.go_version, draft.path_entries = "go1.21.13", ["/opt/go/bin"]
    text = (FIXTURES / "markdown-old-gopls.md").read_text()
    vscode_tools.read(text.splitlines(), draft)
    assert (draft.go_version, draft.path_entries) == ("go1.21.13", ["/opt/go/bin"])


def test_heading_alone_or_truncated_report():
    assert read("# Tools Configuration\n").seen == []
    draft = read("Checking configured tools....\nGOBIN: undefined\ntoolsGopath: \ngopath: /home/dev/go\nGORO")
    assert draft.tool_env == {"GOBIN": "", "toolsGopath": "", "gopath": "/home/dev/go"}
    assert draft.path_entries is None


def test_report_without_its_heading():
    draft = read("GOBIN: undefined\ntoolsGopath: \ngopath: /home/dev/go\nGOROOT: /usr/local/go\n")
    assert draft.tool_env["GOROOT"] == "/usr/local/go"


PROSE = [
    "gopls: it crashed after I installed it",
    "GOROOT: I never set it.\nMy PATH: the usual",
    "dlv: not sure it is installed",
    "Tools:\n  gopls: latest, installed yesterday",
    "GOPATH: /home/dev/go\nGOROOT: /usr/local/go",  # `go env`-like prose, not the report's lower-case keys
]


@pytest.mark.parametrize("text", PROSE)
def test_prose_is_not_a_report(text: str):
    draft = read(text)
    assert draft.tools == [] and draft.seen == []


def test_prose_after_the_tools_ends_the_report():
    draft = read("Checking configured tools....\nGOBIN: undefined\ngopath: /home/dev/go\n\n"
                 "   gopls: /home/dev/go/bin/gopls installed\n"
                 "gopls: it crashed after I installed it\n")
    assert [t.name for t in draft.tools] == ["gopls"]


@pytest.mark.parametrize("text", ["", "\x00" * 100, "# Tools Configuration\n" * 1000, "GOBIN:\ngopath:\n" * 500,
                                  "\tgopls:\t/x\t(version: ", "Checking configured tools....\n\tgo:\t/x: go version",
                                  "\ud800 gopls: /x installed"])
def test_garbled_input_never_crashes(text: str):
    read(text)
