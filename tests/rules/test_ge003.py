"""GE003 binary-not-run: a go inside the untrusted workspace, or one that is not the go command, is never executed."""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

import factsbuilder as fb
import pytest
import testbed

from goenv_lsp.engine import evaluate
from goenv_lsp.facts import Facts, GoBinary, Refusal, Status
from goenv_lsp.model import Finding, Location, Range, Severity
from goenv_lsp.rules.ge0_internal.ge003_binary_skipped import check as GE003

MODULE_LINE = Location(f"{fb.ROOT}/go.mod", Range.of(0, 7, 22))
WORKSPACE_GO = f"{fb.ROOT}/tools/go"


def findings(facts: Facts) -> list[Finding]:
    return evaluate(facts, rules=[GE003])


def skipped(path: str = WORKSPACE_GO, origins: tuple[str, ...] = ("PATH",), path_index: int | None = 0) -> GoBinary:
    """What the probe records for a workspace go it did not run."""
    return GoBinary(path=path, real_path=path, origins=origins, path_index=path_index, in_workspace=True,
                    status=Status.SKIPPED, shim="script")


# ---------------------------------------------------------------------------------------------------------------
# recorded facts
# ---------------------------------------------------------------------------------------------------------------

def test_workspace_go_found_on_path_is_reported_on_the_module_line() -> None:
    [finding] = findings(fb.healthy(go_binaries=(skipped(), replace(fb.go_binary(), path_index=1))))
    assert (finding.code, finding.name, finding.severity) == ("GE003", "binary-not-run", Severity.INFO)
    assert finding.location == MODULE_LINE
    assert finding.message == (f"{WORKSPACE_GO} is inside the workspace (PATH) and was not run because the "
                               "workspace is not trusted")
    assert finding.fixes == ()
    assert finding.module is None  # machine-wide


def test_workspace_go_named_by_alternate_tools_is_reported_on_the_setting() -> None:
    settings = fb.settings(go_alternateTools_go="${workspaceFolder}/tools/go")
    facts = fb.healthy(vscode=settings, go_binaries=(fb.go_binary(),
                                                     skipped(origins=("go.alternateTools.go",), path_index=None)))
    [finding] = findings(facts)
    assert finding.location == Location(f"{fb.ROOT}/.vscode/settings.json", settings.get("go.alternateTools.go").range)
    assert "(go.alternateTools.go)" in finding.message


def test_workspace_go_on_path_and_in_a_setting_goes_on_the_setting() -> None:
    settings = fb.settings(go_goroot=f"{fb.ROOT}/sdk")
    binary = skipped(f"{fb.ROOT}/sdk/bin/go", origins=("PATH", "go.goroot"))
    [finding] = findings(fb.healthy(vscode=settings, go_binaries=(binary,)))
    assert finding.location.range == settings.get("go.goroot").range
    assert "(PATH, go.goroot)" in finding.message


def test_without_go_mod_the_finding_is_on_the_workspace() -> None:
    [finding] = findings(fb.healthy(go_mod=None, go_binaries=(skipped(),)))
    assert finding.location == Location(None)


def test_trusted_workspace_go_that_ran_is_quiet() -> None:
    ran = replace(fb.go_binary(root=f"{fb.ROOT}/sdk"), in_workspace=True)
    assert findings(fb.healthy(go_binaries=(ran,))) == []


@pytest.mark.parametrize("status", [Status.MISSING, Status.FAILED, Status.NOT_EXECUTABLE, Status.OK])
def test_other_statuses_are_not_this_rules_business(status: Status) -> None:
    assert findings(fb.healthy(go_binaries=(replace(skipped(), status=status),))) == []


def test_healthy_and_unknown_facts_give_nothing() -> None:
    assert findings(fb.healthy()) == []
    assert findings(Facts()) == []


# ---------------------------------------------------------------------------------------------------------------
# real: a workspace `go` that would leave a marker file if anything executed it
# ---------------------------------------------------------------------------------------------------------------

def planted_go(directory: Path, marker: Path, real_go: Path) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    script = directory / "go"
    script.write_text(f'#!/bin/sh\necho "$@" >> "{marker}"\nexec "{real_go}" "$@"\n')
    script.chmod(0o755)
    return script


def module_workspace(tmp_path: Path) -> Path:
    ws = tmp_path / "ws"
    ws.mkdir()
    (ws / "go.mod").write_text("module example.com/app\n\ngo 1.27.3\n")
    return ws


@pytest.mark.realgo
def test_go_on_a_path_entry_inside_the_workspace_is_not_executed(go127: Path, go_env: testbed.EnvFactory,
                                                                 check_real, tmp_path: Path) -> None:
    ws = module_workspace(tmp_path)
    marker = tmp_path / "executed"
    script = planted_go(ws / "bin", marker, go127 / "bin/go")
    _, report = check_real(ws, go_env([ws / "bin", go127 / "bin"]))
    assert not marker.exists()
    [finding] = [f for f in report["findings"] if f["code"] == "GE003"]
    assert finding["severity"] == "info" and finding["path"] == "go.mod"
    assert finding["range"] == {"start": {"line": 0, "character": 7}, "end": {"line": 0, "character": 22}}
    assert finding["message"] == (f"{script} is inside the workspace (PATH) and was not run because the workspace "
                                  "is not trusted")
    assert finding["fixes"] == []


@pytest.mark.realgo
@pytest.mark.parametrize("entry", ["", ".", "bin"], ids=["empty", "dot", "relative"])
def test_relative_path_entries_resolve_into_the_workspace(entry: str, go127: Path, go_env: testbed.EnvFactory,
                                                          probe_real, tmp_path: Path) -> None:
    ws = module_workspace(tmp_path)
    marker = tmp_path / "executed"
    planted_go(ws / "bin" if entry == "bin" else ws, marker, go127 / "bin/go")
    facts = probe_real(ws, go_env([entry, go127 / "bin"]))
    assert not marker.exists()
    [finding] = findings(facts)
    assert "is inside the workspace (PATH)" in finding.message


@pytest.mark.realgo
def test_alternate_tools_go_inside_the_workspace_is_not_executed(go127: Path, go_env: testbed.EnvFactory,
                                                                 probe_real, tmp_path: Path) -> None:
    ws = module_workspace(tmp_path)
    marker = tmp_path / "executed"
    planted_go(ws / "tools", marker, go127 / "bin/go")
    (ws / ".vscode").mkdir()
    text = '{\n  "go.alternateTools": {"go": "${workspaceFolder}/tools/go"}\n}\n'
    (ws / ".vscode/settings.json").write_text(text)
    facts = probe_real(ws, go_env([go127 / "bin"]))
    assert not marker.exists()
    [finding] = findings(facts)
    column = text.split("\n")[1].index('"${workspaceFolder}')
    assert finding.location == Location(str(ws / ".vscode/settings.json"),
                                        Range.of(1, column, column + len('"${workspaceFolder}/tools/go"')))
    assert finding.message.startswith(f"{ws}/tools/go is inside the workspace (go.alternateTools.go)")


@pytest.mark.realgo
def test_trusted_workspace_go_is_executed(go127: Path, go_env: testbed.EnvFactory, check_real, probe_real,
                                          tmp_path: Path) -> None:
    """Trust lets a go inside the workspace run — a real go command, never a script standing in for one."""
    ws = module_workspace(tmp_path)
    marker = tmp_path / "executed"
    planted_go(ws / "scripts", marker, go127 / "bin/go")
    (ws / "bin").mkdir()
    shutil.copy2(go127 / "bin/go", ws / "bin/go")
    env = go_env([ws / "bin", ws / "scripts", go127 / "bin"], GOROOT=go127)
    facts = probe_real(ws, env, trusted=True)
    by_path = {b.path: b for b in facts.go_binaries}
    assert by_path[str(ws / "bin/go")].status is Status.OK and by_path[str(ws / "bin/go")].version == "go1.27.3"
    assert by_path[str(ws / "scripts/go")].refused is Refusal.NOT_GO
    _, report = check_real(ws, env, "--trust-workspace")
    assert not marker.exists()
    assert [f["message"] for f in report["findings"] if f["code"] == "GE003"] == [
        f"{ws}/scripts/go (PATH) is not the go command (a script (#!/bin/sh)): goenv-lsp did not run it"]
