"""GE112 go-line-language-version: `go 1.N` makes an affected local go download the nonexistent go1.N.

No affected toolchain (1.21.0–1.21.10, 1.22.0–1.22.3) is in the test bed, so the positive cases run on
recorded facts only; the real toolchains show the negative case.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
import testbed
from factsbuilder import HOME, ROOT, env_file, go_binary, go_mod, go_work, healthy

from goenv_lsp.engine import evaluate
from goenv_lsp.model import Applicability, Location, Range, Related, Severity, TextEdit
from goenv_lsp.rules.ge1_toolchain.ge112_go_line_language_version import check as GE112

GOENV = f"{HOME}/.config/go/env"


def run(facts):
    return evaluate(facts, rules=[GE112])


def local_go(version: str, go_line: str = "1.27", gotoolchain: str | None = None, **changes):
    """``version`` on PATH, go.mod ``go <go_line>``, GOTOOLCHAIN=auto from go.env unless the environment says else."""
    env = {"HOME": HOME} | ({"GOTOOLCHAIN": gotoolchain} if gotoolchain else {})
    return healthy(**{"go_binaries": (go_binary(version),), "env": env, "go_mod": go_mod(go_line),
                      "goroot_env_file": env_file(f"/usr/local/go{version}/go.env", GOTOOLCHAIN="auto"), **changes})


@pytest.mark.parametrize("local", ["1.21.0", "1.21.5", "1.21.10", "1.22.0", "1.22.3"])
def test_affected_local_go(local: str) -> None:
    [finding] = run(local_go(local))
    assert (finding.code, finding.name, finding.severity) == ("GE112", "go-line-language-version", Severity.ERROR)
    assert finding.message == (
        f"go 1.27 has no patch version: the local go {local} looks for the toolchain go1.27, which does not exist, "
        "and every go command fails with `go: download go1.27 …: toolchain not available`; write go 1.27.0")
    go_line = Location(f"{ROOT}/go.mod", Range.of(2, 3, 7))
    assert finding.location == go_line
    assert finding.module == f"{ROOT}/go.mod"
    [fix] = finding.fixes
    assert (fix.title, fix.applicability, fix.command) == ("Write go 1.27.0", Applicability.SAFE, None)
    assert fix.edits == (TextEdit(f"{ROOT}/go.mod", Range.of(2, 3, 7), "1.27.0"),)
    assert finding.related == (Related(Location(f"/usr/local/go{local}/go.env", Range.of(0, 0, 16)),
                                       "GOTOOLCHAIN=auto is set here"),)


@pytest.mark.parametrize("local", ["1.21.11", "1.21.13", "1.22.4", "1.22.10", "1.20.14"])
def test_fixed_local_go(local: str) -> None:
    assert run(local_go(local)) == []


def test_path_mode_is_affected_too() -> None:
    [finding] = run(local_go("1.22.3", gotoolchain="path"))
    assert finding.related == ()  # from the environment: no line to point at


def test_a_language_version_just_above_the_local_go() -> None:
    [finding] = run(local_go("1.21.9", go_line="1.22"))
    assert "toolchain go1.22, which does not exist" in finding.message


def test_local_mode_does_not_switch() -> None:
    assert run(local_go("1.22.3", gotoolchain="local")) == []


def test_go_line_with_a_patch_version() -> None:
    assert run(local_go("1.22.3", go_line="1.27.0")) == []


def test_go_line_not_newer_than_the_local_go() -> None:
    assert run(local_go("1.22.3", go_line="1.22")) == []
    assert run(local_go("1.22.3", go_line="1.21")) == []


def test_a_toolchain_line_decides_instead() -> None:
    facts = local_go("1.22.3", go_mod=go_mod("1.27", toolchain="go1.27.3"))
    assert run(facts) == []


def test_go_work_takes_precedence_over_go_mod() -> None:
    [finding] = run(local_go("1.22.3", go_line="1.22.0", go_work=go_work("1.27")))
    assert finding.location == Location(f"{ROOT}/go.work", Range.of(0, 3, 7))
    assert finding.module == f"{ROOT}/go.work"
    assert finding.fixes[0].edits[0].path == f"{ROOT}/go.work"


@pytest.mark.parametrize("unknown", [{"env": None}, {"go_binaries": None}, {"goroot_env_file": None},
                                     {"unknown": ("go.mod",), "go_mod": None}])
def test_unknown_facts_yield_nothing(unknown: dict) -> None:
    assert run(local_go("1.22.3"))  # reported when everything is known
    assert run(local_go("1.22.3", **unknown)) == []


# --- real toolchains: go 1.22.10 has the fix


@pytest.mark.realgo
def test_real_fixed_go_asks_for_the_first_release(tmp_path: Path, go122: Path, go_env: testbed.EnvFactory,
                                                  check_real) -> None:
    workspace = tmp_path / "ws"
    workspace.mkdir()
    (workspace / "go.mod").write_text("module example.com/app\n\ngo 1.27\n")
    env = go_env([go122 / "bin"], GOTOOLCHAIN="auto")
    real = subprocess.run(["go", "version"], cwd=workspace, env=env, capture_output=True, text=True, timeout=60)
    assert "go: download go1.27.0 for linux/amd64: toolchain not available" in real.stderr  # not go1.27
    _, report = check_real(workspace, env)
    codes = [f["code"] for f in report["findings"]]
    assert "GE112" not in codes
    [ge111] = [f for f in report["findings"] if f["code"] == "GE111"]
    assert "asks for go1.27.0" in ge111["message"]
