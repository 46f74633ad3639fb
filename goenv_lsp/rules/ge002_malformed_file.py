from __future__ import annotations

from collections.abc import Iterator

from goenv_lsp.facts import Facts, FileProblem, Status
from goenv_lsp.model import Location, Range, Severity
from goenv_lsp.rules.registry import Report, rule

DOCS = """
## What it checks
That the files goenv-lsp reads can be read and parsed: go.mod and go.work (with the go command's own
grammar and error messages), `.vscode/settings.json` (JSON with comments and trailing commas, as VS Code
accepts) and `.idea/workspace.xml`. Each problem gets a diagnostic at its position when it is known.

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
      summary="A go.mod, go.work, settings.json or workspace.xml cannot be read or parsed", docs=DOCS)
def check(facts: Facts) -> Iterator[Report]:
    files = [(facts.go_mod, Severity.ERROR), (facts.go_work, Severity.ERROR), (facts.vscode, Severity.WARNING),
             (facts.idea, Severity.WARNING)]
    for file, severity in files:
        if file is None or file.status is Status.OK:
            continue
        fallback = FileProblem(f"cannot use the file ({file.status.value})")
        problems: tuple[FileProblem, ...] = file.problems or (fallback,)
        for problem in problems:
            yield Report(problem.message, Location(file.path, problem.range or Range.of(0, 0)), severity=severity)
