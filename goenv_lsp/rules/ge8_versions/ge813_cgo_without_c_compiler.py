from __future__ import annotations

import re
from collections.abc import Iterator

from goenv_lsp.facts import Facts
from goenv_lsp.files.dockerfile import DockerfileFacts, DockerStage, lineage, root_stage
from goenv_lsp.model import Applicability, Fix, Location, Range, Related, Severity, TextEdit
from goenv_lsp.rules.ge8_versions._commands import GoCommand, word_range
from goenv_lsp.rules.ge8_versions._docker import (
    Run,
    effective,
    image_toolchain,
    in_text,
    ok_dockerfiles,
    runs,
    setting,
)
from goenv_lsp.rules.registry import ALL_CONTEXTS, FixAvailability, Report, rule

DOCS = """
## What it checks
A `go build`, `go install`, `go test` or `go run` with `CGO_ENABLED=1` (set by ENV, ARG or on the command) in a
stage of an official golang **alpine** image, when no RUN before it installs a C compiler (`apk add gcc
musl-dev`, `build-base`, `clang`) and no `CC` is set. An `apk add` of packages named by a variable is taken to
install one (it cannot be known).

## Why it matters
The alpine golang images carry Go and the CA certificates, nothing else: there is no gcc. Without a C compiler
the go command turns cgo off by itself (its default is `CGO_ENABLED=0` there), but a build that asks for cgo
stops at the first package that uses it — `runtime/cgo`, needed by `net`, `os/user` and every `import "C"`:
`cgo: C compiler "gcc" not found: exec: "gcc": executable file not found in $PATH`.

## How to fix
Install the compiler and the C library headers before the build: `RUN apk add --no-cache gcc musl-dev` (the quick
fix), or `build-base`. If cgo is not needed, drop `CGO_ENABLED=1` (alpine's default is already off).

## Example
```dockerfile
FROM golang:1.27-alpine AS build
ENV CGO_ENABLED=1
RUN go build -o /app .
```
"""

_CGO_COMMANDS = frozenset({"build", "install", "test", "run"})
_COMPILER = re.compile(r"\b(?:gcc|build-base|clang|g\+\+|tcc)\b|apk\s.*\badd\b.*\$")  # or packages from $VARS
_INSTALL = "RUN apk add --no-cache gcc musl-dev"


@rule(code="GE813", name="cgo-without-c-compiler", severity=Severity.ERROR,
      contexts=ALL_CONTEXTS,
      only_with=("dockerfile",),
      summary="A Dockerfile builds with CGO_ENABLED=1 on a golang alpine image, which has no C compiler",
      docs=DOCS, fix=FixAvailability.ALWAYS, fix_title="Install gcc and musl-dev before the build",
      needs=("dockerfile",), tags=("containers", "cgo"))
def check(facts: Facts) -> Iterator[Report]:
    for dockerfile in ok_dockerfiles(facts):
        by_stage = runs(facts, dockerfile)
        for stage in dockerfile.stages:
            if image_toolchain(root_stage(dockerfile, stage)) == "none":
                found = _first_failing(dockerfile, stage, by_stage)
                if found is not None:
                    yield _report(dockerfile, stage, *found)


def _first_failing(dockerfile: DockerfileFacts, stage: DockerStage,
                   by_stage: dict[int, tuple[Run, ...]]) -> tuple[Run, GoCommand] | None:
    ancestors = tuple(r for i in lineage(dockerfile, stage)[1:] for r in by_stage.get(i, ()))
    if in_text(dockerfile, ancestors, _COMPILER):
        return None
    for run in by_stage.get(stage.index, ()):
        if in_text(dockerfile, (run,), _COMPILER):
            return None  # installed here: this RUN and the later ones have it
        for command in run.commands:
            if command.subcommand.text not in _CGO_COMMANDS or effective(dockerfile, run, command, "CC"):
                continue
            if effective(dockerfile, run, command, "CGO_ENABLED") == "1":
                return run, command
    return None


def _report(dockerfile: DockerfileFacts, stage: DockerStage, run: Run, command: GoCommand) -> Report:
    image = root_stage(dockerfile, stage).image.value
    insert = TextEdit(dockerfile.path, Range.of(run.instruction.line, 0),
                      _INSTALL + ("\r\n" if dockerfile.crlf else "\n"))
    related = ()
    variable = setting(dockerfile, stage, "CGO_ENABLED", run.instruction.line)
    if variable is not None:
        related = (Related(Location(dockerfile.path, variable.key_range or variable.value.range),
                           "CGO_ENABLED=1 is set here"),)
    return Report(
        f"`go {command.subcommand.text}` runs with CGO_ENABLED=1 on {image}, which has no C compiler, and nothing "
        "above installs one: the first package that uses cgo (runtime/cgo, needed by net and os/user) stops the "
        'build with `cgo: C compiler "gcc" not found: exec: "gcc": executable file not found in $PATH`; '
        "install gcc and musl-dev first",
        Location(dockerfile.path, word_range(command.line, command.subcommand)),
        (Fix(f"Insert `{_INSTALL}` above the build", Applicability.SAFE, edits=(insert,)),), related)
