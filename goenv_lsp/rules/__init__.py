"""All rules: each family package ``geN_<family>/`` holds one module ``geNNN_<name>.py`` per rule, defining
it with ``@rule``. Adding a rule means adding one such module (and its tests); nothing is registered by hand.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
from functools import cache

from goenv_lsp.rules.registry import FixAvailability, Input, Report, Rule, RuleStatus, Scope, rule

__all__ = ["FixAvailability", "Input", "Report", "Rule", "RuleStatus", "Scope", "all_rules", "by_code", "rule"]
_FAMILY = re.compile(r"^ge(\d)_[a-z]+$")
_MODULE = re.compile(r"^ge(\d)\d\d_[a-z0-9_]+$")


@cache
def all_rules() -> tuple[Rule, ...]:
    found = []
    for family in pkgutil.iter_modules(__path__):
        match = _FAMILY.match(family.name)
        if not family.ispkg or match is None:
            continue
        package = importlib.import_module(f"{__name__}.{family.name}")
        for module_info in pkgutil.iter_modules(package.__path__):
            member = _MODULE.match(module_info.name)
            if member is None:
                continue
            module = importlib.import_module(f"{package.__name__}.{module_info.name}")
            defined = [value for value in vars(module).values() if isinstance(value, Rule)]
            if len(defined) != 1:
                raise ValueError(f"{module.__name__} must define exactly one rule, found {len(defined)}")
            if member.group(1) != match.group(1) or defined[0].code.lower() != module_info.name[:5]:
                raise ValueError(f"{module.__name__} defines {defined[0].code}: module, family and code disagree")
            found.append(defined[0])
    codes = [r.code for r in found]
    duplicates = {c for c in codes if codes.count(c) > 1}
    if duplicates:
        raise ValueError(f"duplicate rule codes: {sorted(duplicates)}")
    return tuple(sorted(found, key=lambda r: r.code))


def by_code(code_or_name: str) -> Rule | None:
    wanted = code_or_name.strip()
    return _index().get(wanted.upper()) or _index().get(wanted.lower())


@cache
def _index() -> dict[str, Rule]:
    return {**{r.name: r for r in all_rules()}, **{r.code: r for r in all_rules()}}
