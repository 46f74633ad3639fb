from __future__ import annotations

from collections.abc import Iterator

from goenv_lsp.facts import Facts, Status
from goenv_lsp.model import Location, Severity
from goenv_lsp.rules._shared.inputs import TOOLCHAIN_INPUTS
from goenv_lsp.rules.ge5_workspace._scoped import per_scope
from goenv_lsp.rules.registry import ALL_CONTEXTS, Report, rule
from goenv_lsp.semantics import version as gover
from goenv_lsp.semantics.modules import ModuleScope
from goenv_lsp.semantics.selection import toolchain_decision
from goenv_lsp.semantics.vendor import build_mode

DOCS = """
## What it checks
In a module (or workspace) that builds from vendor/, a vendored module whose `## go 1.N` annotation in
vendor/modules.txt is newer than the Go that runs. Not reported when the go line of go.mod / go.work is
newer still: the go command stops at that line first (GE110).

## Why it matters
The go command reads vendor/modules.txt before anything else and stops at the first such module:
`go: example.com/dep in vendor/modules.txt requires go >= 1.30 (running go 1.27.3; GOTOOLCHAIN=local)`.
It does not switch toolchains for it, even with `GOTOOLCHAIN=auto` (checked with go 1.21 and 1.27).
It happens when vendor/ was written with a newer Go and a dependency upgrade, then built with an older Go
(an older CI image, a colleague's machine).

## How to fix
Build with a Go at least that new (install it, or raise the module's `go` line so that `GOTOOLCHAIN=auto`
selects it), or go back to a version of the dependency that supports your Go and run `go mod vendor` again.

## Example
vendor/modules.txt has `# golang.org/x/net v0.40.0` / `## explicit; go 1.23.0`, and the build uses Go 1.22.
"""


@rule(code="GE511", name="vendored-go-too-new", severity=Severity.ERROR,
      contexts=ALL_CONTEXTS,
      only_with=("vendor/modules.txt",),
      summary="a vendored module needs a newer Go than the one that builds", docs=DOCS,
      needs=(*TOOLCHAIN_INPUTS, "vendor/modules.txt"), tags=("vendor", "toolchain"))
@per_scope
def check(facts: Facts, scope: ModuleScope) -> Iterator[Report]:
    mode = build_mode(facts, scope)
    if mode is None or mode.mode != "vendor" or mode.rejected or mode.vendor is None \
            or mode.vendor.status is not Status.OK:
        return
    if scope.file.go is not None and gover.compare(scope.file.go.value, mode.go) > 0:
        return  # go stops at the go line first (GE110)
    decision = toolchain_decision(facts, scope.file)
    setting = decision.setting.value if decision else ""
    shown = f"; GOTOOLCHAIN={setting}" if setting and setting != "auto" else ""
    for module in mode.vendor.modules:
        if not module.go or not gover.is_valid(module.go) or gover.compare(module.go, mode.go) <= 0:
            continue
        says = f"go: {module.path} in vendor/modules.txt requires go >= {module.go} (running go {mode.go}{shown})"
        yield Report(f"{module.path} {module.version} was vendored from a release that needs go {module.go}: "
                     f"go build, go test and gopls stop with `{says}`", Location(mode.vendor.path, module.range))
