from __future__ import annotations

from collections.abc import Iterator

from goenv_lsp.facts import Facts, Source, ToolchainMode
from goenv_lsp.model import Applicability, Severity
from goenv_lsp.rules._shared.anchors import related_setting, span_location
from goenv_lsp.rules._shared.fixes import go_env_unset, go_env_write, replace_text
from goenv_lsp.rules._shared.inputs import TOOLCHAIN_INPUTS
from goenv_lsp.rules.registry import FixAvailability, Report, Scope, rule
from goenv_lsp.semantics import version as gover
from goenv_lsp.semantics.modules import ModuleScope
from goenv_lsp.semantics.selection import toolchain_decision

DOCS = """
## What it checks
A `go` line in go.mod or go.work newer than the local Go toolchain while toolchain switching is off
(`GOTOOLCHAIN=local`, or a `<name>` value without `+auto`/`+path`), so the go command cannot fetch a newer one.
The message says where the GOTOOLCHAIN value comes from: the environment, the GOENV file written by
`go env -w`, or `$GOROOT/go.env` (some distributions, e.g. Fedora, ship `GOTOOLCHAIN=local` there, and so
do the official Docker images as an environment variable).

## Why it matters
Since Go 1.21 the `go` line is a minimum: `go build`, `go test`, `go list` and gopls' workspace load fail
with `go: go.mod requires go >= 1.27.3 (running go 1.22.10; GOTOOLCHAIN=local)`. `go version` and `go env`
still work, so the environment looks fine until the first build.

## How to fix
Install a Go at least as new as the `go` line and put it first on PATH; or allow switching with
`go env -w GOTOOLCHAIN=auto` (or remove the local setting with `go env -u GOTOOLCHAIN`); or, if the module
does not need the newer language, lower the `go` line.

## Example
go.mod says `go 1.27.3`, `go version` says go1.22.10 and the GOENV file has `GOTOOLCHAIN=local`.
"""


@rule(code="GE110", name="go-line-too-new", severity=Severity.ERROR,
      summary="go.mod / go.work needs a newer Go than the local toolchain and switching is off", docs=DOCS,
      fix=FixAvailability.SOMETIMES, fix_title="Allow toolchain switching, or lower the go line",
      scope=Scope.MODULE, needs=TOOLCHAIN_INPUTS, tags=("toolchain",))
def check(facts: Facts, scope: ModuleScope | None) -> Iterator[Report]:
    decision = toolchain_decision(facts, scope.file) if scope else None
    if decision is None or decision.file is None or decision.file.go is None \
            or decision.mode is ToolchainMode.INVALID:
        return
    file, go_line, setting = decision.file, decision.file.go, decision.setting
    # the toolchain that really runs: the local one, or a GOTOOLCHAIN=<name> minimum it switches to
    running = gover.from_toolchain(decision.chosen) if decision.switches else decision.local
    if gover.compare(go_line.value, running) <= 0:
        return
    shown = f"; GOTOOLCHAIN={setting.value}" if setting.value and setting.value != "auto" else ""
    if decision.mode in (ToolchainMode.AUTO, ToolchainMode.PATH) and file.toolchain \
            and file.toolchain.value == "default":
        shown += f"; {file.kind} sets toolchain default"
    unset = setting.source is Source.UNSET
    source = f" (GOTOOLCHAIN {'is unset' if unset else 'from ' + setting.describe_source})"
    fixes = []
    if decision.mode is not ToolchainMode.LOCAL:
        pass  # switching is allowed and `toolchain default` stops it: GOTOOLCHAIN=auto would not help
    elif setting.source is Source.GOENV_FILE:
        fixes.append(go_env_write(facts, "GOTOOLCHAIN", "auto"))
        fixes.append(go_env_unset(facts, "GOTOOLCHAIN"))
    elif setting.source is Source.GOROOT_GO_ENV:
        fixes.append(go_env_write(facts, "GOTOOLCHAIN", "auto"))
    fixes.append(replace_text(file.path, go_line.range, running,
                              f"Lower the go line to {running} (changes the module's minimum Go)",
                              Applicability.UNSAFE))
    yield Report(f"{file.kind} requires go >= {go_line.value} (running go {running}{shown}){source}: "
                 "go build, go test and gopls will fail", span_location(file.path, go_line), tuple(fixes),
                 related_setting(setting))
