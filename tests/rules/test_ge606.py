"""GE606 gobin-relative: a GOBIN every `go install` refuses."""

from __future__ import annotations

from pathlib import Path

import pytest
import testbed
from factsbuilder import HOME, env_file, healthy
from fixhelp import apply_json_fix
from ge6help import codes, go, module, only

from goenv_lsp.engine import evaluate
from goenv_lsp.model import Severity
from goenv_lsp.rules.ge6_platform.ge606_gobin_relative import check as GE606

GOENV = f"{HOME}/.config/go/env"
REFUSED = "every `go install` fails with `cannot install, GOBIN must be an absolute path`"


@pytest.mark.parametrize(("value", "why"), [
    ("~/bin", "starts with `~`, which the go command does not expand"),
    ("$HOME/bin", "holds an unexpanded $HOME"),
    ("bin", "is relative"),
])
def test_values_go_install_refuses(value: str, why: str) -> None:
    [finding] = evaluate(healthy(user_env_file=env_file(path=GOENV, GOBIN=value)), rules=[GE606])
    assert finding.severity is Severity.ERROR
    assert finding.message == f"GOBIN={value} from GOENV file {GOENV}:1 {why}: {REFUSED}"


def test_absolute_or_unset_is_quiet() -> None:
    assert evaluate(healthy(user_env_file=env_file(path=GOENV, GOBIN=f"{HOME}/bin")), rules=[GE606]) == []
    assert evaluate(healthy(), rules=[GE606]) == []
    assert evaluate(healthy(os="windows", env={"PATH": "C:\\Go\\bin", "GOBIN": "D:\\bin"}), rules=[GE606]) == []


@pytest.mark.realgo
def test_real_tilde_gobin(tmp_path: Path, workspace: Path, go127: Path, go_env: testbed.EnvFactory,
                          check_real) -> None:
    env = go_env([go127 / "bin"])
    assert go(env, tmp_path, "env", "-w", "GOBIN=~/bin").returncode == 0  # accepted
    source = module(tmp_path / "hello")
    installed = go(env, source, "install", ".")
    assert (installed.returncode, installed.stderr) == (1, "cannot install, GOBIN must be an absolute path\n")
    finding = only(check_real(workspace, env)[1], "GE606")
    assert finding["message"].endswith(REFUSED)
    [fix] = finding["fixes"]
    apply_json_fix(fix, workspace, env["HOME"])
    assert go(env, source, "install", ".").returncode == 0
    assert "GE606" not in codes(check_real(workspace, env)[1])
