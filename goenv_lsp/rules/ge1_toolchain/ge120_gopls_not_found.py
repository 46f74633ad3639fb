from __future__ import annotations

from collections.abc import Iterator

from goenv_lsp.facts import Facts, Status
from goenv_lsp.model import Severity
from goenv_lsp.rules._shared.anchors import machine_anchor
from goenv_lsp.rules._shared.gopls import install_fix, install_hint
from goenv_lsp.rules._shared.inputs import GOPLS_ADVICE_INPUTS
from goenv_lsp.rules.registry import EDITOR_ONLY, FixAvailability, Report, rule
from goenv_lsp.semantics.modules import scopes

DOCS = """
## What it checks
That a `gopls` binary exists for a Go workspace: on PATH, in `GOBIN`, in `GOPATH/bin`, or where the
editor's `go.alternateTools.gopls` points.

## Why it matters
gopls is the Go language server behind completion, navigation and diagnostics in VS Code, Neovim, Emacs,
Helix and others. `go install` puts it in `GOBIN` or `GOPATH/bin`, which is often not on the PATH an editor
sees, so editors report that the language server is missing or crashed.

## How to fix
Install the gopls release that supports your Go (the message gives the exact command) and make sure
`$(go env GOPATH)/bin` is on PATH.

## Example
`go install golang.org/x/tools/gopls@v0.23.0` for Go 1.26 or 1.27.
"""


@rule(code="GE120", name="gopls-not-found", severity=Severity.WARNING,
      contexts=EDITOR_ONLY,
      summary="No gopls for this Go workspace", docs=DOCS, fix=FixAvailability.ALWAYS,
      fix_title="Install the gopls release that supports this Go",
      needs=GOPLS_ADVICE_INPUTS, tags=("gopls",))
def check(facts: Facts) -> Iterator[Report]:
    if facts.gopls is None or not scopes(facts):  # not a Go workspace: gopls is not needed
        return
    usable = [g for g in facts.gopls if g.status is not Status.MISSING]
    configured_missing = [g for g in facts.gopls if g.status is Status.MISSING]
    if usable:
        return
    hint = install_hint(facts)
    hint = f"; install it with {hint}" if hint else ""
    if configured_missing:
        yield Report(f"gopls configured at {configured_missing[0].path} does not exist{hint}",
                     machine_anchor(facts), install_fix(facts))
    else:
        yield Report(f"gopls not found on PATH, in GOBIN or in GOPATH/bin{hint}", machine_anchor(facts),
                     install_fix(facts))
