"""GE141 go-link-dangles: a go on PATH that is a symbolic link to nothing — real links on disk probed by the real
collector (the shell passes over them, as bash does), and the healthy link that stays quiet."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
import testbed
from managerhelp import workspace
from realgo import facts_of

from goenv_lsp.engine import evaluate
from goenv_lsp.model import Severity
from goenv_lsp.rules.ge1_toolchain.ge101_go_not_found import check as GE101
from goenv_lsp.rules.ge1_toolchain.ge141_go_link_dangles import check as GE141

pytestmark = pytest.mark.realgo


def linked(tmp: Path, target: str) -> Path:
    """tmp/local/bin/go → tmp/local/go/bin/go, and tmp/local/go → ``target`` (relative)."""
    (tmp / "local/bin").mkdir(parents=True)
    os.symlink(tmp / "local/go/bin/go", tmp / "local/bin/go")
    os.symlink(target, tmp / "local/go")
    return tmp / "local/bin"


def test_real_dangling_link_before_the_go_that_runs(tmp_path: Path) -> None:
    link_dir = linked(tmp_path, "go1.21.5")  # removed when Go was upgraded
    after = testbed.go_root("1.27.3") / "bin"
    env = testbed.isolated_env(tmp_path, [link_dir, after])
    ws = workspace(tmp_path / "ws", "1.27.3", {})
    [finding] = evaluate(facts_of(ws, env), rules=[GE141])
    assert finding.severity is Severity.WARNING
    assert finding.message == (
        f"{link_dir}/go on PATH is a symbolic link that leads nowhere: on the way, {tmp_path}/local/go points to "
        f"go1.21.5 ({tmp_path}/local/go1.21.5), which does not exist. The shell skips it and runs {after}/go "
        f"(go1.27.3) instead. Point {tmp_path}/local/go at an installed Go (`ln -sfn <installed Go> "
        f"{tmp_path}/local/go`) or remove the stale link")
    bash = shutil.which("bash")
    if bash:  # the shell agrees: it runs the later go
        found = subprocess.run([bash, "-c", "command -v go"], env=env, capture_output=True, text=True).stdout
        assert found.strip() == f"{after}/go"


def test_real_dangling_link_and_no_other_go(tmp_path: Path) -> None:
    link_dir = linked(tmp_path, "go1.21.5")
    env = testbed.isolated_env(tmp_path, [link_dir])
    facts = facts_of(workspace(tmp_path / "ws", "1.27.3", {}), env)
    [finding] = evaluate(facts, rules=[GE141])
    assert finding.severity is Severity.ERROR
    assert "finds no other go (`go: command not found`)" in finding.message
    assert evaluate(facts, rules=[GE101])  # GE101 still says go is not found; GE141 names the link


def test_real_healthy_link_is_quiet(tmp_path: Path) -> None:
    (tmp_path / "local").mkdir()
    os.symlink(testbed.go_root("1.27.3"), tmp_path / "local/go1.27.3")
    link_dir = linked(tmp_path, "go1.27.3")
    facts = facts_of(workspace(tmp_path / "ws", "1.27.3", {}), testbed.isolated_env(tmp_path, [link_dir]))
    assert evaluate(facts, rules=[GE141]) == []
    [go] = [b for b in facts.go_binaries if b.path_index == 0]
    assert [h.link for h in go.links][:2] == [f"{link_dir}/go", f"{tmp_path}/local/go"]
