from __future__ import annotations

from collections.abc import Iterator

from goenv_lsp.facts import Facts, Status, SwitchReason, ToolchainMode
from goenv_lsp.model import Applicability, Fix, Range, Severity, TextEdit
from goenv_lsp.rules._shared.anchors import env_setting_anchor, related_setting, span_location
from goenv_lsp.rules._shared.fixes import unset_if_written
from goenv_lsp.rules._shared.inputs import TOOLCHAIN_INPUTS
from goenv_lsp.rules.registry import ALL_CONTEXTS, FixAvailability, Report, Scope, rule
from goenv_lsp.semantics import version as gover
from goenv_lsp.semantics.modules import ModuleScope
from goenv_lsp.semantics.selection import toolchain_decision

DOCS = """
## What it checks
Toolchain selection itself failing in a module, with a GOTOOLCHAIN value the go command accepts
(`auto`, `path`, `<name>+auto` …; a value it rejects outright is GE113): a `toolchain` line that the go.mod
grammar allows but that names no toolchain (`toolchain go1.21.x`), or a choice that is not a Go 1 toolchain
(`GOTOOLCHAIN=go2.0`, or a `go 2.0` line in auto mode). Exactly as cmd/go's `toolchain.Select` decides.

## Why it matters
Selection runs before any command in the module: every `go build`, `go test`, `go list`, `go version` and
gopls' load stop with `go: invalid toolchain "go1.21.x" in go.mod` or `go: invalid GOTOOLCHAIN "go2.0"`.
With GOTOOLCHAIN=local the `toolchain` line is not read, so the same go.mod works on one machine and fails on
the next.

## How to fix
Remove the invalid `toolchain` line (the go line then decides), or write a real toolchain name such as
`toolchain go1.27.3`. Remove a GOTOOLCHAIN minimum that is not a go1 toolchain from the GOENV file or the
environment.

## Example
go.mod has `toolchain go1.21.x` and GOTOOLCHAIN is the default `auto`.
"""


@rule(code="GE132", name="toolchain-selection-fails", severity=Severity.ERROR,
      contexts=ALL_CONTEXTS,
      summary="Toolchain selection stops every go command: an invalid toolchain line or a non-go1 choice",
      docs=DOCS, fix=FixAvailability.SOMETIMES, fix_title="Remove the invalid toolchain line or GOTOOLCHAIN value",
      scope=Scope.MODULE, needs=TOOLCHAIN_INPUTS, tags=("toolchain",))
def check(facts: Facts, scope: ModuleScope | None) -> Iterator[Report]:
    decision = toolchain_decision(facts, scope.file) if scope else None
    if decision is None or not decision.error or decision.mode is ToolchainMode.INVALID or not decision.enabled:
        return
    file, setting = decision.file, decision.setting
    message = f"every go command in this module stops with `go: {decision.error}`"
    where = f" (GOTOOLCHAIN={setting.value or 'auto'} from {setting.describe_source})"
    if file is not None and file.toolchain is not None and decision.error.startswith("invalid toolchain "):
        if file.status is Status.MALFORMED and any(p.range == file.toolchain.range for p in file.problems):
            return  # the file's own parse error says it on that line
        line = file.toolchain.range.start.line
        remove = Fix("Remove the toolchain line (the go line then decides)", Applicability.UNSAFE,
                     edits=(TextEdit(file.path, Range.of(line, 0, 0, end_line=line + 1), ""),))
        yield Report(f"toolchain {file.toolchain.value} names no Go toolchain: {message}{where}",
                     span_location(file.path, file.toolchain), (remove,), related_setting(setting))
    elif decision.reason is SwitchReason.GO_LINE and file is not None and file.go is not None:
        yield Report(f"go {file.go.value} asks for {gover.toolchain_for_go_line(file.go.value)}, which is not a "
                     f"Go 1 toolchain: {message}{where}", span_location(file.path, file.go),
                     related=related_setting(setting))
    elif decision.reason is SwitchReason.NONE:
        yield Report(f"GOTOOLCHAIN={setting.value} from {setting.describe_source} names {decision.minimum}, which "
                     f"is not a Go 1 toolchain: {message}", env_setting_anchor(facts, setting),
                     unset_if_written(facts, setting), module=scope.path if scope else None)
