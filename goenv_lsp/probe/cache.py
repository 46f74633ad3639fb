"""Probe results remembered by fingerprint, so the language server can re-collect facts on every
keystroke without starting a process. A result is reused while nothing it depends on changed: the
command, its directory, the executable (and the file ``go version -m`` reads), the GOENV file, the go.env
next to the binary, and the go.mod / go.work the command would find."""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence

from goenv_lsp.facts import ProbeRun, Status
from goenv_lsp.probe.files import find_upwards
from goenv_lsp.probe.runner import DEFAULT_TIMEOUT, Runner

Stat = tuple[int, int, int] | None


def _stat(path: str | None) -> Stat:
    if not path:
        return None
    try:
        st = os.stat(path)
    except (OSError, ValueError):
        return None
    return (st.st_mtime_ns, st.st_size, st.st_ino)


class ProbeCache:
    """Shared results; hand out ``runner(spawn=…)`` views, one per collection."""

    def __init__(self, env: Mapping[str, str], timeout: float = DEFAULT_TIMEOUT, max_concurrency: int = 4,
                 goenv_file: str | None = None):
        self.runner_impl = Runner(env, timeout, max_concurrency)
        self.goenv_file = goenv_file
        self.results: dict[tuple, ProbeRun] = {}

    def fingerprint(self, argv: tuple[str, ...], cwd: str | None) -> tuple:
        exe = os.path.realpath(argv[0]) if os.path.isabs(argv[0]) else argv[0]
        target = argv[-1] if argv[1:3] == ("version", "-m") else None
        return (argv, cwd, _stat(exe), _stat(target), _stat(self.goenv_file),
                _stat(os.path.join(os.path.dirname(os.path.dirname(exe)), "go.env")),
                find_upwards(cwd, "go.mod") if cwd else None, find_upwards(cwd, "go.work") if cwd else None)

    def runner(self, spawn: bool) -> CachedRunner:
        return CachedRunner(self, spawn)

    @property
    def spawned(self) -> int:
        return self.runner_impl.count

    def clear(self) -> None:
        self.results.clear()


class CachedRunner(Runner):
    """A Runner over a ProbeCache. Without ``spawn`` a miss returns PENDING and is remembered in ``misses``."""

    def __init__(self, cache: ProbeCache, spawn: bool):
        self.cache, self.spawn = cache, spawn
        self.env = cache.runner_impl.env
        self.timeout = cache.runner_impl.timeout
        self.misses: list[tuple[str, ...]] = []

    async def run(self, argv: Sequence[str], cwd: str | None = None) -> ProbeRun:
        argv = tuple(argv)
        key = self.cache.fingerprint(argv, cwd)
        cached = self.cache.results.get(key)
        if cached is not None:
            return cached
        if not self.spawn:
            self.misses.append(argv)
            return ProbeRun(argv, Status.PENDING)
        result = await self.cache.runner_impl.run(argv, cwd)
        if result.status is not Status.TIMED_OUT:  # a slow go may answer next time
            self.cache.results[key] = result
        return result
