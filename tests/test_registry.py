"""The rule registry: every rule is complete, discovered, unique and has its own test module."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from goenv_lsp import rules as rules_package
from goenv_lsp.model import Severity
from goenv_lsp.rules import all_rules, by_code
from goenv_lsp.rules.registry import DOC_SECTIONS, FAMILIES, validate

RULES = all_rules()
RULES_DIR = Path(rules_package.__file__).parent
TESTS_DIR = Path(__file__).parent / "rules"
IDS = [r.code for r in RULES]


def test_there_are_rules() -> None:
    assert len(RULES) >= 10


@pytest.mark.parametrize("rule", RULES, ids=IDS)
def test_rule_record_is_complete(rule) -> None:
    assert re.fullmatch(r"GE\d{3}", rule.code)
    assert rule.code != "GE000", "GE000 is reserved for a rule that crashed"
    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", rule.name)
    assert isinstance(rule.severity, Severity)
    assert rule.summary.strip() and not rule.summary.endswith(".")
    assert rule.family in FAMILIES.values(), f"{rule.code}: no family for GE{rule.code[2]}xx"
    assert rule.fix in ("none", "sometimes", "always")
    for title in DOC_SECTIONS:
        assert rule.section(title), f"{rule.code}: docs lack a non-empty '## {title}'"
    assert validate(rule) == []


def test_codes_and_names_are_unique() -> None:
    codes = [r.code for r in RULES]
    names = [r.name for r in RULES]
    assert len(set(codes)) == len(codes)
    assert len(set(names)) == len(names)
    assert not set(names) & {"rule-crashed"}, "rule-crashed is the name of GE000"


@pytest.mark.parametrize("rule", RULES, ids=IDS)
def test_by_code_finds_rule_by_code_and_name(rule) -> None:
    assert by_code(rule.code) is rule
    assert by_code(rule.code.lower()) is rule
    assert by_code(rule.name) is rule


def test_every_rule_module_is_discovered() -> None:
    modules = {p.stem for p in RULES_DIR.glob("ge*.py")}
    assert modules, "no rule modules found"
    misnamed = sorted(m for m in modules if not re.fullmatch(r"ge\d{3}_[a-z0-9_]+", m))
    assert not misnamed, f"rule modules must be named geNNN_<name>.py: {misnamed}"
    discovered = {r.check.__module__.rsplit(".", 1)[-1] for r in RULES}
    assert discovered == modules


@pytest.mark.parametrize("rule", RULES, ids=IDS)
def test_module_name_carries_the_code(rule) -> None:
    module = rule.check.__module__.rsplit(".", 1)[-1]
    assert module.startswith(rule.code.lower() + "_")


@pytest.mark.parametrize("rule", RULES, ids=IDS)
def test_every_rule_has_a_test_module(rule) -> None:
    expected = TESTS_DIR / f"test_{rule.code.lower()}.py"
    assert expected.is_file(), f"{rule.code} ({rule.name}) has no tests: add tests/rules/{expected.name}"
