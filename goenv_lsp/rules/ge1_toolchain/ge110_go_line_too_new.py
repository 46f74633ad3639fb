from __future__ import annotations

from collections.abc import Iterator

from goenv_lsp.facts import Facts, GoBinary, Source, Status, ToolchainMode
from goenv_lsp.model import Applicability, Severity
from goenv_lsp.rules._shared.anchors import related_setting, span_location
from goenv_lsp.rules._shared.fixes import go_env_unset, go_env_write, replace_text
from goenv_lsp.rules._shared.inputs import TOOLCHAIN_INPUTS
from goenv_lsp.rules.registry import ALL_CONTEXTS, FixAvailability, Input, Report, Scope, rule
from goenv_lsp.semantics import version as gover
from goenv_lsp.semantics.binaries import local_version, running_go
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
Use a Go at least as new as the `go` line. When one is already here the message says which and how: a
`go1.X.Y` wrapper on PATH (`golang.org/dl`) runs with `go env -w GOTOOLCHAIN=path`, a toolchain extracted in
the module cache with `GOTOOLCHAIN=auto` (no download), another `go` later on PATH once its directory comes
first. Otherwise install one and put it first on PATH, or allow switching with `go env -w GOTOOLCHAIN=auto`
(or remove the local setting with `go env -u GOTOOLCHAIN`). Lowering the `go` line is offered only when no
Go here satisfies it, as an unsafe last resort: it changes the module's minimum Go.

## Example
go.mod says `go 1.27.3`, `go version` says go1.22.10 and the GOENV file has `GOTOOLCHAIN=local`.
"""


@rule(code="GE110", name="go-line-too-new", severity=Severity.ERROR,
      contexts=ALL_CONTEXTS,
      summary="go.mod / go.work needs a newer Go than the local toolchain and switching is off", docs=DOCS,
      fix=FixAvailability.SOMETIMES, fix_title="Use a Go that satisfies the go line, or allow toolchain switching",
      scope=Scope.MODULE, needs=(*TOOLCHAIN_INPUTS, Input.TOOLCHAINS), tags=("toolchain",))
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
    writable = setting.source in (Source.GOENV_FILE, Source.GOROOT_GO_ENV)  # where `go env -w` wins
    wanted = gover.toolchain_for_go_line(go_line.value)
    local = _local_toolchain(facts, wanted)
    later = _later_go(facts, go_line.value)
    fixes, advice = [], ""
    if decision.mode is not ToolchainMode.LOCAL:
        pass  # switching is allowed and `toolchain default` stops it: GOTOOLCHAIN=auto would not help
    elif local is not None and not local[1]:  # a goX.Y.Z on PATH (golang.org/dl): path mode runs it
        path_value = "path" if decision.minimum == "local" else f"{decision.minimum}+path"
        advice = f"; {wanted} is on PATH ({local[0]}): GOTOOLCHAIN={path_value} runs it"
        if writable:
            fixes.append(go_env_write(facts, "GOTOOLCHAIN", path_value))
    elif local is not None:  # extracted in the module cache: auto mode runs it without a download
        advice = f"; {wanted} is in the module cache: GOTOOLCHAIN=auto runs it without a download"
        if writable:
            fixes.append(go_env_write(facts, "GOTOOLCHAIN", "auto"))
    elif setting.source is Source.GOENV_FILE:
        fixes.append(go_env_write(facts, "GOTOOLCHAIN", "auto"))
        fixes.append(go_env_unset(facts, "GOTOOLCHAIN"))
    elif setting.source is Source.GOROOT_GO_ENV:
        fixes.append(go_env_write(facts, "GOTOOLCHAIN", "auto"))
    if later is not None:
        advice += (f"; the go {local_version(later)} at {later.path}, later on PATH, satisfies it: put "
                   f"{facts.paths.dirname(later.path)} first on PATH")
    if local is None and later is None:  # nothing here satisfies the go line: last resort, unsafe
        fixes.append(replace_text(file.path, go_line.range, running,
                                  f"Lower the go line to {running} (changes the module's minimum Go)",
                                  Applicability.UNSAFE))
    yield Report(f"{file.kind} requires go >= {go_line.value} (running go {running}{shown}){source}: "
                 f"go build, go test and gopls will fail{advice}", span_location(file.path, go_line),
                 tuple(fixes), related_setting(setting))


def _local_toolchain(facts: Facts, name: str) -> tuple[str, bool] | None:
    """Where the toolchain ``name`` already is, and whether that is the module cache (else PATH)."""
    where = (facts.toolchains or {}).get(name)
    return (where, "golang.org/toolchain@" in where.replace("\\", "/")) if where else None


def _later_go(facts: Facts, go_line: str) -> GoBinary | None:
    """A go later on PATH (never the first) new enough for ``go_line``."""
    first = running_go(facts)
    later = sorted((b for b in facts.go_binaries or () if b.path_index is not None and b is not first
                    and b.status is Status.OK and local_version(b)
                    and gover.compare(local_version(b), go_line) >= 0), key=lambda b: b.path_index or 0)
    return later[0] if later else None
