"""Linearity as a ratio measured in one run: the CPU time of an input ten times bigger over the CPU time of the
smaller one, best of 3 each. CPU time of this process, not wall time: the other work of a loaded machine does
not count. Linear is 10 — nearer 20 once the bigger input no longer fits the caches — and quadratic 100; the bound
between them is generous, so that a loaded 2-core CI machine never trips it."""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable

BOUND = 40


def cpu_time(call: Callable[[], object]) -> float:
    began = time.process_time()
    with contextlib.suppress(Exception):  # a documented error is an outcome too (crashes: the fuzz tests' part)
        call()
    return time.process_time() - began


def ratio(run: Callable[[object], object], small: object, large: object) -> float:
    """CPU time of ``run(large)`` over that of ``run(small)``, best of 3 each (after one warm-up run). The large
    input stops early once a run is within the bound: the best of 3 could only be lower."""
    cpu_time(lambda: run(small))  # imports, compiled regexes
    small_time = max(min(cpu_time(lambda: run(small)) for _ in range(3)), 1e-6)
    best = float("inf")
    for _ in range(3):
        best = min(best, cpu_time(lambda: run(large)))
        if best / small_time <= BOUND:
            break
    return best / small_time
