from __future__ import annotations

from collections.abc import Iterator

from goenv_lsp.facts import Facts, Status
from goenv_lsp.files.github_workflow import KIND_NAME, workflows
from goenv_lsp.model import Applicability, Fix, Location, Severity, TextEdit
from goenv_lsp.rules.registry import ALL_CONTEXTS, FixAvailability, Report, rule

DOCS = """
## What it checks
A GitHub Actions workflow whose `actions/setup-go` `go-version` — written directly, in the job's
`strategy.matrix` or in `env:` — is an unquoted number that ends in zero: `1.20`, `1.10`, `go: [1.20, 1.21]`.

## Why it matters
YAML reads an unquoted `1.20` as the number 1.2, and setup-go receives the text `1.2`: it installs Go 1.2.2,
one of Go's first releases (its log says `Setup go version spec 1.2` … `Acquiring go1.2.2`), and the job fails in
ways that do not say why, such as `cannot find package "…" in any of: /opt/hostedtoolcache/go/1.2.2/x64/src/pkg/…`.
`1.21` works by luck, so the bug appears the day the version is raised to `1.20` or `1.30`. setup-go's own
README asks for quotes for this reason (actions/setup-go#326, #328).

## How to fix
Quote the version: `go-version: '1.20'` (the quick fix adds the quotes), or write three parts (`1.20.14`), or
let setup-go read go.mod with `go-version-file: go.mod`.

## Example
```yaml
- uses: actions/setup-go@v5
  with:
    go-version: 1.20
```
"""


@rule(code="GE820", name="go-version-read-as-number", severity=Severity.ERROR,
      contexts=ALL_CONTEXTS,
      only_with=(KIND_NAME,),
      summary="setup-go `go-version: 1.20` unquoted: YAML reads the number 1.2 and setup-go installs Go 1.2.2",
      docs=DOCS, fix=FixAvailability.ALWAYS, fix_title="Quote the version", needs=(KIND_NAME,),
      tags=("versions", "ci"))
def check(facts: Facts) -> Iterator[Report]:
    for workflow in workflows(facts):
        if workflow.status is not Status.OK:
            continue
        for number in workflow.numeric_versions:
            written = number.value.value
            quoted = f"'{written}'"
            yield Report(
                f"`{written}` is a YAML number, so setup-go receives `{number.reads_as}` and installs Go "
                f"{number.reads_as}, one of Go's first releases, not Go {written}; quote it: {quoted}",
                Location(workflow.path, number.value.range),
                (Fix(f"Quote it: {quoted}", Applicability.SAFE,
                     edits=(TextEdit(workflow.path, number.value.range, quoted),)),))
