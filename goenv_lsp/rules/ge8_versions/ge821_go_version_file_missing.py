from __future__ import annotations

from collections.abc import Iterator

from goenv_lsp.facts import Facts, PathKind, Status
from goenv_lsp.files.github_workflow import KIND_NAME, VersionFile, WorkflowFacts, workflows
from goenv_lsp.files.go_mod import ModFileFacts
from goenv_lsp.model import Applicability, Fix, Location, Severity, TextEdit
from goenv_lsp.rules.registry import ALL_CONTEXTS, FixAvailability, Input, Report, rule

DOCS = """
## What it checks
A GitHub Actions `actions/setup-go` step whose `go-version-file` (with no `go-version`, which would win) names
a file that does not exist, or a go.mod or go.work with neither a `go` nor a `toolchain` line. The path is
relative to the repository root, whatever the job's `working-directory`.

## Why it matters
A missing file stops the step: `The specified go version file at: sub/go.mod does not exist` — typically after
a module moved, or for a file only a developer's machine has. A go.mod without a go line gives setup-go no
version at all: it installs nothing and the job runs whatever Go the runner image happens to have
(`go-version input was not specified. The action will try to use pre-installed version.`).

## How to fix
Name the module's go.mod, relative to the repository root (the quick fix does when the workspace has one module),
or add a `go` line to that go.mod (`go mod edit -go=1.27.3`).

## Example
```yaml
- uses: actions/setup-go@v6
  with:
    go-version-file: backend/go.mod   # the module now lives in server/
```
"""


@rule(code="GE821", name="go-version-file-missing", severity=Severity.ERROR,
      contexts=ALL_CONTEXTS,
      only_with=(KIND_NAME,),  # the workflow that names the file, not the file
      summary="setup-go's go-version-file names a missing file, or a go.mod with no go line",
      docs=DOCS, fix=FixAvailability.SOMETIMES, fix_title="Name the module's go.mod",
      needs=(KIND_NAME, "go.mod", "go.work", Input.PATH_INFO, Input.MODULES), tags=("versions", "ci"))
def check(facts: Facts) -> Iterator[Report]:
    for workflow in workflows(facts):
        if workflow.status is not Status.OK:
            continue
        for named in workflow.version_files:
            known = facts.file(named.path)
            if isinstance(known, ModFileFacts) and known.status is Status.OK:
                if known.go is None and known.toolchain is None:
                    yield _no_go_line(workflow, named)
                continue
            info = (facts.path_info or {}).get(named.path)
            if known is None and info is not None and info.kind is PathKind.MISSING:
                yield _missing(facts, workflow, named)


def _missing(facts: Facts, workflow: WorkflowFacts, named: VersionFile) -> Report:
    written = named.value.value
    fixes = ()
    go_mods = [m.go_mod for m in facts.modules or () if facts.paths.basename(m.go_mod) == "go.mod"]
    if len(go_mods) == 1 and facts.root and facts.paths.basename(named.path) in ("go.mod", "go.work"):
        relative = (facts.paths.relative(go_mods[0], facts.root) or "").replace("\\", "/")
        if relative and not relative.startswith(".."):
            fixes = (Fix(f"Name {relative}", Applicability.SAFE,
                         edits=(TextEdit(workflow.path, named.value.range, relative),)),)
    return Report(f"`go-version-file: {written}` names a file the repository does not have: setup-go stops the job "
                  f"(`The specified go version file at: {written} does not exist`)",
                  Location(workflow.path, named.value.range), fixes)


def _no_go_line(workflow: WorkflowFacts, named: VersionFile) -> Report:
    return Report(f"`{named.value.value}` has no go line, so setup-go installs no Go and the job runs whatever Go the "
                  "runner has; add one (`go mod edit -go=…`)", Location(workflow.path, named.value.range),
                  severity=Severity.WARNING)
