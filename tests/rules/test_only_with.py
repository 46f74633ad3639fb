"""``only_with``: a rule naming sources there reports nothing when the facts hold none of them, so the engine may
skip it without importing it. Proven on every golden case, healthy base and built facts: with those sources
removed, the rule's real check (called directly: the engine would skip it) reports nothing — while with them it
reports somewhere, so the removal is what silences it."""

from __future__ import annotations

import dataclasses
import sys
from collections.abc import Callable
from functools import cache
from pathlib import Path

import factsbuilder as fb
import pytest

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib

from goenv_lsp.engine import Evaluation
from goenv_lsp.facts import Facts, PathInfo, Status
from goenv_lsp.probe.fake import FakeSystem
from goenv_lsp.rules import Rule, all_rules
from goenv_lsp.rules.registry import SOURCE_INPUTS, Input, Scope, present
from goenv_lsp.semantics.modules import scopes

sys.path.insert(0, str(Path(__file__).resolve().parent / "goldens"))
import golden

SILENT_WITHOUT = [r for r in all_rules() if r.only_with]

# how the facts look without each input of SOURCE_INPUTS
REMOVE: dict[str, Callable[[Facts], dict[str, object]]] = {
    Input.EDITOR_SETTINGS.value: lambda facts: {"user_settings": None},
    Input.GO_GENERATE.value: lambda facts: {"go_generate": None if facts.go_generate is None else ()},
    Input.GOPLS.value: lambda facts: {"gopls": None if facts.gopls is None else
                                      tuple(g for g in facts.gopls if g.status is Status.MISSING)},
    Input.LOGIN_SHELL.value: lambda facts: {"login_env": None},
    Input.CGO_FILES.value: lambda facts: {"cgo_files": None if facts.cgo_files is None else ()},
}


def built() -> list[Facts]:
    """The factsbuilder's healthy machine, and with workspace editor settings naming another Go."""
    root = f"{fb.HOME}/sdk/go1.22.10"
    healthy = fb.healthy()
    other = fb.go_binary("1.22.10", root=root, path_index=None, origins=("go.goroot",))
    vscode = dataclasses.replace(fb.settings(go_goroot=root), path=f"{fb.ROOT}/.vscode/settings.json")
    editor = fb.healthy(vscode=vscode, go_binaries=(*healthy.go_binaries, other),
                        paths={**(healthy.path_info or {}), root: PathInfo("dir", True, "go1.22.10", root)})
    return [healthy, editor, dataclasses.replace(editor, user_settings={"go.goroot": root})]


@cache
def every_facts() -> tuple[tuple[str, Facts], ...]:
    bases = []
    for base in sorted(golden.MACHINES.glob("*.toml")):
        data = tomllib.loads(base.read_text(encoding="utf-8"))
        if data.get("os") == "windows":
            data.setdefault("root", "C:\\src\\app")  # where the Windows cases put their workspace
        bases.append((f"machines/{base.stem}", golden.machine_facts(data, FakeSystem.from_data(data))))
    cases = [(f"{c.parent.name}/{c.name}", golden.case_facts(c)) for c in golden.cases()]
    return (*cases, *bases, *((f"factsbuilder#{i}", f) for i, f in enumerate(built())))


@cache
def without(index: int, sources: frozenset[str], forget_kinds: bool) -> Facts:
    """Facts number ``index`` with no file of the kinds in ``sources`` and none of its inputs there; with
    ``forget_kinds`` the kinds were not even looked for (unknown rather than absent)."""
    facts = every_facts()[index][1]
    changes: dict[str, object] = {"files": {p: f for p, f in (facts.files or {}).items() if f.kind not in sources}}
    if forget_kinds and facts.kinds is not None:
        changes["kinds"] = tuple(k for k in facts.kinds if k not in sources)
    for source in sources & set(REMOVE):
        changes.update(REMOVE[source](facts))
    return dataclasses.replace(facts, **changes)


def reports(rule: Rule, facts: Facts) -> list[str]:
    """Every message of the rule's real check, run on each target the engine would give it."""
    if rule.scope is Scope.MACHINE:
        targets: list[object] = [None]
    elif rule.scope is Scope.MODULE:
        targets = list(scopes(facts)) or [None]
    else:
        targets = [f for f in (facts.files or {}).values() if f.kind in rule.needs]
    return [r.message for target in targets for r in rule.run(facts, target)]


def test_every_source_input_has_its_removal() -> None:
    assert set(REMOVE) == set(SOURCE_INPUTS)


@pytest.mark.parametrize("rule", SILENT_WITHOUT, ids=[r.code for r in SILENT_WITHOUT])
def test_silent_without_its_sources(rule: Rule) -> None:
    spoke = []
    for index, (name, facts) in enumerate(every_facts()):
        if any(present(facts, s) for s in rule.only_with) and reports(rule, facts):
            spoke.append(name)
        for forget in (False, True):
            stripped = without(index, rule.only_with, forget)
            assert not any(present(stripped, s) for s in rule.only_with)
            said = reports(rule, stripped)
            assert not said, (f"{rule.code} has only_with={sorted(rule.only_with)} but reports without them on "
                              f"{name}: {said[0]}")
    assert spoke, f"{rule.code}: no facts here where it reports with its sources (a vacuous proof)"


def test_the_engine_skips_what_cannot_speak() -> None:
    """A healthy machine without gopls, with no Dockerfile, workflow, editor or shell files: none of these rules
    runs; each of them does once its sources are there."""
    facts = fb.healthy(gopls=())
    evaluation = Evaluation(rules=SILENT_WITHOUT)
    assert evaluation.run(facts) == []
    assert evaluation.runs == 0
    machine = [r for r in evaluation.rules if r.scope is Scope.MACHINE]  # one run each, when it runs
    for name, with_sources in every_facts():
        fresh = Evaluation(rules=machine)
        fresh.run(with_sources)
        assert fresh.runs == sum(r.can_speak(with_sources) for r in machine), name


def test_a_skipped_rule_runs_once_its_source_appears_and_its_findings_go_with_it() -> None:
    """The language server's incremental evaluation: a Dockerfile added, then deleted."""
    index, with_dockerfile = next((i, f) for i, (name, f) in enumerate(every_facts())
                                  if name == "GE810/proxy-after-download")
    dockerless = without(index, frozenset({"dockerfile"}), False)
    evaluation = Evaluation(rules=[r for r in all_rules() if r.code == "GE810"])
    assert evaluation.run(dockerless) == [] and evaluation.runs == 0
    found = evaluation.run(with_dockerfile)
    assert found and {f.code for f in found} == {"GE810"}
    assert evaluation.run(dockerless) == [] and evaluation.runs == 0
