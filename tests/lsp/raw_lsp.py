"""The real server process spoken to byte by byte: for what a well-behaved client (pytest-lsp) cannot send.

Every frame the server writes is checked as it is read (``violations``): a Content-Length header (and at most
a Content-Type), the body a JSON-RPC 2.0 object; anything else on stdout is a violation."""

from __future__ import annotations

import asyncio
import json
import sys
from pathlib import Path

from lsp_harness import REPO  # type: ignore[import-not-found]

SERVER = ("-m", "goenv_lsp")


class RawClient:
    def __init__(self, proc: asyncio.subprocess.Process):
        self.proc = proc
        self.messages: list[dict] = []
        self.violations: list[str] = []
        self._changed = asyncio.Event()
        self._reader = asyncio.ensure_future(self._read())
        self._ids = 0

    async def _read(self) -> None:
        stdout = self.proc.stdout
        assert stdout is not None
        while True:
            length = None
            while True:  # headers
                line = await stdout.readline()
                if not line:
                    return
                if line == b"\r\n":
                    break
                name, colon, value = line.decode("ascii", "replace").partition(":")
                if not colon or not line.endswith(b"\r\n") or name not in ("Content-Length", "Content-Type"):
                    self.violations.append(f"not a header: {line[:80]!r}")
                    return
                if name == "Content-Length":
                    length = int(value)
            if length is None:
                self.violations.append("a frame without Content-Length")
                return
            body = await stdout.readexactly(length)
            try:
                message = json.loads(body)
            except ValueError:
                self.violations.append(f"not JSON: {body[:80]!r}")
                return
            if not isinstance(message, dict) or message.get("jsonrpc") != "2.0":
                self.violations.append(f"not a JSON-RPC message: {body[:80]!r}")
            self.messages.append(message)
            self._changed.set()

    async def send_bytes(self, data: bytes) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.write(data)
        await self.proc.stdin.drain()

    async def send(self, message: dict) -> None:
        body = json.dumps(message).encode()
        await self.send_bytes(b"Content-Length: %d\r\n\r\n" % len(body) + body)

    async def notify(self, method: str, params: object = None) -> None:
        await self.send({"jsonrpc": "2.0", "method": method, "params": params})

    async def wait(self, predicate, timeout: float = 20.0) -> dict:
        async def find() -> dict:
            seen = 0
            while True:
                for message in self.messages[seen:]:
                    if predicate(message):
                        return message
                seen = len(self.messages)
                self._changed.clear()
                await self._changed.wait()

        return await asyncio.wait_for(find(), timeout)

    async def request(self, method: str, params: object = None, *, id_: int | str | None = None,
                      prefix: bytes = b"", timeout: float = 20.0) -> dict:
        """Send a request (after ``prefix``, raw bytes) and return its response."""
        if id_ is None:
            self._ids += 1
            id_ = self._ids
        body = json.dumps({"jsonrpc": "2.0", "id": id_, "method": method, "params": params}).encode()
        await self.send_bytes(prefix + b"Content-Length: %d\r\n\r\n" % len(body) + body)
        return await self.wait(lambda m: m.get("id") == id_ and "method" not in m, timeout)

    async def initialize(self, root: Path, capabilities: dict | None = None, **params: object) -> dict:
        result = await self.request("initialize", {"processId": None, "rootUri": root.as_uri(),
                                                   "capabilities": capabilities or {}, **params})
        await self.notify("initialized", {})
        return result

    async def shut_down(self, *, id_: int | None = None, prefix: bytes = b"") -> tuple[dict, int]:
        """shutdown, then exit: the shutdown response and the process's exit code."""
        response = await self.request("shutdown", id_=id_, prefix=prefix)
        await self.notify("exit")
        return response, await asyncio.wait_for(self.proc.wait(), 10)

    def published(self, uri: str) -> list[dict]:
        """Every publishDiagnostics for ``uri``, in order."""
        return [m["params"] for m in self.messages
                if m.get("method") == "textDocument/publishDiagnostics" and m["params"]["uri"] == uri]

    def shown(self) -> list[str]:
        return [m["params"]["message"] for m in self.messages if m.get("method") == "window/showMessage"]

    async def close(self) -> None:
        if self.proc.returncode is None:
            self.proc.kill()
        await self.proc.wait()
        self._reader.cancel()


async def start(cwd: Path, *args: str, env: dict[str, str] | None = None, server: tuple[str, ...] = SERVER,
                **popen: object) -> RawClient:
    """``python -m goenv_lsp ARGS --stdio`` (or ``server``), stderr discarded; ``popen``: more for Popen."""
    proc = await asyncio.create_subprocess_exec(
        sys.executable, *server, *args, "--stdio", env={"PYTHONPATH": str(REPO), **(env or {})}, cwd=cwd,
        stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.DEVNULL,
        limit=2**26, **popen)
    return RawClient(proc)


def rss_mb(pid: int) -> float:
    """The process's resident set (VmRSS) in MiB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise AssertionError("no VmRSS")
