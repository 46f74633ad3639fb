"""--tcp, a diagnostic on a file outside the workspace (the GOENV file), and goenv.installGopls failing
clearly without network access, with work-done progress."""

from __future__ import annotations

import json
import socket
import subprocess
import sys

import pytest
from lsp_harness import (  # type: ignore[import-not-found]
    MACHINE,
    REPO,
    apply_edits,
    codes,
    fake_machine,
    fake_server,
    goenv_file,
    quick_fixes,
    session,
    wait_for,
    watching,
    write_workspace,
)
from lsprotocol import types as lsp


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


def test_tcp_transport_answers_initialize(tmp_path):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    tcp = ("--tcp", "--host", "127.0.0.1", "--port", str(port))
    command = [sys.executable, *fake_server(fake_machine(tmp_path)), *tcp]
    server = subprocess.Popen(command, env={"PYTHONPATH": str(REPO)}, stderr=subprocess.PIPE)
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


async def test_goenv_file_line_gets_its_own_diagnostic(tmp_path):
    ws = write_workspace(tmp_path / "ws", "1.27.3")
    goenv = goenv_file(tmp_path, GOTOOLCHAIN='"auto"')  # quotes are part of the value for go
    async with session({}, ws, python_args=fake_server(fake_machine(tmp_path))) as client:
        [ge113] = await wait_for(client, goenv.as_uri(), lambda d: "GE113" in codes(d))
        assert ge113.range.start.line == 0
        assert 'invalid GOTOOLCHAIN' in ge113.message
        [remove] = [a for a in await quick_fixes(client, goenv.as_uri(), ge113)
                    if a.title == "Remove GOTOOLCHAIN from the GOENV file"]
        if remove.edit is None:
            remove = await client.code_action_resolve_async(remove)
        await watching(client)
        goenv.write_text(apply_edits(goenv.read_text(), remove.edit.changes[goenv.as_uri()]))  # the editor saves
        await wait_for(client, goenv.as_uri(), lambda d: "GE113" not in codes(d))


@pytest.mark.parametrize("proxy", ["off", "default"])
async def test_install_gopls_without_network_fails_clearly_with_progress(tmp_path, proxy):
    ws = write_workspace(tmp_path / "ws", "1.27.3")
    machine = MACHINE.replace('PATH = "/usr/local/go1.22.10/bin:', 'PATH = "/usr/local/go1.27.3/bin:')
    if proxy == "off":  # nothing may be downloaded
        machine = machine.replace("[env]\n", '[env]\nGOPROXY = "off"\n')
    async with session({}, ws, python_args=fake_server(fake_machine(tmp_path, machine))) as client:
        [ge120] = await wait_for(client, (ws / "go.mod").as_uri(), lambda d: "GE120" in codes(d))
        [install] = [a for a in await quick_fixes(client, (ws / "go.mod").as_uri(), ge120)
                     if a.title.startswith("Run `go install golang.org/x/tools/gopls@")]
        assert install.command.command == "goenv.installGopls"
        before = set(client.progress_reports)
        with pytest.raises(Exception) as failure:
            await client.workspace_execute_command_async(lsp.ExecuteCommandParams(
                command=install.command.command, arguments=install.command.arguments))
        expected = ("module downloads are off (GOPROXY=off)" if proxy == "off"
                    else "could not reach the module proxy (offline, or blocked by a proxy)")
        assert expected in str(failure.value)
        assert any(expected in m.message and m.type == lsp.MessageType.Error for m in client.messages)
        tokens = set(client.progress_reports) - before
        [install_progress] = [client.progress_reports[t] for t in tokens
                              if "go install" in (getattr(client.progress_reports[t][0], "title", "") or "")]
        assert [value.kind for value in install_progress] == ["begin", "end"]
