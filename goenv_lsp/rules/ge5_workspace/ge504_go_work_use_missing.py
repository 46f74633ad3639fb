from __future__ import annotations

from collections.abc import Iterator

from goenv_lsp.facts import Facts, Status
from goenv_lsp.model import Applicability, Fix, Location, Severity, TextEdit
from goenv_lsp.rules._shared.inputs import TOOLCHAIN_INPUTS
from goenv_lsp.rules.ge5_workspace._scoped import per_scope
from goenv_lsp.rules.registry import ALL_CONTEXTS, FixAvailability, Report, rule
from goenv_lsp.semantics.modules import ModuleScope
from goenv_lsp.semantics.workspace import go_mod_known, short_path, uses, whole_line

DOCS = """
## What it checks
Each `use` line of the go.work in use whose directory holds no go.mod: the directory is missing (a module
not cloned, renamed or deleted) or is not a module. The diagnostic sits on the `use` line.

## Why it matters
The go command loads every module a go.work lists before anything else, so one bad `use` stops every
`go build`, `go test`, `go list` and gopls load in every module of the workspace:
`go: cannot load module ../missing listed in go.work file: open ../missing/go.mod: no such file or directory`.

## How to fix
Remove the `use` line (`go work edit -dropuse=./missing`), or put the module back at that path (clone it,
or run `go mod init` there if it should be a module).

## Example
go.work has `use ./tools`, and `tools/` was deleted.
"""


@rule(code="GE504", name="go-work-use-missing", severity=Severity.ERROR,
      contexts=ALL_CONTEXTS,
      only_with=("go.work",),
      summary="a go.work `use` names a directory without go.mod", docs=DOCS,
      fix=FixAvailability.ALWAYS, fix_title="Remove the `use` line",
      needs=(*TOOLCHAIN_INPUTS,), tags=("workspace",))
@per_scope
def check(facts: Facts, scope: ModuleScope) -> Iterator[Report]:
    if scope.file.kind != "go.work" or scope.file.status is not Status.OK or not go_mod_known(facts):
        return
    work = scope.file
    for use in uses(facts, work):
        if use.go_mod is not None:
            continue
        shown, here = use.entry.value, facts.paths.dirname(work.path)
        go_says = (f"go: cannot load module {short_path(facts, use.directory, here)} listed in go.work file: open "
                   f"{short_path(facts, facts.paths.join(use.directory, 'go.mod'), here)}: no such file or directory")
        fix = Fix(f"Remove `use {shown}` from go.work", Applicability.UNSAFE,
                  edits=(TextEdit(work.path, whole_line(use.entry), ""),))
        yield Report(f"go.work uses {shown}, but {use.directory} holds no go.mod (missing, or not a module): every "
                     f"go command in the workspace fails (in {here}: `{go_says}`)",
                     Location(work.path, use.entry.range), (fix,))
