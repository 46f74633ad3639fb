"""The last step of `make bench`: every target of issue 11 next to its measured figure, from the JSON the other
benchmarks wrote into .cache/bench/ (run.py, minimal.py, monorepo.py, scaling.py, lsp_bench.py). Prints the
table; writes it into docs/benchmarks.md between the ``bench:summary`` markers, and the plots
docs/bench-scaling.svg and docs/bench-startup.svg. ``--no-write`` only prints.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import sys
import time
from pathlib import Path
from typing import Any

import svg

REPO = Path(__file__).resolve().parent.parent
CACHE = REPO / ".cache" / "bench"
DOC = REPO / "docs" / "benchmarks.md"
START, END = "<!-- bench:summary:start -->", "<!-- bench:summary:end -->"
BASELINE, CHECK = "(a) baseline: sh, same probes sequentially", "(b) goenv-lsp check --format json"
RELEASE, FLOOR, PARALLEL = "(g) goenv-lsp check, regular install", "(d) python -c pass (floor)", \
    "(f) sh, same probes in parallel"
Row = tuple[str, str, str, str, str]  # what, measured, target, verdict, reason when not met


def load(name: str) -> dict[str, Any] | None:
    path = CACHE / name
    return json.loads(path.read_text()) if path.exists() else None


def verdict(ok: bool) -> str:
    return "met" if ok else "NOT met"


def steps(phases: dict[str, float]) -> dict[str, float]:
    """bench/phases.py's phases in the order of a run, named for the plot."""
    named = {"interpreter + teardown": "outside the script (startup + teardown)", "imports": "imports",
             "collect (probes)": "collect (probes)", "rules": "evaluate rules", "render": "render report",
             "other (argparse, config)": "main, other (argparse, config, selection)"}
    return {label: phases[key] for label, key in named.items() if key in phases}


def said(parts: dict[str, float]) -> str:
    return ", ".join(f"{label} {ms:.0f}" for label, ms in parts.items()) + " ms"


def check_rows(r: dict[str, Any] | None) -> list[Row]:
    if r is None:
        return [("check, one module", "not measured", "≤ 2.0× bare probe script", "—", "run bench/run.py")]
    t, target = r["timings"], r["target"]
    a, floor = t[BASELINE]["median_ms"], t[FLOOR]["median_ms"]
    why = (f"budget {target * a:.0f} ms; one check: {said(steps(r['phases_ms']))} (python -c pass alone "
           f"{floor:.0f} ms; the probes in sh {a:.0f} ms, in parallel {t[PARALLEL]['median_ms']:.0f} ms)")
    rows = []
    for label, key in (("editable", CHECK), ("regular install", RELEASE)):
        ratio = t[key]["median_ms"] / a
        rows.append((f"check, one module ({label}) / bare probe script", f"{t[key]['median_ms']:.0f} ms / {a:.0f} "
                     f"ms = {ratio:.2f}×", f"≤ {target:g}×", verdict(ratio <= target), "" if ratio <= target else why))
    return rows


def minimal_rows(m: dict[str, Any] | None) -> list[Row]:
    if m is None:
        return [("check, no gopls, no editor files", "not measured", "≤ 1.5× go env -json", "—",
                 "run bench/minimal.py")]
    t, target = m["timings"], m["target"]
    stick, floor = t["go env -json"]["median_ms"], t["python -c pass"]["median_ms"]
    why = (f"budget {target * stick:.1f} ms; python -c pass alone {floor:.0f} ms = {floor / stick:.1f}× go env "
           f"-json; one check: {said(steps(m['phases_ms']))}" if m.get("phases_ms") else "")
    rows = []
    for label in ("editable", "regular install"):
        key = f"goenv-lsp check ({label})"
        ratio = t[key]["median_ms"] / stick
        rows.append((f"check, no gopls, no editor files ({label}) / one go env -json",
                     f"{t[key]['median_ms']:.0f} ms / {stick:.1f} ms = {ratio:.2f}×", f"≤ {target:g}×",
                     verdict(ratio <= target), "" if ratio <= target else why))
    return rows


def idle_text(idle: dict[str, Any]) -> tuple[float, str]:
    per_minute = idle["cpu_s"] * 60 / idle["seconds"]
    threads = ", ".join(f"{'main' if th['main'] else 'thread'} {th['cpu_s'] * 1000:.0f} ms"
                        for th in idle["threads_schedstat"][:3] if th["scheduled"])
    return per_minute, f"{per_minute:.3f} s/min (schedstat {idle['schedstat_cpu_s']:.3f} s: {threads})"


def server_rows(s: dict[str, Any] | None) -> list[Row]:
    alone = ((load("lsp-monorepo.json") or {}).get("figures") or {}).get("monorepo_edit_ms")  # --monorepo-only
    if s is None:
        return [("server", "not measured", "", "—", "run bench/lsp_bench.py"), monorepo_edit_row(alone)]
    f, targets = s["figures"], s["targets"]
    stick, first = f["yardstick_go_env_json_ms"]["median"], f["initialized_to_first_diagnostics_ms"]["median"]
    parts = f.get("first_diagnostics_breakdown_ms")
    why = (f"budget {targets['first_ratio'] * stick:.1f} ms; " + (said(parts) if parts else
           "lsp.json has no breakdown of this time (bench/lsp_bench.py); see the profiling notes in bench/README.md"))
    edit, spawns = f["edit_latency_ms"], f["edit_spawns"]
    whole = f.get("answered_to_first_diagnostics_ms", {}).get("median")
    spawn = f["spawn_to_first_diagnostics_ms"]["median"]
    whole_text = "" if whole is None else (f"; initialize answered → first {whole:.1f} ms = {whole / stick:.2f}× "
                                           f"(the probe starts on initialize); spawn → first {spawn:.0f} ms")
    rows = [("server: initialized → first diagnostics / one go env -json",
             f"{first:.1f} ms / {stick:.1f} ms = {f['first_ratio']:.2f}×{whole_text}", f"≤ {targets['first_ratio']:g}×",
             verdict(f["first_ratio"] <= targets["first_ratio"]), "" if f["first_ratio"] <= targets["first_ratio"]
             else why),
            (f"server: warm edit → diagnostics p95 ({edit['edits']} edits, each published with its version)",
             f"p95 {edit['p95']:.2f} ms (p50 {edit['p50']:.2f}, max {edit['max']:.2f})",
             f"≤ {targets['edit_p95_ms']:g} ms", verdict(edit["p95"] <= targets["edit_p95_ms"]), ""),
            ("server: processes spawned during the edits", f"{spawns['children_seen']} (cminflt +"
             f"{spawns['cminflt_delta']}; control goenv.refresh: {f['spawn_control_refresh']['children_seen']})",
             "0", verdict(spawns["zero"]), "")]
    rows.append(monorepo_edit_row(f.get("monorepo_edit_ms") or alone))
    idles = [("client watchers", f["idle"])] + [(f"server watching the workspace, {way}", idle)
                                               for way, idle in f.get("idle_watching_workspace", {}).items()]
    for label, idle in idles:
        per_minute, text = idle_text(idle)
        ok = per_minute <= targets["idle_cpu_s"]
        rows.append((f"server: idle CPU, {label}", text, f"≤ {targets['idle_cpu_s']:g} s/min", verdict(ok),
                     "" if ok else "the threads above"))
    return rows


def monorepo_edit_row(m: dict[str, Any] | None) -> Row:
    """bench/lsp_bench.py (d): a go.mod edit in the 1,000-module workspace, over stdio."""
    what = "server: warm go.mod edit → diagnostics p95, 1,000 modules"
    if m is None:
        return (what, "not measured", "≤ 10 ms", "—", "run bench/lsp_bench.py (or --monorepo-only)")
    ok = m["p95"] <= 10.0 and m["children_seen"] == 0
    return (f"server: warm go.mod edit → diagnostics p95, {m['modules']:,} modules ({m['edits']} edits)",
            f"p95 {m['p95']:.1f} ms (p50 {m['p50']:.1f}, max {m['max']:.1f}; {m['children_seen']} processes)",
            "≤ 10 ms", verdict(ok), "" if ok else
            "the GE5xx rules walk every scope on any go.mod edit (MACHINE rules); then re-reading the tree's "
            "facts, sorting all findings, publishing")


def scale_rows(mono: dict[str, Any] | None, sc: dict[str, Any] | None) -> list[Row]:
    rows: list[Row] = []
    at = (sc or {}).get("phases_ms", {})
    if mono is None:
        rows.append(("1,000 modules + 200 Dockerfiles", "not measured", "≤ 2 s, ≤ 100 MB", "—",
                     "run bench/monorepo.py"))
    else:
        wall, rss = mono["wall_s"], mono["peak_rss_mb"]
        why = f"one check at 1,000 modules: {said(steps(at['1000']))}" if "1000" in at else ""
        ok = mono["finding_reported"] and wall["median"] <= 2.0
        rows += [(f"{mono['modules']:,} modules + {mono['dockerfiles']} Dockerfiles from the root: wall",
                  f"median {wall['median']:.2f} s (max {wall['max']:.2f} s)", "≤ 2 s", verdict(ok),
                  "" if ok else why or "the finding is missing"),
                 ("… peak RSS", f"{rss:.0f} MB", "≤ 100 MB", verdict(rss <= 100), "")]
    if sc is None:
        rows.append(("10,000 modules, time per module", "not measured", "linear", "—", "run bench/scaling.py"))
        return rows
    cut = [n for n, ok in sc.get("complete_walk", {}).items() if not ok]
    if cut:
        rows.append(("10,000 modules, time per module", f"the walk was cut short (GE004) at {', '.join(cut)} modules",
                     "linear", "NOT met", "the module search stopped at a cap: not comparable"))
        return rows
    big = str(max(sc["sizes"]))
    line, per = sc["fit"], sc["per_module_ms"]
    step_text = "; ".join(f"{s['from']:,}→{s['to']:,}: {s['ms_per_module']:.2f}" for s in sc["steps"])
    rows.append((f"{int(big):,} modules: wall, time per module (sizes {', '.join(f'{n:,}' for n in sc['sizes'])})",
                 f"{sc['median_ms'][big] / 1000:.2f} s = {per[big]:.2f} ms/module, {sc['peak_rss_mb'][big]:.0f} MB; "
                 f"fit {line['intercept_ms']:.0f} ms + {line['slope_ms_per_module']:.3f} ms × modules (R² "
                 f"{line['r2']:.3f}); ms per added module {step_text}",
                 f"linear: last step ≤ {sc['linear_limit']:g}× first", f"{verdict(sc['linear'])} "
                 f"({sc['step_ratio_last_to_first']:.2f}×)",
                 "" if sc["linear"] else growth(at, str(sc["sizes"][1 if len(sc["sizes"]) > 2 else 0]), big)))
    return rows


def growth(at: dict[str, dict[str, float]], small: str, big: str) -> str:
    """Each phase's cost per module at two sizes: the one that grows faster than the tree is the reason."""
    a, b = steps(at.get(small, {})), steps(at.get(big, {}))
    per = ", ".join(f"{label} {a[label] / int(small):.2f} → {b[label] / int(big):.2f}" for label in b if label in a)
    return f"one check at {int(big):,}: {said(b)}; ms per module at {int(small):,} → {int(big):,}: {per}"


def machine(sources: dict[str, dict[str, Any] | None]) -> str:
    loads = {name: d.get("load_1min") or [d.get("machine", {}).get("load_1min_before"),
                                          d.get("machine", {}).get("load_1min_after")]
             for name, d in sources.items() if d}
    revisions = sorted({d.get("revision") or d.get("machine", {}).get("revision") for d in sources.values() if d}
                       - {None})
    load_text = "; ".join(f"{name} {a:.1f}→{b:.1f}" for name, (a, b) in loads.items() if a is not None)
    return (f"{os.cpu_count()} CPUs ({platform.machine()}), Python {platform.python_version()}, "
            f"{platform.system()} {platform.release()}; revision {', '.join(revisions)}; 1-min load "
            f"before→after: {load_text}; {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}")


def markdown(rows: list[Row], header: str) -> str:
    def cell(text: str) -> str:
        return text.replace("|", "\\|")

    lines = [f"Machine: {header}.", "", "| target | measured | goal | | where the time goes (when not met) |",
             "|---|---|---|---|---|"]
    lines += [f"| {' | '.join(cell(c) for c in row)} |" for row in rows]
    return "\n".join(lines)


def plain(rows: list[Row], header: str) -> str:
    out = [f"issue 11 targets — {header}"]
    for what, measured, goal, ok, why in rows:
        out.append(f"  [{ok:7}] {what}: {measured}  (goal {goal})" + (f"\n            why: {why}" if why else ""))
    return "\n".join(out)


def plots(r: dict[str, Any] | None, m: dict[str, Any] | None, sc: dict[str, Any] | None) -> dict[str, str]:
    out = {}
    if sc:
        points = {int(n): ms / 1000 for n, ms in sc["median_ms"].items()}
        out["bench-scaling.svg"] = svg.scaling(points, sc["fit"]["intercept_ms"] / 1000,
                                               sc["fit"]["slope_ms_per_module"] / 1000,
                                               f"goenv-lsp check from the root: time vs modules ({sc['revision']})")
    bars: dict[str, dict[str, float]] = {}
    marks: dict[str, float] = {}
    if r:
        a = r["timings"][BASELINE]["median_ms"]
        bars["check, one module + gopls"] = steps(r["phases_ms"])
        bars["its probes in sh"] = {"go commands": a}
        marks[f"2× probes ({2 * a:.0f} ms)"] = 2 * a
    if m and m.get("phases_ms"):
        stick = m["timings"]["go env -json"]["median_ms"]
        bars["check, no gopls, no editor files"] = steps(m["phases_ms"])
        bars["one go env -json"] = {"go commands": stick}
        marks[f"1.5× go env ({1.5 * stick:.0f} ms)"] = 1.5 * stick
    if bars:
        revision = (r or m or {}).get("revision", "")
        out["bench-startup.svg"] = svg.breakdown(bars, marks, f"where one check's time goes, medians ({revision})")
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--no-write", action="store_true", help="print only; leave docs/ alone")
    args = parser.parse_args()
    sources = {"run.py": load("results.json"), "minimal.py": load("minimal.json"),
               "monorepo.py": load("monorepo.json"), "scaling.py": load("scaling.json"),
               "lsp_bench.py": load("lsp.json")}
    rows = [*check_rows(sources["run.py"]), *minimal_rows(sources["minimal.py"]),
            *server_rows(sources["lsp_bench.py"]), *scale_rows(sources["monorepo.py"], sources["scaling.py"])]
    header = machine(sources)
    print(plain(rows, header))
    if args.no_write:
        return 0
    text = DOC.read_text()
    if START not in text or END not in text:
        print(f"{DOC}: no {START} … {END} markers; the table was not written", file=sys.stderr)
        return 1
    block = f"{START}\n{markdown(rows, header)}\n{END}"
    DOC.write_text(re.sub(re.escape(START) + ".*?" + re.escape(END), lambda _: block, text, flags=re.S))
    for name, image in plots(sources["run.py"], sources["minimal.py"], sources["scaling.py"]).items():
        (DOC.parent / name).write_text(image)
        print(f"wrote docs/{name}")
    print(f"wrote the table into {DOC.relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
