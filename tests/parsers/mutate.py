"""Random damage for the parsers' never-raise tests."""

from __future__ import annotations

import random


def mutate(seed: bytes, rng: random.Random, alphabet: bytes) -> bytes:
    """``seed`` with one to five bytes deleted or inserted (inserted ones drawn from ``alphabet``)."""
    mutated = bytearray(seed)
    for _ in range(rng.randrange(1, 6)):
        pos = rng.randrange(len(mutated))
        if rng.random() < 0.5:
            del mutated[pos]
        else:
            mutated.insert(pos, rng.choice(alphabet))
    return bytes(mutated)
