"""Subcommands beyond check/facts/explain/rules, one module each.

A module here defines ``register(sub: argparse._SubParsersAction) -> None``; it adds its parser and sets
``run=`` to a function taking the parsed arguments and returning the exit code. Modules import what they
need inside ``run``, so building the parser stays cheap.
"""

from __future__ import annotations

import importlib
from types import ModuleType

# module names under goenv_lsp.commands, in the order `--help` lists them
NAMES: tuple[str, ...] = ("env", "snapshot", "diff", "triage")


def wrapped(text: str) -> str:
    """A --help description for argparse's RawDescriptionHelpFormatter (which keeps the examples' lines):
    each paragraph wrapped."""
    import textwrap

    return "\n\n".join(textwrap.fill(paragraph, 79) for paragraph in text.split("\n\n"))


def module(name: str) -> ModuleType:
    return importlib.import_module(f"goenv_lsp.commands.{name}")
