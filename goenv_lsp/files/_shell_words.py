"""One shell word as written (``"$HOME/go"``, ``~/sdk/go1.22``, ``$(go env GOPATH)``): what it becomes when the
shell expands it, as far as that is known without running anything. Linear in the word's length.

The expansion is a template: ``${NAME}`` stands for a variable this file does not set (``${HOME}`` for the home
directory, ``${PATH}`` for the PATH before the line), so rules can resolve it with what they know.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Mapping
from dataclasses import dataclass

_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_SPECIAL = frozenset("@*#?$!-0123456789")


class ValueKind(str, enum.Enum):
    EMPTY = "empty"  # A= or A=""
    LITERAL = "literal"  # no expansion at all: the value is the text
    EXPANDS = "expands"  # only variables and ~: known when those are
    COMMAND = "command"  # a command substitution, arithmetic, or a parameter operation: known only at startup


@dataclass(frozen=True)
class WordInfo:
    expanded: str | None  # the template (see above); None when a command decides it
    kind: ValueKind
    quoted_tilde: bool = False  # a ``~`` inside quotes where a path starts: the shell leaves it as it is
    refs: tuple[str, ...] = ()  # variables it reads


def analyze(raw: str, known: Mapping[str, str] | None = None, assignment: bool = True) -> WordInfo:
    """``raw`` as the file holds it (quotes included). ``known``: templates of variables set earlier in the file.
    In an assignment an unquoted ``~`` expands after ``:`` too (bash)."""
    known = known or {}
    out: list[str] = []
    refs: list[str] = []
    kind = ValueKind.LITERAL
    quoted_tilde = False
    command = False
    i, n = 0, len(raw)
    quote = ""  # "", '"' or "'"
    while i < n:
        c = raw[i]
        if quote == "'":
            if c == "'":
                quote = ""
            elif c == "$":
                command = True  # a literal $: the template cannot say it
            else:
                out.append(c)
            i += 1
            continue
        if c == "'" and not quote:
            quote = "'"
            if raw.startswith("~", i + 1) and _path_start(out):
                quoted_tilde = True
            i += 1
            continue
        if c == '"':
            quote = "" if quote else '"'
            if quote and raw.startswith("~", i + 1) and _path_start(out):
                quoted_tilde = True
            i += 1
            continue
        if c == "\\" and i + 1 < n:
            out.append(raw[i + 1])
            i += 2
            continue
        if c == "`":
            command = True
            end = raw.find("`", i + 1)
            i = n if end < 0 else end + 1
            continue
        if c == "~" and not quote and _path_start(out, assignment):
            j = i + 1
            if j >= n or raw[j] in "/:":
                out.append("${HOME}")
                kind = ValueKind.EXPANDS
                refs.append("HOME")
                i = j
                continue
        if c == "$" and i + 1 < n:
            nxt = raw[i + 1]
            if nxt == "(":
                command = True
                i = _skip_parens(raw, i + 1)
                continue
            if nxt == "{":
                end = raw.find("}", i + 2)
                body = raw[i + 2:end] if end >= 0 else raw[i + 2:]
                i = n if end < 0 else end + 1
                name = _NAME.fullmatch(body)
                if name:
                    out.append(_reference(body, known))
                    refs.append(body)
                    kind = ValueKind.EXPANDS
                else:  # ${B:-x}, ${#A}, ${A/x/y}: decided when the shell starts
                    head = _NAME.match(body)
                    if head:
                        refs.append(head.group(0))
                    command = True
                continue
            name_match = _NAME.match(raw, i + 1)
            if name_match:
                name = name_match.group(0)
                out.append(_reference(name, known))
                refs.append(name)
                kind = ValueKind.EXPANDS
                i = name_match.end()
                continue
            if nxt in _SPECIAL:
                command = True
                i += 2
                continue
        out.append(c)
        i += 1
    if command:
        return WordInfo(None, ValueKind.COMMAND, quoted_tilde, tuple(dict.fromkeys(refs)))
    text = "".join(out)
    if not text and kind is ValueKind.LITERAL:
        kind = ValueKind.EMPTY
    return WordInfo(text, kind, quoted_tilde, tuple(dict.fromkeys(refs)))


def _reference(name: str, known: Mapping[str, str]) -> str:
    return known[name] if name in known and name not in ("PATH", "HOME") else f"${{{name}}}"


def _path_start(out: list[str], after_colon: bool = True) -> bool:
    """Does what was expanded so far end where a path starts (the word's start, or after ``:`` / ``=``)?"""
    if not out:
        return True
    return after_colon and out[-1] in (":", "=")


def _skip_parens(raw: str, start: int) -> int:
    """The index after the ``)`` that closes the ``(`` at ``start`` (quotes inside are skipped)."""
    depth, i, n = 0, start, len(raw)
    quote = ""
    while i < n:
        c = raw[i]
        if quote:
            if c == quote:
                quote = ""
            elif c == "\\" and quote == '"':
                i += 1
        elif c in "'\"":
            quote = c
        elif c == "\\":
            i += 1
        elif c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
            if depth == 0:
                return i + 1
        i += 1
    return n
