"""All rules: each family package ``geN_<family>/`` holds one module ``geNNN_<name>.py`` per rule, defining
it with ``@rule``. Adding a rule means adding one such module (and its tests) and regenerating the catalogue
(``python -m goenv_lsp.rules.catalogue --write``); nothing is registered by hand.

``all_rules()`` reads the rules' records from the catalogue: a rule module is imported when its check first runs.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache

from goenv_lsp.rules.registry import FixAvailability, Input, Report, Rule, RuleStatus, Scope, rule

__all__ = ["FixAvailability", "Input", "Report", "Rule", "RuleStatus", "Scope", "all_rules", "by_code", "import_checks",
           "rule"]


@cache
def all_rules() -> tuple[Rule, ...]:
    from goenv_lsp.rules.catalogue import load

    return load()


def import_checks(rules: Iterable[Rule]) -> None:
    """Import the modules of ``rules`` now rather than at their first check (a long-lived process, such as the
    language server at start, so that its first diagnostics do not wait for them)."""
    from goenv_lsp.rules.catalogue import DeferredCheck

    for found in rules:
        if isinstance(found.check, DeferredCheck):
            found.check.load()


def by_code(code_or_name: str) -> Rule | None:
    wanted = code_or_name.strip()
    return _index().get(wanted.upper()) or _index().get(wanted.lower())


@cache
def _index() -> dict[str, Rule]:
    return {**{r.name: r for r in all_rules()}, **{r.code: r for r in all_rules()}}
