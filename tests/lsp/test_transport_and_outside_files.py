"""--tcp, a diagnostic on a file outside the workspace (the GOENV file), and goenv.installGopls failing
clearly without network access, with work-done progress."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

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
from raw_lsp import RawClient, start  # type: ignore[import-not-found]


def _frame(message: dict) -> bytes:
    body = json.dumps(message).encode()
    return f"Content-Length: {len(body)}\r\n\r\n".encode() + body


class _Socket:
    """Messages from a socket, buffered: one recv may hold several."""

    def __init__(self, sock: socket.socket):
        self.sock, self.data = sock, b""

    def message(self) -> dict:
        while b"\r\n\r\n" not in self.data:
            self._recv()
        header, _, self.data = self.data.partition(b"\r\n\r\n")
        lines = header.split(b"\r\n")
        length = int(next(line.split(b":")[1] for line in lines if line.lower().startswith(b"content-length")))
        while len(self.data) < length:
            self._recv()
        body, self.data = self.data[:length], self.data[length:]
        return json.loads(body)

    def response(self, id_: int) -> dict:
        while "method" in (message := self.message()) or message.get("id") != id_:
            pass
        return message

    def _recv(self) -> None:
        chunk = self.sock.recv(65536)
        if not chunk:
            raise ConnectionError("the server closed the connection")
        self.data += chunk


def _tcp_server(tmp_path) -> tuple[subprocess.Popen, int]:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    tcp = ("--tcp", "--host", "127.0.0.1", "--port", str(port))
    command = [sys.executable, *fake_server(fake_machine(tmp_path)), *tcp]
    return subprocess.Popen(command, env={"PYTHONPATH": str(REPO)}, stderr=subprocess.PIPE), port


def _connect(server: subprocess.Popen, port: int) -> socket.socket:
    for _ in range(200):  # wait for the listening socket (no sleep-based timing assertion)
        try:
            return socket.create_connection(("127.0.0.1", port), timeout=10)
        except OSError:
            if server.poll() is not None:
                pytest.fail(server.stderr.read().decode())
            time.sleep(0.05)
    pytest.fail("the server never listened")


def _initialize(root) -> bytes:
    return _frame({"jsonrpc": "2.0", "id": 1, "method": "initialize",
                   "params": {"processId": None, "rootUri": root.as_uri(), "capabilities": {}}})


def test_tcp_transport_answers_initialize(tmp_path):
    server, port = _tcp_server(tmp_path)
    try:
        with _connect(server, port) as sock:
            sock.sendall(_initialize(tmp_path))
            reply = _Socket(sock).response(1)
        assert reply["id"] == 1
        capabilities = reply["result"]["capabilities"]
        assert capabilities["hoverProvider"] and capabilities["codeActionProvider"]["resolveProvider"]
        assert "goenv.report" in capabilities["executeCommandProvider"]["commands"]
        assert reply["result"]["serverInfo"]["name"] == "goenv-lsp"
    finally:
        server.kill()
        server.wait()


def test_tcp_garbage_keeps_the_connection_and_the_listener(tmp_path):
    """pygls ends the connection on a line asyncio's reader refuses (here 100 KB without a line end), and with
    it the listener; goenv-lsp keeps serving that client, and every new one gets its own session."""
    ws = write_workspace(tmp_path / "ws", "1.22.10")
    server, port = _tcp_server(tmp_path)
    hover = {"textDocument": {"uri": (ws / "go.mod").as_uri()}, "position": {"line": 2, "character": 3}}
    try:
        with _connect(server, port) as sock:
            sock.sendall(b"Content-Length: 5\r\n\r\n{nope" + b"x" * 100_000 + b"\r\n\r\n")
            sock.sendall(b"Content-Length: 99999999999\r\n\r\n{}")
            sock.sendall(_initialize(ws))
            reader = _Socket(sock)
            assert reader.response(1)["result"]["serverInfo"]["name"] == "goenv-lsp"
            sock.sendall(_frame({"jsonrpc": "2.0", "method": "initialized", "params": {}}))
            reader.message()  # the first publication: the probe is done
            sock.sendall(_frame({"jsonrpc": "2.0", "id": 2, "method": "textDocument/hover", "params": hover}))
            assert "go1.22.10" in json.dumps(reader.response(2))
        for _ in range(2):  # the client went away: the next ones are served
            with _connect(server, port) as sock:
                sock.sendall(_initialize(ws))
                assert _Socket(sock).response(1)["result"]["serverInfo"]["name"] == "goenv-lsp"
        assert server.poll() is None
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


def _did_open(path: Path, text: str) -> tuple[str, dict]:
    return "textDocument/didOpen", {"textDocument": {"uri": path.as_uri(), "languageId": "go.mod", "version": 1,
                                                     "text": text}}


def _hover_on(path: Path, line: int = 2) -> dict:
    return {"textDocument": {"uri": path.as_uri()}, "position": {"line": line, "character": 3}}


async def _diagnosed(client: RawClient, path: Path) -> list[dict]:
    message = await client.wait(lambda m: m.get("method") == "textDocument/publishDiagnostics"
                                and m["params"]["uri"] == path.as_uri() and m["params"]["diagnostics"])
    return message["params"]["diagnostics"]


async def test_fifos_and_a_link_to_stdin_never_block_the_server(tmp_path):
    """Opening (and closing: the disk counts again) a go.mod that is a FIFO, in the workspace or outside it,
    or a link to /dev/stdin (the server's own input), must not open it blocking: hover keeps answering."""
    ws = write_workspace(tmp_path / "ws", "1.22.10")
    (ws / "sub").mkdir()
    os.mkfifo(ws / "sub" / "go.mod")
    (tmp_path / "outside").mkdir()
    os.mkfifo(tmp_path / "outside" / "go.mod")
    (tmp_path / "linked").mkdir()
    (tmp_path / "linked" / "go.mod").symlink_to("/dev/stdin")
    client = await start(ws, *fake_server(fake_machine(tmp_path))[2:])
    try:
        await client.initialize(ws)
        for path in (ws / "sub" / "go.mod", tmp_path / "outside" / "go.mod", tmp_path / "linked" / "go.mod"):
            await client.notify(*_did_open(path, "module example.com/fifo\n\ngo 1.22.10\n\ntoolchain go1.99.1\n"))
            assert await _diagnosed(client, path)
            hover = await client.request("textDocument/hover", _hover_on(ws / "go.mod"), timeout=10)
            assert "go1.22.10" in hover["result"]["contents"]["value"]
            await client.notify("textDocument/didClose", {"textDocument": {"uri": path.as_uri()}})
            hover = await client.request("textDocument/hover", _hover_on(ws / "go.mod"), timeout=10)
            assert "go1.22.10" in hover["result"]["contents"]["value"]
        assert client.proc.returncode is None
    finally:
        await client.close()


async def test_a_file_outside_the_folders_is_diagnosed_while_it_is_open(tmp_path):
    ws = write_workspace(tmp_path / "ws", "1.22.10")
    outside = tmp_path / "outside" / "go.mod"
    outside.parent.mkdir()
    outside.write_text("module example.com/out\n\ngo 1.22.10\n")
    client = await start(ws, *fake_server(fake_machine(tmp_path))[2:])
    try:
        await client.initialize(ws)
        await client.notify(*_did_open(outside, outside.read_text()))
        assert await _diagnosed(client, outside)
        hover = await client.request("textDocument/hover", _hover_on(outside))
        assert "go1.22.10" in hover["result"]["contents"]["value"]
        await client.notify("textDocument/didClose", {"textDocument": {"uri": outside.as_uri()}})
        # its root is gone: no hover, its diagnostics withdrawn (the file on disk is no one's now)
        assert (await client.request("textDocument/hover", _hover_on(outside)))["result"] is None
        assert client.published(outside.as_uri())[-1]["diagnostics"] == []
    finally:
        await client.close()
