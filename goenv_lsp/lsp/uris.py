"""file:// URIs ↔ paths of this machine (pygls' conversions; clients send them percent-encoded, or not)."""

from __future__ import annotations

import functools
import os

from pygls.uris import from_fs_path, to_fs_path

MAX_PATH, MAX_NAME = 4096, 255  # bytes of a path and of one name in it (Linux PATH_MAX, NAME_MAX)


def uri_to_path(uri: str) -> str | None:
    """The absolute path a file URI names; None for other schemes and for URIs without a usable path (no
    file can have it: a NUL, a name or a path over the system's limits)."""
    return _uri_to_path(uri) if len(uri) <= 1024 else _path_of(uri)  # the cache holds short URIs only


@functools.lru_cache(maxsize=4096)  # every open document's, each time the buffers are read
def _uri_to_path(uri: str) -> str | None:
    return _path_of(uri)


def _path_of(uri: str) -> str | None:
    path = to_fs_path(uri) if uri.startswith("file:") and len(uri) <= 3 * MAX_PATH else None
    if not path or not os.path.isabs(path) or "\0" in path:
        return None
    encoded = path.encode("utf-8", "surrogateescape")
    if len(encoded) > MAX_PATH or any(len(name) > MAX_NAME for name in encoded.replace(b"\\", b"/").split(b"/")):
        return None
    return path


@functools.lru_cache(maxsize=4096)  # every finding's file, on every evaluation
def path_to_uri(path: str) -> str:
    return from_fs_path(path) or f"file://{path}"
