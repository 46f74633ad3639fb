"""Inputs that once crashed a parser or made it stall, each with the outcome it must have instead."""

from __future__ import annotations

import time

from goenv_lsp.facts import PathFlavor, PathOps, Status
from goenv_lsp.files import MAX_PROBLEMS, ParseContext, parse, vscode_settings

CTX = ParseContext(root="/ws", home="/home/dev", paths=PathOps(PathFlavor.POSIX))
SETTINGS = "/ws/.vscode/settings.json"


def one_line_settings(errors: int) -> bytes:
    return b"{" + b"1," * errors + b"}"


def test_one_line_settings_with_40000_errors_is_fast_and_capped() -> None:
    """Each problem's position rescanned its line: 40,000 errors on one 80 KB line took minutes."""
    data = one_line_settings(40_000)
    assert len(data) == 80_002
    began = time.perf_counter()
    small = parse(vscode_settings.KIND, one_line_settings(4_000), SETTINGS, CTX)
    small_time = time.perf_counter() - began
    began = time.perf_counter()
    facts = parse(vscode_settings.KIND, data, SETTINGS, CTX)
    assert (time.perf_counter() - began) / small_time <= 25  # linear is 10, the old cost 100
    assert facts.status is Status.MALFORMED and len(small.problems) == len(facts.problems) == MAX_PROBLEMS + 1
    assert facts.problems[0].message == "expected a property name in double quotes, found a number"
    last = facts.problems[-1]
    assert last.message == "… and 39,900 more problems after these 100"
    assert last.range is not None and last.range.start.character == 201  # where the 101st begins
