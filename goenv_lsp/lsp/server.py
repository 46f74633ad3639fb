"""goenv-lsp as a language server (pygls 2): diagnostics on the files that cause environment problems,
quick fixes, hover on go.mod's go/toolchain lines, commands, live re-checks."""

from __future__ import annotations

import asyncio
import logging
import os
import sys
import uuid
from collections.abc import Callable
from pathlib import Path
from urllib.parse import unquote, urlparse

from lsprotocol import types as lsp
from pygls.exceptions import JsonRpcException
from pygls.lsp.server import LanguageServer
from pygls.protocol import LanguageServerProtocol, lsp_method

from goenv_lsp import __version__
from goenv_lsp.config import Config, from_mapping
from goenv_lsp.lsp import commands, convert, hover
from goenv_lsp.lsp.roots import Root
from goenv_lsp.lsp.watch import EnvironmentWatcher
from goenv_lsp.model import Finding
from goenv_lsp.rules import all_rules

log = logging.getLogger(__name__)
WATCHED_GLOBS = ("**/go.mod", "**/go.work", "**/.vscode/settings.json", "**/.idea/workspace.xml",
                 "**/goenv-lsp.toml")
BUFFER_FILES = {"go.mod", "go.work", "settings.json", "workspace.xml"}


class Protocol(LanguageServerProtocol):
    @lsp_method(lsp.INITIALIZE)
    def lsp_initialize(self, params: lsp.InitializeParams):
        # Findings carry UTF-16 columns (LSP's default, which every client supports): do not negotiate another.
        if params.capabilities.general is not None:
            params.capabilities.general.position_encodings = None
        return (yield from super().lsp_initialize(params))

    def structure_message(self, data):
        # pygls reports a request whose params do not parse with a showMessage but never answers it, so the
        # client waits forever: answer it with the error too (JSON-RPC: every request gets a response).
        try:
            return super().structure_message(data)
        except JsonRpcException as exc:
            if isinstance(data, dict) and "method" in data and isinstance(data.get("id"), (int, str)):
                self._send_response(data["id"], error=exc.to_response_error())
            raise


class GoenvServer(LanguageServer):
    def __init__(self) -> None:
        super().__init__("goenv-lsp", __version__, protocol_cls=Protocol,
                         text_document_sync_kind=lsp.TextDocumentSyncKind.Incremental)
        self.env = dict(os.environ)
        self.roots: dict[str, Root] = {}
        self.client_config = Config()
        self.init_options: object = None
        self.published: dict[str, dict[str, list[lsp.Diagnostic]]] = {}  # root → uri → diagnostics
        self.shown_messages: set[str] = set()
        self.watcher = EnvironmentWatcher(self)
        self._configured: asyncio.Event | None = None

    @property
    def configured(self) -> asyncio.Event:
        """Set once the client's settings were loaded after `initialized`."""
        if self._configured is None:
            self._configured = asyncio.Event()
        return self._configured

    async def settled(self, root: Root | None = None) -> None:
        """Wait (bounded) for the initial settings and for any probe of ``root`` that is under way."""
        try:
            await asyncio.wait_for(self.configured.wait(), 10)
        except asyncio.TimeoutError:
            log.warning("no settings after 10 s; going on with what is known")
        if root is not None:
            await root.settle()

    # -- capabilities ----------------------------------------------------------------------------
    def supports(self, dotted: str) -> bool:
        from pygls.lsp._capabilities import get_capability

        return bool(get_capability(self.client_capabilities, dotted, False))

    # -- roots -----------------------------------------------------------------------------------
    def root_for(self, path: str) -> Root | None:
        owners = [r for r in self.roots.values() if r.owns(path)]
        return max(owners, key=lambda r: len(r.path)) if owners else None

    def add_root(self, path: str) -> Root:
        path = os.path.abspath(path)
        if path not in self.roots:
            root = Root(path, self.env, self.publish, self.progress)
            self.report_config_problems(root.configure(self.client_config))
            self.roots[path] = root
        return self.roots[path]

    def remove_root(self, path: str) -> None:
        root = self.roots.pop(os.path.abspath(path), None)
        if root is not None:
            root.close()
            for uri in self.published.pop(root.path, {}):
                self.send_diagnostics(uri)

    def buffers(self) -> dict[str, bytes]:
        """Unsaved text of the open files the facts are read from."""
        result = {}
        for doc in list(self.workspace.text_documents.values()):
            path = doc.path if urlparse(doc.uri).scheme == "file" else None
            if path and os.path.basename(path) in BUFFER_FILES:
                result[path] = doc.source.encode("utf-8")
        return result

    async def refresh_root(self, root: Root, spawn: bool = False) -> list[Finding]:
        if spawn:
            return await root.probe(self.buffers)
        return await root.refresh(self.buffers())

    async def refresh_all(self, spawn: bool = False) -> None:
        await asyncio.gather(*(self.refresh_root(r, spawn) for r in list(self.roots.values())))
        self.watcher.update()

    # -- publishing ------------------------------------------------------------------------------
    def publish(self, root: Root, findings: list[Finding]) -> None:
        related = self.supports("text_document.publish_diagnostics.related_information")
        by_uri: dict[str, list[lsp.Diagnostic]] = {}
        for finding in findings:
            path = finding.location.path or self.workspace_level_file(root)
            if path is None:
                self.show_once(f"goenv-lsp [{finding.code}] {finding.message}")
                continue
            by_uri.setdefault(convert.uri(path), []).append(convert.diagnostic(finding, related))
        before = self.published.get(root.path, {})
        self.published[root.path] = by_uri
        for uri in set(before) | set(by_uri):
            if before.get(uri) != by_uri.get(uri):
                self.send_diagnostics(uri)

    def workspace_level_file(self, root: Root) -> str | None:
        facts = root.facts
        if facts and facts.vscode:
            return facts.vscode.path
        return None

    def send_diagnostics(self, uri: str) -> None:
        diagnostics = [d for per_root in self.published.values() for d in per_root.get(uri, [])]
        # pygls keys open documents by the URI as the client sent it; ours is percent-encoded
        documents = self.workspace.text_documents
        document = documents.get(uri) or documents.get(unquote(uri)) or next(
            (d for d in documents.values() if uri_to_path(d.uri) == uri_to_path(uri)), None)
        self.text_document_publish_diagnostics(lsp.PublishDiagnosticsParams(
            uri=uri, diagnostics=diagnostics, version=document.version if document else None))

    def show_once(self, message: str, kind: lsp.MessageType = lsp.MessageType.Warning) -> None:
        if message not in self.shown_messages:
            self.shown_messages.add(message)
            self.window_show_message(lsp.ShowMessageParams(type=kind, message=message))

    def report_config_problems(self, problems: list[str]) -> None:
        if problems:
            self.show_once("goenv-lsp settings: " + "; ".join(problems) + " (defaults used)")

    def goenv_diagnostics(self, params: lsp.CodeActionParams) -> list[lsp.Diagnostic]:
        """Our diagnostics in the request's context; a client that does not echo ``data`` back gets the
        published ones at that range instead."""
        sent = [d for d in params.context.diagnostics if d.source == convert.SOURCE]
        if sent and all(isinstance(d.data, dict) for d in sent):
            return sent
        uri, wanted = params.text_document.uri, params.range
        published = [d for per_root in self.published.values() for d in per_root.get(uri, [])
                     or per_root.get(convert.uri(uri_to_path(uri) or ""), [])]
        codes = {str(d.code) for d in sent}
        return [d for d in published if _overlaps(d.range, wanted) and (not codes or str(d.code) in codes)]

    async def progress(self, title: str) -> Callable[[], None]:
        if not self.supports("window.work_done_progress"):
            return lambda: None
        token = str(uuid.uuid4())
        try:
            await asyncio.wait_for(self.work_done_progress.create_async(token), 5)
        except Exception:  # the client may refuse or not answer: progress is optional
            return lambda: None
        self.work_done_progress.begin(token, lsp.WorkDoneProgressBegin(title=title, cancellable=False))
        return lambda: self.work_done_progress.end(token, lsp.WorkDoneProgressEnd())

    # -- configuration ---------------------------------------------------------------------------
    async def load_client_config(self, settings: object = None) -> None:
        layers = [("initializationOptions", self.init_options)]
        if settings is None and self.supports("workspace.configuration"):
            try:
                result = await asyncio.wait_for(self.workspace_configuration_async(
                    lsp.ConfigurationParams(items=[lsp.ConfigurationItem(section="goenv")])), 5)
                settings = result[0] if result else None
            except Exception as exc:
                log.info("workspace/configuration failed: %s", exc)
        elif isinstance(settings, dict) and "goenv" in settings:
            settings = settings["goenv"]
        layers.append(("settings goenv", settings))
        config, problems = Config(), []
        for where, layer in layers:
            if layer:
                config, found = from_mapping(layer, where, config)
                problems += found
        self.client_config = config
        self.report_config_problems(problems)
        for root in self.roots.values():
            self.report_config_problems(root.configure(config))


def _overlaps(a: lsp.Range, b: lsp.Range) -> bool:
    start = (b.start.line, b.start.character)
    end = (b.end.line, b.end.character)
    return (a.start.line, a.start.character) <= end and start <= (a.end.line, a.end.character)


def uri_to_path(uri: str) -> str | None:
    parsed = urlparse(uri)
    return unquote(parsed.path) if parsed.scheme == "file" else None


def build() -> GoenvServer:
    all_rules()  # import every rule now, not on the first evaluation after `initialized`
    server = GoenvServer()

    @server.feature(lsp.INITIALIZE)
    def initialize(ls: GoenvServer, params: lsp.InitializeParams) -> None:
        ls.init_options = params.initialization_options
        folders = [uri_to_path(f.uri) for f in params.workspace_folders or ()]
        if not folders and (params.root_uri or params.root_path):
            folders = [uri_to_path(params.root_uri) if params.root_uri else params.root_path]
        for folder in folders:
            if folder:
                ls.add_root(folder)

    @server.feature(lsp.INITIALIZED)
    async def initialized(ls: GoenvServer, params: lsp.InitializedParams) -> None:
        await ls.load_client_config()  # trust and editor settings decide what may be probed
        ls.configured.set()
        registration = asyncio.ensure_future(register_watchers(ls))  # no need to wait for it to probe
        await ls.refresh_all(spawn=True)
        ls.watcher.start()
        await registration

    async def register_watchers(ls: GoenvServer) -> None:
        if not ls.supports("workspace.did_change_watched_files.dynamic_registration"):
            return
        watchers = [lsp.FileSystemWatcher(glob_pattern=glob) for glob in WATCHED_GLOBS]
        try:
            await ls.client_register_capability_async(lsp.RegistrationParams(registrations=[lsp.Registration(
                id="goenv-lsp-files", method=lsp.WORKSPACE_DID_CHANGE_WATCHED_FILES,
                register_options=lsp.DidChangeWatchedFilesRegistrationOptions(watchers=watchers))]))
        except Exception as exc:
            log.info("registering file watchers failed: %s", exc)

    @server.feature(lsp.SHUTDOWN)
    def shutdown(ls: GoenvServer, *args) -> None:
        ls.watcher.stop()
        for root in ls.roots.values():
            root.close()

    @server.feature(lsp.WORKSPACE_DID_CHANGE_WORKSPACE_FOLDERS)
    async def folders_changed(ls: GoenvServer, params: lsp.DidChangeWorkspaceFoldersParams) -> None:
        for folder in params.event.removed:
            if path := uri_to_path(folder.uri):
                ls.remove_root(path)
        added = [ls.add_root(path) for f in params.event.added if (path := uri_to_path(f.uri))]
        await asyncio.gather(*(ls.refresh_root(r, spawn=True) for r in added))

    async def on_document(ls: GoenvServer, uri: str) -> None:
        path = uri_to_path(uri)
        if path is None:
            return
        root = ls.root_for(path)
        if root is None:  # a file outside every folder: its directory becomes a root
            root = ls.add_root(os.path.dirname(path))
        name = os.path.basename(path)
        if name == "goenv-lsp.toml":
            ls.report_config_problems(root.configure(ls.client_config))
        if root.facts is None:
            await ls.refresh_root(root, spawn=True)
        elif name in BUFFER_FILES or name == "goenv-lsp.toml":  # edits to other files change no fact
            await ls.refresh_root(root)

    @server.feature(lsp.TEXT_DOCUMENT_DID_OPEN)
    async def did_open(ls: GoenvServer, params: lsp.DidOpenTextDocumentParams) -> None:
        await on_document(ls, params.text_document.uri)

    @server.feature(lsp.TEXT_DOCUMENT_DID_CHANGE)
    async def did_change(ls: GoenvServer, params: lsp.DidChangeTextDocumentParams) -> None:
        await on_document(ls, params.text_document.uri)

    @server.feature(lsp.TEXT_DOCUMENT_DID_SAVE)
    async def did_save(ls: GoenvServer, params: lsp.DidSaveTextDocumentParams) -> None:
        await on_document(ls, params.text_document.uri)

    @server.feature(lsp.TEXT_DOCUMENT_DID_CLOSE)
    async def did_close(ls: GoenvServer, params: lsp.DidCloseTextDocumentParams) -> None:
        await on_document(ls, params.text_document.uri)  # the file on disk counts again

    @server.feature(lsp.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    async def watched(ls: GoenvServer, params: lsp.DidChangeWatchedFilesParams) -> None:
        touched = {root.path: root for change in params.changes if (path := uri_to_path(change.uri))
                   if (root := ls.root_for(path)) is not None}
        for root in touched.values():
            ls.report_config_problems(root.configure(ls.client_config))
            await ls.refresh_root(root)

    @server.feature(lsp.WORKSPACE_DID_CHANGE_CONFIGURATION)
    async def configuration_changed(ls: GoenvServer, params: lsp.DidChangeConfigurationParams) -> None:
        before = (ls.client_config, [r.config for r in ls.roots.values()])
        await ls.load_client_config(None if ls.supports("workspace.configuration") else params.settings)
        if (ls.client_config, [r.config for r in ls.roots.values()]) != before:  # clients send it unasked
            await ls.refresh_all(spawn=True)

    @server.feature(lsp.TEXT_DOCUMENT_CODE_ACTION, lsp.CodeActionOptions(
        code_action_kinds=[lsp.CodeActionKind.QuickFix], resolve_provider=True))
    def code_action(ls: GoenvServer, params: lsp.CodeActionParams) -> list[lsp.CodeAction]:
        resolve_edits = "edit" in (ls.client_capabilities.text_document.code_action.resolve_support.properties
                                   if ls.supports("text_document.code_action.resolve_support") else [])
        actions = []
        for diag in ls.goenv_diagnostics(params):
            actions += convert.code_actions(diag, resolve_edits)
        return actions

    @server.feature(lsp.CODE_ACTION_RESOLVE)
    def code_action_resolve(ls: GoenvServer, action: lsp.CodeAction) -> lsp.CodeAction:
        return convert.resolve(action)

    @server.feature(lsp.TEXT_DOCUMENT_HOVER)
    def on_hover(ls: GoenvServer, params: lsp.HoverParams) -> lsp.Hover | None:
        path = uri_to_path(params.text_document.uri)
        root = ls.root_for(path) if path else None
        if root is None or root.facts is None:
            return None
        return hover.hover(root.facts, root.findings, path, params.position)

    commands.register(server)
    return server


def serve(args) -> int:
    _logging(getattr(args, "log_file", None), getattr(args, "log_level", "info"))
    server = build()
    if getattr(args, "tcp", False):
        server.start_tcp(getattr(args, "host", "127.0.0.1"), args.port)
    else:
        server.start_io()
    return 0


def _logging(log_file: str | None, level: str) -> None:
    handler: logging.Handler = logging.FileHandler(log_file) if log_file else logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    logging.basicConfig(level=getattr(logging, str(level).upper(), logging.INFO), handlers=[handler], force=True)


__all__ = ["GoenvServer", "Path", "build", "serve", "uri_to_path"]
