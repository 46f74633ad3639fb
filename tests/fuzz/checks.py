"""What a well-formed outcome is: ranges inside the text they point into, values of the declared types, the same
result twice. A failed check raises ``Malformed`` (an AssertionError), which the runner counts as a crash."""

from __future__ import annotations

import dataclasses
import enum
import re
from collections.abc import Iterator

from goenv_lsp.frozen import FrozenMap
from goenv_lsp.model import Position, Range

_NEWLINES = {"any": re.compile(r"\r\n|\r|\n"), "lf": re.compile(r"\n")}


class Malformed(AssertionError):
    """A parser returned something other than its documented, well-formed outcome."""


def require(condition: object, message: str) -> None:
    if not condition:
        raise Malformed(message)


def _utf16_lengths(text: str, mode: str) -> list[int]:
    lines = _NEWLINES[mode].split(text)
    if text.isascii():
        return [len(line) for line in lines]
    return [len(line) + len(_ASTRAL.findall(line)) for line in lines]


_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


class TextLines:
    """The line lengths (UTF-16) of a text under each newline convention, to check positions against (computed
    when first needed: most results hold few ranges)."""

    def __init__(self, texts: tuple[str, ...]) -> None:
        self.texts = texts
        self._tables: list[list[int]] | None = None

    @property
    def tables(self) -> list[list[int]]:
        if self._tables is None:
            self._tables = [_utf16_lengths(text, mode) for text in self.texts for mode in _NEWLINES]
        return self._tables

    def inside(self, where: Range) -> bool:
        """Is ``where`` a range of the text, under one of the ways it may have been decoded and split?"""
        if where.end < where.start:
            return False
        return any(all(p.line < len(t) and 0 <= p.character <= t[p.line] for p in (where.start, where.end))
                   for t in self.tables)

    @classmethod
    def of_bytes(cls, data: bytes) -> TextLines:
        """Decoded as parsers decode: strictly or with replacement, the BOM kept or dropped."""
        text = data.decode("utf-8", "replace")
        return cls((text, text[1:]) if text.startswith("\ufeff") else (text,))


def walk(value: object, depth: int = 0) -> Iterator[object]:
    """Every dataclass, mapping, sequence and scalar inside ``value`` (a parser's result)."""
    require(depth < 200, "result nested more than 200 levels deep")
    yield value
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        for f in dataclasses.fields(value):
            yield from walk(getattr(value, f.name), depth + 1)
    elif isinstance(value, (dict, FrozenMap)):
        for key, item in value.items():
            yield key
            yield from walk(item, depth + 1)
    elif isinstance(value, (tuple, list)):
        for item in value:
            yield from walk(item, depth + 1)


def ranges_inside(result: object, lines: TextLines) -> None:
    for value in walk(result):
        if isinstance(value, Range):
            require(isinstance(value.start, Position) and isinstance(value.end, Position), f"bad range {value}")
            require(lines.inside(value), f"range {value} is not inside the text")


def json_like(value: object) -> None:
    """Values a snapshot can hold: JSON scalars, enums, tuples, frozen maps of them (and dataclasses)."""
    for item in walk(value):
        require(item is None or isinstance(item, (str, int, float, bool, enum.Enum, tuple, FrozenMap))
                or dataclasses.is_dataclass(item), f"unexpected {type(item).__name__} in the result")


def same(first: object, second: object, what: str) -> None:
    require(first == second, f"{what} differs between two runs on the same input")
