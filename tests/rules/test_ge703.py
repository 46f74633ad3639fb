"""GE703 rc-quoted-tilde: real bash, zsh and fish keep a quoted `~`, the real go refuses the value with the words
the finding quotes, and the fix ("$HOME/…") gives the home directory in each of them."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
import testbed
from shellreal import apply, findings, real_shell, sourced, startup_home, workspace

from goenv_lsp.rules.ge7_shell.ge703_rc_quoted_tilde import check as GE703

pytestmark = pytest.mark.realgo

FILES = {"bash": (".bashrc", 'export {name}="~/go"\n'), "zsh": (".zshrc", "export {name}='~/go'\n"),
         "fish": (".config/fish/config.fish", 'set -gx {name} "~/go"\n')}
GO_COMMAND = {"GOPATH": ["env", "GOPATH"], "GOBIN": ["install", "."], "GOMODCACHE": ["mod", "download", "-x"]}


@pytest.mark.parametrize("shell_name", list(FILES))
@pytest.mark.parametrize("name", ["GOPATH", "GOBIN"])
def test_quoted_tilde_stays_and_go_refuses_it(tmp_path: Path, go127: Path, shell_name: str, name: str) -> None:
    shell = real_shell(shell_name)
    env = testbed.isolated_env(tmp_path, [go127 / "bin"], GOPATH=None, GOBIN=None)
    rc_name, line = FILES[shell_name]
    home = startup_home(env, {rc_name: line.format(name=name)})
    ws = workspace(tmp_path)
    exported = sourced(shell, home / rc_name, env)
    assert exported[name] == "~/go"  # the shell did not expand it
    [finding] = findings(ws, env, GE703)
    assert finding.location.range.start.line == 0 and f"{name} holds a literal `~`" in finding.message
    go = subprocess.run([str(go127 / "bin/go"), *GO_COMMAND[name]], cwd=ws, env={**env, name: exported[name]},
                        capture_output=True, text=True, timeout=120)
    assert go.returncode != 0 and finding.message.rsplit("`", 2)[-2] in go.stderr, go.stderr  # go's words, last
    apply(finding.fixes[0])
    assert sourced(shell, home / rc_name, env)[name] == f"{home}/go"
    assert findings(ws, env, GE703) == []
