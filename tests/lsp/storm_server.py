"""``python storm_server.py ARGS…``: goenv-lsp's command line, unchanged but for the recorded machine's call
log. ``FakeSystem.calls`` keeps every call for tests to inspect, so it grows with the traffic; the storm test
measures the server's memory, not its test double's, and keeps only the last calls."""

from __future__ import annotations

import collections
import sys

from goenv_lsp.cli import main
from goenv_lsp.probe.fake import FakeSystem

_load = FakeSystem.from_file.__func__  # type: ignore[attr-defined]


def _bounded(cls: type[FakeSystem], path: str) -> FakeSystem:
    system = _load(cls, path)
    system.calls = collections.deque(maxlen=1000)  # type: ignore[assignment]
    return system


FakeSystem.from_file = classmethod(_bounded)  # type: ignore[method-assign,assignment]

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
