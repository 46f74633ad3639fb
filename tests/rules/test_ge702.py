"""GE702 rc-path-older-go-first with real Go 1.22 and 1.27 and real bash: the PATH bash builds from the file runs
the go the finding names; the fix reorders the line, after which bash runs the newer go and the finding is
gone."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
import testbed
from shellreal import apply, findings, real_shell, sourced, startup_home, workspace

from goenv_lsp.rules.ge7_shell.ge702_rc_path_older_go_first import check as GE702

pytestmark = pytest.mark.realgo


def go_version_after(bash: str, rc: Path, env: dict[str, str]) -> str:
    run = subprocess.run([bash, "--norc", "-c", f'. "{rc}"; go version'], env=env, capture_output=True, text=True,
                         timeout=60, check=True)
    return run.stdout.split()[2]


def terminal(bash: str, rc: Path, env: dict[str, str]) -> dict[str, str]:
    """The environment a shell that read ``rc`` passes on (what goenv-lsp sees when started from it)."""
    return {**env, "PATH": sourced(bash, rc, env)["PATH"]}


@pytest.mark.parametrize(("start", "line", "fixed"), [
    ("new", "export PATH={old}:$PATH\n", 'export PATH="$PATH:{old}"\n'),
    ("old", "export PATH=$PATH:{new}\n", 'export PATH="{new}:$PATH"\n'),
], ids=["puts-older-first", "appends-newer-behind"])
def test_older_go_first(tmp_path: Path, go122: Path, go127: Path, start: str, line: str, fixed: str) -> None:
    bash = real_shell("bash")
    old, new = go122 / "bin", go127 / "bin"
    env = testbed.isolated_env(tmp_path, [new if start == "new" else old])
    home = startup_home(env, {".profile": line.format(old=old, new=new)})
    ws = workspace(tmp_path, None)
    assert go_version_after(bash, home / ".profile", env) == "go1.22.10"
    [finding] = findings(ws, terminal(bash, home / ".profile", env), GE702)
    assert finding.location.range.start.line == 0
    assert "(go1.22.10)" in finding.message and str(old / "go") in finding.message
    apply(finding.fixes[0])
    assert (home / ".profile").read_text() == fixed.format(old=old, new=new)
    assert go_version_after(bash, home / ".profile", env) == "go1.27.3"
    assert findings(ws, terminal(bash, home / ".profile", env), GE702) == []


def test_one_go_version_is_quiet(tmp_path: Path, go127: Path) -> None:
    env = testbed.isolated_env(tmp_path, [go127 / "bin"])
    startup_home(env, {".profile": 'export PATH="$PATH:$HOME/go/bin"\nexport PATH=$PATH:/usr/local/go/bin\n'})
    assert findings(workspace(tmp_path, None), env, GE702) == []
