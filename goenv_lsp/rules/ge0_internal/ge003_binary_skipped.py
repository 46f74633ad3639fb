from __future__ import annotations

from collections.abc import Iterator

from goenv_lsp.facts import Facts, GoBinary, Refusal, Status
from goenv_lsp.model import Severity
from goenv_lsp.rules._shared.anchors import machine_anchor
from goenv_lsp.rules._shared.editor_sdk import editor_sdks
from goenv_lsp.rules.registry import ALL_CONTEXTS, Input, Report, rule

DOCS = """
## What it checks
A `go` that goenv-lsp found but did not run (docs/security.md):
- it lives inside the untrusted workspace — found through a PATH entry inside it (including an empty or
  relative PATH entry) or named by a workspace setting such as `go.alternateTools.go` — or a setting names it
  relative to the workspace (`${workspaceFolder}/../tools/go`);
- its file is not the go command: goenv-lsp reads the Go build information in the file itself and runs it
  only if that says `cmd/go`. A script (a version manager's launcher), a C program such as `/bin/sh` or a
  Go program of another package is never run as `go`.

## Why it matters
A repository can ship a file called `go`, or point a setting at `/bin/sh`, `python3` or `make`, which would
then run the repository's own `version` script or Makefile: running it to ask its version would execute code
from whoever wrote the repository. The checks that need that go's version and environment are skipped for
it. Your editor and shell do run it, though, when they reach it — and a setting that names something other
than the go command breaks the editor's Go support.

## How to fix
If you trust the repository, trust the workspace in your editor (or pass `--trust-workspace` to
`goenv-lsp check`): a go inside it is then run — still only if its build information says cmd/go. Point
`go.alternateTools.go` at a go command, or remove it. For a version manager's launcher, nothing is wrong:
goenv-lsp cannot tell which Go it starts without running it.

## Example
`"go.alternateTools.go": "${workspaceFolder}/tools/go"` in a freshly cloned repository;
`"go.alternateTools.go": "/bin/sh"`.
"""


@rule(code="GE003", name="binary-not-run", severity=Severity.INFO,
      contexts=ALL_CONTEXTS,
      summary="A go that goenv-lsp did not run (inside the untrusted workspace, or not the go command)",
      docs=DOCS, needs=(Input.GO_BINARIES, Input.EDITOR_SETTINGS, "vscode-settings", "goland-workspace"),
      tags=("security",))
def check(facts: Facts) -> Iterator[Report]:
    locations = {sdk.origin: sdk.location for sdk in editor_sdks(facts)}
    for binary in facts.go_binaries or ():
        refused = binary.refused or (Refusal.IN_WORKSPACE if binary.in_workspace else None)
        if binary.status is not Status.SKIPPED or refused is None:
            continue
        how = ", ".join(o.value for o in binary.origins)
        location = next((locations[o] for o in binary.origins if o in locations), machine_anchor(facts))
        yield Report(_message(binary, refused, how), location, severity=_severity(binary, refused))


def _message(binary: GoBinary, refused: Refusal, how: str) -> str:
    if refused is Refusal.IN_WORKSPACE:
        return f"{binary.path} is inside the workspace ({how}) and was not run because the workspace is not trusted"
    if refused is Refusal.WORKSPACE_PATH:
        return (f"{binary.path} is named relative to the workspace ({how}) and was not run because the workspace "
                "is not trusted")
    what = f"{binary.shim}'s launcher script" if binary.shim and binary.shim != "script" else binary.refused_detail
    return f"{binary.path} ({how}) is not the go command ({what}): goenv-lsp did not run it"


def _severity(binary: GoBinary, refused: Refusal) -> Severity | None:
    """A setting that makes the editor run something else as go breaks it; a launcher on PATH is normal."""
    if refused in (Refusal.NOT_GO, Refusal.NOT_GO_COMMAND) and any(o.is_editor_setting for o in binary.origins):
        return Severity.WARNING
    return None
