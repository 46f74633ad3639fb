"""evaluate(facts) → findings: run every selected rule with error isolation, apply severities, sort."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from goenv_lsp.facts import Facts
from goenv_lsp.model import Finding, Location, Severity
from goenv_lsp.rules import Rule, all_rules

log = logging.getLogger(__name__)
INTERNAL_ERROR_CODE = "GE000"


@dataclass(frozen=True)
class Selection:
    """Which rules run and at what severity: codes or family prefixes ("GE1")."""

    select: tuple[str, ...] = ()  # empty: all
    ignore: tuple[str, ...] = ()
    severity: Mapping[str, Severity | None] = field(default_factory=dict)  # None: off

    def wants(self, rule: Rule) -> bool:
        def matches(patterns: Iterable[str]) -> bool:
            return any(rule.code.startswith(p.upper()) or rule.name == p for p in patterns)

        if self.select and not matches(self.select):
            return False
        return not matches(self.ignore) and self.severity.get(rule.code, Severity.INFO) is not None


def evaluate(facts: Facts, selection: Selection | None = None,
             rules: Iterable[Rule] | None = None) -> list[Finding]:
    selection = selection or Selection()
    findings: list[Finding] = []
    for rule in rules if rules is not None else all_rules():
        if not selection.wants(rule):
            continue
        try:
            reports = list(rule.check(facts))
        except Exception as exc:  # a broken rule must never cost the other findings
            log.exception("rule %s failed", rule.code)
            findings.append(Finding(INTERNAL_ERROR_CODE, "rule-crashed", Severity.WARNING,
                                    f"goenv-lsp: rule {rule.code} ({rule.name}) failed: {exc!r}; "
                                    "please report this", Location(None)))
            continue
        configured = selection.severity.get(rule.code)
        for report in reports:
            findings.append(Finding(rule.code, rule.name, configured or report.severity or rule.severity,
                                    report.message, report.location, report.fixes, report.related))
    return sorted(_dedupe(findings), key=_order)


def _dedupe(findings: list[Finding]) -> list[Finding]:
    seen, unique = set(), []
    for finding in findings:
        key = (finding.code, finding.message, finding.location)
        if key not in seen:
            seen.add(key)
            unique.append(finding)
    return unique


def _order(finding: Finding) -> tuple:
    return (finding.location.path or "", finding.location.range.start, finding.code)
