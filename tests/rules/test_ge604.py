"""GE604 gobin-inside-goroot: GOBIN pointing into the Go installation."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
import testbed
from factsbuilder import HOME, env_file, healthy
from fixhelp import apply_json_fix
from ge6help import codes, only

from goenv_lsp.engine import evaluate
from goenv_lsp.model import Location, Range
from goenv_lsp.rules.ge6_platform.ge604_gobin_inside_goroot import check as GE604

GOENV = f"{HOME}/.config/go/env"
GOROOT = "/usr/local/go1.27.3"


def test_goroot_bin_from_the_goenv_file() -> None:
    [finding] = evaluate(healthy(user_env_file=env_file(path=GOENV, GOBIN=f"{GOROOT}/bin")), rules=[GE604])
    assert finding.message.startswith(f"GOBIN={GOROOT}/bin from GOENV file {GOENV}:1 is GOROOT's bin directory")
    assert finding.location == Location(GOENV, Range.of(0, 0, len(f"GOBIN={GOROOT}/bin")))
    [fix] = finding.fixes
    assert fix.title == "Remove GOBIN from the GOENV file"


def test_a_sibling_directory_with_the_same_prefix_is_not_inside() -> None:
    assert evaluate(healthy(user_env_file=env_file(path=GOENV, GOBIN=f"{GOROOT}-tools/bin")), rules=[GE604]) == []
    assert evaluate(healthy(), rules=[GE604]) == []


@pytest.mark.realgo
def test_real_gobin_in_goroot(workspace: Path, go127: Path, go_env: testbed.EnvFactory, check_real) -> None:
    env = go_env([go127 / "bin"])
    subprocess.run(["go", "env", "-w", f"GOBIN={go127}/bin"], env=env, check=True, timeout=60)  # nothing installed
    finding = only(check_real(workspace, env)[1], "GE604")
    assert finding["message"].startswith(f"GOBIN={go127}/bin from GOENV file ~/.config/go/env:1 is GOROOT's bin "
                                         "directory")
    [fix] = finding["fixes"]
    apply_json_fix(fix, workspace, env["HOME"])
    assert "GE604" not in codes(check_real(workspace, env)[1])
