"""Pieces of files in a paste: `.vscode/settings.json` (JSONC, with or without its outer braces), go.mod, go.work.

A block is recorded only when the file's own parser accepts it (``_jsonc`` for settings, ``_modfile`` for go.mod
and go.work), so prose that mentions `module` or quotes one setting in a sentence is not a fragment. A block
a heading names ("go.mod:", "**go.work**", "$ cat go.mod") is recorded even when malformed: a broken go.mod is
what the reporter shows, and the malformed-file rule says why.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from goenv_lsp.files._jsonc import JsonNode, parse_jsonc
from goenv_lsp.files._modfile import parse_modfile
from goenv_lsp.triage.draft import Draft, Fragment, Span

SETTINGS = "vscode-settings"
_SETTING_KEY = re.compile(r'^\s*"(?:go\.[A-Za-z][\w.]*|gopls)"\s*:')
_JSONISH = re.compile(r'^\s*(?:[{}\[\]]|"|//|/\*|\*|-?\d|true\b|false\b|null\b)')
_HEADING = re.compile(r"^[\s#*_>`]*(?:\$\s*cat\s+)?(?:[\w.~:-]*[/\\])*(go\.mod|go\.work)[\s:*_`]*$")
_SETTINGS_HEADING = re.compile(r"^[\s#*_>`]*(?:\$\s*cat\s+)?(?:[\w.~:-]*[/\\])*settings\.json[\s:*_`]*$")
# a directive line of go.mod / go.work: the keyword and the shape of its arguments as the grammar has them
_ONE_ARG = r"\s+\S+\s*(?://.*)?$"
_DIRECTIVE = re.compile(
    rf"^\s*(?:(?:module|go|toolchain){_ONE_ARG}|module\s*\(\s*$"
    r"|(?:require|replace|exclude|retract|godebug|tool|ignore|use)(?:\s*\(\s*(?://.*)?$|\s+\S.*$))")
_BLOCK_OPEN = re.compile(r"\(\s*(?://.*)?$")
_KEYWORD = re.compile(r"^\s*(\w+)")
_HEADING_GAP = 3  # blank lines allowed between a "go.mod:" heading and the file
_MAX_DEPTH = 4  # a devcontainer.json holds settings at customizations.vscode.settings


def read(lines: Sequence[str], draft: Draft) -> None:
    _read_mod_files(lines, draft)
    _read_settings(lines, draft)


# ---------------------------------------------------------------- go.mod, go.work

def _read_mod_files(lines: Sequence[str], draft: Draft) -> None:
    i = 0
    while i < len(lines):
        heading = _HEADING.match(lines[i])
        first = _next_filled(lines, i + 1, _HEADING_GAP) if heading else i
        if first is not None and _DIRECTIVE.match(lines[first]):
            end = _mod_block_end(lines, first)
            _record_mod(lines, first, end, heading.group(1) if heading else None, draft)
            i = end + 1  # recorded or not, its lines belong to no other block
            continue
        i += 1


def _next_filled(lines: Sequence[str], i: int, limit: int | None = None) -> int | None:
    """The first non-blank line from ``i`` (within ``limit`` lines, when given)."""
    stop = len(lines) if limit is None else min(len(lines), i + limit)
    while i < stop and not lines[i].strip():
        i += 1
    return i if i < stop else None


def _mod_block_end(lines: Sequence[str], first: int) -> int:
    """The last line of the directives from ``first``: blank lines inside, comments, ``( … )`` blocks."""
    end, i, in_block = first, first, False
    while i < len(lines):
        line = lines[i].strip()
        if not line:
            nxt = _next_filled(lines, i)
            if nxt is None:
                break
            if in_block and lines[nxt].strip() != ")" and not _DIRECTIVE.match(lines[nxt]):
                break  # a truncated block: the paste goes on with prose
            i = nxt  # the blank lines are inside the block
            continue
        if in_block:
            in_block = line != ")"
            end = i
        elif line.startswith("//") or _DIRECTIVE.match(lines[i]):
            in_block = bool(_BLOCK_OPEN.search(line)) and not line.startswith("//")
            end = i
        else:
            break
        i += 1
    return end


def _record_mod(lines: Sequence[str], first: int, end: int, named: str | None, draft: Draft) -> None:
    block = list(lines[first:end + 1])
    keywords = {m.group(1) for line in block if (m := _KEYWORD.match(line)) and _DIRECTIVE.match(line)}
    kind = named or ("go.work" if "use" in keywords else "go.mod" if "module" in keywords else None)
    if kind is None:
        return  # a lone `go 1.22` line: too little to tell it from prose
    text = "\n".join(block) + "\n"
    parsed = parse_modfile(text.encode("utf-8", "surrogatepass"), kind, kind)
    if parsed.problems and named is None:
        return
    draft.fragments.append(Fragment(kind, text, Span(first, end, kind)))
    draft.note(Span(first, end, kind))


# ---------------------------------------------------------------- .vscode/settings.json

def _read_settings(lines: Sequence[str], draft: Draft) -> None:
    taken = -1  # the JSON lines read so far: an anchor inside them starts no other block
    for i, line in enumerate(lines):
        if i <= taken or not _SETTING_KEY.match(line):
            continue
        start, end = _json_extent(lines, i)
        _record_settings(lines, max(start, taken + 1), end, draft)
        taken = end


def _json_extent(lines: Sequence[str], anchor: int) -> tuple[int, int]:
    """The JSON-looking lines around ``anchor`` (blank lines only between JSON lines)."""
    start = anchor
    while start > 0:
        prev = start - 1
        while prev >= 0 and not lines[prev].strip():
            prev -= 1
        if prev < 0 or not _JSONISH.match(lines[prev]) or _SETTINGS_HEADING.match(lines[prev]):
            break
        start = prev
    end = anchor
    while end + 1 < len(lines):
        nxt = _next_filled(lines, end + 1)
        if nxt is None or not _JSONISH.match(lines[nxt]):
            break
        end = nxt
    return start, end


def _record_settings(lines: Sequence[str], start: int, end: int, draft: Draft) -> None:
    pasted = "\n".join(lines[start:end + 1])
    braced = pasted.lstrip().startswith("{")
    text = pasted if braced else "{\n" + pasted + "\n}"
    doc = parse_jsonc(text)
    found = _settings_object(doc.root, 0) if doc.root is not None else None
    if found is None:
        return
    first = start
    if found is not doc.root or braced:  # the object as pasted (a nested "settings", or the whole braced text)
        first = start + max(text.count("\n", 0, found.start) - (0 if braced else 1), 0)
        text = text[found.start:found.end] if found.closed else text[found.start:]
        end = min(first + text.count("\n"), end)
    span = Span(first, end, SETTINGS)
    draft.fragments.append(Fragment(SETTINGS, text, span))
    draft.note(span)


def _settings_object(node: JsonNode, depth: int) -> JsonNode | None:
    """The object holding go.* or gopls settings with values: the top level, or a nested "settings"."""
    if node.kind != "object" or depth > _MAX_DEPTH:
        return None
    members = node.effective_members()
    if any(m.value is not None and (m.key.startswith("go.") or m.key == "gopls") for m in members):
        return node
    for member in members:
        if member.value is not None and (found := _settings_object(member.value, depth + 1)):
            return found
    return None
