"""Every parser stays linear up to 100,000 lines (and on one line of 100,000 characters): the time of the big input
over the time of one a tenth of its size, best of 3 each, measured in the same run (see timing.py), is at most
40 — 10 is linear, 100 quadratic. No absolute times."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from .targets import Target, all_targets, load_input
from .timing import BOUND
from .timing import ratio as cpu_ratio

SMALL, LARGE = 10_000, 100_000


def ratio(target: Target, make: Callable[[int], bytes]) -> float:
    call = target.call or target.run
    return cpu_ratio(call, *(load_input(target, make(n)) for n in (SMALL, LARGE)))  # type: ignore[arg-type]


@pytest.mark.parametrize("target", [t for t in all_targets() if t.big is not None], ids=lambda t: t.name)
def test_100k_lines_cost_about_ten_times_10k(target: Target) -> None:
    assert target.big is not None
    measured = ratio(target, target.big)
    assert measured <= BOUND, f"{target.name}: 100k lines took {measured:.1f}× the time of 10k lines"


def _after_seed(target: Target, unit: bytes) -> Callable[[int], bytes]:
    return lambda n: target.corpus[0] + unit * n


# One long line, shaped the way each parser once took (or could take) time squared on it.
LINES: list[tuple[str, str, Callable[[int], bytes]]] = [
    ("file:vscode-settings", "minified-errors", lambda n: b"{" + b"1," * (n * 4 // 10) + b"}"),  # 40,000 errors
    ("file:vscode-settings", "minified-members", lambda n: b"{" + b'"go.a": 1,' * (n // 10) + b"}"),  # removal ranges
    ("file:devcontainer", "minified-commands", lambda n: b'{"postStartCommand": {' + b'"a": "go x",' * (n // 12)
     + b"}}"),
    ("file:dockerfile", "env-letters", lambda n: b"FROM x\nENV " + b"a" * n),
    ("file:dockerfile", "env-spaces", lambda n: b"FROM x\nENV A b" + b" " * n + b"c"),
    ("file:dockerfile", "heredoc-markers", lambda n: b"FROM x\nRUN " + b"<<A " * (n // 4) + b"\nA\n"),
    ("file:dockerfile", "arg-references", lambda n: b"ARG V=1.22\nFROM golang:" + b"${V}" * (n // 4)),
    ("file:dockerfile", "exec-form", lambda n: b'FROM x\nRUN ["go"' + b', "a"' * (n // 6) + b"]"),
    ("config-toml", "dotted-key", lambda n: b"a" + b".x" * (n // 2) + b" = 1"),
    ("file:go.mod", "module-path", lambda n: b"module " + b"a/" * (n // 2)),
    ("file:goland-workspace", "attribute", lambda n: b'<project><component name="GOROOT" url="' + b"&amp;" * (n // 5)),
]
LINES += [(t.name, f"seed+{unit.decode()!r}", _after_seed(t, unit)) for t in all_targets() if t.big is not None
          for unit in (b"a", b" ")]


@pytest.mark.parametrize(("name", "shape", "make"), LINES, ids=[f"{n}-{s}" for n, s, _ in LINES])
def test_one_long_line_is_linear(name: str, shape: str, make: Callable[[int], bytes]) -> None:
    target = next(t for t in all_targets() if t.name == name)
    measured = ratio(target, make)
    assert measured <= BOUND, f"{name} ({shape}): 100k characters took {measured:.1f}× the time of 10k"
