from __future__ import annotations

from collections.abc import Iterator

from goenv_lsp.facts import Facts, GoplsBinary
from goenv_lsp.model import Related, Severity
from goenv_lsp.rules._shared.anchors import machine_anchor, span_location
from goenv_lsp.rules._shared.gopls import at_path, gopls_in_use, install_fix, install_hint, install_shadowed_by
from goenv_lsp.rules._shared.inputs import GOPLS_ADVICE_INPUTS
from goenv_lsp.rules.registry import EDITOR_ONLY, FixAvailability, Input, Report, Scope, rule
from goenv_lsp.semantics import version as gover
from goenv_lsp.semantics.binaries import local_version, running_go
from goenv_lsp.semantics.modules import ModuleScope

DOCS = """
## What it checks
The Go version that built the gopls the editor runs (read with `go version -m`, gopls itself is never run)
against the module's `go` line and against the `go` on PATH. The gopls that runs is the one
`go.alternateTools.gopls` names, else — in VS Code (Go settings in .vscode/settings.json or passed by the
editor) — the one in GOBIN or GOPATH/bin, else the first on PATH. Other gopls binaries (an old
distribution package later on PATH) are never started: they are only named as related information.

## Why it matters
gopls type-checks with the standard library and `go/types` it was compiled with. Built with an older Go
it does not understand newer language features and go.mod syntax — a gopls built before Go 1.21 reports
`invalid go version '1.21.0': must match format 1.23` on a perfectly valid go.mod — and it misreports
standard-library symbols added since.

## How to fix
Rebuild gopls with the current Go: run the `go install golang.org/x/tools/gopls@…` command the message
gives (in VS Code, "Go: Install/Update Tools" does the same). It lands in GOBIN or GOPATH/bin: when the
old one comes earlier on PATH, the message also says to put that directory first. When the module's `go`
line needs a newer Go than the one on PATH, a rebuild with that Go cannot help: put a newer Go first on
PATH, then rebuild (no install is offered). Distribution packages of gopls are often years old.

## Example
Debian's gopls package was built with go1.19.5; with go.mod `go 1.27.3` it cannot load the workspace.
"""


@rule(code="GE121", name="gopls-built-with-old-go", severity=Severity.WARNING,
      contexts=EDITOR_ONLY,
      only_with=(Input.GOPLS,),  # a gopls that was found
      summary="gopls was built with a Go older than the module or the go in use", docs=DOCS,
      fix=FixAvailability.SOMETIMES, fix_title="Rebuild gopls with the current Go (go install)", scope=Scope.MODULE,
      needs=(*GOPLS_ADVICE_INPUTS, Input.EDITOR_SETTINGS, "vscode-settings"), tags=("gopls",))
def check(facts: Facts, scope: ModuleScope | None) -> Iterator[Report]:
    used = gopls_in_use(facts)
    if used is None:
        return
    mod = scope.file if scope else None
    go_line = mod.go.value if mod and mod.go else ""
    running = local_version(running_go(facts))
    reasons = _too_old(used.binary, go_line, running)
    if not reasons:
        return
    fixes, hint = install_fix(facts), install_hint(facts)
    advice = f"; rebuild it: {hint}" if hint else ""
    if go_line and running and gover.compare(go_line, running) > 0:  # a rebuild with this go cannot satisfy it
        fixes, advice = (), f"; put a Go >= {go_line} first on PATH and rebuild gopls with it"
    elif hint and (shadow := install_shadowed_by(facts, used)):
        advice += f", then {shadow}"
    found_by = f" ({used.found_by})" if used.others else ""
    location = span_location(mod.path, mod.go) if mod and mod.go and go_line else machine_anchor(facts)
    related = tuple(Related(location, f"{g.path} (built with {g.built_with}) is not used: "
                                      f"{used.binary.path} comes first")
                    for g in used.others if g.built_with)
    yield Report(f"gopls{at_path(used.binary.path)}{found_by} was built with {used.binary.built_with}, older than "
                 + " and ".join(reasons) + advice, location, fixes, related)


def _too_old(gopls: GoplsBinary, go_line: str, running: str) -> list[str]:
    built = gover.from_runtime(gopls.built_with or "")
    if not built:
        return []
    reasons = []
    if go_line and gover.compare(gover.lang(built), gover.lang(go_line)) < 0:
        reasons.append(f"the module's go {go_line}")
        if gover.compare(built, "1.21") < 0 and gover.compare(go_line, "1.21") >= 0:
            reasons[-1] += (" (a gopls built before Go 1.21 rejects such go lines: "
                            "`invalid go version … must match format 1.23`)")
    if running and gover.compare(gover.lang(built), gover.lang(running)) < 0:
        reasons.append(f"the go on PATH ({running})")
    return reasons
