"""Where a report goes: stdout, or ``--output FILE``, written whole or not at all.

A file is written next to its final name and renamed over it, so a job that is killed (or a reader that opens it
while the check runs) never sees half a SARIF file; missing parent directories are created (``reports/goenv.sarif``
in a fresh checkout). Nothing else goes to stdout then, as with ruff's and golangci-lint's output files."""

from __future__ import annotations

import os
import sys

ENCODING = "utf-8"
ERRORS = "backslashreplace"  # a non-UTF-8 path as \\udcff: still valid JSON, never a crash


def write_report(text: str, path: str | None) -> None:
    if text and not text.endswith("\n"):
        text += "\n"
    if path is None or path == "-":
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    from goenv_lsp.cli import CliError

    try:
        write_atomically(path, text.encode(ENCODING, ERRORS))
    except OSError as exc:
        raise CliError(f"cannot write {path}: {exc.strerror or exc}") from None


def write_atomically(path: str, data: bytes) -> None:
    if os.path.isdir(path):
        raise IsADirectoryError(21, "it is a directory")
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    from goenv_lsp.fixes_apply import write_atomically as replace_file

    replace_file(path, data)
