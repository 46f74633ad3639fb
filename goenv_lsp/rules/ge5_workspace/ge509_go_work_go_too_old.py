from __future__ import annotations

from collections.abc import Iterator

from goenv_lsp.facts import Facts, Status
from goenv_lsp.model import Applicability, Fix, Location, Range, Related, Severity, TextEdit
from goenv_lsp.rules._shared.inputs import TOOLCHAIN_INPUTS
from goenv_lsp.rules.ge5_workspace._scoped import per_scope
from goenv_lsp.rules.registry import ALL_CONTEXTS, FixAvailability, Report, rule
from goenv_lsp.semantics import version as gover
from goenv_lsp.semantics.modules import ModuleScope
from goenv_lsp.semantics.vendor import go_in_use
from goenv_lsp.semantics.workspace import GO_STRICT, mod_go, short_path, uses, work_go

DOCS = """
## What it checks
A go.work whose `go` line (1.18 when it has none) is older than the `go` line of a module it uses, when that
line is 1.21 or later — the go command (1.21 and later) refuses such a workspace.

## Why it matters
Every build, test and gopls load in the workspace stops with
`go: module ./a listed in go.work file requires go >= 1.23.0, but go.work lists go 1.22; to update it:`
`go work use` (Go 1.24 says `implicitly requires go 1.18` for a go.work without a go line; Go 1.27 ends with
`to download and use go 1.23.0`). It appears after `go get` or a hand edit raised one module's go line.

## How to fix
Run `go work use` in the go.work's directory: it raises the go.work's `go` line to the newest of its modules
(the fix edits the line to that version).

## Example
go.work says `go 1.22`, `./a/go.mod` says `go 1.23.0`.
"""


@rule(code="GE509", name="go-work-go-too-old", severity=Severity.ERROR,
      contexts=ALL_CONTEXTS,
      only_with=("go.work",),
      summary="the go.work `go` line is older than a module's it uses", docs=DOCS,
      fix=FixAvailability.ALWAYS, fix_title="Raise the go.work go line to the newest module's",
      needs=TOOLCHAIN_INPUTS, tags=("workspace",))
@per_scope
def check(facts: Facts, scope: ModuleScope) -> Iterator[Report]:
    if scope.file.kind != "go.work" or scope.file.status is not Status.OK:
        return
    work = scope.file
    go = go_in_use(facts, work)
    if not go or gover.compare(go, GO_STRICT) < 0:
        return  # before Go 1.21 the go lines were advisory
    wv = work_go(work)
    newer = [(u, mod_go(u.go_mod)) for u in uses(facts, work) if u.go_mod is not None
             and u.go_mod.status is Status.OK and gover.compare(mod_go(u.go_mod), wv) > 0
             and gover.compare(mod_go(u.go_mod), GO_STRICT) >= 0]
    if not newer:
        return
    highest = max((v for _, v in newer), key=gover.sort_key)
    verb = "implicitly requires" if work.go is None and gover.compare(go, "1.24") >= 0 else "lists"
    first, first_go = newer[0]
    here = facts.paths.dirname(work.path)
    says = (f"go: module {short_path(facts, first.directory, here)} listed in go.work file requires go >= "
            f"{first_go}, but go.work {verb} go {wv}")
    more = "".join(f"; {u.entry.value} requires go >= {v}" for u, v in newer[1:])
    if work.go is not None:
        location = Location(work.path, work.go.range)
        edit = TextEdit(work.path, work.go.range, highest)
    else:
        location = Location(work.path)
        edit = TextEdit(work.path, Range.of(0, 0), f"go {highest}\n\n")
    related = tuple(Related(Location(u.go_mod.path, u.go_mod.go.range), f"{u.entry.value} needs go {v}")
                    for u, v in newer if u.go_mod is not None and u.go_mod.go is not None)
    yield Report(f"every go command in the workspace fails (in {here}: `{says}`{more})", location,
                 (Fix(f"Set the go.work go line to {highest} (what `go work use` does)", Applicability.SAFE,
                      edits=(edit,)),), related)
