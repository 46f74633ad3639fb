from __future__ import annotations

from collections.abc import Iterator

from goenv_lsp.facts import Facts, Status
from goenv_lsp.model import Location, Related, Severity
from goenv_lsp.rules._shared.inputs import TOOLCHAIN_INPUTS
from goenv_lsp.rules.ge5_workspace._scoped import per_scope
from goenv_lsp.rules.ge5_workspace._vendor_fix import sync_vendor_fix
from goenv_lsp.rules.registry import ALL_CONTEXTS, FixAvailability, Report, rule
from goenv_lsp.semantics.modules import ModuleScope
from goenv_lsp.semantics.vendor import BuildMode, build_mode, disagreements

DOCS = """
## What it checks
In a module (or, since Go 1.22, a workspace) that builds from its vendor/ directory, every line where
vendor/modules.txt disagrees with go.mod, as the go command checks it (`checkVendorConsistency`): a `require`
not marked `## explicit` there (or vendored at another version), a module marked `## explicit` that go.mod no
longer requires, a `replace` missing from modules.txt or recorded with another replacement, and a recorded
replacement go.mod no longer has. The go command builds from vendor/ when you ask for it (`-mod=vendor` in
GOFLAGS) and by itself when vendor/ exists and the go line is at least 1.14. The diagnostic sits on the go.mod
line, or the modules.txt line, that disagrees.

## Why it matters
`go build`, `go test`, `go run` and gopls stop at once with
`go: inconsistent vendoring in /path/to/module:` and one line per disagreement, e.g.
`example.com/dep@v1.2.0: is explicitly required in go.mod, but not marked as explicit in vendor/modules.txt`.
It happens whenever go.mod changes (`go get`, a merge, a hand edit) without `go mod vendor` after it, and with
a vendor/ directory that is empty or was only partly committed.

## How to fix
Run `go mod vendor` in the module (`go work vendor` in the directory of go.work). It rewrites vendor/ from
go.mod and the module cache (downloading what is missing), so commit the result; local edits to vendored code
are lost. If you do not want to vendor at all, delete vendor/ instead. `-mod=mod` or `-mod=readonly` hides
the problem for one command only.

## Example
go.mod requires `example.com/dep v1.2.0`, vendor/modules.txt still says `# example.com/dep v1.1.0`.
"""


@rule(code="GE501", name="vendor-inconsistent", severity=Severity.ERROR,
      contexts=ALL_CONTEXTS,
      only_with=("vendor/modules.txt",),  # no vendor/ at all: GE502's case
      summary="vendor/modules.txt disagrees with go.mod while go builds from vendor/", docs=DOCS,
      fix=FixAvailability.ALWAYS, fix_title="Run `go mod vendor` (or `go work vendor`)",
      needs=(*TOOLCHAIN_INPUTS, "vendor/modules.txt"), tags=("vendor",))
@per_scope
def check(facts: Facts, scope: ModuleScope) -> Iterator[Report]:
    mode = build_mode(facts, scope)
    if mode is None or mode.mode != "vendor" or mode.vendor is None or mode.rejected:
        return  # no vendor/ at all with -mod=vendor: GE502; a -mod the workspace rejects: GE503
    found = disagreements(facts, scope, mode)
    if not found:
        return
    fixes = (sync_vendor_fix(facts, mode),)
    why = mode.reason
    for disagreement in found:
        yield Report(f"{disagreement.detail}: go build, go test and gopls fail with `go: inconsistent vendoring "
                     f"in {mode.vendor_dir}` ({why})", disagreement.location, fixes,
                     _related(disagreement.location, mode))


def _related(where: Location, mode: BuildMode) -> tuple[Related, ...]:
    txt = mode.vendor.path if mode.vendor and mode.vendor.status is Status.OK else None
    if txt is None or where.path == txt:
        return ()
    sub = "work" if mode.workspace else "mod"
    return (Related(Location(txt), f"vendor/modules.txt, written by the last `go {sub} vendor`"),)
