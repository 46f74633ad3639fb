"""GE701 rc-goroot-wrong on real files in a temporary home, read by real shells: the go those shells run fails
the way the finding says, the fix deletes the line, and then the shells' go works and the finding is gone."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
import testbed
from realgo import backticked
from shellreal import apply, findings, real_shell, startup_home, workspace

from goenv_lsp.rules.ge1_toolchain.ge104_goroot_mismatch import check as GE104
from goenv_lsp.rules.ge7_shell.ge701_rc_goroot_wrong import check as GE701

pytestmark = pytest.mark.realgo

STARTUP = {"zsh": (".zshrc", "export GOROOT=$HOME/sdk/go1.19\n", "export EDITOR=vi\n"),
           "bash": (".bashrc", 'export GOROOT="$HOME/sdk/go1.19"\n', "export EDITOR=vi\n"),
           "fish": (".config/fish/config.fish", "set -gx GOROOT ~/sdk/go1.19\n", "set -gx EDITOR vi\n")}


def interactive(shell: str, command: str, env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess:
    """What a terminal runs: an interactive shell reads the home's startup files."""
    argv = [shell, "-c", command] if shell.endswith("fish") else [shell, "-i", "-c", command]
    return subprocess.run(argv, env={**env, "SHELL": shell}, cwd=cwd, capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize("shell_name", list(STARTUP))
def test_new_users_stale_goroot(tmp_path: Path, go127: Path, shell_name: str) -> None:
    shell = real_shell(shell_name)
    env = testbed.isolated_env(tmp_path, [go127 / "bin"])
    name, goroot, other = STARTUP[shell_name]
    home = startup_home(env, {name: "# my settings\n" + goroot + other})
    ws = workspace(tmp_path, None)
    [finding] = findings(ws, env, GE701)
    assert (finding.location.path, finding.location.range.start.line) == (str(home / name), 1)
    assert "which does not exist" in finding.message
    run = interactive(shell, "go version", env, ws)
    assert run.returncode != 0 and backticked(finding.message) in run.stderr, run.stderr
    [fix] = finding.fixes
    assert fix.applicability.value == "safe"
    apply(fix)
    assert (home / name).read_text().count("GOROOT") == 0 and "EDITOR" in (home / name).read_text()
    assert "go1.27.3" in interactive(shell, "go version", env, ws).stdout
    assert findings(ws, env, GE701) == []


def test_goroot_of_another_version_fails_builds_as_said(tmp_path: Path, go122: Path, go127: Path) -> None:
    bash = real_shell("bash")
    env = testbed.isolated_env(tmp_path, [go127 / "bin"])
    home = startup_home(env, {".bashrc": f"export GOROOT={go122}\n"})
    ws = workspace(tmp_path)
    [finding] = findings(ws, env, GE701)
    assert "is go1.22.10, but the go that runs" in finding.message and not finding.related
    build = interactive(bash, "go build ./...", env, ws)
    assert build.returncode != 0 and backticked(finding.message) in build.stderr, build.stderr
    # the terminal's environment has the value too: GE104 says what it does, GE701 links to it
    terminal = {**env, "GOROOT": str(go122)}
    [mine], [theirs] = findings(ws, terminal, GE701), findings(ws, terminal, GE104)
    assert mine.related[0].location == theirs.location and "GE104" in mine.related[0].message
    apply(mine.fixes[0])
    assert (home / ".bashrc").read_text() == ""
    assert interactive(bash, "go build ./...", env, ws).returncode == 0
