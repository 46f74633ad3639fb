"""A rule is data (code, name, severity, docs, fix availability) plus a pure check over Facts.

A check yields ``Report``s; the engine turns them into ``Finding``s with the rule's code, name and
(possibly configured) severity, so ``explain``, hover, SARIF help and docs all render from one record.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from goenv_lsp.facts import Facts
from goenv_lsp.model import Fix, Location, Related, Severity

DOC_SECTIONS = ("What it checks", "Why it matters", "How to fix", "Example")
DOCS_BASE_URL = "https://github.com/goenv-lsp/goenv-lsp/blob/main/docs/rules/"
FAMILIES = {
    "0": "goenv-lsp itself",
    "1": "Go toolchain",
    "2": "GOPATH and modules",
    "3": "Editor settings",
}
_CODE = re.compile(r"^GE\d{3}$")
_NAME = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


@dataclass(frozen=True)
class Report:
    """What a check found; the engine adds the rule's identity."""

    message: str
    location: Location
    fixes: tuple[Fix, ...] = ()
    related: tuple[Related, ...] = ()
    severity: Severity | None = None  # overrides the rule's default for this case


Check = Callable[[Facts], Iterable[Report]]


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    severity: Severity
    summary: str
    docs: str  # Markdown with the sections in DOC_SECTIONS, as "## <section>" headings
    fix: str  # "none" | "sometimes" | "always"
    check: Check = field(repr=False, compare=False)

    @property
    def family(self) -> str:
        return FAMILIES.get(self.code[2], "Other")

    @property
    def url(self) -> str:
        return f"{DOCS_BASE_URL}{self.code}.md"

    def section(self, title: str) -> str:
        match = re.search(rf"^## {re.escape(title)}\n(.*?)(?=^## |\Z)", self.docs, re.M | re.S)
        return match.group(1).strip() if match else ""


def rule(*, code: str, name: str, severity: Severity, summary: str, docs: str,
         fix: str = "none") -> Callable[[Check], Rule]:
    """Decorator: ``RULE = rule(...)(check)`` — validates the record when the module loads."""

    def wrap(check: Check) -> Rule:
        record = Rule(code, name, severity, summary, _dedent(docs), fix, check)
        problems = validate(record)
        if problems:
            raise ValueError(f"rule {code}: " + "; ".join(problems))
        return record

    return wrap


def validate(record: Rule) -> list[str]:
    problems = []
    if not _CODE.match(record.code):
        problems.append("code must look like GE123")
    if not _NAME.match(record.name):
        problems.append("name must be kebab-case")
    if record.fix not in ("none", "sometimes", "always"):
        problems.append("fix must be none, sometimes or always")
    problems += [f"docs lack '## {title}'" for title in DOC_SECTIONS if not record.section(title)]
    return problems


def _dedent(text: str) -> str:
    import textwrap

    return textwrap.dedent(text).strip() + "\n"
