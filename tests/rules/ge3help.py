"""Helpers for the GE3xx settings tests: recorded facts around a parsed .vscode/settings.json, and a real
settings file in a temp workspace probed by the real collector."""

from __future__ import annotations

from pathlib import Path

import factsbuilder as fb
from realgo import facts_of

from goenv_lsp.engine import evaluate
from goenv_lsp.facts import Facts
from goenv_lsp.files.vscode_settings import parse_vscode_settings
from goenv_lsp.model import Finding
from goenv_lsp.rules.registry import Rule

SETTINGS = f"{fb.ROOT}/.vscode/settings.json"


def with_settings(text: str, **changes) -> Facts:
    """The healthy recorded machine with this .vscode/settings.json."""
    return fb.healthy(vscode=parse_vscode_settings(text.encode(), SETTINGS), **changes)


def run(rule: Rule, facts: Facts) -> list[Finding]:
    return evaluate(facts, rules=[rule])


def write_settings(ws: Path, text: str) -> Path:
    path = ws / ".vscode" / "settings.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    if not (ws / "go.mod").exists():
        (ws / "go.mod").write_text("module example.com/app\n\ngo 1.22\n")
    return path


def real(rule: Rule, ws: Path, env: dict[str, str]) -> list[Finding]:
    """What ``rule`` finds in the workspace ``ws`` as the real collector probes it in ``env``."""
    return evaluate(facts_of(ws, env), rules=[rule])
