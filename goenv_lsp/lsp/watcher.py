"""The server's own file watch: one ``System.watch`` (one watchfiles thread) over what nobody reports to
goenv-lsp — the environment (the GOENV file `go env -w` rewrites, PATH directories, each go's root) and, when
the client cannot register file watchers (Neovim on Linux, Helix), the workspace's own files of every kind.
What to watch follows the facts: it is worked out again after each probe, and the watch restarts only when
the directories changed. Without watchfiles, ``probe.watch.changes`` polls the same targets."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Iterable

from lsprotocol import types as lsp

from goenv_lsp.facts import Facts, PathKind
from goenv_lsp.lsp.session import Session
from goenv_lsp.probe.discover import admits
from goenv_lsp.probe.watch import (
    POLL_INTERVAL,
    WORKSPACE_KINDS,
    Changes,
    WorkspaceTargets,
    relevant,
    watch_targets,
    workspace_targets,
)
from goenv_lsp.semantics.binaries import running_go

log = logging.getLogger(__name__)


class Watcher:
    def __init__(self, session: Session, poll_interval: float = POLL_INTERVAL):
        self.session = session
        self.workspace = WorkspaceFiles(session)
        self.poll_interval = poll_interval
        self.directories: frozenset[str] = frozenset()  # watched now
        self.files: frozenset[str] = frozenset()  # … and the files in them that matter
        self.env_directories: frozenset[str] = frozenset()
        self.env_files: frozenset[str] = frozenset()
        self.started = False
        self._task: asyncio.Task | None = None
        self._stop: asyncio.Event | None = None
        self._retarget: asyncio.Task | None = None
        self._again = False

    def start(self) -> None:
        self.started = True
        self.update()

    def watch_workspace(self) -> None:
        """The client cannot watch files: the server watches the workspace's own."""
        self.workspace.enabled = True
        self.update()

    def stop(self) -> None:
        self.started = False
        for task in (self._retarget, self._task):
            if task is not None:
                task.cancel()
        self._cancel()

    def update(self) -> None:
        """Work out the targets again (after a probe); single-flight."""
        if not self.started:
            return
        if self._retarget is not None and not self._retarget.done():
            self._again = True
            return
        self._retarget = asyncio.ensure_future(self._update())

    async def _update(self) -> None:
        while True:
            self._again = False
            try:
                self.env_directories, self.env_files = self._environment_targets()
                workspace = await self.workspace.retarget()
            except Exception:  # watching is best effort: never take the server down
                log.exception("working out what to watch failed")
                return
            directories, files = self.env_directories | workspace.directories, self.env_files | workspace.files
            running = self._task is not None and not self._task.done()
            if (directories, files) != (self.directories, self.files) or not running:  # (polling looks at files)
                self._cancel()
                self.directories, self.files = directories, files
                if directories and self.started:
                    self._stop = asyncio.Event()
                    self._task = asyncio.ensure_future(self._watch(sorted(directories), sorted(files), self._stop))
            if not self._again:
                return

    def _environment_targets(self) -> tuple[frozenset[str], frozenset[str]]:
        directories: set[str] = set()
        files: set[str] = set()
        for root in self.session.roots.values():
            if root.facts is not None:
                found_dirs, found_files = watch_targets(root.facts, self.session.system)
                directories |= found_dirs
                files |= found_files
        return frozenset(directories), frozenset(files)

    def _cancel(self) -> None:
        if self._stop is not None:
            self._stop.set()
        if self._task is not None:
            self._task.cancel()
        self._task = self._stop = None

    async def _watch(self, directories: list[str], files: list[str], stop: asyncio.Event) -> None:
        system = self.session.system
        ready = False
        try:
            watch = Changes(system, directories, files, stop, self.poll_interval)
            async for changed in watch:
                if not ready:  # the first answer comes once the watches are in place
                    ready = True
                    mine = len(self.workspace.directories)
                    self.session.client.log(f"goenv-lsp: watching {len(directories)} directories for changes"
                                            + (f" ({mine} of the workspace)" if mine else "")
                                            + (" by polling" if watch.polling else ""))
                if changed:
                    await self._dispatch(changed)
        except asyncio.CancelledError:
            raise
        except Exception:
            log.exception("watching %d directories failed", len(directories))

    async def _dispatch(self, changed: set[str]) -> None:
        paths = self.session.system.paths
        environment = [p for p in changed if paths.dirname(p) in self.env_directories or p in self.env_files]
        workspace = [p for p in changed if paths.dirname(p) in self.workspace.directories
                     or p in self.workspace.directories or p in self.workspace.known]
        if workspace:
            await self.workspace.changed(workspace)
        if any(relevant(p, self.env_files, self.session.system) for p in environment):
            log.info("environment changed: %s", sorted(environment)[:5])
            await self.session.probe_all()


def _skip(facts: Facts | None) -> tuple[str, ...]:
    """What the probe's walk does not enter: GOROOT and the module cache of the go that runs."""
    active = running_go(facts) if facts is not None else None
    env = active.env if active is not None and active.env is not None else {}
    return tuple(d for d in (env.get("GOROOT"), env.get("GOMODCACHE")) if d)


class WorkspaceFiles:
    """The workspace's files of every kind in the file-kind registry, for clients that cannot watch them:
    a change feeds ``Session.files_changed_on_disk``, as the client's didChangeWatchedFiles would (open
    buffers keep precedence there)."""

    def __init__(self, session: Session):
        self.session = session
        self.enabled = False
        self.directories: frozenset[str] = frozenset()
        self.files: frozenset[str] = frozenset()  # the targets' files, also absent ones of fixed places
        self.known: set[str] = set()  # those that exist: a change there is a change, elsewhere a creation
        self._truncated: set[str] = set()

    async def retarget(self) -> WorkspaceTargets:
        if not self.enabled:
            return WorkspaceTargets()
        session = self.session
        roots = list(session.roots.values())
        if any(r.facts is None for r in roots):  # after the first probe (on_refreshed comes then)
            return WorkspaceTargets(self.directories, self.files)
        found = await asyncio.gather(*(asyncio.to_thread(self._targets, r.path, r.config.workspace, _skip(r.facts),
                                                         r.path not in session.outside) for r in roots))
        for root, (targets, _) in zip(roots, found, strict=True):
            if targets.truncated and root.path not in self._truncated:
                self._truncated.add(root.path)
                log.warning("%s has more directories than goenv-lsp watches; changes beyond the first %d are "
                            "not seen", root.path, len(targets.directories))
        self.directories = frozenset(d for targets, _ in found for d in targets.directories)
        self.files = frozenset(f for targets, _ in found for f in targets.files)
        self.known = {f for _, existing in found for f in existing}
        return WorkspaceTargets(self.directories, self.files)

    def _targets(self, root: str, options, skip: Iterable[str], recursive: bool) -> tuple[WorkspaceTargets, set[str]]:
        system = self.session.system
        targets = workspace_targets(system, root, options, skip, recursive)
        return targets, {f for f in targets.files if system.stat(f).kind is PathKind.FILE}

    async def changed(self, paths: Iterable[str]) -> None:
        found = {path: change for path in paths if (change := self._classify(path)) is not None}
        if found:
            log.info("workspace files changed on disk: %s", sorted(found)[:5])
            await self.session.files_changed_on_disk(found)

    def _classify(self, path: str) -> lsp.FileChangeType | None:
        """What the client would have said: a known file changed or went away, a file of a kind appeared, a
        directory the walk enters (or one that holds a watched place, .vscode) appeared or went away."""
        session, system = self.session, self.session.system
        root = session.root_for(path)
        if root is None:
            return None
        kind = system.stat(path).kind
        if path in self.known:
            if kind is PathKind.FILE:
                return lsp.FileChangeType.Changed
            self.known.discard(path)
            return lsp.FileChangeType.Deleted
        if path in self.directories:
            return None if kind is PathKind.DIR else lsp.FileChangeType.Deleted
        paths = system.paths
        if kind is PathKind.DIR:
            holds_place = any(paths.inside(f, path) for f in self.files) or (
                paths.basename(path) == "vendor" and paths.join(paths.dirname(path), "go.mod") in self.known)
            walked = root.path not in session.outside and admits(system, root.path, paths.join(path, "x"),
                                                                 root.config.workspace)
            return lsp.FileChangeType.Created if holds_place or walked else None
        if kind is PathKind.FILE and any(k.matches(path, root.path, paths) for k in WORKSPACE_KINDS):
            self.known.add(path)
            return lsp.FileChangeType.Created
        return None
