"""The pasted text, cleaned for the readers: one cleaned line per pasted line, so line numbers hold.

Removed: ``>`` quote markers (nested too), Markdown fence lines (``` and ~~~, with info strings), the
``<details>``/``<summary>`` wrapping GitHub issues use, shell prompts before a command (``$ go env`` → ``go env``,
``PS C:\\> go env`` → ``go env``), trailing CR and control characters. Text beyond ``MAX_CHARS`` or
``MAX_LINES`` is not read (``limit_note`` says so).
"""

from __future__ import annotations

import re

MAX_CHARS = 2_000_000
MAX_LINES = 50_000

_NEWLINE = re.compile(r"\r\n|\r|\n")
_QUOTE = re.compile(r"^ {0,3}>[ \t]?")
_FENCE = re.compile(r"^\s*(?:`{3,}|~{3,})[^`]*$")
_HTML = re.compile(r"</?(?:details|summary|pre|code|p|br)\b[^>]*>", re.IGNORECASE)
# prompts: "$ ", "% ", "# ", "user@host:~/src$ ", "PS> ", "PS C:\Users\dev> ", "C:\Users\dev>", "(base) $ "
_PROMPT = re.compile(r"^\s*(?:\([\w.-]+\)\s*)?(?:"
                     r"PS(?: [A-Za-z]:\\[^>]*)?>\s*|[A-Za-z]:\\[^>]*>\s*|"
                     r"(?:[\w.-]+@[\w.-]+(?::[^$#%]*)?)?[$%#❯➜»]\s+)"
                     r"(?=\S)")
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def decode(data: bytes) -> str:
    """Bytes as read from a file or stdin: UTF-8 (a BOM dropped), anything else replaced, never an error."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):  # PowerShell's `> file` writes UTF-16
        return data.decode("utf-16", "replace")
    return data.decode("utf-8", "replace")


def limited(text: str) -> tuple[str, str | None]:
    """The part of ``text`` that is read, and a note when some was left out."""
    note = None
    if len(text) > MAX_CHARS:
        text, note = text[:MAX_CHARS], f"only the first {MAX_CHARS:,} characters of the paste were read"
    lines = _NEWLINE.split(text, maxsplit=MAX_LINES)
    if len(lines) > MAX_LINES:
        text, note = "\n".join(lines[:MAX_LINES]), f"only the first {MAX_LINES:,} lines of the paste were read"
    return text, note


def split_lines(text: str) -> list[str]:
    return _NEWLINE.split(text)


def clean_line(line: str) -> str:
    if "\ufffd" in line or _CONTROL.search(line):
        line = _CONTROL.sub("", line)
    while True:  # "> > text": every quote level
        match = _QUOTE.match(line)
        if match is None:
            break
        line = line[match.end():]
    if "<" in line:
        line = _HTML.sub("", line)
    if _FENCE.match(line):
        return ""
    match = _PROMPT.match(line)
    if match is not None and not line.lstrip().startswith(("#!", "##")):
        line = line[match.end():]
    return line.rstrip()


def clean_lines(text: str) -> list[str]:
    """The pasted lines, cleaned, one for one (``text`` already ``limited``)."""
    text = text.encode("utf-8", "replace").decode("utf-8")  # lone surrogates (a str from anywhere) → "?"
    return [clean_line(line) for line in split_lines(text)]
