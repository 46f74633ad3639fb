"""Probe results remembered by fingerprint, so the language server can re-collect facts on every keystroke
without starting a process. A result is reused while nothing it depends on changed: the command, its
directory (or the one ``go -C`` names), the executable (and the file ``go version -m`` reads), the GOENV file,
the go.env next to the binary, and the go.mod / go.work the command would find.

On the hot path (``runs(spawn=False)``) a miss never starts a process and never invents a failure: the last
result of the same command is used and marked stale (stale-while-revalidate), or — for a command never run —
the answer is None, "not known yet", which rules treat as unknown. The caller then probes in the background.
"""

from __future__ import annotations

from collections.abc import Mapping

from goenv_lsp.facts import PathKind, ProbeRun, Status
from goenv_lsp.probe.system import System
from goenv_lsp.semantics.modules import nearest


class ProbeCache:
    def __init__(self, system: System, goenv_file: str | None = None):
        self.system = system
        self.goenv_file = goenv_file  # the GOENV file `go env` reads (kept current by the caller)
        self.results: dict[tuple, ProbeRun] = {}
        self.latest: dict[tuple[tuple[str, ...], str | None], ProbeRun] = {}

    def fingerprint(self, argv: tuple[str, ...], cwd: str | None, upwards: dict | None = None) -> tuple:
        """What a command's answer depends on. ``upwards`` memoizes the go.mod / go.work lookups of one
        collection (every probe runs in the same directory)."""
        system, paths = self.system, self.system.paths
        if upwards is None:
            upwards = {}
        where = argv[2] if argv[1:2] == ("-C",) and len(argv) > 2 else cwd  # go -C DIR runs in DIR
        if where not in upwards:
            upwards[where] = (self._upwards(where, "go.mod"), self._upwards(where, "go.work"))
        exe = system.realpath(argv[0]) if paths.is_abs(argv[0]) else argv[0]
        target = argv[-1] if argv[1:3] == ("version", "-m") else None

        def stat(path: str | None) -> tuple | None:
            return system.stat(path).fingerprint if path else None

        return (argv, cwd, stat(exe), stat(target), stat(self.goenv_file),
                stat(paths.join(paths.dirname(paths.dirname(exe)), "go.env")), *upwards[where])

    def _upwards(self, start: str | None, name: str) -> str | None:
        if not start:
            return None
        return nearest(start, name, lambda p: self.system.stat(p).kind is PathKind.FILE, self.system.paths)

    def runs(self, spawn: bool) -> CachedRuns:
        return CachedRuns(self, spawn)

    def clear(self) -> None:
        """Forget fingerprints (the next probe runs every command again); stale answers stay available."""
        self.results.clear()


class CachedRuns:
    """The collector's ``Runs`` over a ProbeCache, for one collection."""

    def __init__(self, cache: ProbeCache, spawn: bool):
        self.cache, self.spawn = cache, spawn
        self.misses: list[tuple[str, ...]] = []  # commands that need a probe
        self.stale = False  # an answer came from before the latest change
        self._upwards: dict = {}

    async def run(self, argv: tuple[str, ...], cwd: str | None, timeout: float,
                  env: Mapping[str, str] | None = None, *, clean_env: bool = False,
                  depends: tuple[str, ...] = ()) -> ProbeRun | None:
        key = self.cache.fingerprint(argv, cwd, self._upwards)
        if clean_env or depends:  # the answer follows from these too (the login shell probe)
            key += (tuple(sorted((env or {}).items())), tuple(self.cache.system.stat(p).fingerprint for p in depends))
        cached = self.cache.results.get(key)
        if cached is not None:
            return cached
        if not self.spawn:
            self.misses.append(argv)
            last = self.cache.latest.get((argv, cwd))
            if last is not None:
                self.stale = True
            return last
        result = await self.cache.system.run(argv, cwd, extra_env=env, timeout=timeout, clean_env=clean_env)
        self.cache.latest[(argv, cwd)] = result
        if result.status is not Status.TIMED_OUT:  # a slow go may answer next time
            self.cache.results[key] = result
        return result
