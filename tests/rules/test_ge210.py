"""GE210 gocache-off: GOCACHE=off or relative, refused by every build since Go 1.12."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
import testbed
from factsbuilder import HOME, env_file, go_binary, healthy

from goenv_lsp.engine import evaluate
from goenv_lsp.model import Severity
from goenv_lsp.rules.ge2_modules.ge210_gocache_off import check as GE210

OFF = "build cache is disabled by GOCACHE=off, but required as of Go 1.12"
RELATIVE = "build cache is required, but could not be located: GOCACHE is not an absolute path"


def run(facts):
    return evaluate(facts, rules=[GE210])


@pytest.mark.parametrize(("value", "error"), [("off", OFF), ("cache", RELATIVE), ("off\r", RELATIVE)])
def test_refused_values(value: str, error: str) -> None:
    [finding] = run(healthy(env={"HOME": HOME, "GOCACHE": value}))
    assert (finding.code, finding.severity, finding.fixes) == ("GE210", Severity.ERROR, ())
    assert finding.message.endswith(f"fail with `{error}`")


def test_from_the_goenv_file_with_go_env_u() -> None:
    [finding] = run(healthy(user_env_file=env_file(GOCACHE="off")))
    [fix] = finding.fixes
    assert fix.command is not None and fix.command.argv[1:] == ("env", "-u", "GOCACHE")


@pytest.mark.parametrize("value", ["", f"{HOME}/.cache/go-build"])
def test_quiet(value: str) -> None:
    assert run(healthy(env={"HOME": HOME, "GOCACHE": value})) == []


def test_go_before_1_12_could_build_without_the_cache() -> None:
    assert run(healthy(env={"HOME": HOME, "GOCACHE": "off"}, go_binaries=(go_binary("1.11.13"),))) == []
    assert run(healthy(env={"HOME": HOME, "GOCACHE": "off"}, go_binaries=(go_binary("1.12"),)))


def test_windows_absolute() -> None:
    assert run(healthy(os="windows", env={"GOCACHE": "D:\\cache"})) == []


# --- real toolchains


@pytest.mark.realgo
def test_real_gocache_off(workspace: Path, go127: Path, go_env: testbed.EnvFactory, check_real) -> None:
    (workspace / "main.go").write_text("package main\n\nfunc main() {}\n")
    env = go_env([go127 / "bin"], GOCACHE=None)
    testbed.write_goenv(env, GOCACHE="off")

    def go(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run(["go", *args], cwd=workspace, env=env, capture_output=True, text=True, timeout=120)

    for command in (("build", "-o", os.devnull, "."), ("vet", ".")):
        failed = go(*command)
        assert (failed.returncode, failed.stderr) == (1, OFF + "\n")
    _, report = check_real(workspace, env)
    [finding] = [f for f in report["findings"] if f["code"] == "GE210"]
    assert finding["message"].endswith(f"`{OFF}`")
    fixed = subprocess.run(finding["fixes"][0]["command"]["argv"], env=env, capture_output=True, text=True, timeout=60)
    assert (fixed.returncode, fixed.stderr) == (0, "")
    assert go("env", "GOCACHE").stdout == f"{env['XDG_CACHE_HOME']}/go-build\n"
    assert "GE210" not in {f["code"] for f in check_real(workspace, env)[1]["findings"]}
