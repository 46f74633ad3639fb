"""The LSP base protocol (``Content-Length`` framing) over a byte stream, hardened; replaces pygls' reader loop
(``pygls.io_.run_async``), which

* allocates whatever ``Content-Length`` claims (``Content-Length: 99999999999`` is a MemoryError that ends the
  server) and reads header lines without a length limit;
* stops the TCP connection (and, through ``JsonRPCServer.shutdown``, the listener) on one line asyncio's
  ``readline`` refuses;
* logs a traceback and shows the user a message for every undecodable message.

Here a frame larger than ``MAX_BODY`` is never read: the stream is resynchronised at the next
``Content-Length:`` header, as it is after any header that does not parse."""

from __future__ import annotations

import asyncio
import logging
import os
import re
import threading
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Protocol

log = logging.getLogger(__name__)

MAX_BODY = 64 * 1024 * 1024  # the largest message accepted
MAX_HEADER = 8 * 1024  # a header block longer than this is garbage
CHUNK = 64 * 1024
_MARKER = re.compile(rb"content-length:", re.IGNORECASE)
_LENGTH = re.compile(rb"[0-9]{1,20}")


@dataclass(frozen=True)
class FramingError:
    reason: str


class Framer:
    """Bytes in, message bodies (or ``FramingError``) out. Memory stays bounded by ``max_body``: a claimed
    length over it is skipped, not allocated."""

    def __init__(self, max_body: int = MAX_BODY, max_header: int = MAX_HEADER):
        self.max_body = max_body
        self.max_header = max_header
        self._buffer = bytearray()
        self._need: int | None = None  # the body's length, while reading one
        self._resync_from: int | None = None  # skipping to the next Content-Length header, from this offset
        self._bad_end = 0  # a rejected header block ends here: a Content-Length line before is one of its lines

    def feed(self, data: bytes) -> list[bytes | FramingError]:
        self._buffer += data
        out: list[bytes | FramingError] = []
        while True:
            if self._need is not None:
                if len(self._buffer) < self._need:
                    return out
                out.append(bytes(self._buffer[:self._need]))
                # a new buffer: a bytearray keeps the capacity of the largest message it ever held
                self._buffer = bytearray(self._buffer[self._need:])
                self._need = None
            elif self._resync_from is not None:
                if not self._resync():
                    return out
            elif not self._header(out):
                return out

    def _resync(self) -> bool:
        buffer = self._buffer
        found = next((m.start() for m in _MARKER.finditer(buffer, self._resync_from or 0)
                      if m.start() >= self._bad_end or buffer[m.start() - 1:m.start()] != b"\n"), None)
        if found is None:  # keep only what could be the start of a marker
            self._drop(max(0, len(buffer) - (len(_MARKER.pattern) - 1)))
            self._resync_from = 0
            return False
        self._drop(found)
        self._resync_from = None
        return True

    def _drop(self, count: int) -> None:
        del self._buffer[:count]
        self._bad_end = max(0, self._bad_end - count)

    def _header(self, out: list[bytes | FramingError]) -> bool:
        end = self._buffer.find(b"\r\n\r\n", 0, self.max_header + 4)
        if end < 0:
            if len(self._buffer) <= self.max_header:
                return False  # wait for the rest of the header
            out.append(FramingError(f"no end of header in {self.max_header} bytes"))
            self._resync_from = 1
            return True
        block = bytes(self._buffer[:end])
        length, problem = _content_length(block)
        if problem is not None:  # garbage: a real header may start inside it (not on one of its lines)
            out.append(FramingError(problem))
            self._resync_from, self._bad_end = 1, end
            return True
        self._drop(end + 4)
        assert length is not None
        if length > self.max_body:  # never allocated: whatever follows is skipped up to the next header
            out.append(FramingError(f"Content-Length {length} is over the {self.max_body}-byte limit"))
            self._resync_from = 0
            return True
        self._need = length
        return True


def _content_length(block: bytes) -> tuple[int | None, str | None]:
    length: int | None = None
    for line in block.split(b"\r\n"):
        name, colon, value = line.partition(b":")
        if not colon or not name.strip() or name != name.strip():
            return None, f"not a header line: {line[:60]!r}"
        if name.lower() == b"content-length":
            value = value.strip()
            if not _LENGTH.fullmatch(value):
                return None, f"bad Content-Length {value[:30]!r}"
            if length is not None and length != int(value):
                return None, "two different Content-Length headers"
            length = int(value)
    if length is None:
        return None, "a header without Content-Length"
    return length, None


# -- the loop ---------------------------------------------------------------------------------------------
Read = Callable[[], Awaitable[bytes]]


class Receiver(Protocol):
    stopped: asyncio.Event

    def receive(self, body: bytes) -> None: ...


async def pump(receiver: Receiver, read: Read) -> None:
    """Frames from ``read`` to ``receiver`` until the stream ends or ``receiver.stopped`` is set."""
    framer = Framer()
    stop = asyncio.ensure_future(receiver.stopped.wait())
    try:
        while not receiver.stopped.is_set():
            reading = asyncio.ensure_future(read())
            await asyncio.wait({reading, stop}, return_when=asyncio.FIRST_COMPLETED)
            if not reading.done():
                reading.cancel()
                return
            try:
                data = reading.result()
            except OSError as exc:
                log.info("reading the client failed: %s", exc)
                return
            if not data:
                return
            for item in framer.feed(data):
                if isinstance(item, FramingError):
                    log.warning("bad frame: %s", item.reason)
                else:
                    try:
                        receiver.receive(item)
                    except Exception:  # a bug: the next message may still be served
                        log.exception("handling a message failed")
                if receiver.stopped.is_set():
                    return
                await asyncio.sleep(0)  # the handlers just started run between messages
    finally:
        stop.cancel()


# -- stdio ------------------------------------------------------------------------------------------------
def stdin_reader() -> Read:
    """Chunks of stdin, read by a daemon thread (a blocked read never holds the process at exit) into a
    bounded queue (a client faster than the server waits on the pipe, not in our memory). The thread reads a
    private duplicate: fd 0 itself becomes /dev/null, so nothing else (a child, a read of /dev/stdin) can take
    the client's bytes."""
    loop = asyncio.get_running_loop()
    queue: asyncio.Queue[bytes] = asyncio.Queue(maxsize=16)
    fd = os.dup(0)
    null = os.open(os.devnull, os.O_RDONLY)
    os.dup2(null, 0)
    os.close(null)

    def pump_stdin() -> None:
        while True:
            try:
                data = os.read(fd, CHUNK)
            except OSError as exc:
                log.info("reading the client failed: %s", exc)
                data = b""
            try:
                asyncio.run_coroutine_threadsafe(queue.put(data), loop).result()
            except (RuntimeError, asyncio.CancelledError):  # the loop is gone
                return
            if not data:
                return

    threading.Thread(target=pump_stdin, name="goenv-lsp-stdin", daemon=True).start()
    return queue.get


class StdoutWriter:
    """Frames to a private duplicate of fd 1; fd 1 itself then points at stderr, so that nothing else (a stray
    print, a child process) can write between our frames."""

    def __init__(self) -> None:
        self._out = os.fdopen(os.dup(1), "wb", buffering=0)
        try:
            os.dup2(2, 1)
        except OSError:  # no stderr: /dev/null then
            null = os.open(os.devnull, os.O_WRONLY)
            os.dup2(null, 1)
            os.close(null)

    def write(self, data: bytes) -> None:
        view = memoryview(data)
        while view:
            view = view[self._out.write(view) or 0:]

    def close(self) -> None:
        self._out.close()


# -- TCP --------------------------------------------------------------------------------------------------
class TcpWriter:
    """asyncio buffers what a socket cannot take yet: a client that stops reading is dropped before that
    buffer outgrows ``limit``."""

    def __init__(self, writer: asyncio.StreamWriter, limit: int = 2 * MAX_BODY):
        self._writer, self._limit = writer, limit

    def write(self, data: bytes) -> None:
        if self._writer.is_closing():
            raise ConnectionResetError("the connection is closed")
        if self._writer.transport.get_write_buffer_size() + len(data) > self._limit:
            self._writer.close()
            raise ConnectionResetError("the client does not read what it is sent")
        self._writer.write(data)

    def close(self) -> None:
        self._writer.close()
