"""0 network connections and 0 files written by goenv-lsp (docs/security.md, "Writes" and "Network").

The workspace asks for a toolchain and modules that are not there, and every proxy setting points at a
listener of the test's own that counts connections. `check` and `facts` run with a real go and gopls. What
remains written is the go command's own: its local telemetry counters (under GOTELEMETRYDIR), which any
`go` invocation updates — nothing else in HOME, GOPATH, GOCACHE, TMPDIR or the workspace.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
from pathlib import Path

import pytest
import testbed

REPO = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.realgo


class Listener:
    """A TCP port that counts who connects to it."""

    def __init__(self) -> None:
        self.socket = socket.create_server(("127.0.0.1", 0))
        self.port = self.socket.getsockname()[1]
        self.connections = 0
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                conn, _ = self.socket.accept()
            except OSError:
                return
            self.connections += 1
            conn.close()


def tree(root: Path) -> dict[str, tuple[int, int]]:
    """Every file with its mtime and size, every directory (a directory's own mtime only says a child came)."""
    found = {}
    for directory, dirs, files in os.walk(root):
        for name in dirs:
            found[str(Path(directory, name).relative_to(root))] = (0, 0)
        for name in files:
            stat = Path(directory, name).lstat()
            found[str(Path(directory, name).relative_to(root))] = (stat.st_mtime_ns, stat.st_size)
    return found


@pytest.fixture
def listener():
    listening = Listener()
    yield listening
    listening.socket.close()


def test_check_and_facts_connect_nowhere_and_write_nothing(tmp_path: Path, go127: Path, debian_gopls: Path,
                                                          listener: Listener) -> None:
    ws = tmp_path / "ws"
    ws.mkdir()
    (ws / "go.mod").write_text("module example.com/app\n\ngo 1.99.0\n\ntoolchain go1.99.1\n\n"
                               "require example.com/dep v1.2.3\n")
    (ws / "main.go").write_text('package main\n\nimport _ "example.com/dep"\n\nfunc main() {}\n')
    proxy = f"http://127.0.0.1:{listener.port}"
    env = testbed.isolated_env(tmp_path, [go127 / "bin", debian_gopls.parent], GOPROXY=proxy,
                               GOSUMDB=f"sum.golang.org {proxy}", GOTOOLCHAIN="auto", GOFLAGS="-mod=mod",
                               HTTP_PROXY=proxy, HTTPS_PROXY=proxy, ALL_PROXY=proxy, NO_PROXY="")
    (tmp_path / "home" / "go").mkdir(parents=True, exist_ok=True)
    before = tree(tmp_path)
    for command in (["check", str(ws), "--format", "json"], ["check", str(ws)], ["facts", str(ws)]):
        proc = subprocess.run([sys.executable, "-m", "goenv_lsp", *command, "--test-no-well-known"],
                              env={**env, "PYTHONPATH": str(REPO)}, capture_output=True, text=True, timeout=120)
        assert proc.returncode in (0, 1), proc.stderr
    assert listener.connections == 0
    after = tree(tmp_path)
    changed = sorted(p for p in after.keys() | before.keys() if after.get(p) != before.get(p))
    telemetry = "home/.config/go/telemetry"
    assert [p for p in changed if not p.startswith(telemetry) and not telemetry.startswith(p)] == []
    # what remains is go's own: the counter file of the go that ran, and its bookkeeping
    assert any(p.startswith(f"{telemetry}/local/go@go1.27.3") for p in changed)
