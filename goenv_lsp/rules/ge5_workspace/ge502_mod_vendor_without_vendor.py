from __future__ import annotations

from collections.abc import Iterator

from goenv_lsp.facts import Facts
from goenv_lsp.model import Severity
from goenv_lsp.rules._shared.inputs import TOOLCHAIN_INPUTS
from goenv_lsp.rules.ge5_workspace._goflags import drop_mod_flag, flag_location, related_flag
from goenv_lsp.rules.ge5_workspace._scoped import per_scope
from goenv_lsp.rules.ge5_workspace._vendor_fix import sync_vendor_fix
from goenv_lsp.rules.registry import ALL_CONTEXTS, FixAvailability, Report, rule
from goenv_lsp.semantics.modules import ModuleScope
from goenv_lsp.semantics.vendor import build_mode, disagreements

DOCS = """
## What it checks
`-mod=vendor` in GOFLAGS (the environment or the GOENV file written by `go env -w`) for a module — or, since
Go 1.22, a workspace — that has no vendor/ directory. Reported on the GOFLAGS line of the GOENV file, or on
the go.mod / go.work when GOFLAGS comes from the environment.

## Why it matters
GOFLAGS applies to every go command in every project. With `-mod=vendor` and no vendor/, the go command
finds none of the module's requirements in the (absent) vendor/modules.txt and every `go build`, `go test`
and gopls load stops with `go: inconsistent vendoring in /path/to/module:` followed by
`example.com/dep@v1.2.0: is explicitly required in go.mod, but not marked as explicit in vendor/modules.txt`.
A module without requirements still builds, until it gets its first one. It is usually a leftover of
offline or CI advice copied into a global setting.

## How to fix
Remove `-mod=vendor` from GOFLAGS: `go env -u GOFLAGS` (or `go env -w GOFLAGS=…` with the other flags), or
remove the export from your shell profile. Vendoring is chosen per module anyway: with a vendor/ directory
and a go line of at least 1.14 the go command uses it by itself. If this module should be vendored, run
`go mod vendor` instead.

## Example
`GOFLAGS=-mod=vendor` in `~/.config/go/env` and a module without vendor/.
"""


@rule(code="GE502", name="mod-vendor-without-vendor", severity=Severity.ERROR,
      contexts=ALL_CONTEXTS,
      summary="GOFLAGS has -mod=vendor but the module has no vendor/ directory", docs=DOCS,
      fix=FixAvailability.ALWAYS, fix_title="Remove -mod=vendor from GOFLAGS, or run `go mod vendor`",
      needs=(*TOOLCHAIN_INPUTS, "vendor/modules.txt"), tags=("vendor", "goflags"))
@per_scope
def check(facts: Facts, scope: ModuleScope) -> Iterator[Report]:
    mode = build_mode(facts, scope)
    if mode is None or mode.flag is None or mode.mode != "vendor" or mode.rejected \
            or mode.vendor is not None:
        return
    found = disagreements(facts, scope, mode)
    if found is None:
        return
    where = mode.flag.setting.describe_source
    head = f"GOFLAGS={mode.flag.setting.value.strip()} from {where} makes go build from vendor/, but " \
           f"{mode.vendor_dir} has no vendor directory"
    fixes = (*drop_mod_flag(facts, mode.flag), sync_vendor_fix(facts, mode))
    location = flag_location(facts, mode.flag, scope)
    if not found:
        yield Report(f"{head}: harmless while it requires no module, but its first requirement will stop every "
                     f"build with `go: inconsistent vendoring in {mode.vendor_dir}`", location, fixes,
                     related_flag(mode.flag), severity=Severity.INFO)
        return
    first = found[0].detail
    more = f" (and {len(found) - 1} more)" if len(found) > 1 else ""
    yield Report(f"{head}: go build, go test and gopls fail with `go: inconsistent vendoring in {mode.vendor_dir}`: "
                 f"{first}{more}", location, fixes, related_flag(mode.flag))
