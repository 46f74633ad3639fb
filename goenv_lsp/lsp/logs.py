"""The server's log (``--log-file``, ``--log-level``): one handler on the root logger, so every record — pygls'
own, asyncio's, warnings — is redacted (``goenv_lsp.redact.redact_text``) and rate-limited the same way.

Message contents are logged at DEBUG only: pygls logs whole messages (initialize's options, every message it
sends) at INFO, so its loggers record INFO only when the level is DEBUG. The file is created 0600 (an existing
one keeps its mode)."""

from __future__ import annotations

import logging
import os
import sys
import time
from typing import TextIO

from goenv_lsp.redact import redact_text

FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
MAX_RECORD = 20_000  # characters of one record above DEBUG
BURST, WINDOW = 20, 60.0  # at most BURST records of one kind (logger and format) per WINDOW seconds


class RedactingFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        text = redact_text(super().format(record))
        if record.levelno > logging.DEBUG and len(text) > MAX_RECORD:
            text = f"{text[:MAX_RECORD]} … ({len(text) - MAX_RECORD} characters more)"
        return text


class RateLimit(logging.Filter):
    """A flood of one kind of record (a client sending garbage) is cut to ``burst`` per ``window``; the next
    one let through says how many were left out."""

    def __init__(self, burst: int = BURST, window: float = WINDOW, clock=time.monotonic):
        super().__init__()
        self.burst, self.window, self.clock = burst, window, clock
        self._kinds: dict[tuple[str, str], list] = {}  # kind → [window start, count, suppressed]

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno <= logging.DEBUG:
            return True
        now = self.clock()
        kind = (record.name, str(record.msg)[:200])
        if len(self._kinds) > 1000:
            self._kinds.clear()
        state = self._kinds.setdefault(kind, [now, 0, 0])
        if now - state[0] >= self.window:
            if state[2]:
                record.msg = f"{record.msg} ({state[2]} more like this left out of the log)"
            state[:] = [now, 0, 0]
        state[1] += 1
        if state[1] > self.burst:
            state[2] += 1
            return False
        return True


def private_file(path: str) -> TextIO:
    """``path`` opened for appending, created readable by its owner only."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND | getattr(os, "O_CLOEXEC", 0), 0o600)
    return open(fd, "a", encoding="utf-8", errors="backslashreplace")


def configure(log_file: str | None, level: str | None) -> None:
    """The log goes to ``log_file`` (INFO unless ``level`` says otherwise) or to stderr (WARNING unless …):
    a server started by hand on a terminal, or an editor showing its stderr, is not flooded."""
    default = logging.INFO if log_file else logging.WARNING
    threshold = getattr(logging, str(level).upper(), default) if level else default
    stream = private_file(log_file) if log_file else sys.stderr
    handler = logging.StreamHandler(stream)
    handler.setFormatter(RedactingFormatter(FORMAT))
    handler.addFilter(RateLimit())
    logging.basicConfig(level=threshold, handlers=[handler], force=True)
    logging.getLogger("pygls").setLevel(logging.DEBUG if threshold <= logging.DEBUG else logging.WARNING)
    logging.captureWarnings(True)
