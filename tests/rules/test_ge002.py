"""GE002 malformed-file: a go.mod, go.work, settings.json, workspace.xml, GOENV file or go.env that cannot be read
or parsed."""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

import factsbuilder as fb
import pytest
import testbed

from goenv_lsp.engine import evaluate
from goenv_lsp.facts import Facts, FileProblem, Status
from goenv_lsp.files.go_mod import ModFileFacts
from goenv_lsp.model import Finding, Location, Range, Severity
from goenv_lsp.rules.ge0_internal.ge002_malformed_file import check as GE002

GO_MOD = f"{fb.ROOT}/go.mod"
GO_WORK = f"{fb.ROOT}/go.work"
SETTINGS = fb.SETTINGS
WORKSPACE_XML = fb.WORKSPACE_XML
GOENV = f"{fb.HOME}/.config/go/env"
GO_ENV = "/usr/local/go1.27.3/go.env"


def findings(facts: Facts) -> list[Finding]:
    return evaluate(facts, rules=[GE002])


def problem(message: str, line: int, start: int, end: int | None = None) -> FileProblem:
    return FileProblem(message, Range.of(line, start, end))


# ---------------------------------------------------------------------------------------------------------------
# recorded facts
# ---------------------------------------------------------------------------------------------------------------

def test_healthy_files_give_nothing() -> None:
    assert findings(fb.healthy()) == []
    assert findings(fb.healthy(vscode=fb.settings(go_goroot="/x"))) == []
    assert findings(Facts()) == []


def test_go_mod_syntax_error_is_an_error_at_its_position() -> None:
    bad = problem("invalid go version '1.22.x': must match format 1.23.0", 2, 3, 9)
    facts = fb.healthy(go_mod=fb.go_mod(status=Status.MALFORMED, problems=(bad,)))
    [finding] = findings(facts)
    assert (finding.code, finding.name, finding.severity) == ("GE002", "malformed-file", Severity.ERROR)
    assert finding.location == Location(GO_MOD, Range.of(2, 3, 9))
    assert finding.message == "invalid go version '1.22.x': must match format 1.23.0"
    assert finding.fixes == ()
    assert finding.module == GO_MOD


def test_go_work_syntax_error_is_an_error() -> None:
    bad = problem("syntax error (unterminated block started at go.work:3:1)", 2, 0, 3)
    work = fb.go_work(status=Status.MALFORMED, problems=(bad,))
    [finding] = findings(fb.healthy(go_work=work))
    assert finding.severity is Severity.ERROR
    assert finding.location == Location(GO_WORK, Range.of(2, 0, 3))


def test_settings_syntax_error_is_a_warning() -> None:
    bad = problem("unexpected content after the end of the top-level value, found 'x'", 3, 2, 3)
    settings = replace(fb.settings(go_goroot="/x"), status=Status.MALFORMED, problems=(bad,))
    [finding] = findings(fb.healthy(vscode=settings))
    assert finding.severity is Severity.WARNING
    assert finding.location == Location(SETTINGS, Range.of(3, 2, 3))


def test_workspace_xml_error_is_a_warning() -> None:
    bad = problem("the file ends inside <project> (truncated?)", 4, 11)
    [finding] = findings(fb.healthy(idea=fb.goland(status=Status.MALFORMED, problems=(bad,))))
    assert finding.severity is Severity.WARNING
    assert finding.location == Location(WORKSPACE_XML, Range.of(4, 11))


def test_every_problem_of_a_file_is_reported() -> None:
    problems = (problem("a", 1, 4, 5), problem("b", 6, 0, 1))
    settings = fb.settings_of(status=Status.MALFORMED, problems=problems)
    assert [f.location.range.start.line for f in findings(fb.healthy(vscode=settings))] == [1, 6]


def test_problem_without_a_position_goes_to_the_start_of_the_file() -> None:
    problems = (FileProblem("cannot read the file: is a directory"),)
    unreadable = fb.settings_of(status=Status.UNREADABLE, problems=problems)
    [finding] = findings(fb.healthy(vscode=unreadable))
    assert finding.location == Location(SETTINGS, Range.of(0, 0))
    assert finding.message == "cannot read the file: is a directory"


@pytest.mark.parametrize("status", [Status.UNREADABLE, Status.MALFORMED])
def test_file_that_is_not_ok_without_problems_still_gets_a_finding(status: Status) -> None:
    [finding] = findings(fb.healthy(go_mod=ModFileFacts(path=GO_MOD, kind="go.mod", status=status)))
    assert finding.message == f"cannot use the file ({status.value})"
    assert finding.location == Location(GO_MOD, Range.of(0, 0))


def test_env_files_are_checked_too() -> None:
    problems = (FileProblem("cannot read the file: is a directory"),)
    facts = fb.healthy(user_env_file=fb.env_file_of(GOENV, Status.UNREADABLE),
                       goroot_env_file=replace(fb.env_file_of(GO_ENV, Status.UNREADABLE), problems=problems))
    got = {(f.location, f.severity, f.message, f.module) for f in findings(facts)}
    assert got == {(Location(GOENV, Range.of(0, 0)), Severity.WARNING, "cannot use the file (unreadable)", None),
                   (Location(GO_ENV, Range.of(0, 0)), Severity.WARNING, "cannot read the file: is a directory", None)}


def test_a_missing_env_file_is_not_malformed() -> None:
    assert findings(fb.healthy(user_env_file=fb.env_file_of(GOENV, Status.MISSING))) == []


def test_every_kind_at_once() -> None:
    bad = (FileProblem("broken"),)
    facts = fb.healthy(go_mod=fb.go_mod(status=Status.MALFORMED, problems=bad),
                       go_work=fb.go_work(status=Status.MALFORMED, problems=bad),
                       vscode=fb.settings_of(status=Status.MALFORMED, problems=bad),
                       idea=fb.goland(status=Status.UNREADABLE, problems=bad),
                       user_env_file=replace(fb.env_file_of(GOENV, Status.UNREADABLE), problems=bad),
                       goroot_env_file=replace(fb.env_file_of(GO_ENV, Status.UNREADABLE), problems=bad))
    got = {(f.location.path, f.severity) for f in findings(facts)}
    assert got == {(GO_MOD, Severity.ERROR), (GO_WORK, Severity.ERROR), (SETTINGS, Severity.WARNING),
                   (WORKSPACE_XML, Severity.WARNING), (GOENV, Severity.WARNING), (GO_ENV, Severity.WARNING)}


# ---------------------------------------------------------------------------------------------------------------
# real files, probed with a real go
# ---------------------------------------------------------------------------------------------------------------

def workspace(tmp_path: Path, go_mod: bytes = b"module example.com/app\n\ngo 1.27.3\n") -> Path:
    ws = tmp_path / "ws"
    ws.mkdir()
    (ws / "go.mod").write_bytes(go_mod)
    return ws


def write(ws: Path, name: str, data: bytes) -> Path:
    path = ws / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def ge002(facts: Facts) -> list[Finding]:
    return [f for f in evaluate(facts) if f.code == "GE002"]


@pytest.mark.realgo
def test_go_mod_with_a_bad_go_version(go127: Path, go_env: testbed.EnvFactory, probe_real, tmp_path: Path) -> None:
    ws = workspace(tmp_path, b"module example.com/app\n\ngo 1.22.x\n")
    facts = probe_real(ws, go_env([go127 / "bin"]))
    [finding] = ge002(facts)
    assert finding.severity is Severity.ERROR
    assert finding.location == Location(str(ws / "go.mod"), Range.of(2, 3, 9))
    assert finding.message == "invalid go version '1.22.x': must match format 1.23.0"
    assert "GE120" in {f.code for f in evaluate(facts)}  # the other rules still run


@pytest.mark.realgo
def test_go_mod_with_binary_junk(go127: Path, go_env: testbed.EnvFactory, probe_real, tmp_path: Path) -> None:
    ws = workspace(tmp_path, b"module example.com/app\n\ngo 1.27.3\n\x00\x01\xff\xfe junk\n")
    [finding] = ge002(probe_real(ws, go_env([go127 / "bin"])))
    assert finding.location.path == str(ws / "go.mod") and finding.location.range.start.line == 3
    assert finding.message == "invalid UTF-8 encoding"


@pytest.mark.realgo
def test_go_work_with_an_unterminated_block(go127: Path, go_env: testbed.EnvFactory, probe_real,
                                            tmp_path: Path) -> None:
    ws = workspace(tmp_path)
    write(ws, "go.work", b"go 1.27.3\n\nuse (\n\t./a\n")
    [finding] = ge002(probe_real(ws, go_env([go127 / "bin"])))
    assert finding.severity is Severity.ERROR
    assert finding.location == Location(str(ws / "go.work"), Range.of(2, 0, 3))
    assert finding.message == "syntax error (unterminated block started at go.work:3:1)"


@pytest.mark.realgo
def test_settings_with_trailing_garbage_still_yield_the_goroot_mismatch(
        go127: Path, go122: Path, go_env: testbed.EnvFactory, probe_real, tmp_path: Path) -> None:
    ws = workspace(tmp_path)
    write(ws, ".vscode/settings.json", f'{{\n  "go.goroot": "{go122}",\n}} trailing\n'.encode())
    facts = probe_real(ws, go_env([go127 / "bin"]))
    [finding] = ge002(facts)
    assert finding.severity is Severity.WARNING
    assert finding.location == Location(str(ws / ".vscode/settings.json"), Range.of(2, 2, 10))
    assert finding.message == "unexpected content after the end of the top-level value, found 'trailing'"
    [mismatch] = [f for f in evaluate(facts) if f.code == "GE302"]
    assert mismatch.location.range == Range.of(1, 15, 17 + len(str(go122)))


@pytest.mark.realgo
def test_settings_with_an_error_after_the_goroot_line(go127: Path, go122: Path, go_env: testbed.EnvFactory,
                                                      probe_real, tmp_path: Path) -> None:
    ws = workspace(tmp_path)
    write(ws, ".vscode/settings.json", f'{{\n  "go.goroot": "{go122}",\n  "x": [1,, 2],\n}}\n'.encode())
    facts = probe_real(ws, go_env([go127 / "bin"]))
    [finding] = ge002(facts)
    assert finding.location.range == Range.of(2, 10, 11)
    assert finding.message == "expected a value, found ','"
    assert [f.code for f in evaluate(facts) if f.location.path == str(ws / ".vscode/settings.json")] == \
        ["GE302", "GE002"]


@pytest.mark.realgo
def test_settings_that_are_not_utf8(go127: Path, go_env: testbed.EnvFactory, probe_real, tmp_path: Path) -> None:
    ws = workspace(tmp_path)
    write(ws, ".vscode/settings.json", b'{\n  "editor.fontFamily": "caf\xe9"\n}\n')
    [finding] = ge002(probe_real(ws, go_env([go127 / "bin"])))
    assert finding.location == Location(str(ws / ".vscode/settings.json"), Range.of(1, 27))
    assert finding.message.startswith("invalid UTF-8")


@pytest.mark.realgo
def test_truncated_workspace_xml(go127: Path, go122: Path, go_env: testbed.EnvFactory, probe_real,
                                 tmp_path: Path) -> None:
    ws = workspace(tmp_path)
    write(ws, ".idea/workspace.xml", (f'<?xml version="1.0"?>\n<project version="4">\n'
                                      f'  <component name="GOROOT" url="file://{go122}" />\n').encode())
    [finding] = ge002(probe_real(ws, go_env([go127 / "bin"])))
    assert finding.severity is Severity.WARNING
    assert finding.location == Location(str(ws / ".idea/workspace.xml"), Range.of(3, 0))
    assert finding.message == "the file ends inside <project> (truncated?)"


@pytest.mark.realgo
def test_binary_workspace_xml(go127: Path, go_env: testbed.EnvFactory, probe_real, tmp_path: Path) -> None:
    ws = workspace(tmp_path)
    write(ws, ".idea/workspace.xml", bytes(range(256)) * 4)
    [finding] = ge002(probe_real(ws, go_env([go127 / "bin"])))
    assert finding.location == Location(str(ws / ".idea/workspace.xml"), Range.of(0, 0))
    assert "binary data" in finding.message


@pytest.mark.realgo
@pytest.mark.parametrize("name", [".vscode/settings.json", ".idea/workspace.xml"])
def test_directory_in_place_of_a_file_is_reported_without_crashing(
        name: str, go127: Path, go_env: testbed.EnvFactory, check_real, tmp_path: Path) -> None:
    ws = workspace(tmp_path)
    (ws / name).mkdir(parents=True)
    _, report = check_real(ws, go_env([go127 / "bin"]))
    [finding] = [f for f in report["findings"] if f["code"] == "GE002"]
    assert finding["path"] == name and finding["severity"] == "warning"
    assert finding["range"]["start"] == {"line": 0, "character": 0}
    assert finding["message"] == "cannot read the file: is a directory"
    assert "GE120" in {f["code"] for f in report["findings"]}  # the other rules still ran


@pytest.mark.realgo
def test_goenv_file_that_is_a_directory(go127: Path, go_env: testbed.EnvFactory, probe_real, tmp_path: Path) -> None:
    ws = workspace(tmp_path)
    env = go_env([go127 / "bin"])
    Path(env["GOENV"]).mkdir(parents=True)
    [finding] = ge002(probe_real(ws, env))
    assert finding.severity is Severity.WARNING
    assert finding.location == Location(env["GOENV"], Range.of(0, 0))
    assert finding.message == "cannot read the file: is a directory"
    assert finding.module is None


@pytest.mark.realgo
@pytest.mark.skipif(os.geteuid() == 0, reason="root reads a chmod 000 file anyway; the directory case covers it")
def test_settings_without_read_permission(go127: Path, go_env: testbed.EnvFactory, probe_real,
                                          tmp_path: Path) -> None:
    ws = workspace(tmp_path)
    write(ws, ".vscode/settings.json", b"{}").chmod(0)
    [finding] = ge002(probe_real(ws, go_env([go127 / "bin"])))
    assert finding.message == "cannot read the file: Permission denied"
