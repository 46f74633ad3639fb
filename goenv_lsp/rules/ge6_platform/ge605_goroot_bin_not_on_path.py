from __future__ import annotations

from collections.abc import Iterator

from goenv_lsp.facts import Facts, Status
from goenv_lsp.model import Severity
from goenv_lsp.rules._shared.anchors import machine_anchor
from goenv_lsp.rules.registry import ALL_CONTEXTS, Input, Report, rule
from goenv_lsp.semantics.binaries import running_go
from goenv_lsp.semantics.gobin import add_to_path_advice, path_index

DOCS = """
## What it checks
The `bin` directory of the Go installation that runs (its GOROOT) is not on PATH — `go` is reached
through a symbolic link elsewhere, e.g. `/usr/local/bin/go` — and PATH finds no `gofmt` of that same
installation: none at all, or another Go's. A `gofmt` linked next to `go` (as Debian, Homebrew and most
packages do) keeps this quiet, and so does a version manager's launcher.

## Why it matters
`go fmt`, `go vet` and the compiler find their tools through GOROOT, so builds work. But the `gofmt`
command that editors' format-on-save (`"go.formatTool": "gofmt"`), pre-commit hooks, Makefiles and CI
scripts run is looked up on PATH: it is missing, or it is an older Go's `gofmt` that formats differently
or rejects newer syntax. Setting GOROOT does not put GOROOT/bin on PATH either.

## How to fix
Put the installation's `bin` directory on PATH (the message gives the line), or link `gofmt` next to the
`go` link (`ln -s /usr/local/go/bin/gofmt /usr/local/bin/gofmt`).

## Example
`/usr/local/bin/go -> /usr/local/go/bin/go` and no `gofmt` on PATH.
"""


@rule(code="GE605", name="goroot-bin-not-on-path", severity=Severity.INFO,
      contexts=ALL_CONTEXTS,
      summary="GOROOT/bin is not on PATH and PATH's gofmt is missing or another Go's", docs=DOCS,
      needs=(Input.GO_BINARIES, Input.ENVIRONMENT, Input.PATH_DIRS), tags=("path", "goroot"))
def check(facts: Facts) -> Iterator[Report]:
    active = running_go(facts)
    if (active is None or active.status is not Status.OK or active.shim or not active.own_root
            or facts.path_commands is None or "gofmt" not in facts.path_commands):
        return
    paths = facts.paths
    bin_dir = paths.join(active.own_root, "bin")
    if path_index(facts, bin_dir) is not None:
        return
    own = paths.join(bin_dir, "gofmt.exe" if facts.os == "windows" else "gofmt")
    runs = facts.path_commands["gofmt"]
    if runs and paths.same(runs, own):
        return
    goroot = (facts.env or {}).get("GOROOT")
    if goroot and not facts.same_dir(goroot, active.own_root):
        return  # GOROOT names another installation: GE104's finding
    lead = (f"GOROOT={goroot} is set, but its bin directory is not on PATH" if goroot
            else f"{active.path} runs Go from {active.own_root}, whose bin directory is not on PATH")
    if runs:
        yield Report(f"{lead}: PATH's `gofmt` is {runs}, not {own}, so editors and scripts format with another "
                     f"Go's gofmt; {add_to_path_advice(facts, bin_dir, first=True)}", machine_anchor(facts),
                     severity=Severity.WARNING)
    else:
        yield Report(f"{lead}: no `gofmt` is on PATH, so editors' format-on-save, hooks and scripts that run "
                     f"gofmt fail; {add_to_path_advice(facts, bin_dir)}", machine_anchor(facts))
