"""The incremental engine gives what a fresh evaluation gives: for facts A then B, ``Evaluation.run(B)`` after
``run(A)`` equals ``evaluate(B)`` — for every rule, over the golden cases' machines (each case followed by
every other case of the same rule, and the whole list in order). A rule whose ``needs`` miss an input it
reads, directly or through a shared helper or the anchoring policy, keeps a stale finding and fails here."""

from __future__ import annotations

import dataclasses
import functools
import itertools
import sys
from pathlib import Path

import factsbuilder as fb
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent / "goldens"))
import golden

from goenv_lsp.engine import Evaluation, evaluate
from goenv_lsp.facts import Discovery, Facts, Spanned
from goenv_lsp.files.go_mod import ModFileFacts
from goenv_lsp.frozen import FrozenMap
from goenv_lsp.model import Range
from goenv_lsp.semantics.modules import modules_of

CASES = golden.cases()


@functools.cache
def facts_of(case: Path) -> Facts:
    return golden.case_facts(case)


def pairs() -> list[tuple[Path, Path]]:
    found = [(a, b) for a in CASES for b in CASES if a != b and a.parent == b.parent]
    found += list(itertools.pairwise(CASES))
    return found


@pytest.mark.parametrize(("before", "after"), pairs(),
                         ids=lambda p: f"{p.parent.name}/{p.name}")
def test_incremental_equals_fresh(before: Path, after: Path) -> None:
    evaluation = Evaluation()
    evaluation.run(facts_of(before))
    assert evaluation.run(facts_of(after)) == evaluate(facts_of(after))


# -- one input changed at a time ---------------------------------------------------------------------------
def _with_modules(facts: Facts) -> Facts:
    return dataclasses.replace(facts, modules=modules_of(facts))


def _shifted(spanned: Spanned | None) -> Spanned | None:
    if spanned is None:
        return None
    r = spanned.range
    return Spanned(spanned.value, Range.of(r.start.line + 3, r.start.character, r.end.character))


def mutations(facts: Facts) -> list[tuple[str, Facts]]:
    found = []
    for path, file in (facts.files or {}).items():
        found.append((f"without {file.kind} {path}", _with_modules(facts.with_files({path: None}))))
        if isinstance(file, ModFileFacts):
            moved = dataclasses.replace(file, module=_shifted(file.module), go=_shifted(file.go))
            found.append((f"lines of {path} moved", facts.with_files({path: moved})))
    discovery = facts.discovery or Discovery()
    flipped = Discovery(discovery.directories, None if discovery.truncated else "found 2 modules (max-modules)")
    found.append(("discovery capped or not", dataclasses.replace(facts, discovery=flipped)))
    for file in facts.files_of("goenv") or ():  # `go env -w GOTOOLCHAIN=…` in a terminal
        for value in ("auto", "local"):
            found.append((f"GOENV file GOTOOLCHAIN={value}",
                          facts.with_files({file.path: fb.env_file(path=file.path, GOTOOLCHAIN=value)})))
    for name, value in (("GOTOOLCHAIN", "auto"), ("GOTOOLCHAIN", "local"), ("GOPATH", "~/go"), ("GOROOT", "/x")):
        env = dict(facts.env or {})
        if env.get(name) != value:
            env[name] = value
            found.append((f"{name}={value}", dataclasses.replace(facts, env=FrozenMap(env))))
    return found


def starts() -> list[tuple[str, Facts]]:
    old_gopls = fb.healthy(go_binaries=(fb.go_binary("1.21.0"),), gopls=(fb.gopls(built_with="go1.19.5"),),
                           user_env_file=fb.env_file(path=f"{fb.HOME}/.config/go/env", GOTOOLCHAIN="local"))
    return [(f"{c.parent.name}/{c.name}", facts_of(c)) for c in CASES] + [
        ("healthy", fb.healthy()), ("no go", fb.healthy(go_binaries=())), ("old gopls, go 1.21.0", old_gopls)]


@pytest.mark.parametrize("start", [name for name, _ in starts()])
def test_incremental_equals_fresh_after_one_change(start: str) -> None:
    facts = dict(starts())[start]
    for change, changed in mutations(facts):
        evaluation = Evaluation()
        evaluation.run(facts)
        assert evaluation.run(changed) == evaluate(changed), change
