"""Watch, with watchfiles, what editors do not report: the GOENV file (`go env -w` in a terminal), each
toolchain's root (its VERSION, go.env) and the PATH directories (a go or gopls installed or removed).
A relevant change re-probes every root; the probe cache's fingerprints decide what really re-runs."""

from __future__ import annotations

import asyncio
import logging
import os
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from goenv_lsp.lsp.server import GoenvServer

log = logging.getLogger(__name__)
_NAMES = {"go", "gopls", "env", "VERSION", "go.env", "go.exe", "gopls.exe"}


class EnvironmentWatcher:
    def __init__(self, server: GoenvServer):
        self.server = server
        self.paths: frozenset[str] = frozenset()
        self.files: frozenset[str] = frozenset()
        self._task: asyncio.Task | None = None
        self._stop: asyncio.Event | None = None
        self.started = False
        self.events = 0  # relevant changes seen, for tests

    def start(self) -> None:
        self.started = True
        self.update()

    def stop(self) -> None:
        self.started = False
        self._cancel()

    def update(self) -> None:
        """Watch the directories the current facts point at; restart only when that set changed."""
        if not self.started:
            return
        directories, files = self._targets()
        if directories == self.paths and self._task is not None and not self._task.done():
            self.files = files
            return
        self._cancel()
        self.paths, self.files = directories, files
        if directories:
            self._stop = asyncio.Event()
            self._task = asyncio.ensure_future(self._watch(sorted(directories), self._stop))

    def _cancel(self) -> None:
        if self._stop is not None:
            self._stop.set()
        if self._task is not None:
            self._task.cancel()
        self._task = self._stop = None

    def _targets(self) -> tuple[frozenset[str], frozenset[str]]:
        directories: set[str] = set()
        files: set[str] = set()
        for root in self.server.roots.values():
            facts = root.facts
            if facts is None:
                continue
            directories.update(p for p in facts.path_entries or () if os.path.isabs(p) and os.path.isdir(p))
            for binary in facts.go_binaries or ():
                for directory in (binary.own_root, os.path.dirname(binary.real_path)):
                    if directory and os.path.isdir(directory):
                        directories.add(directory)
            env_file = facts.user_env_file.path if facts.user_env_file else None
            if env_file:
                files.add(env_file)
                directories.add(_existing_ancestor(os.path.dirname(env_file)))
        return frozenset(directories), frozenset(files)

    async def _watch(self, directories: list[str], stop: asyncio.Event) -> None:
        from watchfiles import awatch

        try:
            # watchfiles' watch thread wakes every `step` ms even when nothing happens: 50 ms cost ~0.1 s CPU per
            # idle minute (bench/lsp_bench.py). 250 ms: a change is reported within ~0.5 s, stopping takes ≤ 0.25 s.
            async for changes in awatch(*directories, watch_filter=None, debounce=150, step=250, stop_event=stop,
                                        recursive=False, ignore_permission_denied=True):
                if any(self._relevant(path) for _, path in changes):
                    self.events += 1
                    log.info("environment changed: %s", sorted(p for _, p in changes)[:5])
                    await self.server.refresh_all(spawn=True)
        except asyncio.CancelledError:
            raise
        except Exception:  # watching is best effort: never take the server down
            log.exception("watching %s failed", directories)

    def _relevant(self, path: str) -> bool:
        name = os.path.basename(path)
        return (path in self.files or name in _NAMES or name.startswith("go1.")
                or any(f.startswith(path.rstrip(os.sep) + os.sep) for f in self.files))


def _existing_ancestor(directory: str) -> str:
    while directory and not os.path.isdir(directory):
        parent = os.path.dirname(directory)
        if parent == directory:
            break
        directory = parent
    return directory
