"""Render a rule's record for people (explain, hover, docs/rules/*.md) and for tools (JSON)."""

from __future__ import annotations

from goenv_lsp.rules.registry import Rule

_FIX = {"none": "No automatic fix.", "sometimes": "A fix is offered when one is known.",
        "always": "A fix is always offered."}


def markdown(rule: Rule) -> str:
    return (f"# {rule.code} {rule.name}\n\n{rule.summary}.\n\n"
            f"Default severity: **{rule.severity.value}** · Family: {rule.family} · {_FIX[rule.fix]}\n\n"
            f"{rule.docs}")


def as_json(rule: Rule) -> dict:
    return {"code": rule.code, "name": rule.name, "severity": rule.severity.value, "summary": rule.summary,
            "family": rule.family, "fix": rule.fix, "url": rule.url, "docs": rule.docs}
