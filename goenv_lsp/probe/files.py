"""Read the workspace and environment files that rules need; parsing is left to ``parsers/``."""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from typing import TypeVar

from goenv_lsp.facts import EnvFileFacts, FileProblem, Status
from goenv_lsp.redact import redact_credentials
from goenv_lsp.semantics.goenv import parse_env_file

MAX_FILE_BYTES = 4 * 1024 * 1024
T = TypeVar("T")


def read_bytes(path: str) -> tuple[Status, bytes, str]:
    """(status, data, problem text) — never raises."""
    try:
        with open(path, "rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)
    except FileNotFoundError:
        return Status.MISSING, b"", ""
    except NotADirectoryError:
        return Status.MISSING, b"", ""
    except IsADirectoryError:
        return Status.UNREADABLE, b"", "is a directory"
    except OSError as exc:
        return Status.UNREADABLE, b"", exc.strerror or str(exc)
    if len(data) > MAX_FILE_BYTES:
        return Status.UNREADABLE, b"", f"larger than {MAX_FILE_BYTES // (1024 * 1024)} MiB"
    return Status.OK, data, ""


def read_parsed(path: str, parse: Callable[[bytes], T], unreadable: Callable[[Status, str], T],
                overrides: Mapping[str, bytes] | None = None) -> T | None:
    """Parse the file at ``path`` (or its unsaved editor buffer in ``overrides``); None when it does not exist."""
    if overrides and path in overrides:
        return parse(overrides[path])
    status, data, problem = read_bytes(path)
    if status is Status.MISSING:
        return None
    if status is not Status.OK:
        return unreadable(status, problem)
    return parse(data)


def read_env_file(path: str | None) -> EnvFileFacts:
    if path is None:
        return EnvFileFacts(path=None, status=Status.MISSING)
    status, data, _ = read_bytes(path)
    if status is not Status.OK:
        return EnvFileFacts(path=path, status=status)
    text = redact_credentials(data.decode("utf-8", "replace"))
    return EnvFileFacts(path=path, status=Status.OK, entries=parse_env_file(text))


def find_upwards(start: str, name: str, stop_at: str | None = None) -> str | None:
    """The nearest regular file ``name`` in ``start`` or a parent (how go finds go.mod / go.work)."""
    directory = os.path.abspath(start)
    while True:
        candidate = os.path.join(directory, name)
        if os.path.isfile(candidate):
            return candidate
        parent = os.path.dirname(directory)
        if parent == directory or (stop_at and directory == stop_at):
            return None
        directory = parent


def unreadable_problem(status: Status, problem: str) -> tuple[FileProblem, ...]:
    return (FileProblem(f"cannot read the file: {problem or status.value}"),)
