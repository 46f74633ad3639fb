"""Where go is: ``which -a go``, ``where go`` (Windows), ``type -a go``, ``command -v go``, PowerShell's
``Get-Command go``; and PATH as ``PATH=…``, ``echo $PATH``, ``echo %PATH%`` or ``$env:PATH`` show it."""

from __future__ import annotations

import re
from collections.abc import Sequence

from goenv_lsp.triage.draft import Draft, Span

_LOOKUP = re.compile(r"^\s*(?:which(?:\s+-a)?|where(?:\.exe)?|type(?:\s+-[aP]+)?|command\s+-v|Get-Command"
                     r"(?:\s+-All)?|gcm|whereis)\s+go(?:\.exe)?\s*$", re.IGNORECASE)
_POSIX_GO = re.compile(r"^\s*(/\S*/go)\s*$")
_WINDOWS_GO = re.compile(r"^\s*([A-Za-z]:\\[^<>|\"*?]*\\go\.exe)\s*$", re.IGNORECASE)
_TYPE = re.compile(r"^\s*go is (?:hashed \()?(/\S*/go|[A-Za-z]:\\.*\\go\.exe)\)?\s*$", re.IGNORECASE)
_GET_COMMAND = re.compile(r"^\s*Application\s+go\.exe\s+(?:[\d.]+\s+)?([A-Za-z]:\\.*\\go\.exe)\s*$", re.IGNORECASE)
_WHEREIS = re.compile(r"^\s*go:((?:\s+/\S+)+)\s*$")
_PATH_VALUE = re.compile(r"^\s*(?:export\s+|set\s+)?PATH=(.+)$", re.IGNORECASE)
_ECHO_PATH = re.compile(r"^\s*(?:echo\s+(?:\$PATH|\"\$PATH\"|\$\{PATH\}|%PATH%|\$env:PATH)|\$env:PATH)\s*$",
                        re.IGNORECASE)
_DRIVE = re.compile(r"^[A-Za-z]:[\\/]")


def _go_path(line: str) -> str | None:
    for pattern in (_TYPE, _GET_COMMAND, _WINDOWS_GO, _POSIX_GO):
        if (m := pattern.match(line)) is not None:
            return m.group(1).strip()
    return None


def read(lines: Sequence[str], draft: Draft) -> None:
    index = 0
    while index < len(lines):
        line = lines[index]
        if _LOOKUP.match(line) or _WHEREIS.match(line) or _go_path(line):
            index = _candidates(lines, index, draft)
            continue
        if (m := _PATH_VALUE.match(line)) is not None:
            _path(draft, m.group(1), index)
        elif _ECHO_PATH.match(line) and index + 1 < len(lines) and lines[index + 1].strip():
            _path(draft, lines[index + 1], index + 1)
            index += 1
        index += 1


def _candidates(lines: Sequence[str], start: int, draft: Draft) -> int:
    """A lookup command and the go paths after it (or a run of go paths alone)."""
    found: list[str] = []
    index, end = start, start
    if _LOOKUP.match(lines[start]):
        index = end = start + 1
    while index < len(lines):
        line = lines[index]
        if (m := _WHEREIS.match(line)) is not None:
            found += [p for p in m.group(1).split() if re.search(r"/bin/go$", p)]
        elif (path := _go_path(line)) is not None:
            found.append(path)
        elif not (line.strip() == "" and not found) and not re.match(r"^\s*(CommandType|-{5,})", line):
            break
        end = index
        index += 1
    if found:
        span = Span(start, end, "which go")
        draft.note(span)
        if not draft.path_candidates:
            draft.path_candidates.extend(dict.fromkeys(found))
            draft.go_path_span = span
            draft.go_path = draft.go_path or found[0]
        if any(_DRIVE.match(p) for p in found):
            draft.set_host("windows", shown=False)
    return max(index, start + 1)


def _path(draft: Draft, value: str, index: int) -> None:
    value = value.strip().strip("'\"")
    if not value or draft.path_entries is not None:
        return
    windows = ";" in value or bool(_DRIVE.match(value))
    entries = [e for e in value.split(";" if windows else ":") if e]
    if not entries or not all(e.startswith(("/", "~", "$", "%", ".")) or _DRIVE.match(e) for e in entries):
        return  # not a PATH value (prose after "PATH=")
    draft.path_entries = entries
    draft.path_span = Span(index, index, "PATH")
    draft.note(draft.path_span)
    if windows:
        draft.set_host("windows", shown=False)
