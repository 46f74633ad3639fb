"""python -m tests.fuzz --inputs N --seed S --jobs J [--target NAME ...] [--report FILE] [--replay FILE]"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests/, as pytest has it: `import testbed`

from .report import kept_findings, markdown, table
from .runner import CRASH_DIR, default_jobs, fuzz, replay, write_crashes
from .targets import all_targets, by_name


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.fuzz", description="Fuzz every goenv-lsp parser.")
    parser.add_argument("--inputs", type=int, default=20_000, help="inputs in all, split evenly over the targets")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--jobs", type=int, default=default_jobs())
    parser.add_argument("--target", action="append", default=[], help="a target (repeatable; default: all)")
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds one input may take (then: a hang)")
    parser.add_argument("--crashes", type=Path, default=CRASH_DIR, help="where crashing inputs are written")
    parser.add_argument("--report", type=Path, help="write a markdown report here")
    parser.add_argument("--replay", type=Path, help="run one stored input (a crash file) on --target")
    parser.add_argument("--list", action="store_true", help="list the targets and their seed counts")
    args = parser.parse_args(argv)
    try:
        targets = by_name(args.target)
    except ValueError as exc:
        parser.error(str(exc))
    if args.list:
        for target in all_targets():
            print(f"{target.name:<26} {len(target.corpus):>4} seeds")
        return 0
    if args.replay:
        if len(targets) != 1:
            parser.error("--replay needs one --target")
        exc = replay(targets[0], args.replay, args.timeout)
        if exc is None:
            print("no crash")
            return 0
        import traceback

        traceback.print_exception(type(exc), exc, exc.__traceback__)
        return 1
    print(f"fuzzing {len(targets)} targets with {args.inputs:,} inputs, seed {args.seed}, {args.jobs} jobs", flush=True)
    began = time.perf_counter()
    tallies = fuzz(targets, args.inputs, args.seed, args.jobs, args.timeout, progress=True)
    wall = time.perf_counter() - began
    print(table(tallies))
    print(f"{wall:.1f} s wall time")
    for path in write_crashes(tallies, args.seed, args.crashes):
        print(f"crash: {path}")
    if args.report:
        kept = kept_findings(args.report.read_text(encoding="utf-8")) if args.report.is_file() else ""
        text = markdown(tallies, args.seed, args.jobs, wall)
        args.report.write_text(text + ("\n" + kept if kept else ""), encoding="utf-8")
        print(f"report: {args.report}")
    return 1 if any(t.crashed for t in tallies.values()) else 0


if __name__ == "__main__":
    sys.exit(main())
