from __future__ import annotations

from collections.abc import Iterator

from goenv_lsp.facts import Facts, Status
from goenv_lsp.files.go_mod import mod_file
from goenv_lsp.model import Applicability, Fix, Location, Related, Severity, TextEdit
from goenv_lsp.rules._shared.anchors import file_anchor
from goenv_lsp.rules._shared.inputs import TOOLCHAIN_INPUTS
from goenv_lsp.rules.ge5_workspace._scoped import per_scope
from goenv_lsp.rules.registry import ALL_CONTEXTS, FixAvailability, Report, rule
from goenv_lsp.semantics.modules import ModuleScope
from goenv_lsp.semantics.workspace import add_uses, use_path, uses

GO_SAYS = ("current directory is contained in a module that is not one of the workspace modules listed in "
           "go.work. You can add the module to the workspace using: go work use .")

DOCS = """
## What it checks
A module of the workspace (a go.mod found below the go.work, or governed by the go.work GOWORK names) that
the go.work's `use` lines do not list. The diagnostic sits on the module's go.mod. A go.work without any
`use` line is GE508's.

## Why it matters
Inside that module the go command is still in workspace mode, but the module is not part of the workspace:
`go build` says `directory prefix . does not contain modules listed in go.work or their selected
dependencies`, `go list` says `current directory is contained in a module that is not one of the workspace
modules listed in go.work. You can add the module to the workspace using: go work use .`, and gopls reports
the module's files as not included in the workspace.

## How to fix
Add it: `go work use ./path/to/module` (the fix inserts that `use` line). If it should stay out of the
workspace, build it with `GOWORK=off`.

## Example
go.work has `use ./api` only, and you open `./worker`, which has its own go.mod.
"""


@rule(code="GE507", name="module-not-in-workspace", severity=Severity.WARNING,
      contexts=ALL_CONTEXTS,
      only_with=("go.work",),
      summary="a module under a go.work is not among its `use` entries", docs=DOCS,
      fix=FixAvailability.ALWAYS, fix_title="Add a `use` line for the module to go.work",
      needs=TOOLCHAIN_INPUTS, tags=("workspace",))
@per_scope
def check(facts: Facts, scope: ModuleScope) -> Iterator[Report]:
    if scope.file.kind != "go.work" or scope.file.status is not Status.OK or not scope.file.uses:
        return
    work, paths = scope.file, facts.paths
    used = {paths.key(u.directory) for u in uses(facts, work)}
    for module in scope.modules:
        go_mod = mod_file(facts, module.go_mod)
        if paths.key(module.dir) in used or go_mod is None:
            continue
        entry = use_path(facts, work, module.dir)
        where, text = add_uses(work, [entry])
        fix = Fix(f"Add `use {entry}` to go.work", Applicability.UNSAFE, edits=(TextEdit(work.path, where, text),))
        yield Report(f"{module.dir} is not in the workspace of {work.path}: go commands run in it fail "
                     f"(`{GO_SAYS}`), and gopls leaves its files out", file_anchor(go_mod), (fix,),
                     (Related(Location(work.path), "the go.work that does not list it"),))
