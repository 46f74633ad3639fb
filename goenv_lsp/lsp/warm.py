"""Start-up work that would otherwise delay the first diagnostics: cattrs builds the (un)structure function of
each message type the first time it meets one (≈ 2–3 ms for a publishDiagnostics, ≈ 1 ms for each request
and its response), the gopls table is parsed on its first use (≈ 2 ms), and the rule and file kind modules are
imported on their first use (``import_deferred``). Done once, before the server reads its first message;
nothing is sent."""

from __future__ import annotations

import contextlib
import importlib
from collections.abc import Iterable
from typing import Any

from lsprotocol import types as lsp

from goenv_lsp.rules import Rule, import_checks

_RANGE = lsp.Range(lsp.Position(0, 0), lsp.Position(0, 1))
_WHERE = "file:///"


def _messages() -> list[Any]:
    """(a message, the type it is read back as) for what goes and comes between `initialized` and the first
    publication, and on each edit."""
    diagnostic = lsp.Diagnostic(
        range=_RANGE, message="", severity=lsp.DiagnosticSeverity.Warning, code="GE000", source="goenv-lsp",
        code_description=lsp.CodeDescription(href="https://example.invalid"),
        related_information=[lsp.DiagnosticRelatedInformation(lsp.Location(_WHERE, _RANGE), "")],
        data={"fixes": []})
    document = lsp.VersionedTextDocumentIdentifier(uri=_WHERE, version=1)
    return [
        lsp.InitializedNotification(params=lsp.InitializedParams()),
        lsp.PublishDiagnosticsNotification(params=lsp.PublishDiagnosticsParams(_WHERE, [diagnostic], 1)),
        lsp.ConfigurationRequest(id="0", params=lsp.ConfigurationParams(
            items=[lsp.ConfigurationItem(section="goenv", scope_uri=_WHERE)])),
        lsp.ConfigurationResponse(id="0", result=[None]),
        lsp.WorkDoneProgressCreateRequest(id="0", params=lsp.WorkDoneProgressCreateParams(token="0")),
        lsp.WorkDoneProgressCreateResponse(id="0"),
        lsp.ProgressNotification(params=lsp.ProgressParams(token="0", value=lsp.WorkDoneProgressBegin(
            title="", cancellable=False))),
        lsp.ProgressNotification(params=lsp.ProgressParams(token="0", value=lsp.WorkDoneProgressEnd())),
        lsp.RegistrationRequest(id="0", params=lsp.RegistrationParams(registrations=[lsp.Registration(
            id="0", method=lsp.WORKSPACE_DID_CHANGE_WATCHED_FILES,
            register_options=lsp.DidChangeWatchedFilesRegistrationOptions(
                watchers=[lsp.FileSystemWatcher(glob_pattern="**/go.mod")]))])),
        lsp.RegistrationResponse(id="0"),
        lsp.LogMessageNotification(params=lsp.LogMessageParams(type=lsp.MessageType.Log, message="")),
        lsp.DidOpenTextDocumentNotification(params=lsp.DidOpenTextDocumentParams(lsp.TextDocumentItem(
            uri=_WHERE, language_id="go.mod", version=1, text=""))),
        lsp.DidChangeTextDocumentNotification(params=lsp.DidChangeTextDocumentParams(document, [
            lsp.TextDocumentContentChangePartial(range=_RANGE, text=""),
            lsp.TextDocumentContentChangeWholeDocument(text="")])),
    ]


# modules the check path imports only where they are used (a check that needs none skips their cost)
_IMPORTED_WHERE_USED = ("base64", "hashlib", "tomllib", "unicodedata", "dockerfile_parse")


def import_deferred(rules: Iterable[Rule]) -> None:
    """The modules a one-shot check imports on first use — each rule's check, each file kind's parser, locator
    and facts type (the generated catalogues) — imported now: the server's first probe and evaluation would
    otherwise wait for them."""
    from goenv_lsp.files import KINDS
    from goenv_lsp.files.base import Deferred

    import_checks(rules)
    for name in _IMPORTED_WHERE_USED:
        with contextlib.suppress(ImportError):  # tomllib: Python 3.11+; dockerfile_parse: reported where used
            importlib.import_module(name)
    for kind in KINDS:
        for attribute in ("parse", "locate", "facts_type"):
            deferred = getattr(kind, attribute, None)
            if isinstance(deferred, Deferred):
                with contextlib.suppress(Exception):  # a broken kind module is reported where it is used
                    deferred.resolve()


def initialize_response(server: Any) -> Any:
    """The answer to `initialize` as pygls makes it (``ServerCapabilitiesBuilder`` over the registered features),
    for a client that declares nothing: the largest message of all (≈ 3 ms to write out cold, and pygls also logs
    it as JSON: ≈ 5 ms more), made while the first probe has started. None if this pygls builds it otherwise."""
    try:
        from pygls.capabilities import ServerCapabilitiesBuilder

        features = server.protocol.fm
        capabilities = ServerCapabilitiesBuilder(
            lsp.ClientCapabilities(), set({**features.features, **features.builtin_features}),
            features.feature_options, list(features.commands), server._text_document_sync_kind,
            server._notebook_document_sync, lsp.PositionEncodingKind.Utf16).build()
    except Exception:
        return None
    return lsp.InitializeResponse(id="0", result=lsp.InitializeResult(
        capabilities=capabilities, server_info=lsp.ServerInfo(name="goenv-lsp", version="0")))


def warm(converter: Any, *more: Any) -> None:
    """Build the converter's functions for those messages and ``more`` (each written out and read back) and
    load the gopls table. Best effort: a failure here only leaves the work for later."""
    from goenv_lsp.semantics.gopls import support

    for message in (*_messages(), *(m for m in more if m is not None)):
        with contextlib.suppress(Exception):  # an lsprotocol that differs: that message is done on first use
            converter.structure(converter.unstructure(message), type(message))
    with contextlib.suppress(Exception):  # a broken table is reported where it is used
        support()
