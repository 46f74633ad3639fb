"""Doctor-style text: one line per family marked ✓ / ! / ✗, each followed by its
``path:line:col: GE### message [severity]`` lines (1-based, as compilers print them); one quiet line when healthy.

``quiet``: the finding lines alone (nothing when healthy); ``colour``: ANSI colours for a terminal; ``ascii``: only
ASCII characters of our own (``ok``/``x``/``!`` marks, ``...`` for ``…``) for a stdout that cannot encode more.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from goenv_lsp.facts import Facts
from goenv_lsp.model import Finding, Severity
from goenv_lsp.report.paths import PathStyle
from goenv_lsp.report.result import CheckResult
from goenv_lsp.rules import by_code
from goenv_lsp.rules.registry import FAMILIES, Context
from goenv_lsp.semantics.binaries import running_go

OTHER = "Other"


@dataclass(frozen=True)
class Look:
    quiet: bool = False
    colour: bool = False
    ascii: bool = False


def render(result: CheckResult, style: PathStyle, look: Look = Look()) -> str:
    findings, facts = result.findings, result.facts
    if look.quiet:
        return "".join(_finish(_line(f, style, look), look) + "\n" for f in findings)
    header = _header(facts, style) + _context(result)
    if not findings:
        return _finish(f"{_paint(_OK, GREEN, look)} No Go environment problems found{header}", look) + "\n"
    by_family: dict[str, list[Finding]] = {}
    for finding in findings:
        by_family.setdefault(FAMILIES.get(finding.code[2:3], OTHER), []).append(finding)
    lines = [f"goenv-lsp{header}"]
    for family in [*FAMILIES.values(), OTHER]:
        group = by_family.get(family, [])
        if not group and family == OTHER:
            continue
        lines.append(f"{_mark(group, look)} {family}" + (f" ({_count(group)})" if group else ""))
        for finding in group:
            lines.append(_line(finding, style, look))
            lines += [f"    fix ({fix.applicability.value}): {visible(style.text(fix.title))}" for fix in finding.fixes]
    documented = [f for f in findings if by_code(f.code)]
    worst = max(documented, key=lambda f: f.severity.rank).code if documented else "GE###"
    lines += ["", f"{_count(findings)}. Details: goenv-lsp explain {worst}"]
    return "\n".join(_finish(line, look) for line in lines) + "\n"


_OK, _ERROR = "✓", "✗"
GREEN, YELLOW, RED, CYAN, BOLD = "32", "33", "31", "36", "1"
_SEVERITY_COLOUR = {Severity.ERROR: RED, Severity.WARNING: YELLOW, Severity.INFO: CYAN}
# the typography of messages, spelled in ASCII (any other character goes to the stream's backslash escaping)
_ASCII = str.maketrans({"✓": "ok", "✗": "x", "…": "...", "→": "->", "←": "<-", "≥": ">=", "≤": "<=", "≠": "!=",
                        "—": "-", "–": "-", "‘": "'", "’": "'", "“": '"', "”": '"', "×": "x", "·": "-"})
_ESCAPE = "\x1b"


def _paint(text: str, colour: str, look: Look) -> str:
    return f"{_ESCAPE}[{colour}m{text}{_ESCAPE}[0m" if look.colour else text


def _finish(line: str, look: Look) -> str:
    """The ASCII fallback; every value from outside has been through ``visible`` where it was put in the line."""
    return line.translate(_ASCII) if look.ascii else line


# control characters, line and paragraph separators, bidirectional overrides: a path or a value holding one
# must not start a line of its own (a fake finding) or reorder what the reader sees
_INVISIBLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def visible(text: str) -> str:
    """``text`` on one line, with what would break or disguise it escaped (\\n, \\x1b, \\u202e)."""
    return _INVISIBLE.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


def _mark(group: list[Finding], look: Look = Look()) -> str:
    """✗ any error, ! any warning, ✓ nothing (or notes only)."""
    worst = max((f.severity.rank for f in group), default=0)
    if worst >= Severity.ERROR.rank:
        return _paint(_ERROR, RED, look)
    return _paint("!", YELLOW, look) if worst >= Severity.WARNING.rank else _paint(_OK, GREEN, look)


def _line(finding: Finding, style: PathStyle, look: Look = Look()) -> str:
    location = finding.location
    where = visible(style.path(location.path))
    if location.path is not None:
        start = location.range.start
        where += f":{start.line + 1}:{start.character + 1}"
    severity = _paint(f"[{finding.severity.value}]", _SEVERITY_COLOUR[finding.severity], look)
    message = visible(style.text(finding.message))
    return f"{_paint(where, BOLD, look)}: {_paint(finding.code, BOLD, look)} {message} {severity}"


def _count(findings: list[Finding]) -> str:
    parts = []
    for severity in Severity:
        n = sum(f.severity is severity for f in findings)
        if n:
            parts.append(f"{n} {severity.value}{'s' if n != 1 and severity is not Severity.INFO else ''}")
    return ", ".join(parts)


def _context(result: CheckResult) -> str:
    if result.context is Context.EDITOR:
        return ""  # the default: every rule
    return (f"; {result.context.value} context: rules comparing a developer's editor and home settings with this "
            "machine are off or informational")


def _header(facts: Facts | None, style: PathStyle) -> str:
    if facts is None:
        return ""
    text = f" in {visible(style.text(facts.root))}" if facts.root else ""
    active = running_go(facts)
    if active and active.version:
        text += f" ({visible(active.version)} at {visible(style.text(active.path))})"
    modules = len(facts.modules or ())
    if modules > 1:
        text += f", {modules} modules"
    return text
