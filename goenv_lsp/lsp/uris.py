"""file:// URIs ↔ paths (clients send them percent-encoded, or not)."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlparse


def uri_to_path(uri: str) -> str | None:
    parsed = urlparse(uri)
    return unquote(parsed.path) if parsed.scheme == "file" else None


def path_to_uri(path: str) -> str:
    return Path(path).as_uri()
