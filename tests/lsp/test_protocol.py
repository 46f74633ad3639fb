"""Malformed JSON-RPC does not kill the server: LSP framing spoken by hand over the server's stdio."""

from __future__ import annotations

import asyncio
import json
import sys

from lsp_harness import REPO, fake_machine, fake_server, write_workspace  # type: ignore[import-not-found]


class RawClient:
    """Just enough of a client: write frames, collect the server's messages from stdout."""

    def __init__(self, proc: asyncio.subprocess.Process):
        self.proc = proc
        self.messages: list[dict] = []
        self._changed = asyncio.Event()
        self._reader = asyncio.ensure_future(self._read())

    async def _read(self) -> None:
        stdout = self.proc.stdout
        while True:
            length = None
            while True:  # headers
                line = await stdout.readline()
                if not line:
                    return
                if line == b"\r\n":
                    break
                name, _, value = line.decode("ascii").partition(":")
                if name.lower() == "content-length":
                    length = int(value)
            self.messages.append(json.loads(await stdout.readexactly(length)))
            self._changed.set()

    async def send_bytes(self, data: bytes) -> None:
        self.proc.stdin.write(data)
        await self.proc.stdin.drain()

    async def send(self, message: dict) -> None:
        body = json.dumps(message).encode()
        await self.send_bytes(b"Content-Length: %d\r\n\r\n" % len(body) + body)

    async def wait(self, predicate, timeout: float = 10.0) -> dict:
        async def find() -> dict:
            while True:
                for message in self.messages:
                    if predicate(message):
                        return message
                self._changed.clear()
                await self._changed.wait()

        return await asyncio.wait_for(find(), timeout)

    async def request(self, id_: int, method: str, params: object = None) -> dict:
        await self.send({"jsonrpc": "2.0", "id": id_, "method": method, "params": params})
        return await self.wait(lambda m: m.get("id") == id_ and "method" not in m)


async def test_malformed_messages_do_not_kill_the_server(tmp_path):
    ws = write_workspace(tmp_path / "ws", "1.22.10")
    proc = await asyncio.create_subprocess_exec(
        sys.executable, *fake_server(fake_machine(tmp_path)), "--stdio", env={"PYTHONPATH": str(REPO)}, cwd=ws,
        stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.DEVNULL)
    client = RawClient(proc)
    try:
        # capabilities {}: the server must not send requests (configuration, registration, progress)
        init = await client.request(1, "initialize", {"processId": None, "rootUri": ws.as_uri(),
                                                      "capabilities": {}})
        assert init["result"]["serverInfo"]["name"] == "goenv-lsp"
        await client.send({"jsonrpc": "2.0", "method": "initialized", "params": {}})
        gomod = (ws / "go.mod").as_uri()
        await client.wait(lambda m: m.get("method") == "textDocument/publishDiagnostics"
                          and m["params"]["uri"] == gomod)

        await client.send_bytes(b"Content-Length: ten\r\n\r\n")  # a bad Content-Length header
        await client.send_bytes(b"Content-Type: text/plain\r\n\r\n")  # headers without a length
        for body in (b"{not json", b"\xff\xfe\x00garbage", b"[1, 2, 3]", b"42", b"null",
                     b'{"jsonrpc": "2.0", "id": 7}',  # neither request nor response
                     b'{"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"nonsense": true}}'):
            await client.send_bytes(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        unknown = await client.request(8, "goenv/noSuchMethod", {})
        assert unknown["error"]["code"] == -32601
        bad_params = await client.request(9, "textDocument/hover", {"textDocument": 5})  # answered, not dropped
        assert bad_params["error"]["code"] == -32602
        bad_command = await client.request(10, "workspace/executeCommand",
                                           {"command": "goenv.goEnvWrite", "arguments": ["not a fix"]})
        assert "expected a command from a goenv-lsp fix" in bad_command["error"]["message"]

        explain = await client.request(11, "workspace/executeCommand",
                                       {"command": "goenv.explain", "arguments": ["GE110"]})
        assert explain["result"].startswith("#") and "GE110" in explain["result"]
        hover = await client.request(12, "textDocument/hover", {"textDocument": {"uri": gomod},
                                                                "position": {"line": 2, "character": 3}})
        assert "go1.22.10" in hover["result"]["contents"]["value"]
        assert proc.returncode is None
        # each undecodable message was reported once, out of band (pygls' default)
        errors = [m for m in client.messages if m.get("method") == "window/showMessage"
                  and m["params"]["message"].startswith("Error in server")]
        assert len(errors) >= 7

        assert (await client.request(13, "shutdown"))["result"] is None
        await client.send({"jsonrpc": "2.0", "method": "exit"})
        assert await asyncio.wait_for(proc.wait(), 10) == 0
    finally:
        if proc.returncode is None:
            proc.kill()
            await proc.wait()
        client._reader.cancel()
