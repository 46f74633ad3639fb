"""Hover: which toolchain runs, on go.mod / go.work go and toolchain lines; the rule's explanation on a
finding's range. Reads cached facts only."""

from __future__ import annotations

from lsprotocol import types as lsp

from goenv_lsp.environment_report import toolchain_explanation
from goenv_lsp.facts import Facts
from goenv_lsp.model import Finding, Range
from goenv_lsp.rules import by_code


def hover(facts: Facts, findings: list[Finding], path: str, position: lsp.Position) -> lsp.Hover | None:
    parts = []
    for mod in (facts.go_mod, facts.go_work):
        if mod is None or mod.path != path:
            continue
        lines = {s.range.start.line for s in (mod.go, mod.toolchain) if s is not None}
        if position.line in lines:
            parts.append("### Toolchain\n\n" + toolchain_explanation(facts))
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
