"""What to watch for changes editors do not report: the directories on PATH (a go or gopls installed or
removed), each go's root (VERSION, go.env) and the files of HOME and GOROOT kinds (the GOENV file that
`go env -w` in a terminal rewrites). Watching itself is the System's (``System.watch``)."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Iterable

from goenv_lsp.facts import Facts, PathKind
from goenv_lsp.files import PARSED, Where
from goenv_lsp.probe.system import System

# names whose change in a watched directory matters
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
    from watchfiles import awatch

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
