"""file:// URIs ↔ paths of this machine (pygls' conversions; clients send them percent-encoded, or not)."""

from __future__ import annotations

import functools
import os

from pygls.uris import from_fs_path, to_fs_path


def uri_to_path(uri: str) -> str | None:
    """The absolute path a file URI names; None for other schemes and for URIs without a usable path."""
    path = to_fs_path(uri) if uri.startswith("file:") else None
    return path if path and os.path.isabs(path) else None


@functools.lru_cache(maxsize=4096)  # every finding's file, on every evaluation
def path_to_uri(path: str) -> str:
    return from_fs_path(path) or f"file://{path}"
