from __future__ import annotations

from collections.abc import Iterator

from goenv_lsp.facts import Facts, FileFacts, FileProblem, Status
from goenv_lsp.files import PARSED, kind
from goenv_lsp.model import Location, Range, Severity
from goenv_lsp.rules.registry import ALL_CONTEXTS, Report, Scope, rule

DOCS = """
## What it checks
That the files goenv-lsp reads can be read and parsed: go.mod and go.work (with the go command's own
grammar and error messages), `.vscode/settings.json` (JSON with comments and trailing commas, as VS Code
accepts), `.idea/workspace.xml`, the GOENV file and `$GOROOT/go.env` — every file kind goenv-lsp knows.
Each problem gets a diagnostic at its position when it is known. go.mod and go.work problems are errors
(the go command refuses the file); the others warnings.

## Why it matters
The go command refuses a go.mod or go.work with a syntax error (`go: errors parsing go.mod`), and so does
gopls. VS Code ignores a settings file it cannot parse — every setting in it silently stops applying — and
GoLand may reset a broken workspace.xml. The other checks still run on what could be read.

## How to fix
Correct the syntax at the reported position. For go.mod, `go mod edit -fmt` rewrites a file that parses;
for settings.json, VS Code's editor marks the same error.

## Example
`go 1.22.x` in go.mod: `go.mod:3: invalid go version '1.22.x': must match format 1.23.0`.
"""


@rule(code="GE002", name="malformed-file", severity=Severity.ERROR,
      contexts=ALL_CONTEXTS,
      summary="A file goenv-lsp reads (go.mod, go.work, settings.json, workspace.xml …) cannot be read or parsed",
      docs=DOCS, scope=Scope.FILE, needs=tuple(k.name for k in PARSED), tags=("files",))
def check(facts: Facts, file: FileFacts) -> Iterator[Report]:
    if file.status in (Status.OK, Status.MISSING):
        return
    file_kind = kind(file.kind)
    severity = file_kind.malformed_severity if file_kind else Severity.WARNING
    problems = file.problems or (FileProblem(f"cannot use the file ({file.status.value})"),)
    for problem in problems:
        yield Report(problem.message, Location(file.path, problem.range or Range.of(0, 0)), severity=severity)
