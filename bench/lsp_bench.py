"""Benchmark the language server against one `go env -json` (the yardstick), in one run.

(a) `initialized` → first publishDiagnostics (target ≤ 3× the yardstick, `go env -json` of the go on PATH,
    run alternately with the fresh servers); the Python start-up (spawn → initialize answered) is reported
    separately. The workspace is the issue's (``--workspace one-go``: go 1.27.3 and gopls on PATH, one module).
(b) warm didChange → publishDiagnostics, p95 over ~200 edits (target ≤ 10 ms), and proof that no
    process was started meanwhile.
(c) CPU time of the idle server over 60 s (target ≤ 0.1 s); also with the server watching the workspace's
    files itself (a client without file watchers, Neovim's capabilities) in a 50-module workspace, with
    watchfiles and, watchfiles made unimportable, polling (``--idle-only`` runs these alone).
(d) warm didChange of one go.mod → publishDiagnostics in a 1,000-module workspace (bench/monorepo.py's layout),
    median and p95 (target ≤ 10 ms, as (b)), no process started (``--monorepo-only`` runs it alone).

The server runs as users run it (`python -m goenv_lsp --stdio`, a separate process); the client is
pygls' own, in this process. Prints a table; writes .cache/bench/lsp.json, whose ``summary`` has one row per
target (value, baseline, ratio, target, met) for the summary table. See bench/README.md.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

from lsprotocol import types as lsp
from pygls.lsp.client import LanguageClient

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))

import testbed  # noqa: E402

from goenv_lsp.lsp import warm  # noqa: E402

TICK = os.sysconf("SC_CLK_TCK")
TARGETS = {"first_ratio": 3.0, "edit_p95_ms": 10.0, "idle_cpu_s": 0.1, "monorepo_edit_p95_ms": 10.0}
GO_LINES = {"one-go": ["1.27.3", "1.28.0"], "two-gos": ["1.27.3", "1.27.2", "1.26.0", "1.25.1", "1.22.10", "1.28.0"]}


# -- the workspace ---------------------------------------------------------------------------------

def build_workspace(tmp: Path, kind: str = "one-go") -> tuple[Path, dict[str, str], Path]:
    """``one-go`` (the issue's workspace): go 1.27.3 and Debian's gopls on PATH, go.mod with `go 1.27.3`,
    GOTOOLCHAIN=local in the GOENV file — GE121 (that gopls was built with an old go). ``two-gos``: go 1.22.10
    on PATH, go.mod wants go 1.27.3, settings.json pins the 1.27.3 tree — GE110, GE302, GE121, two gos probed.
    Returns the workspace, the environment and the go on PATH (the yardstick's)."""
    go122, go127, gopls = testbed.go_root("1.22.10"), testbed.go_root("1.27.3"), testbed.debian_gopls()
    on_path = go127 if kind == "one-go" else go122
    env = testbed.isolated_env(tmp, [on_path / "bin", gopls.parent], GOTOOLCHAIN=None)
    testbed.write_goenv(env, GOTOOLCHAIN="local")
    ws = tmp / "ws"
    ws.mkdir(parents=True)
    (ws / "go.mod").write_text("module example.com/bench\n\ngo 1.27.3\n")
    if kind == "two-gos":
        (ws / ".vscode").mkdir()
        (ws / ".vscode" / "settings.json").write_text(json.dumps({"go.goroot": str(go127)}, indent=2) + "\n")
    return ws, env, on_path / "bin" / "go"


def go_env_once(go: Path, env: dict[str, str], ws: Path) -> float:
    """Wall time of one `go env -json` (GOTOOLCHAIN=local, as the server's runner sets it)."""
    started = time.perf_counter()
    subprocess.run([str(go), "env", "-json"], env={**env, "GOTOOLCHAIN": "local"}, cwd=ws, stdout=subprocess.DEVNULL,
                   check=True)
    return time.perf_counter() - started


# -- /proc ---------------------------------------------------------------------------------------------

def proc_stat(pid: int) -> dict[str, int]:
    """utime/stime of the process (all threads) and the counters of its reaped children (proc(5))."""
    with open(f"/proc/{pid}/stat") as handle:
        fields = handle.read().rsplit(")", 1)[1].split()
    # fields[0] is field 3 (state): field n is fields[n - 3]
    return {"minflt": int(fields[7]), "cminflt": int(fields[8]), "utime": int(fields[11]),
            "stime": int(fields[12]), "cutime": int(fields[13]), "cstime": int(fields[14])}


def thread_schedstat(pid: int) -> dict[int, tuple[int, int]]:
    """(ns on CPU, times scheduled) per thread, from /proc/<pid>/task/<tid>/schedstat: exact, not tick-sampled."""
    found = {}
    for task in os.listdir(f"/proc/{pid}/task"):
        try:
            with open(f"/proc/{pid}/task/{task}/schedstat") as handle:
                run_ns, _, slices = map(int, handle.read().split())
            found[int(task)] = (run_ns, slices)
        except (FileNotFoundError, ValueError):
            pass
    return found


def context_switches(pid: int) -> int:
    total = 0
    for task in os.listdir(f"/proc/{pid}/task"):
        try:
            with open(f"/proc/{pid}/task/{task}/status") as handle:
                for line in handle:
                    if line.startswith(("voluntary_ctxt_switches", "nonvoluntary_ctxt_switches")):
                        total += int(line.split()[1])
        except FileNotFoundError:
            pass
    return total


def children(pid: int) -> set[int]:
    found: set[int] = set()
    for task in os.listdir(f"/proc/{pid}/task"):
        try:
            with open(f"/proc/{pid}/task/{task}/children") as handle:
                found.update(int(p) for p in handle.read().split())
        except FileNotFoundError:
            pass
    return found


class ChildWatch:
    """Poll /proc/<pid>/task/*/children every millisecond in a thread: every child pid seen."""

    def __init__(self, pid: int):
        self.pid, self.seen, self.polls = pid, set(), 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            self.seen |= children(self.pid)
            self.polls += 1
            time.sleep(0.001)

    def __enter__(self) -> ChildWatch:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()


# -- the client ----------------------------------------------------------------------------------------

def client_capabilities(client: str = "visual_studio_code") -> lsp.ClientCapabilities:
    try:
        import pytest_lsp  # recorded VS Code / Neovim capabilities, if the test extra is installed

        return pytest_lsp.client_capabilities(client)
    except Exception:
        watchers = client == "visual_studio_code"  # Neovim on Linux registers no file watchers
        return lsp.ClientCapabilities(
            workspace=lsp.WorkspaceClientCapabilities(configuration=True, did_change_watched_files=lsp.
                                                      DidChangeWatchedFilesClientCapabilities(watchers)),
            text_document=lsp.TextDocumentClientCapabilities(publish_diagnostics=lsp.
                                                             PublishDiagnosticsClientCapabilities(True)),
            window=lsp.WindowClientCapabilities(work_done_progress=True))


class Client(LanguageClient):
    def __init__(self) -> None:
        super().__init__("goenv-lsp-bench", "0")
        self.published: list[tuple[float, lsp.PublishDiagnosticsParams]] = []
        self.arrived = asyncio.Event()
        self.logs: list[str] = []

        @self.feature(lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        def diagnostics(params: lsp.PublishDiagnosticsParams) -> None:
            self.published.append((time.perf_counter(), params))
            self.arrived.set()

        @self.feature(lsp.WORKSPACE_CONFIGURATION)
        def configuration(params: lsp.ConfigurationParams) -> list[Any]:
            return [None for _ in params.items]

        @self.feature(lsp.CLIENT_REGISTER_CAPABILITY)
        def register(params: lsp.RegistrationParams) -> None:
            return None

        @self.feature(lsp.WINDOW_WORK_DONE_PROGRESS_CREATE)
        def progress_create(params: lsp.WorkDoneProgressCreateParams) -> None:
            return None

        @self.feature(lsp.WINDOW_LOG_MESSAGE)
        def log_message(params: lsp.LogMessageParams) -> None:
            self.logs.append(params.message)

        for method in (lsp.PROGRESS, lsp.WINDOW_SHOW_MESSAGE):
            self.feature(method)(lambda params: None)

    async def wait_publish(self, predicate, timeout: float = 30.0) -> tuple[float, lsp.PublishDiagnosticsParams]:
        async def find():
            start = 0
            while True:
                for index in range(start, len(self.published)):
                    if predicate(self.published[index][1]):
                        return self.published[index]
                start = len(self.published)
                self.arrived.clear()
                await self.arrived.wait()

        return await asyncio.wait_for(find(), timeout)


async def start(env: dict[str, str], ws: Path, log: Path, client_name: str = "visual_studio_code",
                python_path: tuple[Path, ...] = ()) -> tuple[Client, int, dict[str, float]]:
    """Spawn the server, initialize; returns the client, the server pid and the start-up timings."""
    client = Client()
    # the instrument's own one-time work is not the server's: cattrs builds its (un)structure functions per
    # converter, each Client has its own, and the first initialized → publishDiagnostics of each cold run paid
    # ≈ 6–8 ms for them in this process (an editor's client has no such cost); warmed as the server warms its own
    warm.warm(client.protocol._converter)
    t0 = time.perf_counter()
    pythonpath = os.pathsep.join(map(str, (*python_path, REPO)))
    await client.start_io(sys.executable, "-m", "goenv_lsp", "--stdio", "--log-file", str(log),
                          "--log-level", "info", env={**env, "PYTHONPATH": pythonpath}, cwd=str(ws))
    pid = client._server.pid
    await client.initialize_async(lsp.InitializeParams(
        capabilities=client_capabilities(client_name), process_id=os.getpid(), root_uri=ws.as_uri(),
        workspace_folders=[lsp.WorkspaceFolder(ws.as_uri(), ws.name)]))
    t1 = time.perf_counter()
    client.initialized(lsp.InitializedParams())
    t2 = time.perf_counter()
    await client.wait_publish(lambda p: True)
    t3 = client.published[0][0]
    # the probe starts on `initialize` and its answer waits until the probe's processes started (≤ 32 loop turns):
    # initialize answered → first diagnostics is the window in which the probe runs, whatever the client does
    return client, pid, {"startup_s": t1 - t0, "initialized_to_first_s": t3 - t2, "spawn_to_first_s": t3 - t0,
                         "answered_to_first_s": t3 - t1}


async def stop(client: Client) -> None:
    await asyncio.wait_for(client.shutdown_async(None), 10)
    client.exit(None)
    await asyncio.wait_for(client._server.wait(), 10)
    await client.stop()


# -- the measurements ---------------------------------------------------------------------------------

async def cold_starts(env: dict[str, str], ws: Path, tmp: Path, go: Path, runs: int,
                      yardstick_runs: int) -> tuple[list[dict[str, float]], list[float]]:
    """Fresh servers for (a), alternating with the yardstick: each server follows its share of `go env -json`
    runs (3 warm-up runs first), so load drift hits both alike."""
    for _ in range(3):
        go_env_once(go, env, ws)
    per_round = max(1, round(yardstick_runs / max(1, runs)))
    results, stick = [], []
    for i in range(runs):
        stick += [go_env_once(go, env, ws) for _ in range(per_round)]
        client, _, timing = await start(env, ws, tmp / f"cold-{i}.log")
        await stop(client)
        results.append(timing)
    return results, stick


async def edits_idle_and_control(env: dict[str, str], ws: Path, tmp: Path, edits: int,
                                 idle_seconds: float, kind: str) -> dict[str, Any]:
    client, pid, _ = await start(env, ws, tmp / "warm.log")
    gomod = ws / "go.mod"
    uri = gomod.as_uri()
    await asyncio.sleep(1.0)  # let the initial probe finish and the environment watcher start
    client.text_document_did_open(lsp.DidOpenTextDocumentParams(lsp.TextDocumentItem(
        uri=uri, language_id="go.mod", version=1, text=gomod.read_text())))  # same findings: no publish

    # Each edit rewrites the go line; consecutive versions differ, so every edit changes GE110's message
    # (or removes it) and the server publishes. Incremental sync, as VS Code sends it. One go on PATH: a
    # satisfiable and an unsatisfiable go line in turn.
    lines = GO_LINES[kind]
    current = "1.27.3"
    latencies = []
    before = proc_stat(pid)
    with ChildWatch(pid) as watch:
        for n in range(edits + 10):
            version = n + 2
            new = lines[(n + 1) % len(lines)]
            sent = time.perf_counter()
            client.text_document_did_change(lsp.DidChangeTextDocumentParams(
                lsp.VersionedTextDocumentIdentifier(uri=uri, version=version),
                [lsp.TextDocumentContentChangePartial(range=lsp.Range(lsp.Position(2, 3),
                                                                      lsp.Position(2, 3 + len(current))),
                                                      text=new)]))
            arrived, _ = await client.wait_publish(lambda p, v=version: p.uri == uri and p.version == v)
            current = new
            if n >= 10:  # warm-up
                latencies.append(arrived - sent)
        await asyncio.sleep(1.0)  # a probe scheduled by a cache miss would run after 0.3 s debounce
    after = proc_stat(pid)
    spawned = {"children_seen": len(watch.seen), "polls": watch.polls,
               "cminflt_delta": after["cminflt"] - before["cminflt"],
               "cutime_cstime_delta_ticks": (after["cutime"] + after["cstime"]) - (before["cutime"] + before["cstime"])}

    idle = await measure_idle(pid, idle_seconds)

    # positive control: goenv.refresh drops the cache and probes again, so both methods must see processes
    control_before = proc_stat(pid)
    with ChildWatch(pid) as watch:
        await client.workspace_execute_command_async(lsp.ExecuteCommandParams(command="goenv.refresh"))
        await asyncio.sleep(0.3)
    control_after = proc_stat(pid)
    control = {"children_seen": len(watch.seen), "cminflt_delta": control_after["cminflt"] - control_before["cminflt"]}
    await stop(client)
    return {"latencies_s": latencies, "spawned": spawned, "idle": idle, "control": control}


async def measure_idle(pid: int, idle_seconds: float) -> dict[str, Any]:
    """CPU of the server while nothing is sent for ``idle_seconds`` (after 2 s of quiet)."""
    await asyncio.sleep(2.0)
    idle_before, switches_before, sched_before = proc_stat(pid), context_switches(pid), thread_schedstat(pid)
    await asyncio.sleep(idle_seconds)
    idle_after, switches_after, sched_after = proc_stat(pid), context_switches(pid), thread_schedstat(pid)
    per_thread = sorted(((tid, (run - sched_before.get(tid, (0, 0))[0]) / 1e9, n - sched_before.get(tid, (0, 0))[1])
                         for tid, (run, n) in sched_after.items()), key=lambda t: -t[1])
    return {"seconds": idle_seconds,
            "cpu_s": ((idle_after["utime"] + idle_after["stime"]) - (idle_before["utime"] + idle_before["stime"]))
            / TICK,
            "utime_ticks": idle_after["utime"] - idle_before["utime"],
            "stime_ticks": idle_after["stime"] - idle_before["stime"],
            "context_switches": switches_after - switches_before,
            "schedstat_cpu_s": sum(t[1] for t in per_thread),
            "threads_schedstat": [{"tid": tid, "main": tid == pid, "cpu_s": cpu, "scheduled": n}
                                  for tid, cpu, n in per_thread],
            "threads": len(os.listdir(f"/proc/{pid}/task"))}


async def monorepo_edits(tmp: Path, modules: int, edits: int) -> dict[str, Any]:
    """(d): the server at the root of ``modules`` modules; after its first probe, one go.mod (services/svc-0007)
    is opened and its go line rewritten on each edit, satisfiable and not in turn (GE110 comes and goes: every
    edit publishes that file, with its version). Latency from didChange sent to that publication."""
    (tmp / "mono").mkdir()
    root, env = build_modules(tmp / "mono", modules)
    broken = (root / "services" / "svc-0500" / "go.mod").as_uri()  # GE110 from the first probe on
    client, pid, _ = await start(env, root, tmp / "mono.log")
    await client.wait_publish(lambda p: p.uri == broken, timeout=120)
    gomod = root / "services" / "svc-0007" / "go.mod"
    uri, text = gomod.as_uri(), gomod.read_text()
    client.text_document_did_open(lsp.DidOpenTextDocumentParams(lsp.TextDocumentItem(
        uri=uri, language_id="go.mod", version=1, text=text)))
    line = next(n for n, t in enumerate(text.splitlines()) if t.startswith("go "))
    current, latencies = "1.27.3", []
    with ChildWatch(pid) as watch:
        for n in range(edits + 5):
            version, new = n + 2, GO_LINES["one-go"][(n + 1) % 2]
            sent = time.perf_counter()
            client.text_document_did_change(lsp.DidChangeTextDocumentParams(
                lsp.VersionedTextDocumentIdentifier(uri=uri, version=version),
                [lsp.TextDocumentContentChangePartial(range=lsp.Range(lsp.Position(line, 3),
                                                                      lsp.Position(line, 3 + len(current))),
                                                      text=new)]))
            arrived, _ = await client.wait_publish(lambda p, v=version: p.uri == uri and p.version == v)
            current = new
            if n >= 5:  # warm-up
                latencies.append(arrived - sent)
    await stop(client)
    return {"modules": modules, "edits": len(latencies), "latencies_s": latencies,
            "p50": percentile(latencies, 50) * 1000, "p95": percentile(latencies, 95) * 1000,
            "max": max(latencies) * 1000, "children_seen": len(watch.seen)}


def monorepo_row(found: dict[str, Any]) -> tuple[str, str, str, str]:
    ok = found["p95"] <= TARGETS["monorepo_edit_p95_ms"] and found["children_seen"] == 0
    return (f"(d) go.mod didChange → diagnostics, {found['modules']:,} modules: p50 / p95 / max",
            f"{found['p50']:.1f} / {found['p95']:.1f} / {found['max']:.1f} ms ({found['edits']} edits, "
            f"{found['children_seen']} processes)", "p95 ≤ 10 ms", "met" if ok else "NOT met")


def monorepo_only(tmp: Path, args: argparse.Namespace, load_before: float) -> int:
    found = asyncio.run(monorepo_edits(tmp, args.monorepo_modules, args.monorepo_edits))
    load_after = os.getloadavg()[0]
    out = args.out.with_name(args.out.stem + "-monorepo.json")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps({"figures": {"monorepo_edit_ms": {k: v for k, v in found.items()
                                                                 if k != "latencies_s"}},
                               "raw": {"monorepo_edit_latencies_s": found["latencies_s"]}, "targets": TARGETS,
                               "machine": {"cpus": os.cpu_count(), "load_1min_before": load_before,
                                           "load_1min_after": load_after, "revision": revision()}}, indent=2) + "\n")
    print(f"goenv-lsp monorepo edit ({revision()}, {os.cpu_count()} CPUs, load {load_before:.2f} → {load_after:.2f})")
    print("  ".join(monorepo_row(found)))
    print(f"written to {out}")
    return 0


def build_modules(tmp: Path, modules: int) -> tuple[Path, dict[str, str]]:
    """A monorepo of ``modules`` modules (bench/monorepo.py's layout: go.mod, main.go, internal/handler,
    Dockerfiles, vendor/, node_modules/, .git/)."""
    from monorepo import build

    return build(tmp, modules, max(1, modules // 5))


async def idle_watching_workspace(env: dict[str, str], ws: Path, tmp: Path, idle_seconds: float,
                                  polling: bool) -> dict[str, Any]:
    """(c) with the server watching the workspace itself (Neovim's capabilities); ``polling``: watchfiles made
    unimportable in the server (a ``watchfiles`` module that raises ImportError first on PYTHONPATH)."""
    blocker = tmp / "no-watchfiles"
    blocker.mkdir(exist_ok=True)
    (blocker / "watchfiles.py").write_text('raise ImportError("made unimportable by bench/lsp_bench.py")\n')
    client, pid, _ = await start(env, ws, tmp / f"idle-{'poll' if polling else 'watch'}.log", "neovim",
                                 (blocker,) if polling else ())
    deadline = time.monotonic() + 60
    while not any("of the workspace)" in m for m in client.logs) and time.monotonic() < deadline:
        await asyncio.sleep(0.1)
    watching = next((m for m in client.logs if "of the workspace)" in m), "the workspace watch did not start")
    idle = await measure_idle(pid, idle_seconds)
    await stop(client)
    return {**idle, "watching": watching}


def idle_row(label: str, idle: dict[str, Any], ok: str) -> tuple[str, str, str, str]:
    return (label, f"{idle['cpu_s']:.3f} s (schedstat {idle['schedstat_cpu_s']:.3f} s; by thread: " + ", ".join(
        f"{'main' if t['main'] else t['tid']} {t['cpu_s'] * 1000:.0f} ms/{t['scheduled']}×"
        for t in idle["threads_schedstat"] if t["scheduled"]) + ")", "≤ 0.1 s", ok)


def watched_rows(watched: dict[str, dict[str, Any]], modules: int) -> list[tuple[str, str, str, str]]:
    return [idle_row(f"    … the server watching {modules} modules ({way})", idle,
                     "met" if idle["cpu_s"] <= TARGETS["idle_cpu_s"] else "NOT met") for way, idle in watched.items()]


def idle_only(env: dict[str, str], ws: Path, tmp: Path, args: argparse.Namespace, watched: dict[str, dict[str, Any]],
              load_before: float) -> int:
    async def plain() -> dict[str, Any]:
        client, pid, _ = await start(env, ws, tmp / "idle.log")
        idle = await measure_idle(pid, args.idle)
        await stop(client)
        return idle

    idle = asyncio.run(plain())
    load_after = os.getloadavg()[0]
    rows = [idle_row(f"(c) idle CPU over {idle['seconds']:.0f} s (client watchers)", idle,
                     "met" if idle["cpu_s"] <= TARGETS["idle_cpu_s"] else "NOT met"),
            *watched_rows(watched, args.modules)]
    out = args.out.with_name(args.out.stem + "-idle.json")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps({"idle": idle, "idle_watching_workspace": watched, "modules": args.modules,
                               "machine": {"cpus": os.cpu_count(), "load_1min_before": load_before,
                                           "load_1min_after": load_after, "revision": revision()}}, indent=2) + "\n")
    print(f"goenv-lsp idle CPU ({revision()}, {os.cpu_count()} CPUs, load {load_before:.2f} → {load_after:.2f})")
    for label, figure, target, met in rows:
        print(f"{label}  {figure}  {target}  {met}")
    for way, found in watched.items():
        print(f"    {way}: {found['watching']}")
    print(f"written to {out}")
    return 0


def first_only(env: dict[str, str], ws: Path, tmp: Path, go: Path, args: argparse.Namespace,
               load_before: float) -> int:
    cold, stick = asyncio.run(cold_starts(env, ws, tmp, go, args.cold_runs, args.yardstick_runs))
    load_after = os.getloadavg()[0]
    stick_ms = statistics.median(stick) * 1000
    first = [c["initialized_to_first_s"] * 1000 for c in cold]
    spawn = [c["spawn_to_first_s"] * 1000 for c in cold]
    figures = {"yardstick_go_env_json_ms": {"median": stick_ms, "runs": len(stick)},
               "initialized_to_first_diagnostics_ms": {"median": statistics.median(first), "min": min(first),
                                                       "max": max(first), "runs": len(first)},
               "spawn_to_first_diagnostics_ms": {"median": statistics.median(spawn), "min": min(spawn)},
               "answered_to_first_diagnostics_ms": {
                   "median": statistics.median(c["answered_to_first_s"] for c in cold) * 1000},
               "first_ratio": statistics.median(first) / stick_ms}
    out = args.out.with_name(args.out.stem + "-first.json")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps({"figures": figures, "raw": {"yardstick_s": stick, "cold": cold},
                               "machine": {"cpus": os.cpu_count(), "load_1min_before": load_before,
                                           "load_1min_after": load_after, "revision": revision()}}, indent=2) + "\n")
    print(f"goenv-lsp first diagnostics ({revision()}, {os.cpu_count()} CPUs, load {load_before:.2f} → "
          f"{load_after:.2f})")
    print(f"yardstick: go env -json (median of {len(stick)})  {stick_ms:.1f} ms")
    print(f"(a) initialized → first diagnostics (median of {len(first)}, min {min(first):.1f})  "
          f"{statistics.median(first):.1f} ms  {figures['first_ratio']:.2f}× yardstick (≤ 3×)")
    print(f"    spawn → first diagnostics (median)  {statistics.median(spawn):.0f} ms")
    print(f"written to {out}")
    return 0


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(q / 100 * len(ordered) + 0.5) - 1))  # nearest rank
    return ordered[index]


def revision() -> str:
    try:
        rev = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=REPO, capture_output=True, text=True,
                             check=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "goenv_lsp"], cwd=REPO, capture_output=True,
                               text=True).stdout.strip()
        return rev + ("+dirty" if dirty else "")
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def summary(figures: dict[str, Any], met: dict[str, bool], zero_spawn: bool) -> list[dict[str, Any]]:
    """One row per target for a summary table (bench/README.md): the measured value, its baseline (the yardstick
    where the target is a ratio, else None), the ratio, the target and whether it is met."""
    stick = figures["yardstick_go_env_json_ms"]["median"]
    first = figures["initialized_to_first_diagnostics_ms"]["median"]
    watched = figures["idle_watching_workspace"]
    return [
        {"id": "lsp.first_diagnostics", "label": "server: initialized → first diagnostics (median)",
         "value": first, "unit": "ms", "baseline": stick, "baseline_label": "go env -json (median)",
         "ratio": first / stick, "target": TARGETS["first_ratio"], "target_kind": "ratio ≤", "met": met["first_ratio"]},
        {"id": "lsp.edit_p95", "label": "server: warm didChange → diagnostics p95 (stdio, one module)",
         "value": figures["edit_latency_ms"]["p95"], "unit": "ms", "baseline": None, "baseline_label": None,
         "ratio": None, "target": TARGETS["edit_p95_ms"], "target_kind": "value ≤", "met": met["edit_p95_ms"]},
        {"id": "lsp.edit_spawns", "label": "server: processes started by the edits",
         "value": figures["edit_spawns"]["children_seen"], "unit": "processes", "baseline": None,
         "baseline_label": None, "ratio": None, "target": 0, "target_kind": "value ≤", "met": zero_spawn},
        *({"id": f"lsp.idle_cpu.{key}", "label": f"server: idle CPU over {idle['seconds']:.0f} s ({way})",
           "value": idle["cpu_s"], "unit": "s", "baseline": None, "baseline_label": None, "ratio": None,
           "target": TARGETS["idle_cpu_s"], "target_kind": "value ≤", "met": idle["cpu_s"] <= TARGETS["idle_cpu_s"]}
          for key, way, idle in [("client_watchers", "client watchers", figures["idle"]),
                                 *((f"server_{w}", f"the server watching the workspace, {w}", i)
                                   for w, i in watched.items())]),
        {"id": "lsp.monorepo_edit_p95",
         "label": f"server: warm go.mod didChange → diagnostics p95 ({figures['monorepo_edit_ms']['modules']:,} "
                  "modules)", "value": figures["monorepo_edit_ms"]["p95"], "unit": "ms", "baseline": None,
         "baseline_label": None, "ratio": None, "target": TARGETS["monorepo_edit_p95_ms"], "target_kind": "value ≤",
         "met": met["monorepo_edit_p95_ms"]},
    ]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--yardstick-runs", type=int, default=30)
    parser.add_argument("--cold-runs", type=int, default=7, help="fresh servers for (a)")
    parser.add_argument("--edits", type=int, default=200)
    parser.add_argument("--idle", type=float, default=60.0, help="seconds of idle for (c)")
    parser.add_argument("--modules", type=int, default=50, help="modules of the workspace the server watches in (c)")
    parser.add_argument("--idle-only", action="store_true", help="only (c), the three ways")
    parser.add_argument("--monorepo-modules", type=int, default=1000, help="modules of the workspace of (d)")
    parser.add_argument("--monorepo-edits", type=int, default=100, help="go.mod edits of (d)")
    parser.add_argument("--monorepo-only", action="store_true", help="only (d) (writes lsp-monorepo.json)")
    parser.add_argument("--first-only", action="store_true",
                        help="only (a): fresh servers against the yardstick (writes lsp-first.json)")
    parser.add_argument("--workspace", choices=sorted(GO_LINES), default="one-go",
                        help="one-go: the issue's (go 1.27.3 and gopls on PATH); two-gos: the earlier figures'")
    parser.add_argument("--out", type=Path, default=REPO / ".cache" / "bench" / "lsp.json")
    args = parser.parse_args()

    load_before = os.getloadavg()[0]
    with tempfile.TemporaryDirectory(prefix="goenv-lsp-bench-") as tmp_name:
        tmp = Path(tmp_name)
        ws, env, go = build_workspace(tmp, args.workspace)
        if args.first_only:
            return first_only(env, ws, tmp, go, args, load_before)
        if args.monorepo_only:
            return monorepo_only(tmp, args, load_before)
        (tmp / "modules").mkdir()
        mono, mono_env = build_modules(tmp / "modules", args.modules)
        watched = {way: asyncio.run(idle_watching_workspace(mono_env, mono, tmp, args.idle, way == "polling"))
                   for way in ("watchfiles", "polling")}
        if args.idle_only:
            return idle_only(env, ws, tmp, args, watched, load_before)
        cold, stick = asyncio.run(cold_starts(env, ws, tmp, go, args.cold_runs, args.yardstick_runs))
        warm = asyncio.run(edits_idle_and_control(env, ws, tmp, args.edits, args.idle, args.workspace))
        mono_edits = asyncio.run(monorepo_edits(tmp, args.monorepo_modules, args.monorepo_edits))
    load_after = os.getloadavg()[0]

    stick_median = statistics.median(stick)
    first = [c["initialized_to_first_s"] for c in cold]
    startup = [c["startup_s"] for c in cold]
    lat = warm["latencies_s"]
    spawned, idle, control = warm["spawned"], warm["idle"], warm["control"]
    zero_spawn = spawned["children_seen"] == 0 and spawned["cminflt_delta"] == 0
    figures = {
        "yardstick_go_env_json_ms": {"median": stick_median * 1000, "min": min(stick) * 1000,
                                     "mean": statistics.mean(stick) * 1000, "runs": len(stick)},
        "startup_spawn_to_initialize_ms": {"median": statistics.median(startup) * 1000, "min": min(startup) * 1000},
        "spawn_to_first_diagnostics_ms": {"median": statistics.median(c["spawn_to_first_s"] for c in cold) * 1000},
        "answered_to_first_diagnostics_ms": {
            "median": statistics.median(c["answered_to_first_s"] for c in cold) * 1000},
        "initialized_to_first_diagnostics_ms": {"median": statistics.median(first) * 1000, "min": min(first) * 1000,
                                                "max": max(first) * 1000, "runs": len(first)},
        "first_ratio": statistics.median(first) / stick_median,
        "edit_latency_ms": {"p50": percentile(lat, 50) * 1000, "p95": percentile(lat, 95) * 1000,
                            "max": max(lat) * 1000, "edits": len(lat)},
        "edit_spawns": {**spawned, "zero": zero_spawn},
        "spawn_control_refresh": control,
        "idle": idle,
        "idle_watching_workspace": watched,
        "monorepo_edit_ms": {k: v for k, v in mono_edits.items() if k != "latencies_s"},
    }
    met = {"first_ratio": figures["first_ratio"] <= TARGETS["first_ratio"],
           "edit_p95_ms": figures["edit_latency_ms"]["p95"] <= TARGETS["edit_p95_ms"] and zero_spawn,
           "idle_cpu_s": all(i["cpu_s"] <= TARGETS["idle_cpu_s"] for i in (idle, *watched.values())),
           "monorepo_edit_p95_ms": mono_edits["p95"] <= TARGETS["monorepo_edit_p95_ms"]
           and mono_edits["children_seen"] == 0}
    result = {"summary": summary(figures, met, zero_spawn), "workspace": args.workspace,
              "figures": figures, "targets": TARGETS, "met": met,
              "raw": {"yardstick_s": stick, "cold": cold, "edit_latencies_s": lat,
                      "monorepo_edit_latencies_s": mono_edits["latencies_s"]},
              "machine": {"python": platform.python_version(), "cpus": os.cpu_count(),
                          "load_1min_before": load_before, "load_1min_after": load_after, "revision": revision()}}
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2) + "\n")

    def ok(key: str) -> str:
        return "met" if met[key] else "NOT met"

    rows = [
        (f"yardstick: go env -json (median of {len(stick)})", f"{stick_median * 1000:.1f} ms", "", ""),
        ("Python start-up: spawn → initialize answered", f"{statistics.median(startup) * 1000:.0f} ms",
         "", "reported apart"),
        ("spawn → first diagnostics", f"{figures['spawn_to_first_diagnostics_ms']['median']:.0f} ms", "",
         "reported apart"),
        ("initialize answered → first diagnostics (the probe starts on initialize)",
         f"{figures['answered_to_first_diagnostics_ms']['median']:.1f} ms",
         f"{figures['answered_to_first_diagnostics_ms']['median'] / (stick_median * 1000):.2f}× yardstick",
         "reported"),
        (f"(a) initialized → first diagnostics (median of {len(first)})", f"{statistics.median(first) * 1000:.1f} ms",
         f"{figures['first_ratio']:.2f}× yardstick (≤ 3×)", ok("first_ratio")),
        ("(b) didChange → diagnostics p50 / p95 / max",
         "{p50:.2f} / {p95:.2f} / {max:.2f} ms".format(**figures["edit_latency_ms"]), "p95 ≤ 10 ms",
         ok("edit_p95_ms")),
        (f"(b) processes started during {len(lat)} edits",
         f"{spawned['children_seen']} seen in {spawned['polls']} polls; cminflt +{spawned['cminflt_delta']}",
         "0", "met" if zero_spawn else "NOT met"),
        ("    control: goenv.refresh",
         f"{control['children_seen']} seen; cminflt +{control['cminflt_delta']}", "> 0", ""),
        idle_row(f"(c) idle CPU over {idle['seconds']:.0f} s", idle, ok("idle_cpu_s")),
        *watched_rows(watched, args.modules),
        monorepo_row(mono_edits),
    ]
    width = [max(len(r[i]) for r in rows) for i in range(4)]
    print(f"goenv-lsp language server benchmark ({result['machine']['revision']}, {os.cpu_count()} CPUs, "
          f"load {load_before:.2f} → {load_after:.2f})")
    for row in rows:
        print("  ".join(cell.ljust(width[i]) for i, cell in enumerate(row)).rstrip())
    print(f"written to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
