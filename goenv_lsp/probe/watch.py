"""What to watch for changes editors do not report: the directories on PATH (a go or gopls installed or
removed), each go's root (VERSION, go.env) and the files of HOME and GOROOT kinds (the GOENV file that
`go env -w` in a terminal rewrites); and, for clients that cannot watch files, the workspace's own files
(``workspace_targets``). Watching itself is the System's (``System.watch``); without watchfiles, ``changes``
polls instead."""

from __future__ import annotations

import asyncio
import dataclasses
import logging
import math
from collections.abc import AsyncIterator, Iterable

from goenv_lsp.facts import Facts, PathKind
from goenv_lsp.files import KINDS, PARSED, Where
from goenv_lsp.files.base import root_paths
from goenv_lsp.probe.discover import DiscoveryOptions, discover
from goenv_lsp.probe.system import System

log = logging.getLogger(__name__)

# names whose change in a watched directory matters
WORKSPACE_KINDS = tuple(k for k in KINDS if k.watch and k.where in (Where.TREE, Where.ROOT, Where.MODULE))
MAX_WORKSPACE_DIRS = 10_000  # directories watched per workspace root (inotify watches are a per-user budget)
POLL_INTERVAL = 1.0  # without watchfiles: seconds between two looks at the files
POLL_DIRECTORIES_EVERY = 10  # … and at the directories (new files, new modules) every this many looks
POLL_STATS = 60  # at most this many stats a second of files, a third as many of directories (≈ 6–10 µs each):
#                  a big monorepo is looked at less often, its idle CPU stays bounded (bench/lsp_bench.py)
RELEVANT_NAMES = frozenset({"go", "gopls", "env", "VERSION", "go.env", "go.exe", "gopls.exe"})


def watch_targets(facts: Facts, system: System) -> tuple[frozenset[str], frozenset[str]]:
    """(directories to watch, files whose change matters in them)."""
    paths = system.paths
    directories: set[str] = set()
    files: set[str] = set()

    def directory(path: str | None) -> None:
        if path and paths.is_abs(path) and system.stat(path).kind is PathKind.DIR:
            directories.add(path)

    for entry in facts.path_entries or ():
        directory(entry)
    for binary in facts.go_binaries or ():
        directory(binary.own_root)
        directory(paths.dirname(binary.real_path))
    outside = {k.name for k in PARSED if k.where in (Where.HOME, Where.GOROOT)}
    for file in (facts.files or {}).values():
        if file.kind in outside:
            files.add(file.path)
            directory(_existing_ancestor(system, paths.dirname(file.path)))
    return frozenset(directories), frozenset(files)


def relevant(path: str, files: Iterable[str], system: System) -> bool:
    paths = system.paths
    name = paths.basename(path)
    return (path in files or name in RELEVANT_NAMES or name.startswith("go1.")
            or any(paths.inside(f, path) for f in files))


def _existing_ancestor(system: System, directory: str) -> str:
    paths = system.paths
    while directory and system.stat(directory).kind is not PathKind.DIR:
        parent = paths.dirname(directory)
        if parent == directory:
            break
        directory = parent
    return directory


async def watch_real(directories: list[str], stop) -> AsyncIterator[set[str]]:
    """watchfiles over real directories. The first answer is an empty set once the watches are in place (the
    caller's readiness signal); then one set of paths per batch of changes. awatch sets its watches up
    synchronously on its first step, so letting that step run once is enough — no periodic timeout (which
    cost CPU when idle: bench/lsp_bench.py). Its thread wakes every `step` ms to look at `stop`; 250 ms reports
    a change within ~0.5 s."""
    try:
        from watchfiles import awatch
    except ImportError as exc:  # the universal .vsix bundles pure-Python dependencies only
        raise WatchUnavailable(f"watchfiles is not installed ({exc})") from None

    batches = awatch(*directories, watch_filter=None, debounce=150, step=250, stop_event=stop,
                     recursive=False, ignore_permission_denied=True, rust_timeout=0)
    pending = asyncio.ensure_future(anext(batches))
    try:
        await asyncio.sleep(0)  # the task's first step: RustNotify is built before awatch's first await
        yield set()
        while True:
            try:
                changes = await pending
            except StopAsyncIteration:
                return
            yield {path for _, path in changes}
            pending = asyncio.ensure_future(anext(batches))
    finally:
        pending.cancel()  # awatch then sets its stop event and its thread ends within `step`


class WatchUnavailable(Exception):
    """No way to be told of changes here (watchfiles is missing): the caller polls."""


_warned: list[str] = []  # why this process polls (logged once)


class Changes:
    """``system.watch`` of ``directories``, or, when nothing here can report changes, ``poll`` of the same
    directories and of ``files`` (``polling`` then; logged once per process at WARNING)."""

    def __init__(self, system: System, directories: list[str], files: Iterable[str], stop: asyncio.Event,
                 interval: float = POLL_INTERVAL):
        self.system, self.directories, self.files, self.stop, self.interval = system, directories, files, stop, interval
        self.polling = False

    def __aiter__(self) -> AsyncIterator[set[str]]:
        return self._changes()

    async def _changes(self) -> AsyncIterator[set[str]]:
        try:
            async for changed in self.system.watch(self.directories, self.stop):
                yield changed
            return
        except WatchUnavailable as why:
            self.polling = True
            if not _warned:
                _warned.append(str(why))
                log.warning("%s: goenv-lsp polls the files it watches every %g s (and their directories every "
                            "%g s) instead of being told of changes", why, self.interval,
                            self.interval * POLL_DIRECTORIES_EVERY)
        async for changed in poll(self.system, self.directories, self.files, self.stop, self.interval):
            yield changed


async def poll(system: System, directories: Iterable[str], files: Iterable[str], stop: asyncio.Event,
               interval: float = POLL_INTERVAL, directories_every: int = POLL_DIRECTORIES_EVERY
               ) -> AsyncIterator[set[str]]:
    """Changes seen by stat: ``files`` (their fingerprints) every ``interval`` s, the entries added to or
    removed from ``directories`` every ``directories_every`` looks (a directory's fingerprint changes with
    its entries; only then is it listed) — less often when that would take more than POLL_STATS stats a second.
    The first answer, empty, says the first look is done."""
    paths = system.paths
    files, directories = sorted(set(files)), sorted(set(directories))
    files_every = max(1, math.ceil(len(files) / (POLL_STATS * interval)))
    directories_every = max(directories_every, math.ceil(len(directories) / (POLL_STATS / 3 * interval)))
    log.info("polling %d files every %g s and %d directories every %g s", len(files), files_every * interval,
             len(directories), directories_every * interval)
    seen = {path: system.stat(path).fingerprint for path in files}
    dirs = {d: (system.stat(d).fingerprint, _names(system, d)) for d in directories}
    yield set()
    looks = 0
    while True:
        await asyncio.sleep(interval)  # (a sleep costs less than waiting on ``stop`` with a timeout)
        if stop.is_set():
            return
        looks += 1
        changed = set()
        for path in files if looks % files_every == 0 else ():
            fingerprint = system.stat(path).fingerprint
            if fingerprint != seen[path]:
                seen[path] = fingerprint
                changed.add(path)
        if looks % directories_every == 0:
            for directory, (fingerprint, names) in dirs.items():
                now = system.stat(directory).fingerprint
                if now != fingerprint:
                    listed = _names(system, directory)
                    changed |= {paths.join(directory, n) for n in names ^ listed} or {directory}
                    dirs[directory] = now, listed
        if changed:
            yield changed


def _names(system: System, directory: str) -> frozenset[str]:
    return frozenset(e.name for e in system.list(directory) or ())


@dataclasses.dataclass(frozen=True)
class WorkspaceTargets:
    directories: frozenset[str] = frozenset()  # to watch, each on its own (not recursively)
    files: frozenset[str] = frozenset()  # the workspace files of every kind there (ROOT kinds' also when absent)
    truncated: bool = False  # more directories than MAX_WORKSPACE_DIRS: the rest is not watched


class _Listed:
    """The System, recording the directories a walk could list."""

    def __init__(self, system: System):
        self._system = system
        self.listed: list[str] = []

    def __getattr__(self, name: str):
        return getattr(self._system, name)

    def list(self, path: str):
        entries = self._system.list(path)
        if entries is not None:
            self.listed.append(path)
        return entries


def workspace_targets(system: System, root: str, options: DiscoveryOptions, skip: Iterable[str] = (),
                      recursive: bool = True) -> WorkspaceTargets:
    """The directories that hold (or will hold) the workspace's files of every kind: those the probe's walk
    enters (it skips .git, hidden directories, vendor/, testdata/, node_modules/, what .gitignore ignores and
    ``skip``), the directories of ROOT kinds (.vscode, .github/workflows …) and each module's vendor/ (for
    vendor/modules.txt). Not ``recursive`` (a root made for a file outside every folder): its directory only."""
    paths = system.paths
    tree_kinds = [k for k in WORKSPACE_KINDS if k.where is Where.TREE]
    truncated = False
    if recursive:
        listed = _Listed(system)
        walk = dataclasses.replace(options, max_dirs=min(options.max_dirs, MAX_WORKSPACE_DIRS), max_modules=1 << 30)
        tree = discover(listed, root, tree_kinds, walk, skip)  # type: ignore[arg-type]
        directories = set(listed.listed)
        files = {path for found in tree.files.values() for path in found}
        truncated = tree.truncated is not None
    else:
        entries = system.list(root)
        directories = {root} if entries is not None else set()
        files = {paths.join(root, e.name) for e in entries or () if e.kind is not PathKind.DIR
                 and any(k.matches_name(e.name) for k in tree_kinds)}

    def names(directory: str) -> list[str] | None:
        entries = system.list(directory)
        return None if entries is None else [e.name for e in entries if e.kind is not PathKind.DIR]

    for kind in WORKSPACE_KINDS:
        if kind.where is Where.ROOT:
            for path in root_paths(kind, root, paths, names):
                files.add(path)
                directory = _existing_ancestor(system, paths.dirname(path))
                if paths.inside(directory, root, strict=False):
                    directories.add(directory)
    for gomod in [f for f in files if paths.basename(f) == "go.mod"]:
        vendor = paths.join(paths.dirname(gomod), "vendor")
        if system.stat(vendor).kind is PathKind.DIR:
            directories.add(vendor)
            files.add(paths.join(vendor, "modules.txt"))
    return WorkspaceTargets(frozenset(directories), frozenset(files), truncated)
