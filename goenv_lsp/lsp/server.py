"""goenv-lsp as a language server (pygls 2): wiring only. State lives in ``session.Session``, behaviour in
``features/``; this module builds the server, adapts pygls to the session's ``Client`` and starts it."""

from __future__ import annotations

import asyncio
import importlib
import logging
import sys
import uuid
from collections.abc import Callable, Iterable, Iterator, Mapping

from lsprotocol import types as lsp
from pygls.capabilities import get_capability
from pygls.exceptions import JsonRpcException
from pygls.lsp.server import LanguageServer
from pygls.protocol import LanguageServerProtocol, lsp_method
from pygls.workspace import TextDocument

from goenv_lsp import __version__
from goenv_lsp.lsp.features import register_all
from goenv_lsp.lsp.session import Session
from goenv_lsp.lsp.uris import uri_to_path
from goenv_lsp.probe.system import RealSystem, System
from goenv_lsp.rules import Rule, all_rules

log = logging.getLogger(__name__)


class OpenBuffers(Mapping[str, bytes]):
    """Unsaved text of the open documents by path, encoded only when a file goenv-lsp reads asks for it."""

    def __init__(self, documents: Iterable[TextDocument]):
        self._documents = {path: d for d in list(documents) if (path := uri_to_path(d.uri))}

    def __getitem__(self, path: str) -> bytes:
        return self._documents[path].source.encode("utf-8")

    def __iter__(self) -> Iterator[str]:
        return iter(self._documents)

    def __len__(self) -> int:
        return len(self._documents)


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


class PyglsClient:
    """The session's ``Client`` over a pygls server."""

    def __init__(self, server: LanguageServer):
        self.server = server

    def publish(self, uri: str, diagnostics: list[lsp.Diagnostic]) -> None:
        self.server.text_document_publish_diagnostics(lsp.PublishDiagnosticsParams(
            uri=uri, diagnostics=diagnostics, version=self._version(uri)))

    def _version(self, uri: str) -> int | None:
        # pygls keys open documents by the URI as the client sent it; ours is percent-encoded
        documents = self.server.workspace.text_documents
        path = uri_to_path(uri)
        document = documents.get(uri) or next((d for d in documents.values() if uri_to_path(d.uri) == path), None)
        return document.version if document else None

    def show_message(self, kind: lsp.MessageType, text: str) -> None:
        self.server.window_show_message(lsp.ShowMessageParams(type=kind, message=text))

    def log(self, text: str) -> None:
        self.server.window_log_message(lsp.LogMessageParams(type=lsp.MessageType.Log, message=text))

    def supports(self, dotted: str) -> bool:
        return bool(get_capability(self.server.client_capabilities, dotted, False))

    def buffers(self) -> Mapping[str, bytes]:
        return OpenBuffers(self.server.workspace.text_documents.values())

    async def begin_progress(self, title: str) -> Callable[[], None]:
        if not self.supports("window.work_done_progress"):
            return lambda: None
        token = str(uuid.uuid4())
        progress = self.server.work_done_progress
        try:
            await asyncio.wait_for(progress.create_async(token), 5)
        except Exception:  # the client may refuse or not answer: progress is optional
            return lambda: None
        progress.begin(token, lsp.WorkDoneProgressBegin(title=title, cancellable=False))
        return lambda: progress.end(token, lsp.WorkDoneProgressEnd())

    async def configuration(self) -> object:
        if not self.supports("workspace.configuration"):
            return None
        try:
            result = await asyncio.wait_for(self.server.workspace_configuration_async(
                lsp.ConfigurationParams(items=[lsp.ConfigurationItem(section="goenv")])), 5)
        except Exception as exc:
            log.info("workspace/configuration failed: %s", exc)
            return None
        return result[0] if result else None


def build(system: System | None = None, rules: tuple[Rule, ...] | None = None) -> tuple[LanguageServer, Session]:
    rules = rules if rules is not None else all_rules()  # imported now, not on the first evaluation
    server = LanguageServer("goenv-lsp", __version__, protocol_cls=Protocol,
                            text_document_sync_kind=lsp.TextDocumentSyncKind.Incremental)
    session = Session(PyglsClient(server), system or RealSystem(), rules)
    register_all(server, session)
    return server, session


def serve(args) -> int:
    _logging(getattr(args, "log_file", None), getattr(args, "log_level", "info"))
    system = None
    if getattr(args, "test_system", None):  # tests only: a recorded machine instead of this one
        from goenv_lsp.probe.fake import FakeSystem

        system = FakeSystem.from_file(args.test_system)
    elif getattr(args, "test_no_well_known", False):
        system = RealSystem(well_known_go=())
    server, _ = build(system, _rules(getattr(args, "test_rules", None)))
    if getattr(args, "tcp", False):
        server.start_tcp(getattr(args, "host", "127.0.0.1"), args.port)
    else:
        server.start_io()
    return 0


def _rules(module_name: str | None) -> tuple[Rule, ...] | None:
    """Tests only: the rules of ``module_name`` (its ``RULES``) replace the built-in ones with their codes."""
    if not module_name:
        return None
    replacements = {r.code: r for r in importlib.import_module(module_name).RULES}
    return tuple(replacements.pop(r.code, r) for r in all_rules()) + tuple(replacements.values())


def _logging(log_file: str | None, level: str) -> None:
    handler: logging.Handler = logging.FileHandler(log_file) if log_file else logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    logging.basicConfig(level=getattr(logging, str(level).upper(), logging.INFO), handlers=[handler], force=True)


__all__ = ["PyglsClient", "build", "serve"]
