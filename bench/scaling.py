"""How `goenv-lsp check` grows with the number of modules: bench/monorepo.py's tree (a fifth as many Dockerfiles
as modules, vendor/ and node_modules/ to skip) at 100, 1,000, 3,000 and 10,000 modules, checked from the root.

Each tree has a goenv-lsp.toml raising max-modules (2,000 by default) above its size; a GE004 in the first
run's report (the walk cut short) is recorded. Rounds alternate the sizes (A B C D A B C D), medians per size;
the first round also runs bench/phases.py once per size for where the time goes. A least-squares line
time = a + b·modules gives the cost per module (b); the marginal cost of each step between sizes,
(t₂ − t₁)/(n₂ − n₁), should stay the same if the growth is linear.
Writes .cache/bench/scaling.json.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from monorepo import CONSOLE, build, peak_rss_mb
from run import REPO, revision

SIZES = (100, 1000, 3000, 10000)
LINEAR = 1.5  # the last step's cost per module may be at most this times the first step's


def fit(xs: list[float], ys: list[float]) -> dict[str, float]:
    """Least squares y = a + b·x, with R²."""
    mx, my = statistics.mean(xs), statistics.mean(ys)
    sxx = sum((x - mx) ** 2 for x in xs)
    b = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sxx
    a = my - b * mx
    ss_res = sum((y - a - b * x) ** 2 for x, y in zip(xs, ys, strict=True))
    ss_tot = sum((y - my) ** 2 for y in ys)
    return {"intercept_ms": a, "slope_ms_per_module": b, "r2": 1 - ss_res / ss_tot if ss_tot else 1.0}


def complete_walk(report: str) -> bool:
    """No GE004: the search for modules was not cut short (max-modules, max-dirs, or its 10 s)."""
    return not any(f["code"] == "GE004" for f in json.loads(report)["findings"])


def phases(argv: list[str], env: dict[str, str]) -> dict[str, float]:
    out = subprocess.run([sys.executable, str(REPO / "bench/phases.py"), *argv[1:]], env=env, capture_output=True,
                         text=True).stdout
    return json.loads(out)["phases_ms"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=list(SIZES))
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--out", type=Path, default=REPO / ".cache/bench/scaling.json")
    args = parser.parse_args()
    walls: dict[int, list[float]] = {n: [] for n in args.sizes}
    rss: dict[int, list[float]] = {n: [] for n in args.sizes}
    breakdown: dict[int, dict[str, list[float]]] = {n: {} for n in args.sizes}
    with tempfile.TemporaryDirectory(prefix="goenv-lsp-scaling-") as tmp:
        trees = {}
        for n in args.sizes:
            started = time.perf_counter()
            root, env = build(Path(tmp) / str(n), n, max(1, n // 5))
            (root / "goenv-lsp.toml").write_text(f"[workspace]\nmax-modules = {n + 10}\n")  # the default is 2000
            trees[n] = ([CONSOLE, "check", "--format", "json", str(root)], {**env, "PYTHONPATH": str(REPO)})
            print(f"built {n} modules in {time.perf_counter() - started:.1f} s", flush=True)
        complete = {}
        for n in args.sizes:  # also warms the page cache and .pyc files
            started = time.perf_counter()
            complete[n] = complete_walk(peak_rss_mb(*trees[n])[2])
            print(f"first check of {n} modules: {time.perf_counter() - started:.1f} s", flush=True)
        load_before = os.getloadavg()[0]
        for round_ in range(args.rounds):
            for n, (argv, env) in trees.items():
                wall, peak, _ = peak_rss_mb(argv, env)
                walls[n].append(wall * 1000)
                rss[n].append(peak)
                if round_ == 0:  # once per size: a 10,000-module check takes seconds
                    for name, ms in phases(argv, env).items():
                        breakdown[n].setdefault(name, []).append(ms)
            print(f"round {round_ + 1}: " + ", ".join(f"{n}: {walls[n][-1]:.0f} ms" for n in args.sizes), flush=True)
        load_after = os.getloadavg()[0]
    medians = {n: statistics.median(walls[n]) for n in args.sizes}
    line = fit([float(n) for n in args.sizes], list(medians.values()))
    steps = [{"from": a, "to": b, "ms_per_module": (medians[b] - medians[a]) / (b - a)}
             for a, b in itertools.pairwise(args.sizes)]
    step_ratio = steps[-1]["ms_per_module"] / steps[0]["ms_per_module"] if steps and steps[0]["ms_per_module"] > 0 \
        else float("nan")
    result = {
        "date": time.strftime("%Y-%m-%dT%H:%M:%S%z"), "revision": revision(), "cpus": os.cpu_count(),
        "python": sys.version.split()[0], "load_1min": [load_before, load_after], "rounds": args.rounds,
        "sizes": args.sizes, "wall_ms": walls, "median_ms": medians,
        "peak_rss_mb": {n: max(v) for n, v in rss.items()},
        "per_module_ms": {n: medians[n] / n for n in args.sizes},
        "phases_ms": {n: {k: statistics.median(v) for k, v in b.items()} for n, b in breakdown.items()},
        "fit": line, "steps": steps, "step_ratio_last_to_first": step_ratio, "linear_limit": LINEAR,
        "linear": step_ratio <= LINEAR, "complete_walk": complete,
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2) + "\n")
    print(f"scaling ({result['revision']}, {os.cpu_count()} CPUs, load {load_before:.2f} → {load_after:.2f}, "
          f"{args.rounds} rounds alternating the sizes, medians)")
    for n in args.sizes:
        print(f"  {n:6d} modules: {medians[n]:8.0f} ms, {medians[n] / n:.3f} ms/module, peak RSS "
              f"{result['peak_rss_mb'][n]:.0f} MB" + ("" if complete[n] else " — GE004: the walk was cut short"))
    print(f"  fit: {line['intercept_ms']:.0f} ms + {line['slope_ms_per_module']:.3f} ms × modules (R² "
          f"{line['r2']:.4f})")
    for step in steps:
        print(f"  {step['from']} → {step['to']}: {step['ms_per_module']:.3f} ms per added module")
    print(f"  last step / first step: {step_ratio:.2f} ({'linear' if result['linear'] else 'NOT linear'}, "
          f"limit {LINEAR})\nwritten to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
