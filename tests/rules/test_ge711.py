"""GE711 login-shell-fails: the login shell hangs, fails or exits early — with statuses, and with a real bash whose
~/.bash_profile hangs or fails (bounded by the probe timeout)."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest
import testbed
from factsbuilder import healthy

from goenv_lsp.engine import evaluate
from goenv_lsp.facts import LoginEnvironment, Status
from goenv_lsp.model import Severity
from goenv_lsp.probe import ProbeOptions, collect_sync
from goenv_lsp.probe.system import RealSystem
from goenv_lsp.rules.ge7_shell.ge711_login_shell_fails import check as GE711


@pytest.mark.parametrize("status, problem", [(Status.TIMED_OUT, "did not finish and was killed (killed after 5 s)"),
                                             (Status.FAILED, "failed with exit status 1: boom"),
                                             (Status.MISSING, "does not exist ($SHELL names a missing file)")])
def test_each_failure_is_said(status: Status, problem: str) -> None:
    [finding] = evaluate(healthy(login_env=LoginEnvironment("/bin/bash", status, problem=problem)), rules=[GE711])
    assert finding.severity is Severity.WARNING and finding.message == f"the login shell `/bin/bash -l -c` {problem}"


def test_quiet_when_it_answered_was_not_run_or_is_unknown() -> None:
    assert evaluate(healthy(login_env=LoginEnvironment("/bin/bash", Status.OK, {"PATH": "/bin"})), rules=[GE711]) == []
    assert evaluate(healthy(login_env=None), rules=[GE711]) == []
    tcsh = LoginEnvironment("/bin/tcsh", Status.SKIPPED, problem="tcsh is not a shell goenv-lsp knows")
    assert evaluate(healthy(login_env=tcsh), rules=[GE711]) == []


@pytest.mark.parametrize("profile, expected", [("sleep 100\n", "did not finish and was killed (killed after 1 s)"),
                                               ("false\nexit 3\n", "failed with exit status 3"),
                                               ("exec true\n", "exited without running the command")])
def test_real_bash(tmp_path: Path, profile: str, expected: str) -> None:
    bash = shutil.which("bash")
    if bash is None:
        pytest.skip("bash is not installed (Debian package: bash)")
    env = testbed.isolated_env(tmp_path, [], SHELL=bash)
    (Path(env["HOME"]) / ".bash_profile").write_text(profile)
    root = tmp_path / "app"
    root.mkdir()
    started = time.monotonic()
    facts = collect_sync(str(root), ProbeOptions(login_shell=True, timeout=1.0), RealSystem(env=env, well_known_go=()))
    assert time.monotonic() - started < 10
    [finding] = evaluate(facts, rules=[GE711])
    assert finding.message.startswith(f"the login shell `{bash} -l -c` {expected}"), finding.message
