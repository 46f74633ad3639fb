from __future__ import annotations

from collections.abc import Iterator

from goenv_lsp.facts import Facts, Status
from goenv_lsp.files.vendor_modules import modules_txt_of, vendor_modules
from goenv_lsp.model import Location, Related, Severity
from goenv_lsp.rules._shared.inputs import TOOLCHAIN_INPUTS
from goenv_lsp.rules.ge5_workspace._scoped import per_scope
from goenv_lsp.rules.registry import ALL_CONTEXTS, Report, rule
from goenv_lsp.semantics.modules import ModuleScope
from goenv_lsp.semantics.vendor import build_mode
from goenv_lsp.semantics.workspace import uses

DOCS = """
## What it checks
A module of a workspace (a go.work is in use) that has its own vendor/ directory. In workspace mode the go
command never reads a module's vendor/: it builds from the module cache, or — Go 1.22 and later — from the
vendor/ beside go.work that `go work vendor` writes. Reported as information on the module's
vendor/modules.txt.

## Why it matters
Builds in the workspace do not use the vendored code: they need the module cache or the network (an
offline or air-gapped build fails with download errors), and patches made in vendor/ have no effect. The
same module built alone (`GOWORK=off`, or in CI without the go.work) does use its vendor/, so the two builds
can differ.

## How to fix
Vendor the workspace instead: `go work vendor` (Go 1.22+) in the go.work's directory. Or build this module
with `GOWORK=off` when its vendor/ must be used. If vendor/ is obsolete, delete it.

## Example
`./svc/vendor/` from `go mod vendor`, and a go.work at the repository root that uses `./svc`.
"""


@rule(code="GE510", name="module-vendor-ignored", severity=Severity.INFO,
      contexts=ALL_CONTEXTS,
      only_with=("vendor/modules.txt",),
      summary="a workspace module's own vendor/ is ignored in workspace mode", docs=DOCS,
      needs=(*TOOLCHAIN_INPUTS, "vendor/modules.txt"), tags=("vendor", "workspace"))
@per_scope
def check(facts: Facts, scope: ModuleScope) -> Iterator[Report]:
    if scope.file.kind != "go.work" or scope.file.status is not Status.OK:
        return
    paths, work = facts.paths, scope.file
    here = paths.dirname(work.path)
    mode = build_mode(facts, scope)
    instead = "the workspace's vendor/ beside go.work" if mode is not None and mode.mode == "vendor" \
        else "the module cache (downloading what is missing)"
    for use in uses(facts, work):  # modules below go.work that it does not use: GE507
        vendor = vendor_modules(facts, use.directory)
        if vendor is None or use.go_mod is None or paths.same(use.directory, here):
            continue
        txt = modules_txt_of(use.directory, paths)
        where = Location(txt) if vendor.status is Status.OK else Location(use.go_mod.path)
        yield Report(f"{paths.join(use.directory, 'vendor')} is not used: in the workspace of {work.path} the go "
                     f"command builds {use.directory} from {instead}, not from its own vendor/", where,
                     related=(Related(Location(work.path), "the go.work that puts the module in workspace mode"),))
