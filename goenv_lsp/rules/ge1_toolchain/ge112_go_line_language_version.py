from __future__ import annotations

from collections.abc import Iterator

from goenv_lsp.facts import Facts
from goenv_lsp.model import Applicability, Severity
from goenv_lsp.rules._shared.anchors import related_setting, span_location
from goenv_lsp.rules._shared.fixes import replace_text
from goenv_lsp.rules._shared.inputs import TOOLCHAIN_INPUTS
from goenv_lsp.rules.registry import ALL_CONTEXTS, FixAvailability, Report, Scope, rule
from goenv_lsp.semantics.modules import ModuleScope
from goenv_lsp.semantics.selection import toolchain_decision

DOCS = """
## What it checks
A `go 1.N` line without a patch version (N ≥ 21, e.g. `go 1.22`) that is newer than a local Go between
1.21.0 and 1.21.10 or between 1.22.0 and 1.22.3, with toolchain switching allowed (`GOTOOLCHAIN=auto`, the
default, or `path`).

## Why it matters
Those go commands turn `go 1.22` into the toolchain name `go1.22`, which was never released (the first
release is `go1.22.0`), so every command — even `go env`, which breaks editor activation — fails with
`go: download go1.22 for linux/amd64: toolchain not available`. Go 1.21.11, 1.22.4 and later ask for
`go1.22.0` instead (golang/go#62278, #66175).

## How to fix
Write the go line with a patch version (`go 1.22.0`; `go mod tidy` with a newer Go does the same), or add a
`toolchain go1.22.x` line, or update the local Go to 1.21.11 / 1.22.4 or later.

## Example
go.mod `go 1.22` with Go 1.21.9 installed: `go: download go1.22 for linux/amd64: toolchain not available`.
"""


@rule(code="GE112", name="go-line-language-version", severity=Severity.ERROR,
      contexts=ALL_CONTEXTS,
      summary="A go line without a patch version makes this local go download a toolchain that does not exist",
      docs=DOCS, fix=FixAvailability.ALWAYS, fix_title="Write the go line with a patch version (go 1.N.0)",
      scope=Scope.MODULE, needs=TOOLCHAIN_INPUTS, tags=("toolchain",))
def check(facts: Facts, scope: ModuleScope | None) -> Iterator[Report]:
    decision = toolchain_decision(facts, scope.file) if scope else None
    if decision is None or not decision.language_version_bug or decision.file is None or decision.file.go is None:
        return
    file, go_line = decision.file, decision.file.go
    yield Report(f"go {go_line.value} has no patch version: the local go {decision.local} looks for the toolchain "
                 f"go{go_line.value}, which does not exist, and every go command fails with `go: download "
                 f"go{go_line.value} …: toolchain not available`; write go {go_line.value}.0",
                 span_location(file.path, go_line),
                 (replace_text(file.path, go_line.range, f"{go_line.value}.0", f"Write go {go_line.value}.0",
                               Applicability.SAFE),),
                 related_setting(decision.setting))
