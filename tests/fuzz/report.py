"""The figures of a run: a table on the terminal, and the markdown report ``make fuzz`` keeps in docs/."""

from __future__ import annotations

import datetime
import os
import platform
import sys

from .runner import Tally, default_jobs


def _slowest(t: Tally) -> str:
    seconds, index, size = t.slowest
    return f"{seconds:.2f} s (#{index}, {size:,} B)" if index >= 0 else "-"


def table(tallies: dict[str, Tally]) -> str:
    rows = [f"{'target':<26} {'inputs':>10} {'crashes':>8} {'distinct':>8} {'CPU s':>9}  slowest input"]
    for t in tallies.values():
        rows.append(f"{t.target:<26} {t.inputs:>10,} {t.crashed:>8,} {len(t.first):>8} {t.seconds:>9.1f}  "
                    f"{_slowest(t)}")
    total = sum(t.inputs for t in tallies.values())
    rows.append(f"{'total':<26} {total:>10,} {sum(t.crashed for t in tallies.values()):>8,} "
                f"{sum(len(t.first) for t in tallies.values()):>8} {sum(t.seconds for t in tallies.values()):>9.1f}")
    return "\n".join(rows)


def markdown(tallies: dict[str, Tally], seed: int, jobs: int, wall: float) -> str:
    total = sum(t.inputs for t in tallies.values())
    crashed = sum(t.crashed for t in tallies.values())
    lines = [
        "# Fuzz report",
        "",
        "Written by `make fuzz` (`python -m tests.fuzz`, see `tests/fuzz/`): every parser goenv-lsp has, fed inputs",
        "mutated from real seeds (golden cases, examples/, the parsers' tests, captured go output). A crash is any",
        "outcome other than the parser's documented one: an exception, or a result that is not well-formed",
        "(a range outside the text, a different result for the same input, a snapshot that does not read back).",
        "",
        f"- date: {datetime.date.today().isoformat()}",
        f"- seed: {seed}, jobs: {jobs}",
        f"- machine: nproc {default_jobs()} ({os.cpu_count()} CPUs), {platform.machine()}, "
        f"Python {platform.python_version()} ({sys.implementation.name})",
        f"- inputs: {total:,} in {wall:.0f} s wall time; crashes: {crashed:,}",
        "",
        "| target | inputs | crashes | distinct | CPU seconds | slowest input |",
        "|---|---:|---:|---:|---:|---|",
    ]
    lines += [f"| `{t.target}` | {t.inputs:,} | {t.crashed:,} | {len(t.first)} | {t.seconds:.0f} | {_slowest(t)} |"
              for t in tallies.values()]
    found = [(t.target, sig, t.counts[sig]) for t in tallies.values() for sig in sorted(t.first)]
    if found:
        lines += ["", "## Crashes", ""] + [f"- `{target}`: {sig} ({n:,} inputs)" for target, sig, n in found]
    return "\n".join(lines) + "\n"


FINDINGS = "## Findings"  # a section kept by hand: what earlier runs found and how it was fixed


def kept_findings(previous: str) -> str:
    """The hand-kept findings section of a previous report, to carry into the new one."""
    at = previous.find("\n" + FINDINGS)
    return previous[at:].strip("\n") + "\n" if at >= 0 else ""
