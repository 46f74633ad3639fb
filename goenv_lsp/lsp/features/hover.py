"""Hover: which toolchain runs, on go.mod / go.work go and toolchain lines; the rule's explanation on a
finding's range. Reads cached facts only."""

from __future__ import annotations

from lsprotocol import types as lsp
from pygls.lsp.server import LanguageServer

from goenv_lsp.facts import Facts
from goenv_lsp.files.go_mod import mod_file
from goenv_lsp.lsp.session import Session
from goenv_lsp.lsp.uris import uri_to_path
from goenv_lsp.model import Finding, Range
from goenv_lsp.report.environment import toolchain_explanation
from goenv_lsp.rules import by_code
from goenv_lsp.semantics.modules import scopes


def register(server: LanguageServer, session: Session) -> None:
    @server.feature(lsp.TEXT_DOCUMENT_HOVER)
    def on_hover(ls: LanguageServer, params: lsp.HoverParams) -> lsp.Hover | None:
        path = uri_to_path(params.text_document.uri)
        root = session.root_for(path) if path else None
        if root is None or root.facts is None or path is None:
            return None
        return hover(root.facts, root.findings, path, params.position)


def hover(facts: Facts, findings: list[Finding], path: str, position: lsp.Position) -> lsp.Hover | None:
    parts = []
    mod = mod_file(facts, path)
    if mod is not None:
        lines = {s.range.start.line for s in (mod.go, mod.toolchain) if s is not None}
        if position.line in lines:
            governing = next((s.file for s in scopes(facts) if s.path == path
                              or any(m.go_mod == path for m in s.modules)), mod)
            parts.append("### Toolchain\n\n" + toolchain_explanation(facts, governing))
    for finding in findings:
        if finding.location.path == path and _contains(finding.location.range, position):
            rule = by_code(finding.code)
            text = f"### {finding.code} {finding.name} ({finding.severity.value})\n\n{finding.message}"
            if rule is not None:
                text += f"\n\n**How to fix:** {rule.section('How to fix')}\n\n[Documentation]({rule.url})"
            parts.append(text)
    if not parts:
        return None
    return lsp.Hover(contents=lsp.MarkupContent(kind=lsp.MarkupKind.Markdown, value="\n\n---\n\n".join(parts)))


def _contains(value: Range, position: lsp.Position) -> bool:
    start, end = value.start, value.end
    after_start = (position.line, position.character) >= (start.line, start.character)
    before_end = (position.line, position.character) <= (end.line, max(end.character, start.character))
    return after_start and (before_end or (start == end and position.line == start.line))
