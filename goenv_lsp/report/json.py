"""The JSON contract of ``goenv-lsp check --format json``, schema 1: docs/json-format.md is the promise.

Every string passes through ``PathStyle``: path fields relative to the root inside it, and the home
directory as ``~`` everywhere (messages, titles, argv, newText) unless --show-home."""

from __future__ import annotations

import json

from goenv_lsp import __version__
from goenv_lsp.model import WHOLE_FILE_START, Finding, Location, Range
from goenv_lsp.report.paths import PathStyle
from goenv_lsp.report.result import CheckResult
from goenv_lsp.rules import by_code

SCHEMA = 1


def render(result: CheckResult, style: PathStyle) -> str:
    findings, root = result.findings, result.facts.root
    counts = {level: sum(f.severity.value == level for f in findings) for level in ("error", "warning", "info")}
    document = {
        "schema": SCHEMA,
        "tool": {"name": "goenv-lsp", "version": __version__},
        "root": style.text(root) if root else None,
        "context": result.context.value,
        "summary": counts,
        "findings": [_finding(f, style) for f in findings],
    }
    return json.dumps(document, indent=2, ensure_ascii=False)


def _range(value: Range) -> dict[str, dict[str, int]]:
    return {"start": {"line": value.start.line, "character": value.start.character},
            "end": {"line": value.end.line, "character": value.end.character}}


def _where(location: Location, style: PathStyle) -> dict[str, object]:
    """``path`` and ``range``; a workspace-wide location (no path) is always at 0:0."""
    if location.path is None:
        return {"path": None, "range": _range(WHOLE_FILE_START)}
    return {"path": style.path(location.path), "range": _range(location.range)}


def _finding(finding: Finding, style: PathStyle) -> dict[str, object]:
    rule = by_code(finding.code)
    return {
        "code": finding.code,
        "name": finding.name,
        "severity": finding.severity.value,
        "message": style.text(finding.message),
        **_where(finding.location, style),
        "url": rule.url if rule else None,
        "fixes": [{
            "title": style.text(fix.title),
            "applicability": fix.applicability.value,
            "edits": [{"path": style.path(e.path), "range": _range(e.range), "newText": style.text(e.new_text)}
                      for e in fix.edits],
            "command": None if fix.command is None else {
                "argv": [style.text(arg) for arg in fix.command.argv],
                "cwd": None if fix.command.cwd is None else style.path(fix.command.cwd),
                "env": dict(fix.command.env or {})},
        } for fix in finding.fixes],
        "related": [{**_where(r.location, style), "message": style.text(r.message)} for r in finding.related],
        "module": None if finding.module is None else style.path(finding.module),
    }
