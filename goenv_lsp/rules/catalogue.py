"""The rules' records as data. ``_catalogue.py``, generated from the rule modules, holds every rule's record but
its check, so ``all_rules()`` builds the rules without importing a rule module: a rule's check imports its module
on the first call, and refuses to run when the module's record is no longer the catalogue's.

After adding, removing or editing a rule, regenerate it (tests/test_catalogue.py fails until then):

    python -m goenv_lsp.rules.catalogue --write      # or: make catalogue
"""

from __future__ import annotations

import importlib
import re
import sys
from collections.abc import Iterable
from types import ModuleType

from goenv_lsp.model import Severity
from goenv_lsp.rules.registry import Check, Context, FixAvailability, Report, Rule, RuleStatus, Scope

REGENERATE = "python -m goenv_lsp.rules.catalogue --write"
GENERATED = "_catalogue.py"  # beside this module
Entry = dict[str, object]  # a rule's record: strings, None and tuples of strings
_FAMILY = re.compile(r"^ge(\d)_[a-z]+$")
_MODULE = re.compile(r"^ge(\d)\d\d_[a-z0-9_]+$")


class StaleCatalogue(RuntimeError):
    """A rule module's record is not the catalogue's: the catalogue was not regenerated after an edit."""


def entry(rule: Rule) -> Entry:
    """The catalogue's record of ``rule``: every field but the check, and the module that defines it."""
    return {
        "code": rule.code, "name": rule.name, "severity": rule.severity.value, "summary": rule.summary,
        "docs": rule.docs, "fix": rule.fix.value, "scope": rule.scope.value, "needs": tuple(sorted(rule.needs)),
        "status": rule.status.value, "fix_title": rule.fix_title, "tags": rule.tags,
        "suppressed_by": rule.suppressed_by,
        "contexts": None if rule.contexts is None else tuple(sorted(c.value for c in rule.contexts)),
        "informational_in": tuple(sorted(c.value for c in rule.informational_in)),
        "only_with": tuple(sorted(rule.only_with)), "module": rule.module,
    }


def rule_of(record: Entry) -> Rule:
    """The rule a catalogue record describes, its check deferred to its module."""
    contexts = record["contexts"]
    return Rule(record["code"], record["name"], Severity(record["severity"]), record["summary"],  # type: ignore[arg-type]
                record["docs"], FixAvailability(record["fix"]), DeferredCheck(record),  # type: ignore[arg-type]
                Scope(record["scope"]), frozenset(record["needs"]), RuleStatus(record["status"]),  # type: ignore[arg-type]
                record["fix_title"], record["tags"], record["suppressed_by"],  # type: ignore[arg-type]
                None if contexts is None else frozenset(map(Context, contexts)),  # type: ignore[call-overload]
                frozenset(map(Context, record["informational_in"])),  # type: ignore[call-overload]
                frozenset(record["only_with"]))  # type: ignore[arg-type]


def load() -> tuple[Rule, ...]:
    from goenv_lsp.rules._catalogue import RULES

    return tuple(rule_of(record) for record in RULES)


class DeferredCheck:
    """A catalogue rule's check: imports the rule's module when first called."""

    def __init__(self, record: Entry):
        self.record = record
        self.__module__ = str(record["module"])
        self._check: Check | None = None

    def __call__(self, *args: object) -> Iterable[Report]:
        return (self._check or self.load())(*args)

    def load(self) -> Check:
        """Import the rule's module (once) and return its check."""
        if self._check is not None:
            return self._check
        defined = defined_rule(importlib.import_module(self.__module__))
        if entry(defined) != self.record:
            raise StaleCatalogue(f"{self.__module__} defines another {defined.code} than the rule catalogue "
                                 f"(goenv_lsp/rules/_catalogue.py): run `{REGENERATE}`")
        self._check = defined.check
        return defined.check


def defined_rule(module: ModuleType) -> Rule:
    """The one rule a rule module defines."""
    defined = [value for value in vars(module).values() if isinstance(value, Rule)]
    if len(defined) != 1:
        raise ValueError(f"{module.__name__} must define exactly one rule, found {len(defined)}")
    return defined[0]


def discover() -> tuple[Rule, ...]:
    """Every rule, by importing each ``geN_<family>/geNNN_<name>.py`` module of the rules package."""
    import pkgutil

    from goenv_lsp import rules

    found = []
    for family in pkgutil.iter_modules(rules.__path__):
        match = _FAMILY.match(family.name)
        if not family.ispkg or match is None:
            continue
        package = importlib.import_module(f"{rules.__name__}.{family.name}")
        for module_info in pkgutil.iter_modules(package.__path__):
            member = _MODULE.match(module_info.name)
            if member is None:
                continue
            defined = defined_rule(importlib.import_module(f"{package.__name__}.{module_info.name}"))
            if member.group(1) != match.group(1) or defined.code.lower() != module_info.name[:5]:
                raise ValueError(f"{package.__name__}.{module_info.name} defines {defined.code}: module, family and "
                                 "code disagree")
            found.append(defined)
    codes = [r.code for r in found]
    duplicates = {c for c in codes if codes.count(c) > 1}
    if duplicates:
        raise ValueError(f"duplicate rule codes: {sorted(duplicates)}")
    return tuple(sorted(found, key=lambda r: r.code))


def render(found: Iterable[Rule]) -> str:
    """The source of ``_catalogue.py``: one dict per rule, the docs a line per string (readable diffs)."""
    lines = [f"# Generated from the rule modules by `{REGENERATE}`: do not edit.", "# ruff: noqa: E501", "",
             "RULES = ("]
    for rule in found:
        lines.append("    {")
        for key, value in entry(rule).items():
            if key == "docs":
                lines.append("        'docs': (")
                lines += [f"            {line!r}" for line in str(value).splitlines(keepends=True)]
                lines.append("        ),")
            else:
                lines.append(f"        {key!r}: {value!r},")
        lines.append("    },")
    lines.append(")")
    return "\n".join(lines) + "\n"


def stale(found: Iterable[Rule]) -> str | None:
    """Why the catalogue is not what the rules ``found`` render to, with the command that regenerates it; None
    when it is."""
    from pathlib import Path

    found = tuple(found)
    path = Path(__file__).with_name(GENERATED)
    if path.is_file() and path.read_text(encoding="utf-8") == render(found):
        return None
    from goenv_lsp.rules._catalogue import RULES

    held = {str(r["code"]): r for r in RULES}
    now = {r.code: entry(r) for r in found}
    differences = (("new", sorted(now.keys() - held.keys())), ("gone", sorted(held.keys() - now.keys())),
                   ("changed", sorted(c for c in now.keys() & held.keys() if now[c] != held[c])))
    what = "; ".join(f"{label}: {', '.join(codes)}" for label, codes in differences if codes) or "its layout"
    return f"goenv_lsp/rules/{GENERATED} differs from the rule modules ({what}): run `{REGENERATE}`"


def main(argv: list[str] | None = None) -> int:
    """Without --write: exit 1 when the catalogue differs from the rule modules."""
    import argparse
    from pathlib import Path

    parser = argparse.ArgumentParser(prog="python -m goenv_lsp.rules.catalogue", description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help=f"rewrite {GENERATED} from the rule modules")
    args = parser.parse_args(argv)
    found = discover()
    if args.write:
        path = Path(__file__).with_name(GENERATED)
        path.write_text(render(found), encoding="utf-8")
        print(f"wrote {path} ({len(found)} rules)")
        return 0
    problem = stale(found)
    print(problem or f"{GENERATED} is up to date ({len(found)} rules)", file=sys.stderr if problem else sys.stdout)
    return 1 if problem else 0


if __name__ == "__main__":
    raise SystemExit(main())
