"""Text as files hold it: decoding (strict UTF-8) and the one line index (offsets ↔ LSP positions).

Positions are 0-based; ``character`` counts UTF-16 code units, as LSP does by default.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from goenv_lsp.model import Position, Range

_NEWLINE = re.compile(r"\r\n|\r|\n")
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")  # two UTF-16 code units each


class LineIndex:
    """Offsets in ``text`` ↔ LSP positions. ``newlines="any"`` ends lines at \\n, \\r\\n and \\r (editors,
    JSON); ``"lf"`` only at \\n, as the go command's lexer does (a \\r stays on its line)."""

    def __init__(self, text: str, newlines: str = "any") -> None:
        self.text = text
        if newlines == "lf":
            self.starts = [0] + [m.end() for m in re.finditer("\n", text)]
        else:
            self.starts = [0] + [m.end() for m in _NEWLINE.finditer(text)]
        # where the characters beyond the BMP are: a position is found without rescanning its line
        self._astral = [] if text.isascii() else [m.start() for m in _ASTRAL.finditer(text)]

    def line_of(self, offset: int) -> int:
        return bisect.bisect_right(self.starts, offset) - 1

    def position(self, offset: int) -> Position:
        line = self.line_of(offset)
        start, end = self.starts[line], min(offset, len(self.text))
        wide = bisect.bisect_left(self._astral, end) - bisect.bisect_left(self._astral, start) if self._astral else 0
        return Position(line, max(end - start, 0) + wide)

    def range(self, start: int, end: int) -> Range:
        return Range(self.position(start), self.position(end))

    def rune_column(self, offset: int) -> int:
        """1-based column in code points, as Go tools print it."""
        return offset - self.starts[self.line_of(offset)] + 1

    def offset(self, position: Position) -> int:
        """The offset at ``position``, clamped to the end of its line."""
        if position.line >= len(self.starts):
            return len(self.text)
        start = self.starts[position.line]
        end = self.starts[position.line + 1] if position.line + 1 < len(self.starts) else len(self.text)
        line = self.text[start:end].rstrip("\r\n")
        units = 0
        for i, ch in enumerate(line):
            if units >= position.character:
                return start + i
            units += 2 if ord(ch) > 0xFFFF else 1
        return start + len(line)


@dataclass(frozen=True)
class DecodeError:
    message: str
    position: Position


def decode_text(data: bytes) -> tuple[str | None, DecodeError | None]:
    """Strict UTF-8 (a BOM is dropped, as editors do); UTF-16, binary junk and bad UTF-8 give an error."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None, DecodeError("the file is UTF-16 encoded; it must be UTF-8", Position(0, 0))
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    nul = data.find(b"\x00")
    if nul >= 0:
        pos = LineIndex(data[:nul].decode("utf-8", "replace")).position(nul)
        return None, DecodeError(f"contains a NUL byte at byte {nul}: this is binary data, not text", pos)
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError as err:
        prefix = data[:err.start].decode("utf-8", "replace")
        pos = LineIndex(prefix).position(len(prefix))
        return None, DecodeError(f"invalid UTF-8 at byte {err.start} (the file must be UTF-8)", pos)

