"""Structure-aware damage to JSON documents (facts snapshots, `go env -json`): values of the wrong type, missing
and unknown keys, swapped subtrees, deep nesting. Byte flips mostly give invalid JSON; these reach the decoder."""

from __future__ import annotations

import json
import random
from typing import Any

_SCALARS: tuple[Any, ...] = (
    None, True, False, 0, 1, -1, 2, 3, 10**30, -(10**30), 1.5, float("inf"), "", "x", "ok", "missing", "go.mod",
    "vscode-settings", "goenv", "go1.27.3", "/", "C:\\Go", "\ud800", "\x00", "é😀", "https://u:p@h/x", "a" * 1000,
)


def _nodes(value: Any) -> list[tuple]:
    """Paths (tuples of keys and indexes) to every node, the root included (iterative: trees may be deep)."""
    found: list[tuple] = []
    stack: list[tuple[tuple, Any]] = [((), value)]
    while stack:
        path, node = stack.pop()
        found.append(path)
        if isinstance(node, dict):
            stack += [((*path, key), item) for key, item in node.items()]
        elif isinstance(node, list):
            stack += [((*path, index), item) for index, item in enumerate(node)]
    return found


def _get(value: Any, path: tuple) -> Any:
    for step in path:
        value = value[step]
    return value


def _set(root: Any, path: tuple, new: Any) -> Any:
    if not path:
        return new
    _get(root, path[:-1])[path[-1]] = new
    return root


def _keys(value: Any) -> list[str]:
    return [k for p in _nodes(value) for k in p if isinstance(k, str)]


def _deep(rng: random.Random) -> Any:
    value: Any = rng.choice(_SCALARS)
    for _ in range(rng.choice((10, 100, 500, 900))):
        value = [value] if rng.random() < 0.5 else {"x": value}
    return value


def _random_value(rng: random.Random, donor: Any) -> Any:
    roll = rng.random()
    if roll < 0.55:
        return rng.choice(_SCALARS)
    if roll < 0.7:
        return rng.choice(([], {}, [rng.choice(_SCALARS)], {"kind": rng.choice(_SCALARS)}))
    if roll < 0.95:  # a subtree from elsewhere in the document: right shapes in the wrong places
        return json.loads(json.dumps(_get(donor, rng.choice(_nodes(donor)))))
    return _deep(rng)


def mutate_tree(rng: random.Random, doc: Any) -> Any:
    """One structural change to ``doc`` (changed in place where it can be; the result is returned)."""
    nodes = _nodes(doc)
    path = rng.choice(nodes)
    node = _get(doc, path)
    roll = rng.random()
    if roll < 0.45:
        return _set(doc, path, _random_value(rng, doc))
    if roll < 0.6 and isinstance(node, dict) and node:
        del node[rng.choice(list(node))]
    elif roll < 0.75 and isinstance(node, dict):
        node[rng.choice([*_keys(doc), "unknown", ""])] = _random_value(rng, doc)
    elif roll < 0.85 and isinstance(node, list) and node:
        item = rng.choice(node)
        node.insert(rng.randint(0, len(node)), json.loads(json.dumps(item)))
    elif roll < 0.92 and isinstance(node, list) and node:
        del node[rng.randrange(len(node))]
    elif isinstance(doc, dict) and "schema" in doc and rng.random() < 0.5:
        doc["schema"] = rng.choice((1, 2, 3, 0, -1, True, "2", 2.0, None))
    else:
        return _set(doc, path, _random_value(rng, doc))
    return doc


def mutate_json(rng: random.Random, data: bytes) -> bytes | None:
    """``data`` (a JSON document) with one to four structural changes; None when it is not JSON."""
    try:
        doc = json.loads(data)
    except (ValueError, RecursionError):
        return None
    try:
        for _ in range(rng.choice((1, 1, 2, 4))):
            doc = mutate_tree(rng, doc)
        text = json.dumps(doc, ensure_ascii=rng.random() < 0.5, indent=rng.choice((None, 2)))
    except RecursionError:  # deep values nested in each other: deeper than json copies or writes
        return None
    return text.encode("utf-8", "surrogatepass")
