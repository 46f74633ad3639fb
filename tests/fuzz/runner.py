"""Run the targets over generated inputs on several processes; collect crashes, each with its smallest-index input.

Input ``i`` of a target depends only on the seed, the target and ``i``, so a run is the same whichever worker does
which chunk, and a crash is reproduced from its file alone (``--replay``).
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import re
import signal
import time
import traceback
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .targets import Target, by_name, encode, load_input

CHUNK = 250  # inputs per task: big enough to amortise the hand-off, small enough to balance two cores
REPO = Path(__file__).resolve().parents[2]
CRASH_DIR = REPO / ".cache" / "fuzz" / "crashes"


_ACTIVE: dict[str, Target] = {}  # the targets of the run under way, by name (workers inherit it when they fork)


class Hang(BaseException):  # not an Exception: the parsers' last-resort catches must not take it
    """An input took longer than the per-input time limit."""


@dataclass(frozen=True)
class Crash:
    target: str
    index: int
    signature: str  # what makes two crashes the same bug: exception type and where it was raised
    trace: str
    data: bytes  # the input as stored (see targets.encode)


@dataclass
class Tally:
    """One target's part of a run."""

    target: str
    inputs: int = 0
    seconds: float = 0.0  # CPU time of the workers (wall time would count the other work of a loaded machine)
    crashed: int = 0  # inputs that crashed
    first: dict[str, Crash] = field(default_factory=dict)  # signature → its crash with the smallest index
    counts: dict[str, int] = field(default_factory=dict)  # signature → inputs that crashed so
    slowest: tuple[float, int, int] = (0.0, -1, 0)  # CPU seconds, index and length of the slowest input

    def add(self, other: Tally) -> None:
        self.inputs += other.inputs
        self.seconds += other.seconds
        self.crashed += other.crashed
        self.slowest = max(self.slowest, other.slowest)
        for sig, crash in other.first.items():
            self.counts[sig] = self.counts.get(sig, 0) + other.counts[sig]
            if sig not in self.first or crash.index < self.first[sig].index:
                self.first[sig] = crash


def signature(exc: BaseException) -> str:
    """The exception type and the innermost frame in goenv_lsp (a check failure: its message, digits blurred)."""
    from .checks import Malformed

    if isinstance(exc, Malformed):
        return f"Malformed: {re.sub(r'[0-9]+', 'N', str(exc))[:120]}"
    frames = traceback.extract_tb(exc.__traceback__)
    ours = [f for f in frames if "goenv_lsp" in f.filename] or frames
    where = ""
    if ours:
        frame = ours[-1]
        path = frame.filename.replace("\\", "/")
        where = f" at {path[path.rfind('goenv_lsp'):] if 'goenv_lsp' in path else path}:{frame.lineno} {frame.name}"
    return f"{type(exc).__name__}{where}"


def _alarm(signum: int, frame: object) -> None:
    raise Hang("no result within the time limit")


def run_one(target: Target, value: bytes | str, timeout: float) -> BaseException | None:
    """The exception the target raised on ``value`` (a crash), or None. An alarm already set (pytest-timeout's)
    is put back afterwards."""
    previous = signal.signal(signal.SIGALRM, _alarm)
    delay, interval = signal.setitimer(signal.ITIMER_REAL, timeout)
    began = time.monotonic()
    try:
        target.run(value)
    except KeyboardInterrupt:
        raise
    except BaseException as exc:  # anything else is the crash being looked for
        return exc
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        if delay:
            signal.setitimer(signal.ITIMER_REAL, max(delay - (time.monotonic() - began), 0.001), interval)
    return None


def _record(tally: Tally, index: int, sig: str, exc: BaseException, data: bytes) -> None:
    tally.crashed += 1
    tally.counts[sig] = tally.counts.get(sig, 0) + 1
    if sig not in tally.first:
        trace = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__)[-40:])
        tally.first[sig] = Crash(tally.target, index, sig, trace, data)


def run_chunk(task: tuple[str, int, int, int, float]) -> Tally:
    name, seed, start, count, timeout = task
    target = _ACTIVE.get(name) or by_name([name])[0]
    tally = Tally(name)
    began = time.process_time()
    for index in range(start, start + count):
        tally.inputs += 1
        try:
            data = target.generate(seed, index)
            value = target.decode(data, seed, index)
        except Exception as exc:  # the fuzzer's own bug: reported as a crash, and the run goes on
            _record(tally, index, f"fuzzer bug: {signature(exc)}", exc, b"")
            continue
        one = time.process_time()
        exc = run_one(target, value, timeout)
        tally.slowest = max(tally.slowest, (time.process_time() - one, index, len(data)))
        if exc is not None:
            _record(tally, index, signature(exc), exc, encode(value))
    tally.seconds = time.process_time() - began
    return tally


def plan(targets: Sequence[Target], inputs: int, seed: int, timeout: float) -> list[tuple[str, int, int, int, float]]:
    """``inputs`` split evenly over the targets, in chunks interleaved so that all targets advance together."""
    per = [inputs // len(targets) + (i < inputs % len(targets)) for i in range(len(targets))]
    chunks = [[(t.name, seed, s, min(CHUNK, n - s), timeout) for s in range(0, n, CHUNK)]
              for t, n in zip(targets, per, strict=True)]
    return [c for round_ in _zip_longest(chunks) for c in round_]


def _zip_longest(lists: list[list]) -> Iterator[list]:
    for i in range(max((len(x) for x in lists), default=0)):
        yield [x[i] for x in lists if i < len(x)]


def fuzz(targets: Sequence[Target], inputs: int, seed: int, jobs: int, timeout: float = 60.0,
         progress: bool = False) -> dict[str, Tally]:
    """Run ``inputs`` inputs (in all) over ``targets`` on ``jobs`` processes; the tallies by target name."""
    tallies = {t.name: Tally(t.name) for t in targets}
    _ACTIVE.clear()
    _ACTIVE.update({t.name: t for t in targets})
    for t in targets:  # seeds are read once, before the workers fork
        _ = t.corpus, t.dictionary
    tasks = plan(targets, inputs, seed, timeout)
    done = 0
    if jobs <= 1:
        results: Iterator[Tally] = map(run_chunk, tasks)
        pool = None
    else:
        pool = multiprocessing.get_context("fork").Pool(jobs, maxtasksperchild=200)
        results = pool.imap_unordered(run_chunk, tasks)
    try:
        for tally in results:
            tallies[tally.target].add(tally)
            done += tally.inputs
            if progress and done % 50_000 < CHUNK:
                print(f"  … {done:,} inputs", flush=True)
    finally:
        if pool is not None:
            pool.close()
            pool.join()
    return tallies


def write_crashes(tallies: dict[str, Tally], seed: int, directory: Path = CRASH_DIR) -> list[Path]:
    """One file per distinct crash (its input) and a .txt beside it (the traceback, how to replay it)."""
    written = []
    for tally in tallies.values():
        for sig, crash in sorted(tally.first.items()):
            directory.mkdir(parents=True, exist_ok=True)
            stem = f"{crash.target.replace(':', '_')}-{hashlib.sha1(sig.encode()).hexdigest()[:10]}"
            path = directory / f"{stem}.input"
            path.write_bytes(crash.data)
            path.with_suffix(".txt").write_text(
                f"target {crash.target}, seed {seed}, input {crash.index}; {tally.counts[sig]} inputs crashed so\n"
                f"replay: python -m tests.fuzz --target {crash.target} --replay {path}\n\n{crash.trace}",
                encoding="utf-8")
            written.append(path)
    return written


def replay(target: Target, path: Path, timeout: float) -> BaseException | None:
    return run_one(target, load_input(target, path.read_bytes()), timeout)


def default_jobs() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
