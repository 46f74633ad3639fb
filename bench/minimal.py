"""Benchmark `goenv-lsp check` with no gopls and no editor files against one `go env -json` (target ≤ 1.5×).

The workspace: go 1.27.3 alone on PATH (no gopls anywhere), `go.mod` and `main.go`, no `.vscode/`, `.idea/`
or other editor files. Timed interleaved, A B A B (every command once per round), medians: one `go env -json`
(GOTOOLCHAIN=local, as the runner sets it), the console script of the editable install, and the regular
install (`pip install .`, bench/run.py's); then bench/phases.py for where the time goes.
Writes .cache/bench/minimal.json.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

from run import (
    CONSOLE,
    PY,
    REPO,
    phase_profile,
    record_probes,
    release_install,
    revision,
    run_ok,
    testbed,
    time_commands,
)

TARGET = 1.5
YARDSTICK, EDITABLE, RELEASE = "go env -json", "goenv-lsp check (editable)", "goenv-lsp check (regular install)"


def build(tmp: Path) -> tuple[Path, dict[str, str]]:
    go127 = testbed.go_root("1.27.3")
    env = testbed.isolated_env(tmp, [go127 / "bin"])
    ws = tmp / "ws"
    ws.mkdir()
    (ws / "go.mod").write_text("module example.com/hello\n\ngo 1.27.3\n")
    (ws / "main.go").write_text('package main\n\nimport "fmt"\n\nfunc main() { fmt.Println("hello") }\n')
    return ws, env


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--out", type=Path, default=REPO / ".cache/bench/minimal.json")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="goenv-lsp-minimal-") as tmp:
        ws, env = build(Path(tmp))
        probes, _, _ = record_probes(ws, env)
        check = ["check", str(ws), "--format", "json"]
        findings = [f["code"] for f in json.loads(run_ok([CONSOLE, *check], env, ws))["findings"]]
        go = str(testbed.go_root("1.27.3") / "bin" / "go")
        commands = {YARDSTICK: [go, "env", "-json"], EDITABLE: [CONSOLE, *check],
                    RELEASE: [release_install(), *check], "python -c pass": [PY, "-c", "pass"]}
        load_before = os.getloadavg()[0]
        timings = time_commands(commands, {**env, "GOTOOLCHAIN": "local"}, ws, args.runs, args.warmup)
        load_after = os.getloadavg()[0]
        phases = phase_profile([CONSOLE, *check], {**env, "GOTOOLCHAIN": "local"}, ws, max(args.runs // 3, 5))
    stick = timings[YARDSTICK]["median_ms"]
    ratios = {name: timings[name]["median_ms"] / stick for name in (EDITABLE, RELEASE)}
    result = {"date": time.strftime("%Y-%m-%dT%H:%M:%S%z"), "revision": revision(), "cpus": os.cpu_count(),
              "python": sys.version.split()[0], "load_1min": [load_before, load_after], "runs": args.runs,
              "probes": [argv[1:] for argv, _ in probes], "findings": findings, "timings": timings,
              "ratio_median": ratios, "target": TARGET,
              "phases_ms": phases}
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2) + "\n")
    print(f"no gopls, no editor files ({result['revision']}, {os.cpu_count()} CPUs, load {load_before:.2f} → "
          f"{load_after:.2f}; {args.runs} rounds, interleaved); probes: {[' '.join(p) for p in result['probes']]}; "
          f"findings {findings}")
    for name, t in timings.items():
        ratio = f"  {ratios[name]:.2f}× (≤ {TARGET}×)" if name in ratios else ""
        print(f"  {name:36} median {t['median_ms']:6.1f} ms, min {t['min_ms']:6.1f} ms{ratio}")
    print("  phases of one check (bench/phases.py), median ms: "
          + ", ".join(f"{name} {ms:.1f}" for name, ms in phases.items()))
    print(f"written to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
