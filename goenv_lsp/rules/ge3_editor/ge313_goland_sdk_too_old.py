from __future__ import annotations

from collections.abc import Iterator

from goenv_lsp.facts import Facts, GoBinary, Origin, Status
from goenv_lsp.files.go_mod import ModFileFacts
from goenv_lsp.model import Applicability, Fix, Location, Related, Severity
from goenv_lsp.rules._shared.editor_sdk import EditorSdk, editor_sdks
from goenv_lsp.rules.registry import EDITOR_ONLY, FixAvailability, Input, Report, rule
from goenv_lsp.semantics import version as gover
from goenv_lsp.semantics.binaries import running_go
from goenv_lsp.semantics.workspace import mod_go

DOCS = """
## What it checks
GoLand's project SDK — the GOROOT in `.idea/workspace.xml` — whose Go (as `go version` of that SDK says)
is older than the `go` line of the workspace's module (the go.mod or go.work at the project root). The
diagnostic sits on the GOROOT value.

## Why it matters
Since Go 1.21 the `go` line is a minimum. GoLand builds, runs and tests with its SDK's go, which then
downloads and runs the newer toolchain the module asks for (GOTOOLCHAIN=auto) — or fails with
`go: go.mod requires go >= 1.27.3 (running go 1.22.10; GOTOOLCHAIN=local)` where downloads are off — while
GoLand's own code insight reads the SDK's older standard library: functions and language features the module
relies on show as errors in the editor although the code builds in the terminal.

## How to fix
Choose a Go at least as new as the go line as the project SDK (Settings | Go | GOROOT; "Download…" installs
one). The quick fix points the GOROOT at such a Go found on this machine — the go on PATH first — written
with GoLand's `$USER_HOME$` / `$PROJECT_DIR$` macros where it can; an absolute path elsewhere is marked
unsafe, for a workspace.xml that is shared.

## Example
`<component name="GOROOT" url="file://$USER_HOME$/sdk/go1.22.10" />` while go.mod says `go 1.27.3`.
"""


def _go_line(facts: Facts) -> ModFileFacts | None:
    """The go.mod or go.work of the module the project root belongs to."""
    module = facts.module_for(facts.root) if facts.root else None
    found = facts.file(module.go_work or module.go_mod) if module is not None else None
    return found if isinstance(found, ModFileFacts) and found.status is Status.OK else None


def _new_enough(facts: Facts, go_line: str) -> GoBinary | None:
    """A probed go at least as new as ``go_line``: the go that runs first."""
    active = running_go(facts)
    found = [b for b in facts.go_binaries or () if b.status is Status.OK and b.goroot and b.version
             and gover.compare(gover.from_runtime(b.version), go_line) >= 0]
    found.sort(key=lambda b: (b is not active, b.path_index is None, b.path_index or 0))
    return found[0] if found else None


def _fix(facts: Facts, sdk: EditorSdk, target: GoBinary) -> Fix:
    fix = sdk.fix_to(facts, target.goroot or "", target.path)
    written = fix.edits[0].new_text
    if "$USER_HOME$" in written or "$PROJECT_DIR$" in written:
        return fix
    return Fix(fix.title + " (this machine's path)", Applicability.UNSAFE, edits=fix.edits)


@rule(code="GE313", name="goland-sdk-too-old", severity=Severity.WARNING,
      contexts=EDITOR_ONLY,  # the SDK path is a developer's machine's
      only_with=("goland-workspace",),
      summary="GoLand's project SDK is older than the module's go line", docs=DOCS,
      fix=FixAvailability.SOMETIMES, fix_title="Point the project GOROOT at a Go new enough for the go line",
      needs=(Input.GO_BINARIES, Input.MODULES, "goland-workspace", "go.mod", "go.work"), tags=("editor", "versions"))
def check(facts: Facts) -> Iterator[Report]:
    mod = _go_line(facts)
    if mod is None:
        return
    go_line = mod_go(mod)
    for sdk in editor_sdks(facts):
        binary = sdk.binary
        if sdk.origin is not Origin.IDEA or binary is None or binary.status is not Status.OK or not binary.version:
            continue
        sdk_go = gover.from_runtime(binary.version)
        if not gover.is_valid(sdk_go) or gover.compare(sdk_go, go_line) >= 0:
            continue
        target = _new_enough(facts, go_line)
        fixes = (_fix(facts, sdk, target),) if target is not None else ()
        related = (Related(Location(mod.path, mod.go.range), f"the module needs go >= {go_line}"),) \
            if mod.go is not None else ()
        name = facts.paths.basename(mod.path)
        yield Report(f"{sdk.label} is {binary.version}, older than `go {go_line}` in {name}: GoLand's go then "
                     f"downloads go{gover.toolchain_for_go_line(go_line)[2:]} or fails where downloads are off, and "
                     "its code insight reads the older standard library", sdk.location, fixes, related)
