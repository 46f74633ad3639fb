"""GE602 path-relative-entry: empty, relative, ~ and unexpanded %VAR% PATH entries."""

from __future__ import annotations

from pathlib import Path

import pytest
import testbed
from factsbuilder import healthy
from ge6help import codes, go, only

from goenv_lsp.engine import evaluate
from goenv_lsp.rules.ge6_platform.ge602_path_relative_entry import check as GE602


def messages(*entries: str, os: str = "linux") -> list[str]:
    return [f.message for f in evaluate(healthy(os=os, path_entries=entries), rules=[GE602])]


def test_each_kind_of_entry() -> None:
    assert messages("/usr/bin", "", ".", "bin", "~/go/bin") == [
        "PATH entry 2 is empty, which means the current directory: a `go`, `git` or `gcc` in any directory you work "
        "in runs instead of the installed one (a stray `:` in PATH)",
        "PATH entry 3 `.` is relative to the current directory: a repository that contains ./go (or git, gcc …) "
        "chooses what runs when you work in it",
        "PATH entry 4 `bin` is relative to the current directory: a repository that contains bin/go (or git, gcc …) "
        "chooses what runs when you work in it",
        "PATH entry 5 `~/go/bin` starts with `~`, which only bash expands: the go command, editors and other "
        "programs cannot find anything in it; write $HOME instead"]


def test_an_unexpanded_shell_variable() -> None:
    assert messages("/usr/bin", "$HOME/go/bin") == [
        "PATH entry 2 `$HOME/go/bin` holds an unexpanded $HOME (single quotes in a shell profile keep it literal): "
        "nothing in it can be found"]


def test_windows_skips_empty_entries_and_quotes_and_knows_drive_letters() -> None:
    assert messages("C:\\Go\\bin", "", '"C:\\Program Files\\Go\\bin"', "D:\\tools", os="windows") == []
    assert messages("%GOPATH%\\bin", "tools", os="windows") == [
        "PATH entry 1 `%GOPATH%\\bin` holds an unexpanded %GOPATH%: Windows takes it literally, so nothing in it can "
        "be found",
        "PATH entry 2 `tools` is relative to the current directory: a repository that contains tools\\go (or git, "
        "gcc …) chooses what runs when you work in it"]


def test_unknown_path_is_quiet() -> None:
    assert evaluate(healthy(path_entries=None), rules=[GE602]) == []


@pytest.mark.realgo
def test_real_dot_on_path(workspace: Path, tmp_path: Path, go127: Path, go_env: testbed.EnvFactory,
                          check_real) -> None:
    env = go_env([".", go127 / "bin"])
    # the hijack: a `gcc` in the workspace; the go command itself refuses a hit found through "."
    gcc = workspace / "gcc"
    gcc.write_text("#!/bin/sh\necho hijacked\n")
    gcc.chmod(0o755)
    (workspace / "main.go").write_text('package main\n\n// int one(void) { return 1; }\nimport "C"\n\n'
                                       "func main() { println(C.one()) }\n")
    built = go(env, workspace, "build", ".", CGO_ENABLED="1")
    assert built.returncode == 1
    # not run: cmd/go's lookups skip what "." finds (os/exec ErrDot since Go 1.19), and the build fails instead
    assert built.stderr == ('# runtime/cgo\ncgo: C compiler "gcc" not found: exec: "gcc": executable file not found '
                            "in $PATH\n")
    finding = only(check_real(workspace, env)[1], "GE602")
    assert finding["message"].startswith("PATH entry 1 `.` is relative to the current directory")
    env["PATH"] = env["PATH"].removeprefix(".:")
    assert "GE602" not in codes(check_real(workspace, env)[1])
