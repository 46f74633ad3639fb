"""File watching. The client watches the workspace files of every kind (registered from the file-kind
registry) when it can register watchers; goenv-lsp itself watches, through the System, what editors do not
report — the GOENV file (`go env -w` in a terminal), each toolchain's root and the PATH directories — and,
for clients that cannot watch (Neovim on Linux, Helix) or refuse the registration, the workspace's own
files too (goenv_lsp.lsp.watcher). Either way a change reaches ``Session.files_changed_on_disk``; an
environment change probes every root again (the probe cache's fingerprints decide what really re-runs)."""

from __future__ import annotations

import logging

from lsprotocol import types as lsp
from pygls.lsp.server import LanguageServer

from goenv_lsp.files import watch_globs
from goenv_lsp.lsp.session import Session
from goenv_lsp.lsp.uris import uri_to_path
from goenv_lsp.lsp.watcher import Watcher

log = logging.getLogger(__name__)
REGISTRATION_ID = "goenv-lsp-files"


def register(server: LanguageServer, session: Session) -> None:
    watcher = Watcher(session)
    session.on_refreshed.append(watcher.update)  # targets follow the facts

    async def start_watching() -> None:
        watcher.start()  # what to watch follows from the facts, now and after each probe
        if not await register_client_watchers(server, session):
            watcher.watch_workspace()

    session.on_initialized.append(start_watching)
    session.on_shutdown.append(watcher.stop)

    @server.feature(lsp.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    async def watched(ls: LanguageServer, params: lsp.DidChangeWatchedFilesParams) -> None:
        changes = {path: change.type for change in params.changes if (path := uri_to_path(change.uri))}
        await session.files_changed_on_disk(changes)


async def register_client_watchers(ls: LanguageServer, session: Session) -> bool:
    """Ask the client to watch the workspace's files; False when it cannot or would not."""
    if not session.client.supports("workspace.did_change_watched_files.dynamic_registration"):
        log.info("the client cannot register file watchers: goenv-lsp watches the workspace's files itself")
        return False
    watchers = [lsp.FileSystemWatcher(glob_pattern=glob) for glob in watch_globs()]
    try:
        await ls.client_register_capability_async(lsp.RegistrationParams(registrations=[lsp.Registration(
            id=REGISTRATION_ID, method=lsp.WORKSPACE_DID_CHANGE_WATCHED_FILES,
            register_options=lsp.DidChangeWatchedFilesRegistrationOptions(watchers=watchers))]))
    except Exception as exc:
        log.info("registering file watchers failed (%s): goenv-lsp watches the workspace's files itself", exc)
        return False
    return True
