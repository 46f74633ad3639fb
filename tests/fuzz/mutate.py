"""Byte-level mutators: each takes the input so far and returns a damaged copy; ``mutate`` stacks a few."""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass

MAX_LEN = 256 << 10  # inputs are cut to 256 KiB: room for huge lines and deep nesting, small enough to be quick

# Tokens every format gets: structure, escapes and the byte sequences decoders trip on.
COMMON_TOKENS: tuple[bytes, ...] = (
    b"\n", b"\r\n", b"\r", b"\t", b" ", b"\x00", b"\xef\xbb\xbf", b"\xff\xfe", b"\\", b'"', b"'", b"`", b"#",
    b"//", b"/*", b"*/", b"=", b":", b",", b"{", b"}", b"[", b"]", b"(", b")", b"<", b">", b"&", b"$", b"${",
    b"\\u", b"\\ud800", b"\\udc00", b"\\x", b"\\U0010ffff", b"0", b"-1", b"1e999", b"99999999999999999999",
    b"true", b"null", b"\xc3\xa9", b"\xf0\x9f\x98\x80", b"\xe2\x80\xa8", b"\xc2\xa0", b"\xc2\x85",
)
INVALID_UTF8: tuple[bytes, ...] = (
    b"\xff", b"\xc3", b"\x80", b"\xed\xa0\x80", b"\xed\xbf\xbf", b"\xf4\x90\x80\x80", b"\xc0\xaf", b"\xe0\x80",
)
BOMS: tuple[bytes, ...] = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")
INTERESTING: bytes = bytes((0, 1, 0x7F, 0x80, 0xFF, 0x0A, 0x0D, 0x22, 0x5C, 0x20, 0x09, 0x2F, 0x3C, 0x3E))


@dataclass(frozen=True)
class Dictionary:
    """What a format's mutations draw on: its tokens, the brackets that nest in it, other seeds to splice."""

    tokens: Sequence[bytes]
    nesting: Sequence[tuple[bytes, bytes]]
    seeds: Sequence[bytes]
    max_len: int = MAX_LEN


Mutator = Callable[[random.Random, bytes, Dictionary], bytes]


def _pos(rng: random.Random, data: bytes) -> int:
    return rng.randint(0, len(data))


def _chunk(rng: random.Random, data: bytes) -> tuple[int, int]:
    start = rng.randrange(len(data)) if data else 0
    return start, min(len(data), start + rng.choice((1, 2, 4, 8, 16, 64, 256)))


def _insert(data: bytes, at: int, piece: bytes) -> bytes:
    return data[:at] + piece + data[at:]


def flip_bit(rng: random.Random, data: bytes, d: Dictionary) -> bytes:
    if not data:
        return bytes((rng.randrange(256),))
    i = rng.randrange(len(data))
    return data[:i] + bytes((data[i] ^ (1 << rng.randrange(8)),)) + data[i + 1:]


def set_byte(rng: random.Random, data: bytes, d: Dictionary) -> bytes:
    if not data:
        return bytes((rng.choice(INTERESTING),))
    i = rng.randrange(len(data))
    value = rng.choice(INTERESTING) if rng.random() < 0.5 else rng.randrange(256)
    return data[:i] + bytes((value,)) + data[i + 1:]


def insert_random(rng: random.Random, data: bytes, d: Dictionary) -> bytes:
    return _insert(data, _pos(rng, data), rng.randbytes(rng.randint(1, 8)))


def delete_chunk(rng: random.Random, data: bytes, d: Dictionary) -> bytes:
    start, end = _chunk(rng, data)
    return data[:start] + data[end:]


def duplicate_chunk(rng: random.Random, data: bytes, d: Dictionary) -> bytes:
    start, end = _chunk(rng, data)
    return _insert(data, _pos(rng, data), data[start:end] * rng.choice((1, 1, 2, 3, 16, 100)))


def insert_token(rng: random.Random, data: bytes, d: Dictionary) -> bytes:
    pool = d.tokens if d.tokens and rng.random() < 0.75 else COMMON_TOKENS
    return _insert(data, _pos(rng, data), rng.choice(pool))


def replace_token(rng: random.Random, data: bytes, d: Dictionary) -> bytes:
    """A token of the format, wherever it occurs, swapped for another one."""
    present = [t for t in d.tokens if t in data]
    if not present:
        return insert_token(rng, data, d)
    old = rng.choice(present)
    at = data.find(old, rng.randint(0, max(0, data.rfind(old))))
    return data[:at] + rng.choice(d.tokens) + data[at + len(old):]


def splice(rng: random.Random, data: bytes, d: Dictionary) -> bytes:
    other = rng.choice(d.seeds) if d.seeds else data
    return data[:_pos(rng, data)] + other[_pos(rng, other):]


def nest(rng: random.Random, data: bytes, d: Dictionary) -> bytes:
    """Deep nesting: the format's opening bracket many times, sometimes closed again."""
    opening, closing = rng.choice(d.nesting) if d.nesting else (b"[", b"]")
    depth = min(rng.choice((50, 101, 500, 1000, 5000, 20_000, 100_000)), 100_000 // len(opening))  # ≤ 100 KB
    piece = opening * depth + (closing * depth if rng.random() < 0.5 else b"")
    return _insert(data, _pos(rng, data), piece)[:d.max_len]


def huge_line(rng: random.Random, data: bytes, d: Dictionary) -> bytes:
    unit = rng.choice((b"a", b" ", b"\t", b"x=", b"\\", b"\"", b"/", b"1,", b"\xc3\xa9", *d.tokens[:8]))
    return _insert(data, _pos(rng, data), unit * (rng.choice((1_000, 10_000, 30_000, 100_000)) // len(unit)))


def many_lines(rng: random.Random, data: bytes, d: Dictionary) -> bytes:
    """One line of the input repeated (a long file of the format's own statements)."""
    lines = data.split(b"\n")
    line = rng.choice(lines)
    count = rng.choice((10, 100, 1000, 3000))
    return (b"\n".join(lines) + b"\n" + (line + b"\n") * count)[:d.max_len]


def nul(rng: random.Random, data: bytes, d: Dictionary) -> bytes:
    return _insert(data, _pos(rng, data), b"\x00")


def invalid_utf8(rng: random.Random, data: bytes, d: Dictionary) -> bytes:
    return _insert(data, _pos(rng, data), rng.choice(INVALID_UTF8))


def newlines(rng: random.Random, data: bytes, d: Dictionary) -> bytes:
    return data.replace(b"\n", rng.choice((b"\r\n", b"\r", b"\n\r", b"\xe2\x80\xa8")))


def bom(rng: random.Random, data: bytes, d: Dictionary) -> bytes:
    return rng.choice(BOMS) + data


def truncate(rng: random.Random, data: bytes, d: Dictionary) -> bytes:
    return data[:_pos(rng, data)]


# (mutator, weight): small local damage is common, whole-input reshaping rare (it is slow to parse).
MUTATORS: tuple[tuple[Mutator, int], ...] = (
    (flip_bit, 8), (set_byte, 8), (insert_random, 6), (delete_chunk, 8), (duplicate_chunk, 6),
    (insert_token, 14), (replace_token, 10), (splice, 6), (nest, 1), (huge_line, 1), (many_lines, 1), (nul, 2),
    (invalid_utf8, 3), (newlines, 2), (bom, 1), (truncate, 3),
)
_FUNCS = tuple(m for m, _ in MUTATORS)
_WEIGHTS = tuple(w for _, w in MUTATORS)


def mutate(rng: random.Random, data: bytes, d: Dictionary) -> bytes:
    """One to eight stacked mutations of ``data``."""
    for mutator in rng.choices(_FUNCS, _WEIGHTS, k=rng.choice((1, 1, 2, 2, 3, 4, 6, 8))):
        data = mutator(rng, data, d)
    return data[:d.max_len]


_LONE = ("\ud800", "\udbff", "\udc00", "\udfff")


def as_str(rng: random.Random, data: bytes) -> str:
    """Bytes as text the way an editor buffer or a decoded pipe can hold it: invalid bytes become lone
    surrogates (``surrogateescape``), and sometimes a lone UTF-16 surrogate is added outright."""
    text = data.decode("utf-8", "surrogateescape")
    if rng.random() < 0.1:
        at = rng.randint(0, len(text))
        text = text[:at] + rng.choice(_LONE) + text[at:]
    return text
