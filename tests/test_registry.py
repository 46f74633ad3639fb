"""The rule registry: every rule is discovered from its family package, complete, unique, and proven by its own
test module and by golden cases — at least one where it reports and one where it stays quiet."""

from __future__ import annotations

import re
import sys
import textwrap
from pathlib import Path

import pytest

from goenv_lsp import rules as rules_package
from goenv_lsp.files import PARSED
from goenv_lsp.rules import all_rules, by_code
from goenv_lsp.rules.registry import (
    ALL_CONTEXTS,
    EDITOR_ONLY,
    FAMILIES,
    Context,
    FixAvailability,
    Input,
    Rule,
    Scope,
    rule,
    validate,
)

RULES = all_rules()
RULES_DIR = Path(rules_package.__file__).parent
TESTS_DIR = Path(__file__).parent / "rules"
sys.path.insert(0, str(TESTS_DIR / "goldens"))
import golden  # noqa: E402

IDS = [r.code for r in RULES]


@pytest.mark.parametrize("rule", RULES, ids=IDS)
def test_rule_record_is_complete(rule: Rule) -> None:
    assert rule.code != "GE000", "GE000 is reserved for a rule that crashed"
    assert rule.summary.strip() and not rule.summary.endswith(".")
    assert rule.family in FAMILIES.values(), f"{rule.code}: no family for GE{rule.code[2]}xx"
    assert validate(rule) == []
    assert rule.needs, f"{rule.code}: needs names nothing"
    assert all(code in IDS for code in rule.suppressed_by), f"{rule.code}: suppressed by an unknown code"
    assert rule.code not in rule.suppressed_by


def test_validation_refuses_incomplete_records() -> None:
    docs = "## What it checks\nx\n## Why it matters\nx\n## How to fix\nx\n## Example\nx\n"

    def check(facts):
        return ()

    with pytest.raises(ValueError, match="fix_title"):
        rule(code="GE999", name="x", severity=rules_package.registry.Severity.INFO, summary="x", docs=docs,
             fix=FixAvailability.SOMETIMES, needs=(Input.GO_BINARIES,))(check)
    with pytest.raises(ValueError, match="unknown inputs"):
        rule(code="GE999", name="x", severity=rules_package.registry.Severity.INFO, summary="x", docs=docs,
             needs=("no-such-kind",))(check)
    with pytest.raises(ValueError, match="lack '## Example'"):
        rule(code="GE999", name="x", severity=rules_package.registry.Severity.INFO, summary="x",
             docs=docs.replace("## Example", "## Examples"), needs=(Input.GO_BINARIES,))(check)
    with pytest.raises(ValueError, match="contexts must name where the rule runs"):  # no default: each rule decides
        rule(code="GE999", name="x", severity=rules_package.registry.Severity.INFO, summary="x", docs=docs,
             needs=(Input.GO_BINARIES,))(check)
    with pytest.raises(ValueError, match="informational_in names a context the rule does not run in"):
        rule(code="GE999", name="x", severity=rules_package.registry.Severity.INFO, summary="x", docs=docs,
             needs=(Input.GO_BINARIES,), contexts=EDITOR_ONLY, informational_in=(Context.CI,))(check)
    with pytest.raises(ValueError, match="only_with names what the check does not read"):
        rule(code="GE999", name="x", severity=rules_package.registry.Severity.INFO, summary="x", docs=docs,
             needs=(Input.GO_BINARIES,), contexts=ALL_CONTEXTS, only_with=("dockerfile",))(check)
    with pytest.raises(ValueError, match="only_with names 'go-binaries', neither a file kind"):
        rule(code="GE999", name="x", severity=rules_package.registry.Severity.INFO, summary="x", docs=docs,
             needs=(Input.GO_BINARIES,), contexts=ALL_CONTEXTS, only_with=(Input.GO_BINARIES,))(check)
    assert rule(code="GE999", name="x", severity=rules_package.registry.Severity.INFO, summary="x", docs=docs,
                needs=(Input.GO_BINARIES,), contexts=ALL_CONTEXTS)(check).contexts == ALL_CONTEXTS


def test_codes_and_names_are_unique() -> None:
    codes = [r.code for r in RULES]
    names = [r.name for r in RULES]
    assert len(set(codes)) == len(codes)
    assert len(set(names)) == len(names)
    assert "rule-crashed" not in names, "rule-crashed is the name of GE000"


@pytest.mark.parametrize("rule", RULES, ids=IDS)
def test_by_code_finds_rule_by_code_and_name(rule: Rule) -> None:
    assert by_code(rule.code) is rule
    assert by_code(rule.code.lower()) is rule
    assert by_code(rule.name) is rule


def test_every_rule_module_is_discovered_in_its_family_package() -> None:
    modules = {p for p in RULES_DIR.glob("ge*/ge*.py")}
    assert modules, "no rule modules found"
    misnamed = sorted(str(p) for p in modules if not re.fullmatch(r"ge\d{3}_[a-z0-9_]+", p.stem)
                      or not re.fullmatch(rf"ge{p.stem[2]}_[a-z]+", p.parent.name))
    assert not misnamed, f"rule modules must be geN_<family>/geNNN_<name>.py: {misnamed}"
    assert not list(RULES_DIR.glob("ge*.py")), "rule modules belong in their family package"
    discovered = {r.module.rsplit(".", 1)[-1] for r in RULES}
    assert discovered == {p.stem for p in modules}


@pytest.mark.parametrize("rule", RULES, ids=IDS)
def test_module_name_carries_the_code(rule: Rule) -> None:
    module = rule.module.rsplit(".", 1)[-1]
    assert module.startswith(rule.code.lower() + "_")


@pytest.mark.parametrize("rule", RULES, ids=IDS)
def test_every_rule_has_a_test_module(rule: Rule) -> None:
    expected = TESTS_DIR / f"test_{rule.code.lower()}.py"
    assert expected.is_file(), f"{rule.code} ({rule.name}) has no tests: add tests/rules/{expected.name}"


@pytest.mark.parametrize("rule", RULES, ids=IDS)
def test_every_rule_has_a_catching_and_a_quiet_golden_case(rule: Rule) -> None:
    cases = [c for c in golden.cases() if c.parent.name == rule.code]
    expected = [(c / "expected.txt").read_text(encoding="utf-8") if (c / "expected.txt").is_file() else None
                for c in cases]
    assert any(e for e in expected), f"{rule.code}: no golden case where it reports (tests/rules/goldens)"
    assert any(e == "" for e in expected), f"{rule.code}: no golden case where it stays quiet"
    for case, text in zip(cases, expected, strict=True):
        codes = set(re.findall(r"^\S+: (GE\d{3}) ", text or "", re.M))
        assert codes <= {rule.code}, f"{case}: reports {codes}, not only {rule.code}"


def test_golden_directories_name_rules() -> None:
    assert {c.parent.name for c in golden.cases()} <= set(IDS)


def test_scope_and_inputs_agree() -> None:
    """A FILE rule reads files only; a rule that reads modules' go lines names the module inputs."""
    kinds = {k.name for k in PARSED}
    for found in RULES:
        if found.scope is Scope.FILE:
            assert found.needs <= kinds, f"{found.code}: a file rule needs only file kinds"
        if found.scope is Scope.MODULE:
            assert {"go.mod", "go.work", Input.MODULES.value} <= found.needs, found.code


def test_no_rule_module_imports_another() -> None:
    """Each rule module loads on its own (when its rule runs): what two rules share lives in a ``_`` module."""
    rule_module = re.compile(r"^\s*(?:from|import)\s+goenv_lsp\.rules\.ge\d_[a-z]+\.ge\d{3}", re.M)
    offenders = sorted(str(p.relative_to(RULES_DIR)) for p in RULES_DIR.glob("ge*/ge*.py")
                       if rule_module.search(p.read_text(encoding="utf-8")))
    assert not offenders, f"rule modules importing another rule module: {offenders}"



@pytest.mark.parametrize("docs", ["\n## What it checks\nx\n", "\n    ## What it checks\n    x\n      y\n",
                                  "\n## What it checks\n   \nx\n", "\n\t## What it checks\n\tx\n",
                                  *(textwrap.indent(r.docs, "    ") for r in RULES[:5])])
def test_docs_are_dedented_as_textwrap_dedents(docs: str) -> None:
    assert rules_package.registry._dedent(docs) == textwrap.dedent(docs)
