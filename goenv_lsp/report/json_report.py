"""The JSON contract of ``goenv-lsp check --format json`` (docs/json-format.md); schema 1."""

from __future__ import annotations

import json

from goenv_lsp import __version__
from goenv_lsp.model import Finding, Range
from goenv_lsp.report.paths import PathStyle
from goenv_lsp.rules import by_code

SCHEMA = 1


def render(findings: list[Finding], root: str | None, style: PathStyle) -> str:
    counts = {level: sum(f.severity.value == level for f in findings) for level in ("error", "warning", "info")}
    document = {
        "schema": SCHEMA,
        "tool": {"name": "goenv-lsp", "version": __version__},
        "root": style.text(root) if root else None,
        "summary": counts,
        "findings": [_finding(f, style) for f in findings],
    }
    return json.dumps(document, indent=2, ensure_ascii=False)


def _range(value: Range) -> dict:
    return {"start": {"line": value.start.line, "character": value.start.character},
            "end": {"line": value.end.line, "character": value.end.character}}


def _finding(finding: Finding, style: PathStyle) -> dict:
    rule = by_code(finding.code)
    return {
        "code": finding.code,
        "name": finding.name,
        "severity": finding.severity.value,
        "message": style.text(finding.message),
        "path": None if finding.location.path is None else style.path(finding.location.path),
        "range": _range(finding.location.range),
        "url": rule.url if rule else None,
        "fixes": [{
            "title": style.text(fix.title),
            "applicability": fix.applicability.value,
            "edits": [{"path": style.path(e.path), "range": _range(e.range), "newText": e.new_text}
                      for e in fix.edits],
            "command": None if fix.command is None else {"argv": list(fix.command.argv), "cwd": fix.command.cwd},
        } for fix in finding.fixes],
        "related": [{"path": style.path(r.location.path) if r.location.path else None,
                     "range": _range(r.location.range), "message": style.text(r.message)}
                    for r in finding.related],
    }
