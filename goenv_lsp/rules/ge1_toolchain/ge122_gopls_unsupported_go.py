from __future__ import annotations

from collections.abc import Iterator

from goenv_lsp.facts import Facts
from goenv_lsp.model import Related, Severity
from goenv_lsp.rules._shared.anchors import machine_anchor
from goenv_lsp.rules._shared.gopls import (
    at_path,
    go_major_in_use,
    gopls_in_use,
    install_fix,
    install_hint,
    install_shadowed_by,
    newest_go_line,
    recommendation,
)
from goenv_lsp.rules._shared.inputs import GOPLS_ADVICE_INPUTS
from goenv_lsp.rules.registry import EDITOR_ONLY, FixAvailability, Input, Report, rule
from goenv_lsp.semantics import version as gover
from goenv_lsp.semantics.binaries import local_version, running_go
from goenv_lsp.semantics.gopls import line_key, release_for

DOCS = """
## What it checks
The release of the gopls the editor runs (its module version from `go version -m`; which gopls runs is
decided as for GE121: `go.alternateTools.gopls`, else in VS Code GOBIN or GOPATH/bin, else the first on
PATH; others are only named as related information) against the go commands that release supports, from
the gopls ↔ Go table goenv-lsp keeps with sources (`goenv_lsp/data/gopls_support.toml`).
Since v0.18 gopls supports only the two newest Go major releases; older releases name the last gopls for
each old Go.

## Why it matters
Current gopls warns only for Go 1.20 and older; with a Go outside its window it stays silent and fails in
odd ways (workspace load errors, missing analyses). An old gopls with a new Go misses language features;
a new gopls with an old Go may not start at all.

## How to fix
Install the gopls the message names; it is the newest release that supports the `go` on PATH. When the
workspace's `go` line needs a newer Go than the one on PATH, an older gopls is never suggested: the message
asks for a newer Go first on PATH instead.

## Example
gopls v0.16.2 with Go 1.27: install `golang.org/x/tools/gopls@v0.23.0` (or newer).
"""


@rule(code="GE122", name="gopls-unsupported-go", severity=Severity.WARNING,
      contexts=EDITOR_ONLY,
      only_with=(Input.GOPLS,),  # a gopls that was found
      summary="The gopls release does not support the Go in use", docs=DOCS,
      fix=FixAvailability.SOMETIMES, fix_title="Install the gopls release that supports this Go",
      needs=(*GOPLS_ADVICE_INPUTS, Input.EDITOR_SETTINGS, "vscode-settings"), tags=("gopls",))
def check(facts: Facts) -> Iterator[Report]:
    major = go_major_in_use(facts)
    used = gopls_in_use(facts)
    if not major or used is None:
        return
    gopls = used.binary
    release = release_for(gopls.module_version or "")
    if release is None or not release.supported_go or major in release.supported_go:
        return
    better = recommendation(facts)
    if better is None or line_key(better.gopls) == line_key(release.gopls):
        return  # no release suits this Go better: nothing to act on
    window = sorted(release.supported_go, key=gover.sort_key)
    span = window[0] if len(window) == 1 else f"{window[0]}–{window[-1]}"
    location = machine_anchor(facts)
    related = tuple(Related(location, f"{g.path} ({g.module_version}) is not used: {gopls.path} comes first")
                    for g in used.others if g.module_version)
    needed = newest_go_line(facts)
    if needed and gover.compare(needed, local_version(running_go(facts))) > 0 \
            and line_key(better.gopls) < line_key(release.gopls):  # never downgrade gopls around an old go
        yield Report(f"gopls {gopls.module_version}{at_path(gopls.path)} supports go {span}, not the go {major} on "
                     f"PATH; the workspace needs go {needed}: put a Go >= {needed} first on PATH instead of "
                     "installing an older gopls", location, (), related)
        return
    hint = install_hint(facts)
    if hint and (shadow := install_shadowed_by(facts, used)):
        hint += f", then {shadow}"
    found_by = f" ({used.found_by})" if used.others else ""
    yield Report(f"gopls {gopls.module_version}{at_path(gopls.path)}{found_by} supports go {span}, not the go {major} "
                 "on PATH" + (f"; install the release that does: {hint}" if hint else ""),
                 location, install_fix(facts), related)
