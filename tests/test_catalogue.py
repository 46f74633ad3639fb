"""The rule catalogue (goenv_lsp/rules/_catalogue.py): the rules' records as the rule modules define them, read by
``all_rules()`` without importing a rule module; a rule's check imports its module on the first call and refuses
to run a module whose record the catalogue does not hold."""

from __future__ import annotations

import dataclasses
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import factsbuilder as fb
import pytest

from goenv_lsp.engine import INTERNAL_ERROR_CODE, evaluate
from goenv_lsp.model import Severity
from goenv_lsp.rules import Rule, all_rules, catalogue
from goenv_lsp.rules.registry import ALL_CONTEXTS, Input, rule

REPO = Path(__file__).resolve().parent.parent
DISCOVERED = catalogue.discover()
IDS = [r.code for r in DISCOVERED]


def in_fresh_interpreter(code: str) -> object:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    proc = subprocess.run([sys.executable, "-S", "-c", code], capture_output=True, text=True, cwd=REPO, env=env,
                          check=True)
    return json.loads(proc.stdout)


def test_the_catalogue_is_what_the_rule_modules_define() -> None:
    assert catalogue.stale(DISCOVERED) is None, catalogue.stale(DISCOVERED)


def test_all_rules_are_the_rule_modules_rules() -> None:
    assert all_rules() == DISCOVERED  # records equal (a check compares as equal)
    assert [r.module for r in all_rules()] == [r.module for r in DISCOVERED]


def _extra_rule() -> Rule:
    docs = "## What it checks\nx\n## Why it matters\nx\n## How to fix\nx\n## Example\nx\n"
    return rule(code="GE999", name="new-rule", severity=Severity.INFO, summary="x", docs=docs,
                needs=(Input.GO_BINARIES,), contexts=ALL_CONTEXTS)(lambda facts: ())


@pytest.mark.parametrize(("change", "said"), [
    ("add", "new: GE999"), ("remove", "gone: GE810"), ("edit", "changed: GE302"), ("only_with", "changed: GE101")])
def test_a_changed_rule_makes_the_catalogue_stale(change: str, said: str) -> None:
    changed = list(DISCOVERED)
    if change == "add":
        changed.append(_extra_rule())
    elif change == "remove":
        changed = [r for r in changed if r.code != "GE810"]
    elif change == "edit":
        changed = [dataclasses.replace(r, summary=r.summary + " now") if r.code == "GE302" else r for r in changed]
    else:
        changed = [dataclasses.replace(r, only_with=frozenset({"dockerfile"})) if r.code == "GE101" else r
                   for r in changed]
    problem = catalogue.stale(changed)
    assert problem is not None and said in problem
    assert catalogue.REGENERATE in problem


def test_the_command_checks_and_rewrites(capsys: pytest.CaptureFixture[str]) -> None:
    assert catalogue.main([]) == 0
    assert "up to date" in capsys.readouterr().out


@pytest.mark.parametrize("found", DISCOVERED, ids=IDS)
def test_a_record_round_trips(found: Rule) -> None:
    record = catalogue.entry(found)
    rebuilt = catalogue.rule_of(record)
    assert rebuilt == found
    assert catalogue.entry(rebuilt) == record
    assert rebuilt.docs == found.docs and rebuilt.only_with == found.only_with


def test_reading_the_rules_imports_no_rule_module() -> None:
    imported = in_fresh_interpreter(
        "import json, sys\n"
        "from goenv_lsp.rules import all_rules, by_code\n"
        "assert len(all_rules()) > 100 and by_code('GE302').summary\n"
        "print(json.dumps(sorted(m for m in sys.modules if m.startswith('goenv_lsp.rules.ge'))))\n")
    assert imported == []


def test_a_check_imports_its_own_module_on_its_first_call() -> None:
    imported = in_fresh_interpreter(
        "import json, sys\n"
        "from goenv_lsp.facts import Facts\n"
        "from goenv_lsp.rules import by_code\n"
        "rule = by_code('GE602')\n"
        "assert list(rule.run(Facts(env={'PATH': '/usr/bin'}))) == []\n"
        "print(json.dumps(sorted(m for m in sys.modules if m.startswith('goenv_lsp.rules.ge'))))\n")
    assert imported == ["goenv_lsp.rules.ge6_platform", "goenv_lsp.rules.ge6_platform.ge602_path_relative_entry"]


def test_a_check_refuses_a_module_the_catalogue_does_not_describe() -> None:
    record = {**catalogue.entry(next(r for r in DISCOVERED if r.code == "GE602")), "summary": "another summary"}
    stale = catalogue.rule_of(record)
    with pytest.raises(catalogue.StaleCatalogue, match=re.escape(f"run `{catalogue.REGENERATE}`")):
        list(stale.run(fb.healthy()))
    findings = evaluate(fb.healthy(), rules=[stale])  # the engine: a finding that says what to do, not a crash
    assert [f.code for f in findings] == [INTERNAL_ERROR_CODE]
    assert catalogue.REGENERATE in findings[0].message


def test_the_check_runs_once_loaded() -> None:
    relative = fb.healthy(env={"PATH": "bin:/usr/local/go1.27.3/bin", "HOME": fb.HOME},
                          path_entries=("bin", "/usr/local/go1.27.3/bin"))
    found = next(r for r in all_rules() if r.code == "GE602")
    first, again = list(found.run(relative)), list(found.run(relative))
    assert first and first == again


def test_import_checks_imports_every_rule_module_at_once() -> None:
    imported = in_fresh_interpreter(
        "import json, sys\n"
        "from goenv_lsp.rules import all_rules, import_checks\n"
        "import_checks(all_rules())\n"
        "print(json.dumps(sorted(r.module for r in all_rules() if r.module in sys.modules)))\n")
    assert imported == sorted(r.module for r in DISCOVERED)
