"""Run `goenv-lsp check ARGS…` once in this fresh process with a clock around each phase; print
the phases (ms) as JSON. bench/run.py runs it many times and reports medians.

Usage: python bench/phases.py check DIR --format json [...]
"""

from __future__ import annotations

import time

START = time.perf_counter()

import contextlib  # noqa: E402
import io  # noqa: E402
import json  # noqa: E402
import sys  # noqa: E402
from collections.abc import Callable  # noqa: E402
from typing import Any  # noqa: E402

phases: dict[str, float] = {}


def clock(label: str, since: float) -> float:
    now = time.perf_counter()
    phases[label] = phases.get(label, 0.0) + (now - since) * 1000
    return now


def timed(owner: Any, attr: str, label: str) -> None:
    """Replace ``owner.attr`` by a version that adds its duration to ``phases[label]``."""
    original: Callable[..., Any] = getattr(owner, attr)

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        started = time.perf_counter()
        try:
            return original(*args, **kwargs)
        finally:
            clock(label, started)

    setattr(owner, attr, wrapper)


t = time.perf_counter()  # the few stdlib imports above are the helper's, not the CLI's (json is both)
from goenv_lsp import cli  # noqa: E402

t = clock("import goenv_lsp.cli", t)
# what _check imports lazily, in its order; then the probe package that _collect imports
import goenv_lsp.engine  # noqa: E402
import goenv_lsp.report.json  # noqa: E402
import goenv_lsp.report.text  # noqa: E402

t = clock("import engine, model, facts, report", t)
import goenv_lsp.probe  # noqa: E402

t = clock("import probe (asyncio, parsers)", t)
goenv_lsp.rules.all_rules()  # cached: the CLI's first call imports every rule module
t = clock("import rule modules (all_rules)", t)
timed(goenv_lsp.probe, "collect_sync", "collect (probes)")
timed(goenv_lsp.engine.Evaluation, "run", "evaluate rules")
timed(goenv_lsp.report.json, "render", "render report")
with contextlib.redirect_stdout(io.StringIO()):
    code = cli.main(sys.argv[1:])
t = clock("main, total", t)
phases["main, other"] = phases["main, total"] - sum(
    phases.get(k, 0.0) for k in ("collect (probes)", "evaluate rules", "render report"))
phases["this script, first line to end"] = (t - START) * 1000
print(json.dumps({"exit": code, "phases_ms": phases}))
