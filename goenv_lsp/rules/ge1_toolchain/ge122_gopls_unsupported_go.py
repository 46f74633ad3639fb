from __future__ import annotations

from collections.abc import Iterator

from goenv_lsp.facts import Facts
from goenv_lsp.model import Severity
from goenv_lsp.rules._shared.anchors import machine_anchor
from goenv_lsp.rules._shared.gopls import go_major_in_use, install_fix, install_hint, recommendation
from goenv_lsp.rules._shared.inputs import GOPLS_ADVICE_INPUTS
from goenv_lsp.rules.registry import FixAvailability, Report, rule
from goenv_lsp.semantics import version as gover
from goenv_lsp.semantics.gopls import line_key, release_for

DOCS = """
## What it checks
The installed gopls release (its module version from `go version -m`) against the go commands that release
supports, from the gopls ↔ Go table goenv-lsp keeps with sources (`goenv_lsp/data/gopls_support.toml`).
Since v0.18 gopls supports only the two newest Go major releases; older releases name the last gopls for
each old Go.

## Why it matters
Current gopls warns only for Go 1.20 and older; with a Go outside its window it stays silent and fails in
odd ways (workspace load errors, missing analyses). An old gopls with a new Go misses language features;
a new gopls with an old Go may not start at all.

## How to fix
Install the gopls the message names; it is the newest release that supports the `go` on PATH.

## Example
gopls v0.16.2 with Go 1.27: install `golang.org/x/tools/gopls@v0.23.0` (or newer).
"""


@rule(code="GE122", name="gopls-unsupported-go", severity=Severity.WARNING,
      summary="The gopls release does not support the Go in use", docs=DOCS,
      fix=FixAvailability.SOMETIMES, fix_title="Install the gopls release that supports this Go",
      needs=GOPLS_ADVICE_INPUTS, tags=("gopls",))
def check(facts: Facts) -> Iterator[Report]:
    major = go_major_in_use(facts)
    if not major:
        return
    for gopls in facts.gopls or ():
        release = release_for(gopls.module_version or "")
        if release is None or not release.supported_go or major in release.supported_go:
            continue
        better = recommendation(facts)
        if better is None or line_key(better.gopls) == line_key(release.gopls):
            continue  # no release suits this Go better: nothing to act on
        window = sorted(release.supported_go, key=gover.sort_key)
        span = window[0] if len(window) == 1 else f"{window[0]}–{window[-1]}"
        hint = install_hint(facts)
        yield Report(f"gopls {gopls.module_version} at {gopls.path} supports go {span}, not the go {major} on PATH"
                     + (f"; install the release that does: {hint}" if hint else ""),
                     machine_anchor(facts), install_fix(facts))
