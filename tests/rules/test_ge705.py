"""GE705 rc-go-alias with a real bash: the terminal's `go` is the alias, a script started from that terminal runs
the go on PATH; the fix deletes the alias, after which both agree and the finding is gone."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
import testbed
from shellreal import apply, findings, real_shell, startup_home, workspace

from goenv_lsp.model import Severity
from goenv_lsp.rules.ge7_shell.ge705_rc_go_alias import check as GE705

pytestmark = pytest.mark.realgo


def versions(bash: str, env: dict[str, str], ws: Path) -> tuple[str, str]:
    """`go version` typed in a terminal, and run by a script that terminal starts."""
    script = ws / "build.sh"
    script.write_text("#!/bin/sh\ngo version\n")
    script.chmod(0o755)
    run = subprocess.run([bash, "-i", "-c", f"go version; {script}"], env=env, cwd=ws, capture_output=True,
                         text=True, timeout=60)
    terminal, from_script = run.stdout.split("\n")[:2]
    return terminal.split()[2], from_script.split()[2]


def test_alias_only_the_terminal_sees(tmp_path: Path, go122: Path, go127: Path) -> None:
    bash = real_shell("bash")
    env = testbed.isolated_env(tmp_path, [go127 / "bin"])
    home = startup_home(env, {".bashrc": f"alias ll='ls -l'\nalias go={go122}/bin/go\n"})
    ws = workspace(tmp_path, None)
    assert versions(bash, env, ws) == ("go1.22.10", "go1.27.3")
    [finding] = findings(ws, env, GE705)
    assert (finding.severity, finding.location.range.start.line) == (Severity.WARNING, 1)
    assert "another Go than the go on PATH" in finding.message
    apply(finding.fixes[0])
    assert (home / ".bashrc").read_text() == "alias ll='ls -l'\n"
    assert versions(bash, env, ws) == ("go1.27.3", "go1.27.3")
    assert findings(ws, env, GE705) == []


def test_wrapper_function_is_information(tmp_path: Path, go127: Path) -> None:
    env = testbed.isolated_env(tmp_path, [go127 / "bin"])
    startup_home(env, {".zshrc": 'go() {\n  command go "$@"\n}\n', ".bashrc": "alias gob='go build'\n"})
    [finding] = findings(workspace(tmp_path, None), env, GE705)
    assert finding.severity is Severity.INFO and finding.location.path.endswith(".zshrc")
    assert finding.fixes[0].edits[0].range.end.line == 3  # the whole function
