"""What every output format renders: one check's facts, findings and the rules that ran."""

from __future__ import annotations

from dataclasses import dataclass

from goenv_lsp.facts import Facts
from goenv_lsp.model import Finding
from goenv_lsp.rules import Rule
from goenv_lsp.rules.registry import Context


@dataclass(frozen=True)
class CheckResult:
    facts: Facts
    findings: tuple[Finding, ...]
    rules: tuple[Rule, ...]  # the rules that were selected and ran
    context: Context = Context.EDITOR  # where the check ran (the rules' contexts decided which ran)
