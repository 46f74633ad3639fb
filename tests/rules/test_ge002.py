"""GE002 malformed-file: a go.mod, go.work, settings.json or workspace.xml that cannot be read or parsed."""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

import factsbuilder as fb
import pytest
import testbed

from goenv_lsp.engine import evaluate
from goenv_lsp.facts import Facts, FileProblem, IdeaFacts, ModFileFacts, SettingsFacts, Status
from goenv_lsp.model import Finding, Location, Range, Severity
from goenv_lsp.rules.ge002_malformed_file import check as GE002

GO_MOD = f"{fb.ROOT}/go.mod"
GO_WORK = f"{fb.ROOT}/go.work"
SETTINGS = f"{fb.ROOT}/.vscode/settings.json"
WORKSPACE_XML = f"{fb.ROOT}/.idea/workspace.xml"


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
    bad = problem("go.mod:3: invalid go version '1.22.x': must match format 1.23.0", 2, 3, 9)
    facts = fb.healthy(go_mod=replace(fb.go_mod(), status=Status.MALFORMED, problems=(bad,)))
    [finding] = findings(facts)
    assert (finding.code, finding.name, finding.severity) == ("GE002", "malformed-file", Severity.ERROR)
    assert finding.location == Location(GO_MOD, Range.of(2, 3, 9))
    assert finding.message == "go.mod:3: invalid go version '1.22.x': must match format 1.23.0"
    assert finding.fixes == ()


def test_go_work_syntax_error_is_an_error() -> None:
    bad = problem("go.work:5: syntax error (unterminated block started at go.work:3:1)", 2, 0, 3)
    work = ModFileFacts(GO_WORK, "go.work", Status.MALFORMED, problems=(bad,))
    [finding] = findings(fb.healthy(go_work=work))
    assert finding.severity is Severity.ERROR
    assert finding.location == Location(GO_WORK, Range.of(2, 0, 3))


def test_settings_syntax_error_is_a_warning() -> None:
    bad = problem("settings.json:4:3: unexpected content after the end of the top-level value, found 'x'", 3, 2, 3)
    settings = replace(fb.settings(go_goroot="/x"), status=Status.MALFORMED, problems=(bad,))
    [finding] = findings(fb.healthy(vscode=settings))
    assert finding.severity is Severity.WARNING
    assert finding.location == Location(SETTINGS, Range.of(3, 2, 3))


def test_workspace_xml_error_is_a_warning() -> None:
    bad = problem("workspace.xml:5:12: the file ends inside <project> (truncated?)", 4, 11)
    [finding] = findings(fb.healthy(idea=IdeaFacts(WORKSPACE_XML, Status.MALFORMED, (bad,))))
    assert finding.severity is Severity.WARNING
    assert finding.location == Location(WORKSPACE_XML, Range.of(4, 11))


def test_every_problem_of_a_file_is_reported() -> None:
    problems = (problem("settings.json:2:5: a", 1, 4, 5), problem("settings.json:7:1: b", 6, 0, 1))
    settings = SettingsFacts(SETTINGS, Status.MALFORMED, problems)
    assert [f.location.range.start.line for f in findings(fb.healthy(vscode=settings))] == [1, 6]


def test_problem_without_a_position_goes_to_the_start_of_the_file() -> None:
    unreadable = SettingsFacts(SETTINGS, Status.UNREADABLE, (FileProblem("cannot read the file: is a directory"),))
    [finding] = findings(fb.healthy(vscode=unreadable))
    assert finding.location == Location(SETTINGS, Range.of(0, 0))
    assert finding.message == "cannot read the file: is a directory"


@pytest.mark.parametrize("status", [Status.UNREADABLE, Status.MALFORMED])
def test_file_that_is_not_ok_without_problems_still_gets_a_finding(status: Status) -> None:
    [finding] = findings(fb.healthy(go_mod=ModFileFacts(GO_MOD, "go.mod", status)))
    assert finding.message == f"cannot use the file ({status.value})"
    assert finding.location == Location(GO_MOD, Range.of(0, 0))


def test_all_four_files_at_once() -> None:
    bad = (FileProblem("broken"),)
    facts = fb.healthy(go_mod=ModFileFacts(GO_MOD, "go.mod", Status.MALFORMED, bad),
                       go_work=ModFileFacts(GO_WORK, "go.work", Status.MALFORMED, bad),
                       vscode=SettingsFacts(SETTINGS, Status.MALFORMED, bad),
                       idea=IdeaFacts(WORKSPACE_XML, Status.UNREADABLE, bad))
    got = {(f.location.path, f.severity) for f in findings(facts)}
    assert got == {(GO_MOD, Severity.ERROR), (GO_WORK, Severity.ERROR), (SETTINGS, Severity.WARNING),
                   (WORKSPACE_XML, Severity.WARNING)}


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
    assert finding.message == "go.mod:3: invalid go version '1.22.x': must match format 1.23.0"
    assert "GE120" in {f.code for f in evaluate(facts)}  # the other rules still run


@pytest.mark.realgo
def test_go_mod_with_binary_junk(go127: Path, go_env: testbed.EnvFactory, probe_real, tmp_path: Path) -> None:
    ws = workspace(tmp_path, b"module example.com/app\n\ngo 1.27.3\n\x00\x01\xff\xfe junk\n")
    [finding] = ge002(probe_real(ws, go_env([go127 / "bin"])))
    assert finding.location.path == str(ws / "go.mod") and finding.location.range.start.line == 3
    assert finding.message.startswith("go.mod:4:")


@pytest.mark.realgo
def test_go_work_with_an_unterminated_block(go127: Path, go_env: testbed.EnvFactory, probe_real,
                                            tmp_path: Path) -> None:
    ws = workspace(tmp_path)
    write(ws, "go.work", b"go 1.27.3\n\nuse (\n\t./a\n")
    [finding] = ge002(probe_real(ws, go_env([go127 / "bin"])))
    assert finding.severity is Severity.ERROR
    assert finding.location == Location(str(ws / "go.work"), Range.of(2, 0, 3))
    assert finding.message == "go.work:5: syntax error (unterminated block started at go.work:3:1)"


@pytest.mark.realgo
def test_settings_with_trailing_garbage_still_yield_the_goroot_mismatch(
        go127: Path, go122: Path, go_env: testbed.EnvFactory, probe_real, tmp_path: Path) -> None:
    ws = workspace(tmp_path)
    write(ws, ".vscode/settings.json", f'{{\n  "go.goroot": "{go122}",\n}} trailing\n'.encode())
    facts = probe_real(ws, go_env([go127 / "bin"]))
    [finding] = ge002(facts)
    assert finding.severity is Severity.WARNING
    assert finding.location == Location(str(ws / ".vscode/settings.json"), Range.of(2, 2, 10))
    assert finding.message == "settings.json:3:3: unexpected content after the end of the top-level value, found " \
                              "'trailing'"
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
    assert finding.message == "settings.json:3:11: expected a value, found ','"
    assert [f.code for f in evaluate(facts) if f.location.path == str(ws / ".vscode/settings.json")] == \
        ["GE302", "GE002"]


@pytest.mark.realgo
def test_settings_that_are_not_utf8(go127: Path, go_env: testbed.EnvFactory, probe_real, tmp_path: Path) -> None:
    ws = workspace(tmp_path)
    write(ws, ".vscode/settings.json", b'{\n  "editor.fontFamily": "caf\xe9"\n}\n')
    [finding] = ge002(probe_real(ws, go_env([go127 / "bin"])))
    assert finding.location == Location(str(ws / ".vscode/settings.json"), Range.of(1, 27))
    assert finding.message.startswith("settings.json:2:28: invalid UTF-8")


@pytest.mark.realgo
def test_truncated_workspace_xml(go127: Path, go122: Path, go_env: testbed.EnvFactory, probe_real,
                                 tmp_path: Path) -> None:
    ws = workspace(tmp_path)
    write(ws, ".idea/workspace.xml", (f'<?xml version="1.0"?>\n<project version="4">\n'
                                      f'  <component name="GOROOT" url="file://{go122}" />\n').encode())
    [finding] = ge002(probe_real(ws, go_env([go127 / "bin"])))
    assert finding.severity is Severity.WARNING
    assert finding.location == Location(str(ws / ".idea/workspace.xml"), Range.of(3, 0))
    assert finding.message == "workspace.xml:4:1: the file ends inside <project> (truncated?)"


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
@pytest.mark.skipif(os.geteuid() == 0, reason="root reads a chmod 000 file anyway; the directory case covers it")
def test_settings_without_read_permission(go127: Path, go_env: testbed.EnvFactory, probe_real,
                                          tmp_path: Path) -> None:
    ws = workspace(tmp_path)
    write(ws, ".vscode/settings.json", b"{}").chmod(0)
    [finding] = ge002(probe_real(ws, go_env([go127 / "bin"])))
    assert finding.message == "cannot read the file: Permission denied"
