"""GE206 gopath-several-entries: go writes to the first GOPATH entry only."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
import testbed
from factsbuilder import HOME, env_file, healthy

from goenv_lsp.engine import evaluate
from goenv_lsp.model import Severity
from goenv_lsp.rules.ge2_modules.ge206_gopath_several_entries import check as GE206


def run(facts):
    return evaluate(facts, rules=[GE206])


def test_two_entries() -> None:
    [finding] = run(healthy(env={"HOME": HOME, "GOPATH": f"{HOME}/go:{HOME}/work"}))
    assert (finding.code, finding.severity) == ("GE206", Severity.INFO)
    assert finding.message == (f"GOPATH from the environment variable GOPATH has 2 entries: go install writes to "
                               f"{HOME}/go/bin and the module cache lives in {HOME}/go/pkg/mod; the others "
                               f"({HOME}/work) are only searched in GOPATH mode, and tools in their bin directories "
                               "are never updated")


def test_gobin_and_gomodcache_are_named_when_set() -> None:
    [finding] = run(healthy(env={"HOME": HOME, "GOPATH": "/a:/b:/c", "GOBIN": "/bin2"},
                            user_env_file=env_file(GOMODCACHE="/cache")))
    assert "go install writes to GOBIN /bin2 and the module cache lives in GOMODCACHE /cache; the others (/b, /c)" \
        in finding.message


@pytest.mark.parametrize("gopath", ["", f"{HOME}/go", f"{HOME}/go:", f":{HOME}/go"])
def test_one_entry_is_quiet(gopath: str) -> None:
    assert run(healthy(env={"HOME": HOME, "GOPATH": gopath})) == []


def test_windows_separator() -> None:
    facts = healthy(os="windows", env={"USERPROFILE": "C:\\Users\\me", "GOPATH": "C:\\go;D:\\go"})
    [finding] = run(facts)
    assert "2 entries" in finding.message and "C:\\go\\bin" in finding.message


# --- real toolchains


@pytest.mark.realgo
def test_real_go_install_writes_to_the_first_entry(workspace: Path, go127: Path, go_env: testbed.EnvFactory,
                                                    tmp_path: Path) -> None:
    first, second = tmp_path / "first", tmp_path / "second"
    env = go_env([go127 / "bin"], GOPATH=f"{first}:{second}", GOMODCACHE=None)
    shown = subprocess.run(["go", "env", "GOMODCACHE"], env=env, capture_output=True, text=True, timeout=60)
    assert shown.stdout == f"{first}/pkg/mod\n"
    (workspace / "main.go").write_text("package main\n\nfunc main() {}\n")
    installed = subprocess.run(["go", "install", "-n", "."], cwd=workspace, env=env, capture_output=True, text=True,
                               timeout=120)
    assert installed.returncode == 0
    assert f"{first}/bin/app" in installed.stderr and str(second) not in installed.stderr
