"""Running the go command and goenv-lsp as another user (``nobody``), for permission tests: the test suite
runs as root here, and root may write anywhere. ``setpriv`` drops the privileges; the directories handed to
that user live in a world-readable directory under /tmp (pytest's tmp_path is root's alone)."""

from __future__ import annotations

import json
import os
import pwd
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SETPRIV = shutil.which("setpriv")
DROP = (SETPRIV or "setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups")
# the test's own interpreter may live where nobody cannot go (a 0700 home): the system's, with our packages
PYTHON = f"/usr/bin/python{sys.version_info.major}.{sys.version_info.minor}"
SITE = [p for p in sys.path if p.endswith("site-packages") and p.startswith(str(REPO))]


def available() -> bool:
    try:
        pwd.getpwnam("nobody")
    except KeyError:
        return False
    return os.geteuid() == 0 and SETPRIV is not None and os.access(PYTHON, os.X_OK)


@contextmanager
def shared_dir() -> Iterator[Path]:
    """A fresh directory under /tmp that ``nobody`` can enter (removed afterwards)."""
    path = Path(tempfile.mkdtemp(prefix="goenv-lsp-nobody-", dir="/tmp"))
    try:
        path.chmod(0o755)
        yield path
    finally:
        for _ in range(3):  # a go command's telemetry child may still be writing below HOME
            shutil.rmtree(path, ignore_errors=True)
            if not path.exists():
                break
            time.sleep(0.5)


def give(path: Path) -> None:
    """Make ``path`` and everything below it ``nobody``'s."""
    user = pwd.getpwnam("nobody")
    for current in [path, *path.rglob("*")]:
        os.chown(current, user.pw_uid, user.pw_gid, follow_symlinks=False)


def run(argv: list[str], env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([*DROP, *argv], env=env, cwd=cwd, capture_output=True, text=True, timeout=180)


def check(workspace: Path, env: dict[str, str]) -> tuple[int, dict]:
    """`goenv-lsp check --format json` run as ``nobody``."""
    env = {**env, "PYTHONPATH": os.pathsep.join([str(REPO), *SITE]), "PYTHONDONTWRITEBYTECODE": "1"}
    proc = run([PYTHON, "-m", "goenv_lsp", "check", str(workspace), "--format", "json",
                "--test-no-well-known"], env, workspace)
    assert proc.returncode in (0, 1), f"exit {proc.returncode}: {proc.stderr}"
    return proc.returncode, json.loads(proc.stdout)


@contextmanager
def nobody_module(gobin: Path, main: bool = True) -> Iterator[tuple[Path, dict[str, str], Path, Path]]:
    """(shared dir, environment, home, workspace): a hermetic HOME of ``nobody``'s holding a go 1.27.3 module
    ``ws`` (with a main.go when ``main``), with ``gobin`` on PATH."""
    import testbed

    with shared_dir() as shared:
        env = testbed.isolated_env(shared, [gobin])
        home, workspace = Path(env["HOME"]), Path(env["HOME"]) / "ws"
        workspace.mkdir()
        (workspace / "go.mod").write_text("module example.com/app\n\ngo 1.27.3\n")
        if main:
            (workspace / "main.go").write_text("package main\n\nfunc main() {}\n")
        give(home)
        yield shared, env, home, workspace
