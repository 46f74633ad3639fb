"""initialize / initialized / shutdown, workspace folders and configuration changes."""

from __future__ import annotations

import asyncio

from lsprotocol import types as lsp
from pygls.lsp.server import LanguageServer

from goenv_lsp.lsp.protocol import Protocol
from goenv_lsp.lsp.session import Session
from goenv_lsp.lsp.uris import uri_to_path


def register(server: LanguageServer, session: Session) -> None:
    if isinstance(server.protocol, Protocol):
        server.protocol.initialize_answer_after = session.probe_started

    @server.feature(lsp.INITIALIZE)
    def initialize(ls: LanguageServer, params: lsp.InitializeParams) -> None:
        session.init_options = params.initialization_options
        folders = [uri_to_path(f.uri) for f in params.workspace_folders or ()]
        if not folders and (params.root_uri or params.root_path):
            folders = [uri_to_path(params.root_uri) if params.root_uri else params.root_path]
        for folder in folders:
            if folder:
                session.add_root(folder)
        session.begin()  # the first probe: its processes run while the answer is sent

    @server.feature(lsp.INITIALIZED)
    async def initialized(ls: LanguageServer, params: lsp.InitializedParams) -> None:
        await session.start(pull=session.client.supports("workspace.configuration"))

    @server.feature(lsp.SHUTDOWN)
    def shutdown(ls: LanguageServer, *args: object) -> None:
        session.close()

    @server.feature(lsp.WORKSPACE_DID_CHANGE_WORKSPACE_FOLDERS)
    async def folders_changed(ls: LanguageServer, params: lsp.DidChangeWorkspaceFoldersParams) -> None:
        for folder in params.event.removed:
            if path := uri_to_path(folder.uri):
                session.remove_root(path)
        added = [session.add_root(path) for f in params.event.added if (path := uri_to_path(f.uri))]
        if added and session.client.supports("workspace.configuration"):  # each new folder's own settings
            await session.load_client_config(pull=True)
        await asyncio.gather(*(r.probe() for r in added))

    @server.feature(lsp.WORKSPACE_DID_CHANGE_CONFIGURATION)
    async def configuration_changed(ls: LanguageServer, params: lsp.DidChangeConfigurationParams) -> None:
        before = session.config_state()
        pull = session.client.supports("workspace.configuration")
        await session.load_client_config(params.settings, pull=pull)
        if session.config_state() != before:  # clients send it unasked
            await session.probe_all()
