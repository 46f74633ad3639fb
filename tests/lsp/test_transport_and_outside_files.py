"""--tcp, a diagnostic on a file outside the workspace (the GOENV file), and goenv.installGopls failing
clearly without network access, with work-done progress."""

from __future__ import annotations

import json
import socket
import subprocess
import sys

import pytest
import testbed
from lsp_harness import REPO, codes, quick_fixes, session, wait_for, write_workspace  # type: ignore[import-not-found]
from lsprotocol import types as lsp

pytestmark = pytest.mark.realgo


def _frame(message: dict) -> bytes:
    body = json.dumps(message).encode()
    return f"Content-Length: {len(body)}\r\n\r\n".encode() + body


def _read_message(sock: socket.socket) -> dict:
    data = b""
    while b"\r\n\r\n" not in data:
        data += sock.recv(4096)
    header, _, rest = data.partition(b"\r\n\r\n")
    lines = header.split(b"\r\n")
    length = int(next(line.split(b":")[1] for line in lines if line.lower().startswith(b"content-length")))
    while len(rest) < length:
        rest += sock.recv(4096)
    return json.loads(rest[:length])


def test_tcp_transport_answers_initialize(tmp_path, go127, go_env):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {**go_env([go127 / "bin"]), "PYTHONPATH": str(REPO)}
    server = subprocess.Popen([sys.executable, "-m", "goenv_lsp", "--tcp", "--host", "127.0.0.1", "--port", str(port)],
                              env=env, stderr=subprocess.PIPE)
    try:
        for _ in range(200):  # wait for the listening socket (no sleep-based timing assertion)
            try:
                sock = socket.create_connection(("127.0.0.1", port), timeout=10)
                break
            except OSError:
                if server.poll() is not None:
                    pytest.fail(server.stderr.read().decode())
                import time

                time.sleep(0.05)
        else:
            pytest.fail("the server never listened")
        with sock:
            sock.sendall(_frame({"jsonrpc": "2.0", "id": 1, "method": "initialize",
                                 "params": {"processId": None, "rootUri": tmp_path.as_uri(), "capabilities": {}}}))
            reply = _read_message(sock)
        assert reply["id"] == 1
        capabilities = reply["result"]["capabilities"]
        assert capabilities["hoverProvider"] and capabilities["codeActionProvider"]["resolveProvider"]
        assert "goenv.report" in capabilities["executeCommandProvider"]["commands"]
        assert reply["result"]["serverInfo"]["name"] == "goenv-lsp"
    finally:
        server.kill()
        server.wait()


async def test_goenv_file_line_gets_its_own_diagnostic(tmp_path, go127, go_env):
    ws = write_workspace(tmp_path / "ws", "1.27.3")
    env = go_env([go127 / "bin"], GOTOOLCHAIN=None)
    goenv_file = testbed.write_goenv(env, GOTOOLCHAIN='"auto"')  # quotes are part of the value for go
    async with session(env, ws) as client:
        [ge113] = await wait_for(client, goenv_file.as_uri(), lambda d: "GE113" in codes(d))
        assert ge113.range.start.line == 0
        assert 'invalid GOTOOLCHAIN' in ge113.message
        actions = await quick_fixes(client, goenv_file.as_uri(), ge113)
        assert "Run `go env -u GOTOOLCHAIN`" in [a.title for a in actions]


async def test_install_gopls_without_network_fails_clearly_with_progress(tmp_path, go127, go_env):
    ws = write_workspace(tmp_path / "ws", "1.27.3")
    env = go_env([go127 / "bin"])  # GOPROXY=off: nothing may be downloaded
    async with session(env, ws) as client:
        [ge120] = await wait_for(client, (ws / "go.mod").as_uri(), lambda d: "GE120" in codes(d))
        [install] = [a for a in await quick_fixes(client, (ws / "go.mod").as_uri(), ge120)
                     if a.title.startswith("Run `go install golang.org/x/tools/gopls@")]
        assert install.command.command == "goenv.installGopls"
        before = set(client.progress_reports)
        with pytest.raises(Exception) as failure:
            await client.workspace_execute_command_async(lsp.ExecuteCommandParams(
                command=install.command.command, arguments=install.command.arguments))
        assert "module downloads are off (GOPROXY=off)" in str(failure.value)
        assert any("GOPROXY=off" in m.message and m.type == lsp.MessageType.Error for m in client.messages)
        tokens = set(client.progress_reports) - before
        [install_progress] = [client.progress_reports[t] for t in tokens
                              if "go install" in (getattr(client.progress_reports[t][0], "title", "") or "")]
        assert [value.kind for value in install_progress] == ["begin", "end"]
