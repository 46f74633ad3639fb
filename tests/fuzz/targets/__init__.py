"""The fuzz targets: every parsed file kind of the registry, the raw parsers under them, goenv-lsp.toml, go command
output, snapshots and serde decoding, and the executable build-info reader when it exists."""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cache, cached_property

from ..mutate import MAX_LEN, Dictionary, as_str, mutate


@dataclass(frozen=True)
class Target:
    name: str
    run: Callable[[bytes | str], object]  # raises (an exception, or checks.Malformed) on a crash
    seeds: Callable[[], Sequence[bytes]]
    tokens: Sequence[bytes] = ()
    nesting: Sequence[tuple[bytes, bytes]] = ()
    text: bool = False  # the parser takes str: inputs are decoded, lone surrogates included
    structured: Callable[[random.Random, bytes], bytes | None] | None = None  # a format-aware mutator
    big: Callable[[int], bytes] | None = None  # an input of n lines (for the linearity tests)
    call: Callable[[bytes | str], object] | None = None  # the parser alone, as its callers call it (timed)
    max_len: int = MAX_LEN  # mutated inputs are cut to this length
    notes: str = field(default="", compare=False)

    @cached_property
    def corpus(self) -> tuple[bytes, ...]:
        return tuple(self.seeds()) or (b"",)

    @cached_property
    def dictionary(self) -> Dictionary:
        return Dictionary(tuple(self.tokens), tuple(self.nesting), self.corpus, self.max_len)

    def generate(self, seed: int, index: int) -> bytes:
        """Input number ``index`` of a run with ``seed``: the same bytes whichever worker makes it. The first
        inputs are the seeds themselves."""
        corpus = self.corpus
        if index < len(corpus):
            return corpus[index]
        rng = random.Random(f"{seed}/{self.name}/{index}")
        data = rng.choice(corpus)
        if self.structured is not None and rng.random() < 0.6:
            shaped = self.structured(rng, data)
            if shaped is not None and len(shaped) <= self.max_len:
                return shaped if rng.random() < 0.8 else mutate(rng, shaped, self.dictionary)
        return mutate(rng, data, self.dictionary)

    def decode(self, data: bytes, seed: int, index: int) -> bytes | str:
        """What the parser is given for ``data``: itself, or (text targets) the str an editor or pipe holds."""
        if not self.text:
            return data
        return as_str(random.Random(f"{seed}/{self.name}/{index}/str"), data)


def encode(value: bytes | str) -> bytes:
    """An input as stored in a crash file (str with surrogates kept: ``surrogatepass``)."""
    return value if isinstance(value, bytes) else value.encode("utf-8", "surrogatepass")


def load_input(target: Target, stored: bytes) -> bytes | str:
    return stored.decode("utf-8", "surrogatepass") if target.text else stored


@cache
def all_targets() -> tuple[Target, ...]:
    from . import files, other, triage_readers

    return (*files.targets(), *other.targets(), *triage_readers.targets())


def by_name(names: Sequence[str] = ()) -> tuple[Target, ...]:
    """The targets named (all when none are); an unknown name is a ValueError listing the known ones."""
    known = {t.name: t for t in all_targets()}
    unknown = [n for n in names if n not in known]
    if unknown:
        raise ValueError(f"unknown target {unknown[0]!r}; known: {', '.join(known)}")
    return tuple(known[n] for n in names) if names else all_targets()
