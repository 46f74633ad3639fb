"""Module path patterns as the go command matches them: GOPRIVATE, GONOPROXY, GONOSUMDB, GOINSECURE.

A port of ``golang.org/x/mod/module.MatchPrefixPatterns`` and of Go's ``path.Match`` (go-semantics.md §5.3):
the list is split on ``,`` (nothing is trimmed), one trailing ``/`` is dropped, a pattern of N+1 path
elements is matched against the first N+1 elements of the path, and ``*``/``?`` never cross a ``/``. So
``git.corp.com`` covers ``git.corp.com/a/b`` and ``*.corp.com`` does not match ``corp.com``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


class BadPattern(ValueError):
    """``path.ErrBadPattern``: "syntax error in pattern"."""


def match_prefix_patterns(globs: str, target: str) -> bool:
    """``module.MatchPrefixPatterns(globs, target)``."""
    return any(_matches(glob, target) for glob in split_patterns(globs))


def matching_pattern(globs: str, target: str) -> str | None:
    """The first pattern of the list that matches ``target`` (as written, before the trailing ``/`` is cut)."""
    return next((glob for glob in split_patterns(globs) if _matches(glob, target)), None)


def split_patterns(globs: str) -> list[str]:
    """The non-empty patterns of a list, as written (one trailing ``/`` is dropped when matching)."""
    return [glob for glob in globs.split(",") if glob.removesuffix("/")]


def _matches(glob: str, target: str) -> bool:
    glob = glob.removesuffix("/")
    if not glob:
        return False
    n = glob.count("/")
    prefix = target
    for i, char in enumerate(target):
        if char == "/":
            if n == 0:
                prefix = target[:i]
                break
            n -= 1
    if n > 0:
        return False  # not enough path elements
    try:
        return path_match(glob, prefix)
    except BadPattern:
        return False


def path_match(pattern: str, name: str) -> bool:
    """Go's ``path.Match``; raises ``BadPattern`` where it returns ``ErrBadPattern``."""
    while pattern:
        star, chunk, pattern = _scan_chunk(pattern)
        if star and not chunk:
            return "/" not in name  # a trailing * matches the rest unless it holds a /
        rest, ok = _match_chunk(chunk, name)
        if ok and (not rest or pattern):
            name = rest
            continue
        if star:
            matched = False
            for i in range(len(name)):
                if name[i] == "/":
                    break
                rest, ok = _match_chunk(chunk, name[i + 1:])
                if ok:
                    if not pattern and rest:
                        continue
                    name, matched = rest, True
                    break
            if matched:
                continue
        while pattern:  # before returning false, the rest of the pattern must be well-formed
            _, chunk, pattern = _scan_chunk(pattern)
            _match_chunk(chunk, "")
        return False
    return not name


def _scan_chunk(pattern: str) -> tuple[bool, str, str]:
    star = False
    while pattern.startswith("*"):
        pattern, star = pattern[1:], True
    in_range, i = False, 0
    while i < len(pattern):
        char = pattern[i]
        if char == "\\":
            if i + 1 < len(pattern):
                i += 1
        elif char == "[":
            in_range = True
        elif char == "]":
            in_range = False
        elif char == "*" and not in_range:
            return star, pattern[:i], pattern[i:]
        i += 1
    return star, pattern, ""


def _match_chunk(chunk: str, s: str) -> tuple[str, bool]:
    failed = False
    while chunk:
        failed = failed or not s
        head = chunk[0]
        if head == "[":
            r = ""
            if not failed:
                r, s = s[0], s[1:]
            chunk = chunk[1:]
            negated = chunk.startswith("^")
            if negated:
                chunk = chunk[1:]
            match, ranges = False, 0
            while True:
                if chunk.startswith("]") and ranges > 0:
                    chunk = chunk[1:]
                    break
                lo, chunk = _get_esc(chunk)
                hi = lo
                if chunk[0] == "-":
                    hi, chunk = _get_esc(chunk[1:])
                match = match or (not failed and lo <= r <= hi)
                ranges += 1
            failed = failed or match == negated
        elif head == "?":
            if not failed:
                failed, s = s[0] == "/", s[1:]
            chunk = chunk[1:]
        else:
            if head == "\\":
                chunk = chunk[1:]
                if not chunk:
                    raise BadPattern("syntax error in pattern")
            if not failed:
                failed, s = chunk[0] != s[0], s[1:]
            chunk = chunk[1:]
    return ("", False) if failed else (s, True)


def _get_esc(chunk: str) -> tuple[str, str]:
    if not chunk or chunk[0] in "-]":
        raise BadPattern("syntax error in pattern")
    if chunk[0] == "\\":
        chunk = chunk[1:]
        if not chunk:
            raise BadPattern("syntax error in pattern")
    rest = chunk[1:]
    if not rest:
        raise BadPattern("syntax error in pattern")
    return chunk[0], rest


def is_valid_glob(pattern: str) -> bool:
    try:
        path_match(pattern, "")
    except BadPattern:
        return False
    return True


# -- patterns that can never match a module path ----------------------------------------------------------

_SCHEME = re.compile(r"^\s*[A-Za-z][A-Za-z0-9+.-]*://")


@dataclass(frozen=True)
class DeadPattern:
    """A pattern of a list that matches no module path, why, and what was probably meant (None: unknown)."""

    pattern: str
    reason: str
    suggestion: str | None


def dead_patterns(globs: str) -> list[DeadPattern]:
    """Patterns that can never match a module path: a URL scheme, surrounding whitespace or quotes, a
    ``;`` used as separator, more than one trailing ``/``, a glob syntax error."""
    found = []
    for glob in split_patterns(globs):
        problem = _dead(glob)
        if problem is not None:
            found.append(DeadPattern(glob, *problem))
    return found


def _dead(glob: str) -> tuple[str, str | None] | None:
    meant = glob.strip().strip("\"'").strip()
    reasons = []
    if meant != glob:
        reasons.append("quotes are part of the value" if any(q in glob for q in "\"'") else
                       "the \\r of a CRLF line end is part of it" if glob.endswith("\r") else
                       "whitespace is part of the pattern")
    if _SCHEME.match(meant):
        reasons.append("module paths have no URL scheme")
        meant = meant.split("://", 1)[1]
    if ";" in meant:
        reasons.append("the list separator is `,`, not `;`")
        meant = ",".join(p.strip() for p in meant.split(";") if p.strip())
    if meant.rstrip("/") != meant.removesuffix("/"):
        reasons.append("only one trailing `/` is ignored")
    if meant.endswith("/"):
        meant = meant.rstrip("/")
    if any(c.isspace() for c in meant):
        reasons.append("module paths hold no whitespace")
        return "; ".join(reasons), None
    if not all(is_valid_glob(p) for p in meant.split(",") if p):
        reasons.append("syntax error in pattern")
        return "; ".join(reasons), None
    if not reasons:
        return None
    return "; ".join(reasons), meant or None
