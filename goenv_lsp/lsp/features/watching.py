"""File watching. The client watches the workspace files of every kind (registered from the file-kind
registry); goenv-lsp itself watches, through the System, what editors do not report: the GOENV file (`go env
-w` in a terminal), each toolchain's root and the PATH directories (a go or gopls installed or removed).
A relevant change probes every root again; the probe cache's fingerprints decide what really re-runs."""

from __future__ import annotations

import asyncio
import logging

from lsprotocol import types as lsp
from pygls.lsp.server import LanguageServer

from goenv_lsp.files import watch_globs
from goenv_lsp.lsp.session import Session
from goenv_lsp.lsp.uris import uri_to_path
from goenv_lsp.probe.watch import relevant, watch_targets

log = logging.getLogger(__name__)
REGISTRATION_ID = "goenv-lsp-files"


def register(server: LanguageServer, session: Session) -> None:
    watcher = EnvironmentWatcher(session)
    session.on_refreshed.append(watcher.update)  # targets follow the facts

    async def start_watching() -> None:
        watcher.start()  # what to watch follows from the facts, now and after each probe
        await register_client_watchers(server, session)

    session.on_initialized.append(start_watching)
    session.on_shutdown.append(watcher.stop)

    @server.feature(lsp.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    async def watched(ls: LanguageServer, params: lsp.DidChangeWatchedFilesParams) -> None:
        changes = {path: change.type for change in params.changes if (path := uri_to_path(change.uri))}
        await session.files_changed_on_disk(changes)


async def register_client_watchers(ls: LanguageServer, session: Session) -> None:
    if not session.client.supports("workspace.did_change_watched_files.dynamic_registration"):
        return
    watchers = [lsp.FileSystemWatcher(glob_pattern=glob) for glob in watch_globs()]
    try:
        await ls.client_register_capability_async(lsp.RegistrationParams(registrations=[lsp.Registration(
            id=REGISTRATION_ID, method=lsp.WORKSPACE_DID_CHANGE_WATCHED_FILES,
            register_options=lsp.DidChangeWatchedFilesRegistrationOptions(watchers=watchers))]))
    except Exception as exc:
        log.info("registering file watchers failed: %s", exc)


class EnvironmentWatcher:
    def __init__(self, session: Session):
        self.session = session
        self.directories: frozenset[str] = frozenset()
        self.files: frozenset[str] = frozenset()
        self._task: asyncio.Task | None = None
        self._stop: asyncio.Event | None = None
        self.started = False

    def start(self) -> None:
        self.started = True
        self.update()

    def stop(self) -> None:
        self.started = False
        self._cancel()

    def update(self) -> None:
        """Watch what the current facts point at; restart only when that set changed."""
        if not self.started:
            return
        directories, files = self._targets()
        if directories == self.directories and self._task is not None and not self._task.done():
            self.files = files
            return
        self._cancel()
        self.directories, self.files = directories, files
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
        for root in self.session.roots.values():
            if root.facts is not None:
                found_dirs, found_files = watch_targets(root.facts, self.session.system)
                directories |= found_dirs
                files |= found_files
        return frozenset(directories), frozenset(files)

    async def _watch(self, directories: list[str], stop: asyncio.Event) -> None:
        system = self.session.system
        ready = False
        try:
            async for changed in system.watch(directories, stop):
                if not ready:  # the first answer comes once the watches are in place
                    ready = True
                    self.session.client.log(f"goenv-lsp: watching {len(directories)} directories for changes")
                if any(relevant(path, self.files, system) for path in changed):
                    log.info("environment changed: %s", sorted(changed)[:5])
                    await self.session.probe_all()
        except asyncio.CancelledError:
            raise
        except Exception:  # watching is best effort: never take the server down
            log.exception("watching %s failed", directories)
