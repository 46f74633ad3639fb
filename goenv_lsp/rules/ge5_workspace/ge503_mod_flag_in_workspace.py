from __future__ import annotations

from collections.abc import Iterator

from goenv_lsp.facts import Facts
from goenv_lsp.model import Severity
from goenv_lsp.rules._shared.inputs import TOOLCHAIN_INPUTS
from goenv_lsp.rules.ge5_workspace._goflags import drop_mod_flag, flag_location, related_flag
from goenv_lsp.rules.registry import ALL_CONTEXTS, FixAvailability, Report, Scope, rule
from goenv_lsp.semantics.modules import ModuleScope
from goenv_lsp.semantics.vendor import allowed_in_workspace, build_mode

DOCS = """
## What it checks
A `-mod` value in GOFLAGS that the go command refuses in workspace mode (a go.work is in use): anything but
`readonly` up to Go 1.21, anything but `readonly` or `vendor` since Go 1.22 (workspace vendoring). So
`GOFLAGS=-mod=vendor` with a go.work breaks Go 1.18–1.21 only, and `GOFLAGS=-mod=mod` breaks every version.

## Why it matters
Every build, test and gopls load in the workspace stops with
`go: -mod may only be set to readonly when in workspace mode, but it is set to "vendor"` (Go 1.22+:
`…readonly or vendor…`), followed by `Remove the -mod flag to use the default readonly value, or set
GOWORK=off to disable workspace mode.` A global GOFLAGS reaches every workspace on the machine.

## How to fix
Remove the `-mod` flag from GOFLAGS (`go env -u GOFLAGS`, or the export in your shell profile); set it per
command where you need it. On Go 1.22 or later a workspace can be vendored with `go work vendor`.

## Example
`GOFLAGS=-mod=vendor` in the environment, a go.work, and Go 1.21.13.
"""


@rule(code="GE503", name="mod-flag-in-workspace", severity=Severity.ERROR,
      contexts=ALL_CONTEXTS,
      only_with=("go.work",),
      summary="GOFLAGS sets a -mod value the go command rejects in workspace mode", docs=DOCS,
      fix=FixAvailability.SOMETIMES, fix_title="Remove the -mod flag from GOFLAGS in the GOENV file",
      scope=Scope.MODULE, needs=(*TOOLCHAIN_INPUTS, "vendor/modules.txt"), tags=("workspace", "goflags"))
def check(facts: Facts, scope: ModuleScope | None) -> Iterator[Report]:
    mode = build_mode(facts, scope) if scope else None
    if scope is None or mode is None or mode.flag is None or not mode.rejected:
        return
    allowed = " or ".join(allowed_in_workspace(mode.go))
    go_says = (f"go: -mod may only be set to {allowed} when in workspace mode, but it is set to "
               f"\"{mode.flag.value}\"")
    since = " (Go 1.22 and later accept vendor)" if mode.flag.value == "vendor" else ""
    yield Report(f"GOFLAGS={mode.flag.setting.value.strip()} from {mode.flag.setting.describe_source}: go "
                 f"{mode.go} stops every command in the workspace of {scope.path} with `{go_says}`{since}",
                 flag_location(facts, mode.flag, scope), drop_mod_flag(facts, mode.flag),
                 related_flag(mode.flag))
