"""GE205 gopath-in-project-or-temp: GOPATH / GOMODCACHE is the project, inside it, or in a temporary directory."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
import testbed
from factsbuilder import HOME, ROOT, env_file, healthy

from goenv_lsp.engine import evaluate
from goenv_lsp.model import Severity
from goenv_lsp.rules.ge2_modules.ge205_gopath_in_project_or_temp import check as GE205


def run(facts):
    return evaluate(facts, rules=[GE205])


def with_env(**env: str):
    return healthy(env={"HOME": HOME, **env})


def test_gopath_is_the_module_root() -> None:
    [finding] = run(with_env(GOPATH=ROOT))
    assert (finding.code, finding.severity) == ("GE205", Severity.WARNING)
    assert "`go: warning: ignoring go.mod in $GOPATH /work/app`" in finding.message


def test_gopath_inside_the_workspace_from_the_goenv_file_has_a_fix() -> None:
    [finding] = run(healthy(user_env_file=env_file(GOPATH=f"{ROOT}/.gopath")))
    assert finding.message.startswith(f"GOPATH entry {ROOT}/.gopath from GOENV file")
    assert finding.fixes[0].title == "Remove GOPATH from the GOENV file"


@pytest.mark.parametrize(("env", "temp"), [({"GOPATH": "/tmp/go"}, "/tmp"),
                                           ({"GOPATH": "/home/dev/go:/var/tmp/go"}, "/var/tmp"),
                                           ({"GOMODCACHE": "/scratch/mod", "TMPDIR": "/scratch"}, "/scratch")])
def test_temporary_directories_are_info(env: dict, temp: str) -> None:
    [finding] = run(with_env(**env))
    assert finding.severity is Severity.INFO
    assert f"is in the temporary directory {temp}:" in finding.message


def test_windows_temp() -> None:
    facts = healthy(os="windows", root="C:\\src\\app", home="C:\\Users\\me",
                    env={"USERPROFILE": "C:\\Users\\me", "LOCALAPPDATA": "C:\\Users\\me\\AppData\\Local",
                         "GOPATH": "C:\\Users\\Me\\AppData\\Local\\Temp\\go"})
    [finding] = run(facts)
    assert "temporary directory C:\\Users\\me\\AppData\\Local\\Temp" in finding.message


@pytest.mark.parametrize("env", [{}, {"GOPATH": f"{HOME}/go"}, {"GOPATH": "/srv/go"}])
def test_quiet(env: dict) -> None:
    assert run(with_env(**env)) == []


def test_a_home_in_a_temporary_directory_is_a_sandbox() -> None:
    assert run(healthy(home="/tmp/ci/home", env={"HOME": "/tmp/ci/home", "GOPATH": "/tmp/ci/home/go"})) == []


# --- real toolchains


@pytest.mark.realgo
def test_real_gopath_is_the_module(workspace: Path, go127: Path, go_env: testbed.EnvFactory, check_real) -> None:
    env = go_env([go127 / "bin"], GOPATH=workspace, GOMODCACHE=None)
    tidy = subprocess.run(["go", "mod", "tidy"], cwd=workspace, env=env, capture_output=True, text=True, timeout=120)
    assert (tidy.returncode, tidy.stderr) == (1, f"go: warning: ignoring go.mod in $GOPATH {workspace}\n"
                                                 "go: go.mod file not found in current directory or any parent "
                                                 "directory; see 'go help modules'\n")
    _, report = check_real(workspace, env)
    [finding] = [f for f in report["findings"] if f["code"] == "GE205"]
    assert f"`go: warning: ignoring go.mod in $GOPATH {workspace}`" in finding["message"]
