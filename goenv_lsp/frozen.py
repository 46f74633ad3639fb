"""A read-only, hashable mapping: facts are deep-frozen, so a dict inside them must not be mutable."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import TypeVar

K = TypeVar("K")
V = TypeVar("V")


class FrozenMap(Mapping[K, V]):
    __slots__ = ("_data", "_hash")

    def __init__(self, data: Mapping[K, V] | None = None, /, **kwargs: V) -> None:
        self._data: dict[K, V] = {**(data or {}), **kwargs}  # type: ignore[dict-item]
        self._hash: int | None = None

    def __getitem__(self, key: K) -> V:
        return self._data[key]

    def __iter__(self) -> Iterator[K]:
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)

    def __hash__(self) -> int:
        if self._hash is None:
            self._hash = hash(frozenset(self._data.items()))
        return self._hash

    def __eq__(self, other: object) -> bool:
        if isinstance(other, FrozenMap):
            return self._data == other._data
        return isinstance(other, Mapping) and self._data == dict(other)

    def __repr__(self) -> str:
        return f"FrozenMap({self._data!r})"


def freeze(data: Mapping[K, V] | None) -> FrozenMap[K, V] | None:
    """``None`` stays ``None`` (unknown); JSON-like values inside are frozen too."""
    if data is None:
        return None
    return data if isinstance(data, FrozenMap) else FrozenMap({k: freeze_value(v) for k, v in data.items()})


def freeze_value(value: object) -> object:
    """A JSON-like value made immutable: mappings become FrozenMap, lists tuples."""
    if isinstance(value, Mapping):
        return value if isinstance(value, FrozenMap) else FrozenMap({k: freeze_value(v) for k, v in value.items()})
    if isinstance(value, list | tuple):
        return tuple(freeze_value(v) for v in value)
    return value
