"""Quick fixes from the diagnostics' data (never recomputed), plus "Explain" and "Ignore in this workspace".

A request offers the actions of every goenv-lsp diagnostic on the lines its range touches — an empty range at
the cursor anywhere on the line included (eglot, and VS Code's light bulb away from the squiggle) — and of
those the client sends in its context, each diagnostic once."""

from __future__ import annotations

from lsprotocol import types as lsp
from pygls.lsp.server import LanguageServer

from goenv_lsp.lsp import convert
from goenv_lsp.lsp.session import Session

KINDS: list[str] = [lsp.CodeActionKind.QuickFix.value]


def register(server: LanguageServer, session: Session) -> None:
    @server.feature(lsp.TEXT_DOCUMENT_CODE_ACTION, lsp.CodeActionOptions(code_action_kinds=KINDS,
                                                                         resolve_provider=True))
    def code_action(ls: LanguageServer, params: lsp.CodeActionParams) -> list[lsp.CodeAction]:
        if not wanted(params.context.only):
            return []
        resolve = session.client.supports("text_document.code_action.resolve_support")
        properties = ls.client_capabilities.text_document.code_action.resolve_support.properties if resolve else []
        return convert.code_actions_for(ours(session, params), "edit" in properties, params.text_document.uri)

    @server.feature(lsp.CODE_ACTION_RESOLVE)
    def code_action_resolve(ls: LanguageServer, action: lsp.CodeAction) -> lsp.CodeAction:
        return convert.resolve(action)


def wanted(only: list[str] | None) -> bool:
    """Whether ``context.only`` (kinds, hierarchical: "quickfix" covers "quickfix.x") admits a quick fix."""
    only = [getattr(k, "value", k) for k in only or ()]
    return not only or any(k == "" or kind == k or kind.startswith(f"{k}.")
                           for k in only for kind in KINDS)


def ours(session: Session, params: lsp.CodeActionParams) -> list[lsp.Diagnostic]:
    """Our diagnostics the client sent, then the published ones on the lines the range touches; once each. A
    diagnostic sent without ``data`` (a client that does not echo it back) is replaced by its published twin."""
    published = session.published_at(params.text_document.uri)
    first, last = lines(params.range)
    result: dict[tuple, lsp.Diagnostic] = {}
    for diagnostic in params.context.diagnostics:
        if diagnostic.source != convert.SOURCE:
            continue
        if not isinstance(diagnostic.data, dict):
            diagnostic = next((p for p in published if key(p) == key(diagnostic)), diagnostic)
        result.setdefault(key(diagnostic), diagnostic)
    for diagnostic in published:
        if diagnostic.range.start.line <= last and diagnostic.range.end.line >= first:
            result.setdefault(key(diagnostic), diagnostic)
    return list(result.values())


def lines(value: lsp.Range) -> tuple[int, int]:
    """The first and last line a range touches; a range ending at column 0 (a whole-line selection) ends on the
    line before."""
    last = value.end.line - 1 if value.end.character == 0 and value.end.line > value.start.line else value.end.line
    return value.start.line, max(last, value.start.line)


def key(diagnostic: lsp.Diagnostic) -> tuple:
    start, end = diagnostic.range.start, diagnostic.range.end
    return str(diagnostic.code), start.line, start.character, end.line, end.character, diagnostic.message
