"""Quick fixes from the diagnostics' data (never recomputed), plus "Explain" and "Ignore in this workspace"."""

from __future__ import annotations

from lsprotocol import types as lsp
from pygls.lsp.server import LanguageServer

from goenv_lsp.lsp import convert
from goenv_lsp.lsp.session import Session


def register(server: LanguageServer, session: Session) -> None:
    @server.feature(lsp.TEXT_DOCUMENT_CODE_ACTION, lsp.CodeActionOptions(
        code_action_kinds=[lsp.CodeActionKind.QuickFix], resolve_provider=True))
    def code_action(ls: LanguageServer, params: lsp.CodeActionParams) -> list[lsp.CodeAction]:
        resolve = session.client.supports("text_document.code_action.resolve_support")
        properties = ls.client_capabilities.text_document.code_action.resolve_support.properties if resolve else []
        actions = []
        for diagnostic in ours(session, params):
            actions += convert.code_actions(diagnostic, "edit" in properties)
        return actions

    @server.feature(lsp.CODE_ACTION_RESOLVE)
    def code_action_resolve(ls: LanguageServer, action: lsp.CodeAction) -> lsp.CodeAction:
        return convert.resolve(action)


def ours(session: Session, params: lsp.CodeActionParams) -> list[lsp.Diagnostic]:
    """Our diagnostics in the request's context; a client that does not echo ``data`` back gets the published
    ones at that range instead."""
    sent = [d for d in params.context.diagnostics if d.source == convert.SOURCE]
    if sent and all(isinstance(d.data, dict) for d in sent):
        return sent
    codes = {str(d.code) for d in sent}
    return [d for d in session.published_at(params.text_document.uri)
            if _overlaps(d.range, params.range) and (not codes or str(d.code) in codes)]


def _overlaps(a: lsp.Range, b: lsp.Range) -> bool:
    start = (b.start.line, b.start.character)
    end = (b.end.line, b.end.character)
    return (a.start.line, a.start.character) <= end and start <= (a.end.line, a.end.character)
