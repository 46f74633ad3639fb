"""Doctor-style text: groups by family with ✓ / ! / ✗, then ``path:line:col: GE### message`` lines."""

from __future__ import annotations

from goenv_lsp.facts import Facts
from goenv_lsp.model import Finding, Severity
from goenv_lsp.report.paths import PathStyle
from goenv_lsp.rules import by_code
from goenv_lsp.rules.registry import FAMILIES
from goenv_lsp.semantics.selection import running_go

_MARK = {Severity.ERROR: "✗", Severity.WARNING: "!", Severity.INFO: "i"}


def render(findings: list[Finding], facts: Facts | None, style: PathStyle) -> str:
    lines: list[str] = []
    header = _header(facts, style)
    if not findings:
        return f"✓ No Go environment problems found{header}\n"
    lines.append(f"goenv-lsp{header}")
    by_family: dict[str, list[Finding]] = {}
    for finding in findings:
        family = FAMILIES.get(finding.code[2], "Other")
        by_family.setdefault(family, []).append(finding)
    for family in [*FAMILIES.values(), "Other"]:
        group = by_family.get(family)
        if not group:
            if family != "Other":
                lines.append(f"✓ {family}")
            continue
        worst = max(group, key=lambda f: f.severity.rank).severity
        lines.append(f"{_MARK[worst]} {family} ({_count(group)})")
        for finding in group:
            lines.append(_line(finding, style))
            for fix in finding.fixes:
                lines.append(f"    fix ({fix.applicability.value}): {style.text(fix.title)}")
    lines.append("")
    codes = sorted({f.code for f in findings if by_code(f.code)})
    lines.append(f"{_count(findings)}. Details: goenv-lsp explain {codes[0] if codes else 'CODE'}")
    return "\n".join(lines) + "\n"


def _line(finding: Finding, style: PathStyle) -> str:
    location = finding.location
    where = style.path(location.path)
    if location.path is not None:
        start = location.range.start
        where += f":{start.line + 1}:{start.character + 1}"
    return f"{where}: {finding.code} {style.text(finding.message)} [{finding.severity.value}]"


def _count(findings: list[Finding]) -> str:
    parts = []
    for severity in Severity:
        n = sum(f.severity is severity for f in findings)
        if n:
            parts.append(f"{n} {severity.value}{'s' if n != 1 and severity is not Severity.INFO else ''}")
    return ", ".join(parts)


def _header(facts: Facts | None, style: PathStyle) -> str:
    if facts is None:
        return ""
    text = f" in {style.text(facts.root)}" if facts.root else ""
    active = running_go(facts)
    if active and active.version:
        text += f" ({active.version} at {style.text(active.path)})"
    return text
