"""Every fix a golden case offers, applied on that case's machine as the editor or the user would (the edits
written into the files, the `go env -w/-u` command run), clears the finding it was offered for. `go install`
fixes need the network and are left out here; the LSP tests run them against a module proxy."""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

import pytest
from fixhelp import apply_edits

sys.path.insert(0, str(Path(__file__).resolve().parent / "goldens"))
import golden

from goenv_lsp.engine import evaluate
from goenv_lsp.facts import Status
from goenv_lsp.model import CommandKind, Finding, Fix
from goenv_lsp.probe.fake import FakeSystem
from goenv_lsp.rules import by_code


def offered() -> list[tuple[str, int, int]]:
    """(case, finding index, fix index) for every fix the machine cases offer."""
    found = []
    for case in golden.cases():
        if (case / "case.toml").is_file():
            rule = by_code(case.parent.name)
            for i, finding in enumerate(evaluate(golden.case_facts(case), rules=[rule])):
                found += [(f"{case.parent.name}/{case.name}", i, j) for j, fix in enumerate(finding.fixes)
                          if fix.command is None or fix.command.kind is CommandKind.GO_ENV_WRITE]
    return found


def apply(fix: Fix, system: FakeSystem) -> None:
    by_path: dict[str, list] = {}
    for edit in fix.edits:
        by_path.setdefault(edit.path, []).append((edit.range, edit.new_text))
    for path, edits in by_path.items():
        found = system.read(path)
        assert found.status in (Status.OK, Status.MISSING), path
        system.add_file(path, apply_edits(found.data.decode("utf-8"), edits))
    if fix.command is not None:
        command = fix.command
        result = asyncio.run(system.run(command.argv, command.cwd, extra_env=dict(command.env or {}),
                                        user_command=True))
        assert (result.status, result.stderr) == (Status.OK, ""), f"`{' '.join(command.argv)}` fails"


def same(a: Finding, b: Finding) -> bool:
    return (a.code, a.location.path, a.module) == (b.code, b.location.path, b.module)


def cleared(finding: Finding, before: list[Finding], after: list[Finding]) -> bool:
    """Gone: fewer findings of its rule on its file and module than before (a file can hold several, each with
    its own fix; lines may move), and none saying what it said."""
    still = [f for f in after if same(finding, f)]
    return len(still) < sum(same(finding, f) for f in before) and all(f.message != finding.message for f in still)


@pytest.mark.parametrize(("case", "finding_index", "fix_index"), offered(), ids=str)
def test_applying_the_fix_clears_the_finding(case: str, finding_index: int, fix_index: int) -> None:
    directory = golden.GOLDENS / case
    rule = by_code(directory.parent.name)
    data = golden.machine_data(directory)
    system = FakeSystem.from_data(data)
    before = evaluate(golden.machine_facts(data, system), rules=[rule])
    finding = before[finding_index]
    fix = finding.fixes[fix_index]
    apply(fix, system)
    after = evaluate(golden.machine_facts(data, system), rules=[rule])
    assert cleared(finding, before, after), f"{fix.title!r} leaves {finding.message!r}"
