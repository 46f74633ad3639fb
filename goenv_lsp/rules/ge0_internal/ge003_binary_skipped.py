from __future__ import annotations

from collections.abc import Iterator

from goenv_lsp.facts import Facts, Status
from goenv_lsp.model import Severity
from goenv_lsp.rules._shared.anchors import machine_anchor
from goenv_lsp.rules._shared.editor_sdk import editor_sdks
from goenv_lsp.rules.registry import Input, Report, rule

DOCS = """
## What it checks
A `go` binary that lives inside the workspace — found through a PATH entry inside it (including an empty or
relative PATH entry) or named by a workspace setting such as `go.alternateTools.go` — which goenv-lsp did not
run because the workspace is not trusted.

## Why it matters
A repository can ship a file called `go`; running it to ask its version would execute code from whoever
wrote the repository. goenv-lsp never executes such binaries unless you trust the workspace, so the checks
that need its version and environment are skipped for it. Your editor and shell do run it, though, when
they reach it.

## How to fix
If you trust the repository, trust the workspace in your editor (or pass `--trust-workspace` to
`goenv-lsp check`). Otherwise remove the PATH entry or setting that points into the repository.

## Example
`"go.alternateTools.go": "${workspaceFolder}/tools/go"` in a freshly cloned repository.
"""


@rule(code="GE003", name="workspace-binary-skipped", severity=Severity.INFO,
      summary="A go inside the untrusted workspace was not executed", docs=DOCS,
      needs=(Input.GO_BINARIES, Input.EDITOR_SETTINGS, "vscode-settings", "goland-workspace"), tags=("security",))
def check(facts: Facts) -> Iterator[Report]:
    locations = {sdk.origin: sdk.location for sdk in editor_sdks(facts)}
    for binary in facts.go_binaries or ():
        if binary.status is not Status.SKIPPED or not binary.in_workspace:
            continue
        how = ", ".join(o.value for o in binary.origins)
        location = next((locations[o] for o in binary.origins if o in locations), machine_anchor(facts))
        yield Report(f"{binary.path} is inside the workspace ({how}) and was not run because the workspace is "
                     "not trusted", location)
