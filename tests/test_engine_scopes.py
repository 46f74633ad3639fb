"""Which rules run again for which scopes after one change in a monorepo (``Evaluation``): an edit of one go.mod
re-runs the rules that read the module cache facts (GE130, GE131) for that go.mod's scope alone; a change of the
module cache facts as a whole, or of the environment, re-runs them for every scope. Counted, not timed; after
each change the findings equal those of a fresh evaluation."""

from __future__ import annotations

import asyncio
import dataclasses
from collections import Counter

import pytest

from goenv_lsp.engine import Evaluation, evaluate
from goenv_lsp.facts import Facts
from goenv_lsp.frozen import FrozenMap
from goenv_lsp.probe import ProbeOptions
from goenv_lsp.probe.collect import FileCache, collect_with_tree, reread
from goenv_lsp.probe.discover import Discovered
from goenv_lsp.probe.fake import FakeSystem
from goenv_lsp.semantics.modules import ModuleScope

CACHE = "/home/dev/go/pkg/mod/cache/download"
ROOT = "/work/mono"
MODULES = 6
MACHINE = """
os = "linux"
[env]
HOME = "/home/dev"
PATH = "/usr/local/go/bin:/usr/bin"
[[go]]
root = "/usr/local/go"
version = "1.22.10"
"""
CACHE_RULES = ("GE130", "GE131")  # the MODULE rules that read Input.MODULE_CACHE


def go_mod(n: int, go: str = "1.22", dep: str = "v1.0.0") -> str:
    return f"module example.com/svc{n}\n\ngo {go}\n\nrequire example.com/dep {dep}\n"


def path(n: int) -> str:
    return f"{ROOT}/svc{n}/go.mod"


def monorepo() -> tuple[FakeSystem, Facts, FileCache, Discovered]:
    """Six modules requiring example.com/dep; v1.0.0 is cached and wants go 1.23 (GE130 in every module),
    v1.1.0 is cached and fits."""
    system = FakeSystem.from_fixture(MACHINE)
    for n in range(MODULES):
        system.add_file(path(n), go_mod(n))
    system.add_file(f"{CACHE}/example.com/dep/@v/v1.0.0.mod", "module example.com/dep\n\ngo 1.23\n")
    system.add_file(f"{CACHE}/example.com/dep/@v/v1.1.0.mod", "module example.com/dep\n\ngo 1.21\n")
    files = FileCache()
    facts, tree = asyncio.run(collect_with_tree(ROOT, ProbeOptions(), system, cache=files))
    return system, facts, files, tree


class Counting(Evaluation):
    """Records the (rule, scope) of every check the last ``run`` made."""

    def __init__(self) -> None:
        super().__init__()
        self.checked: Counter[tuple[str, str | None]] = Counter()

    def run(self, facts: Facts):
        self.checked.clear()
        return super().run(facts)

    def _check(self, rule, facts, target):
        self.checked[rule.code, target.path if isinstance(target, ModuleScope) else None] += 1
        return super()._check(rule, facts, target)

    def scopes_of(self, code: str) -> set[str | None]:
        return {scope for (c, scope), _ in self.checked.items() if c == code}


def edited(system: FakeSystem, facts: Facts, files: FileCache, tree: Discovered, n: int, text: str) -> Facts:
    """The language server's hot path for an edit of svc<n>/go.mod: its unsaved text, read again."""
    return reread(facts, path(n), ProbeOptions(overrides={path(n): text.encode()}), system, files, tree)


def test_every_scope_has_a_finding_to_keep() -> None:
    _, facts, _, _ = monorepo()
    assert len(facts.module_cache) == MODULES
    assert sorted(f.location.path for f in evaluate(facts) if f.code == "GE130") == sorted(map(path, range(MODULES)))


@pytest.mark.parametrize("text", [go_mod(3, dep="v1.1.0"), go_mod(3, go="1.23"), "// a line above\n" + go_mod(3)])
def test_an_edit_of_one_go_mod_re_runs_the_module_cache_rules_for_its_scope_alone(text: str) -> None:
    system, facts, files, tree = monorepo()
    evaluation = Counting()
    evaluation.run(facts)
    assert all(evaluation.scopes_of(code) == set(map(path, range(MODULES))) for code in CACHE_RULES)
    after = edited(system, facts, files, tree, 3, text)
    assert after.module_cache[path(3)] != facts.module_cache[path(3)]  # the edit changed its cache entry
    findings = evaluation.run(after)
    for code in CACHE_RULES:
        assert evaluation.scopes_of(code) == {path(3)}, code
    assert all(count == 1 for count in evaluation.checked.values())
    assert findings == evaluate(after)


def test_the_edit_that_fixes_one_module_removes_its_finding_only() -> None:
    system, facts, files, tree = monorepo()
    evaluation = Evaluation()
    evaluation.run(facts)
    findings = evaluation.run(edited(system, facts, files, tree, 3, go_mod(3, dep="v1.1.0")))
    assert sorted(f.location.path for f in findings if f.code == "GE130") == \
        sorted(path(n) for n in range(MODULES) if n != 3)


def test_entries_of_several_go_mods_changed_re_run_those_scopes() -> None:
    _, facts, _, _ = monorepo()
    evaluation = Counting()
    evaluation.run(facts)
    cache = dict(facts.module_cache)
    for n in (1, 4):  # e.g. the probe found the dependency's source in the cache meanwhile
        cache[path(n)] = dataclasses.replace(cache[path(n)], vendor=True)
    after = dataclasses.replace(facts, module_cache=FrozenMap(cache))
    findings = evaluation.run(after)
    for code in CACHE_RULES:
        assert evaluation.scopes_of(code) == {path(1), path(4)}, code
    assert findings == evaluate(after)


@pytest.mark.parametrize("change", ["module cache unknown", "module cache known again", "environment"])
def test_a_change_of_the_module_cache_as_a_whole_or_of_the_environment_re_runs_every_scope(change: str) -> None:
    _, facts, _, _ = monorepo()
    evaluation = Counting()
    if change == "module cache known again":
        evaluation.run(dataclasses.replace(facts, module_cache=None))
        after = facts
    else:
        evaluation.run(facts)
        after = dataclasses.replace(facts, module_cache=None) if change == "module cache unknown" else \
            dataclasses.replace(facts, env=FrozenMap({**facts.env, "GOFLAGS": "-mod=mod"}))
    findings = evaluation.run(after)
    for code in CACHE_RULES:
        assert evaluation.scopes_of(code) == set(map(path, range(MODULES))), code
    assert findings == evaluate(after)
