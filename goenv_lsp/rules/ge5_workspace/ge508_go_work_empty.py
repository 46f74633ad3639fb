from __future__ import annotations

from collections.abc import Iterator

from goenv_lsp.facts import Facts, Status
from goenv_lsp.model import Applicability, Fix, Location, Severity, TextEdit
from goenv_lsp.rules._shared.inputs import TOOLCHAIN_INPUTS
from goenv_lsp.rules.registry import ALL_CONTEXTS, FixAvailability, Report, Scope, rule
from goenv_lsp.semantics.modules import ModuleScope
from goenv_lsp.semantics.workspace import add_uses, use_path

DOCS = """
## What it checks
A go.work in use that has no `use` line (what `go work init` writes when run without directories).

## Why it matters
A workspace without modules builds nothing: `go build` and `go list` in its directory say
`go: no modules were found in the current workspace; see 'go help work'`, and in a module below it
`directory prefix . does not contain modules listed in go.work or their selected dependencies`. gopls
loads no packages.

## How to fix
Add the modules: `go work use -r .` adds every module below the go.work (the fix inserts a `use` line for
each module goenv-lsp found). If you did not mean to use a workspace, delete go.work.

## Example
`go work init` in a repository root, without `go work use` after it.
"""


@rule(code="GE508", name="go-work-empty", severity=Severity.WARNING,
      contexts=ALL_CONTEXTS,
      only_with=("go.work",),
      summary="a go.work lists no module", docs=DOCS,
      fix=FixAvailability.SOMETIMES, fix_title="Add `use` lines for the modules below go.work", scope=Scope.MODULE,
      needs=TOOLCHAIN_INPUTS, tags=("workspace",))
def check(facts: Facts, scope: ModuleScope | None) -> Iterator[Report]:
    if scope is None or scope.file.kind != "go.work" or scope.file.status is not Status.OK or scope.file.uses:
        return
    work = scope.file
    entries = sorted(use_path(facts, work, m.dir) for m in scope.modules)
    fixes = ()
    if entries:
        where, text = add_uses(work, entries)
        fixes = (Fix(f"Add {', '.join(f'`use {e}`' for e in entries)} to go.work", Applicability.UNSAFE,
                     edits=(TextEdit(work.path, where, text),)),)
    below = f" ({len(entries)} module{'s' if len(entries) != 1 else ''} below it)" if entries else ""
    location = Location(work.path, work.go.range) if work.go else Location(work.path)
    yield Report(f"{work.path} lists no module{below}: go build and gopls find no packages "
                 "(`go: no modules were found in the current workspace; see 'go help work'`)", location, fixes)
