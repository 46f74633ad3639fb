"""All rules: every module ``geNNN_<name>.py`` in this package defines one rule with ``@rule``.

Adding a rule means adding one such module (and its tests); nothing else is registered by hand."""

from __future__ import annotations

import importlib
import pkgutil
from functools import cache

from goenv_lsp.rules.registry import Report, Rule, rule

__all__ = ["Report", "Rule", "all_rules", "by_code", "rule"]


@cache
def all_rules() -> tuple[Rule, ...]:
    found = []
    for module_info in pkgutil.iter_modules(__path__):
        if module_info.name.startswith("ge") and module_info.name[2:5].isdigit():
            module = importlib.import_module(f"{__name__}.{module_info.name}")
            defined = [value for value in vars(module).values() if isinstance(value, Rule)]
            if len(defined) != 1:
                raise ValueError(f"{module.__name__} must define exactly one rule, found {len(defined)}")
            found.append(defined[0])
    codes = [r.code for r in found]
    duplicates = {c for c in codes if codes.count(c) > 1}
    if duplicates:
        raise ValueError(f"duplicate rule codes: {sorted(duplicates)}")
    return tuple(sorted(found, key=lambda r: r.code))


def by_code(code_or_name: str) -> Rule | None:
    wanted = code_or_name.strip()
    return next((r for r in all_rules() if wanted.upper() == r.code or wanted.lower() == r.name), None)
