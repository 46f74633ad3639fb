from __future__ import annotations

from collections.abc import Iterator

from goenv_lsp.facts import Facts, Status
from goenv_lsp.model import Severity
from goenv_lsp.rules._shared.editor_sdk import editor_sdks
from goenv_lsp.rules.registry import EDITOR_ONLY, FixAvailability, Input, Report, rule
from goenv_lsp.semantics.binaries import running_go

DOCS = """
## What it checks
An SDK named by editor settings (VS Code's `go.goroot`, `go.alternateTools.go`, `go.toolsEnvVars.GOROOT`;
GoLand's project GOROOT) that exists but is another Go than the one `go env GOROOT` reports for the `go`
that runs in the workspace — the first `go` on PATH. The diagnostic sits on the setting's value.

## Why it matters
The editor then builds, tests, formats and runs gopls with one Go while your terminal, scripts and CI use
another: different language features, different standard library, go.mod accepted in one place and
rejected in the other, and bugs that "only happen in the editor".

## How to fix
Make them agree: point the setting at the Go root of the `go` on PATH (the quick fix does this, as `~/…` or
`${workspaceFolder}/…` where it can, with `$USER_HOME$` / `$PROJECT_DIR$` for GoLand; a machine-specific
absolute path in .vscode/settings.json is an unsafe fix, since the file is usually shared), delete the
setting so the editor follows PATH, or — if the setting is what you want — put that Go first on PATH.

## Example
`"go.goroot": "/usr/local/go1.22.10"` while `go version` in the terminal says go1.27.3.
"""


@rule(code="GE302", name="editor-sdk-mismatch", severity=Severity.WARNING,
      contexts=EDITOR_ONLY,  # a committed go.goroot names a developer's machine, not the runner
      only_with=(Input.EDITOR_SETTINGS, "vscode-settings", "goland-workspace"),
      summary="An editor setting selects another Go than the go that runs", docs=DOCS,
      fix=FixAvailability.ALWAYS, fix_title="Point the setting at the Go root of the go that runs",
      needs=(Input.GO_BINARIES, Input.EDITOR_SETTINGS, Input.PATH_INFO, "vscode-settings", "goland-workspace"),
      tags=("editor",))
def check(facts: Facts) -> Iterator[Report]:
    active = running_go(facts)
    if active is None or active.status is not Status.OK or not active.goroot:
        return
    for sdk in editor_sdks(facts):
        binary = sdk.binary
        if binary is None or binary is active or binary.status is not Status.OK:
            continue
        root = binary.goroot or binary.own_root
        if facts.same_dir(root, active.goroot):
            continue
        same_version = binary.version == active.version
        yield Report(
            f"{sdk.label} selects {binary.version} ({root}), but the go that runs here is {active.version} "
            f"({active.path}, GOROOT {active.goroot})"
            + ("; same version, another copy" if same_version else
               ": the editor and the terminal build with different Go versions"),
            sdk.location, sdk.fixes_to(facts, active.goroot, active.path),
            severity=Severity.INFO if same_version else None)
