from __future__ import annotations

from collections.abc import Iterator

from goenv_lsp.facts import Facts, Status
from goenv_lsp.model import Severity
from goenv_lsp.rules._shared.anchors import env_setting_anchor
from goenv_lsp.rules._shared.fixes import unset_if_written
from goenv_lsp.rules.registry import ALL_CONTEXTS, Context, FixAvailability, Input, Report, rule
from goenv_lsp.semantics.binaries import running_go
from goenv_lsp.semantics.cgo import cgo_file_notes, cgo_state, default_cc

DOCS = """
## What it checks
CGO_ENABLED=0 set in the environment or the GOENV file while the workspace has cgo files: non-test `.go`
files that `import "C"`, for this platform (file-name suffixes such as `_windows.go` are honoured), in
packages without a `//go:build !cgo` fallback file. Other `//go:build` lines are not evaluated, so the file
list is approximate. The workspace is searched only when cgo is off (at most 2000 `.go` files, 16 KiB
each).

## Why it matters
With cgo off, files importing "C" are excluded by an implicit build constraint, silently: a package made of
cgo files alone fails with `build constraints exclude all Go files in DIR`, otherwise the build breaks on
`undefined:` names defined in the cgo files, and gopls shows the same errors (or the files as not part of
any package). Nothing in the error points at CGO_ENABLED. It is often exported once for a static build
(`CGO_ENABLED=0 go build`) and kept in a profile or `go env -w`.

## How to fix
Set CGO_ENABLED=0 only for the builds that need it. Remove it from the GOENV file (offered when cgo would
then be on: a C compiler is on PATH and nothing cross-compiles) or from your shell profile; add a
`//go:build !cgo` fallback if the package should also build without cgo.

## Example
`go env -w CGO_ENABLED=0` and a `sqlite.go` with `import "C"`.
"""


@rule(code="GE620", name="cgo-disabled-with-cgo-files", severity=Severity.WARNING,
      contexts=ALL_CONTEXTS, informational_in=(Context.CI,),  # jobs turn cgo off for static builds on purpose
      only_with=(Input.CGO_FILES,),
      summary="CGO_ENABLED=0 while the workspace has cgo files, which builds then leave out", docs=DOCS,
      fix=FixAvailability.SOMETIMES, fix_title="Remove CGO_ENABLED from the GOENV file",
      needs=(Input.GO_BINARIES, Input.ENVIRONMENT, Input.CGO_FILES, Input.PATH_DIRS, "goenv", "go.env"),
      tags=("cgo",))
def check(facts: Facts) -> Iterator[Report]:
    active = running_go(facts)
    if active is None or active.status is not Status.OK or not facts.cgo_files:
        return
    state = cgo_state(facts, active)
    if state is None or state.enabled or state.setting is None or state.setting.value != "0":
        return
    setting = state.setting
    files = ", ".join(facts.paths.relative(f, facts.root or "") or f for f in facts.cgo_files[:5])
    more = f" and {len(facts.cgo_files) - 5} more" if len(facts.cgo_files) > 5 else ""
    directory = facts.paths.dirname(facts.cgo_files[0])
    default = default_cc((active.env or {}).get("GOOS", ""))
    would_enable = not state.cross and bool((facts.path_commands or {}).get(state.compiler or default))
    yield Report(f"CGO_ENABLED=0 from {setting.describe_source}: every build and gopls silently leave out the cgo "
                 f"files {files}{more} — expect `undefined:` errors for what they define, or `build constraints "
                 f"exclude all Go files in {directory}`", env_setting_anchor(facts, setting),
                 unset_if_written(facts, setting) if would_enable else (), cgo_file_notes(facts))
