"""Run `goenv-lsp check ARGS…` once in this fresh process with an exclusive clock per phase; print the phases
(ms) as JSON. bench/run.py runs it many times and reports medians.

Exclusive: every moment is charged to one phase only — an import made while collecting counts as an import,
not as collecting. Imports are caught by wrapping ``builtins.__import__`` and ``importlib.import_module``; the
phase functions are wrapped when their module is first imported, so nothing is imported earlier than the CLI
would import it (the hook costs a few µs per import statement).

Usage: python bench/phases.py check DIR --format json [...]
"""

from __future__ import annotations

import time

START = time.perf_counter()

import builtins  # noqa: E402
import contextlib  # noqa: E402
import gc  # noqa: E402
import importlib  # noqa: E402
import io  # noqa: E402
import json  # noqa: E402
import sys  # noqa: E402
import threading  # noqa: E402
from collections.abc import Callable  # noqa: E402
from typing import Any  # noqa: E402

OTHER = "main, other (argparse, config, selection)"
IMPORTS = "imports"
# module → (attribute path, phase) wrapped when the module is first imported
PHASES = {
    "goenv_lsp.inputs.live": [("LiveProbe.facts", "collect (probes)")],
    "goenv_lsp.engine": [("Evaluation.run", "evaluate rules")],
    "goenv_lsp.report.json": [("render", "render report")],
    "goenv_lsp.report.output": [("write_report", "render report")],
}
phases: dict[str, float] = {}
stack = [OTHER]
MAIN = threading.get_ident()
mark = time.perf_counter()


def switch(label: str | None) -> None:
    """Charge the time since the last switch to the phase on top; push ``label`` (None: pop)."""
    global mark
    now = time.perf_counter()
    phases[stack[-1]] = phases.get(stack[-1], 0.0) + (now - mark) * 1000
    mark = now
    if label is None:
        stack.pop()
    else:
        stack.append(label)


def charged(label: str, function: Callable[..., Any]) -> Callable[..., Any]:
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        if threading.get_ident() != MAIN:  # a probe thread's import: the main thread's phase goes on
            return function(*args, **kwargs)
        switch(label)
        try:
            return function(*args, **kwargs)
        finally:
            switch(None)
            patch_new_modules()

    return wrapper


def patch_new_modules() -> None:
    for module in [m for m in PHASES if m in sys.modules]:
        if getattr(sys.modules[module].__spec__, "_initializing", False):
            continue  # still running its body: wrap it on a later import
        for dotted, label in PHASES.pop(module):
            owner: Any = sys.modules[module]
            *path, attr = dotted.split(".")
            for name in path:
                owner = getattr(owner, name)
            setattr(owner, attr, charged(label, getattr(owner, attr)))


builtins.__import__ = charged(IMPORTS, builtins.__import__)
importlib.import_module = charged(IMPORTS, importlib.import_module)
gc.disable()  # as cli.entry does for one-shot commands
from goenv_lsp import cli  # noqa: E402

with contextlib.redirect_stdout(io.StringIO()):
    code = cli.main(sys.argv[1:])
switch(None)
gc.freeze()
phases["this script, first line to end"] = (time.perf_counter() - START) * 1000
print(json.dumps({"exit": code, "phases_ms": phases, "unwrapped": sorted(PHASES)}))
