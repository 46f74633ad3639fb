"""Secrets never enter facts or output: credentials in URLs (GOPROXY=https://user:token@host) become ***."""

from __future__ import annotations

import re

_URL_CREDENTIALS = re.compile(r"(?<=://)[^/@\s,|\"']+@")


def redact_credentials(text: str) -> str:
    return _URL_CREDENTIALS.sub("***@", text)


def redact_data(data: object) -> object:
    """The same, through JSON-like data."""
    if isinstance(data, str):
        return redact_credentials(data)
    if isinstance(data, list):
        return [redact_data(item) for item in data]
    if isinstance(data, dict):
        return {key: redact_data(value) for key, value in data.items()}
    return data


def redact_text(text: str) -> str:
    """Free text (a log line, a message): every secret a value pattern recognises is hidden."""
    return redact_credentials(text)
