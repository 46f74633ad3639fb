"""goenv-lsp as a language server (pygls 2): wiring only. State lives in ``session.Session``, behaviour in
``features/``; this module builds the server, adapts pygls to the session's ``Client`` and starts it."""

from __future__ import annotations

import asyncio
import gc
import importlib
import logging
import sys
import uuid
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence

from lsprotocol import types as lsp
from pygls.capabilities import get_capability
from pygls.lsp.server import LanguageServer
from pygls.workspace import TextDocument

from goenv_lsp import __version__
from goenv_lsp.lsp import logs, transport, warm
from goenv_lsp.lsp.features import register_all
from goenv_lsp.lsp.protocol import Protocol
from goenv_lsp.lsp.session import Session
from goenv_lsp.lsp.uris import uri_to_path
from goenv_lsp.probe.system import RealSystem, System
from goenv_lsp.rules import Rule, all_rules

log = logging.getLogger(__name__)


class OpenBuffers(Mapping[str, bytes]):
    """Unsaved text of the open documents by path, as it is now, encoded only when a file goenv-lsp reads
    asks for it (a few MB of an open file nothing reads is never copied)."""

    def __init__(self, documents: Iterable[TextDocument]):
        self._texts = {path: d.source for d in list(documents) if (path := uri_to_path(d.uri))}

    def __getitem__(self, path: str) -> bytes:
        # the protocol replaces lone surrogates on arrival; "replace" is only the last guard
        return self._texts[path].encode("utf-8", "replace")

    def __iter__(self) -> Iterator[str]:
        return iter(self._texts)

    def __len__(self) -> int:
        return len(self._texts)


class Server(LanguageServer):
    def report_server_error(self, error: Exception, source) -> None:
        # pygls shows every error it catches to the user ("Error in server: …" pop-ups, one per bad message);
        # they are bugs or bad input, for the log (rate-limited there), not for the user
        log.warning("%s: %s", getattr(source, "__name__", source), error)


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

    async def show_document(self, uri: str, external: bool) -> bool:
        if not self.supports("window.show_document.support"):
            return False
        try:
            result = await asyncio.wait_for(self.server.window_show_document_async(
                lsp.ShowDocumentParams(uri=uri, external=external or None)), 10)
        except Exception as exc:  # the client refused or never answered
            log.info("window/showDocument failed: %s", exc)
            return False
        return bool(result and result.success)

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
            progress.tokens.pop(token, None)
            return lambda: None
        progress.begin(token, lsp.WorkDoneProgressBegin(title=title, cancellable=False))

        def end() -> None:
            progress.end(token, lsp.WorkDoneProgressEnd())
            progress.tokens.pop(token, None)  # pygls keeps every token it was given

        return end

    async def configuration(self, scopes: Sequence[str | None]) -> list[object]:
        """One workspace/configuration request, an item of the "goenv" section for each scope."""
        if not self.supports("workspace.configuration"):
            return [None] * len(scopes)
        items = [lsp.ConfigurationItem(section="goenv", scope_uri=scope) for scope in scopes]
        try:
            result = await asyncio.wait_for(self.server.workspace_configuration_async(
                lsp.ConfigurationParams(items=items)), 5)
        except Exception as exc:
            log.info("workspace/configuration failed: %s", exc)
            return [None] * len(scopes)
        answers = list(result) if isinstance(result, (list, tuple)) else []
        return (answers + [None] * len(scopes))[:len(scopes)]


def build(system: System | None = None, rules: tuple[Rule, ...] | None = None) -> tuple[Server, Session]:
    rules = rules if rules is not None else all_rules()  # the records; ``_warm`` imports their checks
    server = Server("goenv-lsp", __version__, protocol_cls=Protocol,
                    text_document_sync_kind=lsp.TextDocumentSyncKind.Incremental)
    session = Session(PyglsClient(server), system or RealSystem(), rules)
    register_all(server, session)
    return server, session


def serve(args) -> int:
    """The server over stdio (the process ends with it), or over TCP (a session per connection)."""
    logs.configure(getattr(args, "log_file", None), getattr(args, "log_level", None))
    system: System | None = None
    if getattr(args, "test_system", None):  # tests only: a recorded machine instead of this one
        from goenv_lsp.probe.fake import FakeSystem

        system = FakeSystem.from_file(args.test_system)
    elif getattr(args, "test_no_well_known", False):
        system = RealSystem(well_known_go=())
    rules = _rules(getattr(args, "test_rules", None))
    log.info("goenv-lsp %s serving over %s (Python %s)", __version__, "TCP" if getattr(args, "tcp", False)
             else "stdio", sys.version.split()[0])
    if getattr(args, "tcp", False):
        host = getattr(args, "host", "127.0.0.1")
        return asyncio.run(_serve_tcp(host, args.port, lambda: _warm(build(system, rules))))
    return asyncio.run(_serve_stdio(*_warm(build(system, rules))))


def _warm(built: tuple[Server, Session]) -> tuple[Server, Session]:
    """The one-time work of the first publication, done before the first message is read (``warm``)."""
    server, session = built
    warm.import_deferred(session.rules or ())
    warm.warm(server.protocol._converter, warm.initialize_response(server))
    # what exists now (modules, rules, the converter's functions) lives as long as the server: out of the
    # collector's sight, so that no full collection walks it again (≈ 40–50 ms, on whatever message came then)
    gc.freeze()
    return built


async def _serve_stdio(server: Server, session: Session) -> int:
    protocol = server.protocol
    assert isinstance(protocol, Protocol)
    protocol.set_writer(transport.StdoutWriter())
    try:
        await transport.pump(protocol, transport.stdin_reader())
    finally:
        session.close()
    return _exit_code(protocol)


async def _serve_tcp(host: str, port: int, make: Callable[[], tuple[Server, Session]]) -> int:
    # pygls serves one connection and then closes the listener, and ends it on a line asyncio's readline
    # refuses: here every connection gets its own session and the listener stays
    async def connection(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        server, session = make()
        protocol = server.protocol
        assert isinstance(protocol, Protocol)
        protocol.set_writer(transport.TcpWriter(writer))
        log.info("client connected")
        try:
            await transport.pump(protocol, lambda: reader.read(transport.CHUNK))
        finally:
            session.close()
            writer.close()
            log.info("client disconnected (%d)", _exit_code(protocol))

    listener = await asyncio.start_server(connection, host, port)
    log.info("listening on %s", ", ".join(str(s.getsockname()) for s in listener.sockets))
    async with listener:
        await listener.serve_forever()
    return 0


def _exit_code(protocol: Protocol) -> int:
    """0 after `shutdown` and `exit`; 1 for `exit` (or the end of input) without `shutdown` (LSP)."""
    return protocol.exit_code if protocol.exit_code is not None else (0 if protocol._shutdown else 1)


def _rules(module_name: str | None) -> tuple[Rule, ...] | None:
    """Tests only: the rules of ``module_name`` (its ``RULES``) replace the built-in ones with their codes."""
    if not module_name:
        return None
    replacements = {r.code: r for r in importlib.import_module(module_name).RULES}
    return tuple(replacements.pop(r.code, r) for r in all_rules()) + tuple(replacements.values())


__all__ = ["PyglsClient", "Server", "build", "serve"]
