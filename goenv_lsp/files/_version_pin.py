"""The Go version a version manager's file names, as a ``GoPin`` when it is a concrete release."""

from __future__ import annotations

import re

from goenv_lsp.facts import GoPin, Spanned
from goenv_lsp.semantics import version as gover
from goenv_lsp.text import LineIndex

# 1.22, 1.22.3, 1.23rc1, with an optional go prefix (gvm names installs go1.22.3)
_CONCRETE = re.compile(r"^(?:go)?(\d+\.\d+(?:\.\d+|(?:rc|beta)\d+)?)$")


def concrete(text: str) -> str | None:
    """``1.22.3`` for ``1.22.3`` or ``go1.22.3``; None for ``latest``, ``system``, ``ref:…``, ``1.22.x``."""
    match = _CONCRETE.match(text)
    return match.group(1) if match and gover.is_valid(match.group(1)) else None


def pin(value: Spanned, label: str) -> tuple[GoPin, ...]:
    version = concrete(value.value)
    return (GoPin(version, value.value, value.range, label),) if version else ()


def spanned(lines: LineIndex, offset: int, text: str) -> Spanned:
    """``text`` found at ``offset`` of the file, with its range as editors count it."""
    return Spanned(text, lines.range(offset, offset + len(text)))
