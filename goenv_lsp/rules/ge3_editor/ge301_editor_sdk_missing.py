from __future__ import annotations

from collections.abc import Iterator

from goenv_lsp.facts import Facts, Status
from goenv_lsp.model import Severity
from goenv_lsp.rules._shared.editor_sdk import editor_sdks
from goenv_lsp.rules.registry import EDITOR_ONLY, FixAvailability, Input, Report, rule
from goenv_lsp.semantics.binaries import running_go

DOCS = """
## What it checks
An SDK named by editor settings that is not there: VS Code's `go.goroot`, `go.alternateTools.go` or
`go.toolsEnvVars.GOROOT` in `.vscode/settings.json`, or GoLand's project GOROOT in `.idea/workspace.xml`,
pointing at a directory without a usable `bin/go`. The diagnostic sits on the setting's value.

## Why it matters
These settings hold absolute, per-user paths. A version-manager upgrade (mise, asdf, Homebrew's versioned
Cellar paths), a removed `~/sdk/go1.x.y` or a settings file copied from a colleague leaves them pointing at
nothing. vscode-go then silently ignores the setting ("go.goroot setting is ignored") or fails to find
`go`; GoLand shows an invalid SDK.

## How to fix
Point the setting at an existing Go root — the quick fix uses the GOROOT of the `go` on PATH — or delete it
so the editor uses the `go` on PATH. VS Code resolves `${workspaceFolder}`, `${env:NAME}` and a leading `~`
in these settings, but not `${userHome}`: the fix writes a Go under your home as `~/…` and one inside the
workspace as `${workspaceFolder}/…`; any other absolute path would put this machine's path into a file the
repository usually shares, so that fix is marked unsafe (prefer your user settings then). GoLand's
per-user workspace.xml keeps its `$USER_HOME$` / `$PROJECT_DIR$` macros.

## Example
`"go.goroot": "/opt/homebrew/Cellar/go/1.22.0/libexec"` after `brew upgrade go` removed that version.
"""


@rule(code="GE301", name="editor-sdk-missing", severity=Severity.ERROR,
      contexts=EDITOR_ONLY,  # a committed go.goroot names a developer's machine, not the runner
      only_with=(Input.EDITOR_SETTINGS, "vscode-settings", "goland-workspace"),
      summary="An editor setting names a Go SDK that does not exist", docs=DOCS,
      fix=FixAvailability.SOMETIMES, fix_title="Point the setting at the Go root of the go that runs",
      needs=(Input.GO_BINARIES, Input.EDITOR_SETTINGS, "vscode-settings", "goland-workspace"), tags=("editor",))
def check(facts: Facts) -> Iterator[Report]:
    active = running_go(facts)
    for sdk in editor_sdks(facts):
        binary = sdk.binary
        if binary is None or binary.status not in (Status.MISSING, Status.NOT_EXECUTABLE):
            continue
        what = "Go root" if sdk.is_root else "go binary"
        problem = "does not exist" if binary.status is Status.MISSING else "is not executable"
        fixes = ()
        if active is not None and active.goroot and active.status is Status.OK:
            fixes = sdk.fixes_to(facts, active.goroot, active.path)
        yield Report(f"{sdk.label} names the {what} {sdk.value}, but {binary.path} {problem}",
                     sdk.location, fixes)
