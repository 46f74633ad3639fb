"""Rules of this family read more than their scope's governing file: the go.mod of every module a go.work
uses (requires, go lines, whether it exists), vendor/modules.txt. The engine re-runs a MODULE rule for a
scope only when that file or the scope's module list changed, so these rules are MACHINE rules that walk the
scopes themselves (every change to a go.mod, go.work or modules.txt re-runs them)."""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Callable, Iterable, Iterator

from goenv_lsp.facts import Facts
from goenv_lsp.rules.registry import Report
from goenv_lsp.semantics.modules import ModuleScope, scopes

ScopeCheck = Callable[[Facts, ModuleScope], Iterable[Report]]


def per_scope(check: ScopeCheck) -> Callable[[Facts], Iterator[Report]]:
    """``check`` run for every scope of the workspace, each report marked with the scope's go.mod / go.work."""

    def run(facts: Facts) -> Iterator[Report]:
        for scope in scopes(facts):
            for report in check(facts, scope):
                yield dataclasses.replace(report, module=report.module or scope.path)

    return functools.update_wrapper(run, check)  # its module stays the rule's (the registry checks it)
