"""evaluate(facts) → findings: run every selected rule with error isolation, apply severities, sort."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from goenv_lsp.facts import Facts
from goenv_lsp.model import Finding, Location, Position, Severity
from goenv_lsp.rules import Rule, all_rules

log = logging.getLogger(__name__)
INTERNAL_ERROR_CODE = "GE000"
_CODE_PREFIX = re.compile(r"GE\d{0,3}", re.IGNORECASE)


def matches(rule: Rule, pattern: str) -> bool:
    """A pattern names a rule by code ("GE302"), family prefix ("GE1", "ge3") or name ("go-not-found")."""
    pattern = pattern.strip()
    if _CODE_PREFIX.fullmatch(pattern):
        return rule.code.startswith(pattern.upper())
    return rule.name == pattern.lower()


def unknown_patterns(patterns: Iterable[str], rules: Iterable[Rule] | None = None) -> list[str]:
    """The patterns that name no rule (a typo in --select must not silently select nothing)."""
    known = tuple(rules if rules is not None else all_rules())
    return [p for p in patterns if not any(matches(r, p) for r in known)]


@dataclass(frozen=True)
class Selection:
    """Which rules run and at what severity: codes, family prefixes ("GE1") or names."""

    select: tuple[str, ...] = ()  # empty: all
    ignore: tuple[str, ...] = ()
    severity: Mapping[str, Severity | None] = field(default_factory=dict)  # by code; None: off

    def wants(self, rule: Rule) -> bool:
        if self.select and not any(matches(rule, p) for p in self.select):
            return False
        if any(matches(rule, p) for p in self.ignore):
            return False
        return rule.code not in self.severity or self.severity[rule.code] is not None


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


def _order(finding: Finding) -> tuple[str, Position, str, str]:
    """Workspace-wide findings first, then by file and position; stable for equal keys."""
    return (finding.location.path or "", finding.location.range.start, finding.code, finding.message)
