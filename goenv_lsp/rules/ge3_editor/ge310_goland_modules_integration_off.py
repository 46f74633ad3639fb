from __future__ import annotations

from collections.abc import Iterator

from goenv_lsp.facts import Facts, Status
from goenv_lsp.files.goland_workspace import goland_workspace
from goenv_lsp.model import Applicability, Fix, Location, Related, Severity, TextEdit
from goenv_lsp.rules.registry import ALL_CONTEXTS, FixAvailability, Input, Report, rule

DOCS = """
## What it checks
GoLand's Go modules integration switched off — `.idea/workspace.xml` holding
`<component name="VgoProject"><integration-enabled>false</integration-enabled>` (Settings | Go | Go Modules,
"Enable Go modules integration") — in a project that has a go.mod. A workspace.xml without that element is
left alone (GoLand decides by itself). The diagnostic sits on the `false`.

## Why it matters
With the integration off GoLand does not load the dependencies go.mod lists: imports of required modules
are unresolved, completion and navigation into them stop, and the project is indexed as if it were GOPATH
code — while `go build` in the terminal works. The switch is usually left over from a project that started
in GOPATH mode, or copied with a `.idea` directory from an older project.

## How to fix
Turn the integration on: Settings | Go | Go Modules | Enable Go modules integration, or set the element to
`true` (the quick fix), then let GoLand reload the project.

## Example
`<integration-enabled>false</integration-enabled>` in `.idea/workspace.xml` next to a `go.mod`.
"""


@rule(code="GE310", name="goland-modules-integration-off", severity=Severity.WARNING,
      contexts=ALL_CONTEXTS,
      only_with=("goland-workspace",),
      summary="GoLand's Go modules integration is off in a project with a go.mod", docs=DOCS,
      fix=FixAvailability.ALWAYS, fix_title="Turn GoLand's Go modules integration on",
      needs=(Input.MODULES, "goland-workspace", "go.mod"), tags=("editor",))
def check(facts: Facts) -> Iterator[Report]:
    idea = goland_workspace(facts)
    if idea is None or idea.status is not Status.OK or idea.modules_integration is None:
        return
    if idea.modules_integration.value != "false" or not facts.modules:
        return
    modules = sorted(m.go_mod for m in facts.modules if m.go_mod)
    if not modules:
        return
    at = idea.modules_integration.range
    yield Report("GoLand's Go modules integration is off (VgoProject integration-enabled in .idea/workspace.xml), "
                 f"but the project has {'a go.mod' if len(modules) == 1 else f'{len(modules)} go.mod files'}: "
                 "GoLand does not load the modules go.mod requires, so their imports stay unresolved in the editor",
                 Location(idea.path, at),
                 (Fix("Turn Go modules integration on", Applicability.SAFE, edits=(TextEdit(idea.path, at, "true"),)),),
                 (Related(Location(modules[0]), "the module GoLand should load"),))
