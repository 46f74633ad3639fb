from __future__ import annotations

import re
from collections.abc import Iterator

from goenv_lsp.facts import Facts
from goenv_lsp.files.dockerfile import DockerfileFacts, DockerStage, DockerVariable, lineage
from goenv_lsp.model import Location, Related, Severity
from goenv_lsp.rules.ge8_versions._commands import GoCommand, word_range
from goenv_lsp.rules.ge8_versions._docker import (
    Run,
    inline,
    move_fix,
    ok_dockerfiles,
    runs,
)
from goenv_lsp.rules.registry import ALL_CONTEXTS, FixAvailability, Report, rule

DOCS = """
## What it checks
An `ENV` (or `ARG`) in a Dockerfile stage that sets GOPROXY, GONOPROXY, GOPRIVATE, GONOSUMDB, GOSUMDB,
GOINSECURE, GOFLAGS or GOTOOLCHAIN after a `RUN` of the same stage whose go command that variable governs: a
module download (`go mod download`, `go build`, `go get`, `go install`, `go test`, `go mod tidy`…) for the
proxy and checksum variables, a build, test, vet or list for GOFLAGS, any go command but `go version` and `go env`
for GOTOOLCHAIN. A RUN that sets the variable itself (`GOPROXY=… go mod download`, `go env -w`) is not reported,
nor a GOFLAGS or GOTOOLCHAIN that a go command further down the stage does use (set for it on purpose, maybe).

## Why it matters
Each instruction sees only what the instructions above it set. The RUN ran with the image's defaults: modules
came from proxy.golang.org (unreachable behind a firewall, or the private modules 404 there and their paths
leak to the public proxy and checksum database), GOFLAGS and GOTOOLCHAIN had no effect. The modules are then in
the layer, so later RUNs never fetch them again with the new settings either: the ENV line looks right and
changes nothing that matters.

## How to fix
Move the ENV above the first RUN that needs it — right after `FROM`, or after the ARGs it uses (the quick fix
moves the instruction, all its lines).

## Example
```dockerfile
FROM golang:1.27-alpine AS build
COPY go.mod go.sum ./
RUN go mod download
ENV GOPROXY=https://goproxy.example.com,direct GOPRIVATE=example.com/internal
```
"""

_FETCHING = frozenset({"build", "install", "get", "test", "run", "vet", "list"})
_MOD_FETCHING = frozenset({"download", "tidy", "vendor", "graph", "why"})
_FLAGGED = frozenset({"build", "install", "test", "run", "vet", "list"})
_NETWORK = ("GOPROXY", "GONOPROXY", "GOPRIVATE", "GONOSUMDB", "GOSUMDB", "GOINSECURE")
WATCHED = (*_NETWORK, "GOFLAGS", "GOTOOLCHAIN")
_REPORTING = frozenset({"version", "env", "help", "doc"})
# set for the commands below it on purpose, maybe: reported only when no go command below needs it
_FOR_LATER = frozenset({"GOFLAGS", "GOTOOLCHAIN"})
_GO_ENV_KEY = re.compile(r"\b(GO[A-Z0-9_]+)=")


def needs(key: str, command: GoCommand) -> bool:
    """The go command's behaviour depends on ``key`` (`go version` and `go env` only report)."""
    sub = command.subcommand.text
    if sub in _REPORTING:
        return False
    if key == "GOTOOLCHAIN":
        return True
    if key == "GOFLAGS":
        return sub in _FLAGGED
    rest = next((w.text for w in command.args if not w.text.startswith("-")), "")
    return sub in _FETCHING or (sub == "mod" and rest in _MOD_FETCHING) or (sub == "work" and rest == "sync")


@rule(code="GE810", name="go-env-after-run", severity=Severity.WARNING,
      contexts=ALL_CONTEXTS,
      only_with=("dockerfile",),
      summary="A Dockerfile sets GOPROXY, GOPRIVATE, GOFLAGS, GOTOOLCHAIN… after the RUN that needed it",
      docs=DOCS, fix=FixAvailability.SOMETIMES, fix_title="Move the ENV above the first RUN that needs it",
      needs=("dockerfile",), tags=("containers", "proxy"))
def check(facts: Facts) -> Iterator[Report]:
    for dockerfile in ok_dockerfiles(facts):
        by_stage = runs(facts, dockerfile)
        for stage in dockerfile.stages:
            yield from _stage(dockerfile, stage, by_stage.get(stage.index, ()))


def _stage(dockerfile: DockerfileFacts, stage: DockerStage, stage_runs: tuple[Run, ...]) -> Iterator[Report]:
    """One pass over the stage: each watched variable set after the first RUN that needed it unset."""
    ancestors = lineage(dockerfile, stage)[1:]
    served = {v.key for v in dockerfile.variables if v.stage in ancestors and v.instruction == "ENV"}
    unserved: dict[str, tuple[Run, GoCommand]] = {}
    events: list[tuple[int, Run | DockerVariable]] = [(r.instruction.line, r) for r in stage_runs]
    events += [(v.line, v) for v in dockerfile.variables if v.stage == stage.index and v.key in WATCHED]
    ordered = [e for _, e in sorted(events, key=lambda e: e[0])]
    for number, event in enumerate(ordered):
        if isinstance(event, DockerVariable):
            if event.key in unserved and event.key not in served and not (
                    event.key in _FOR_LATER and _needed_later(event.key, ordered[number + 1:])):
                yield _report(dockerfile, event, *unserved[event.key])
            served.add(event.key)
            continue
        for line in event.lines:
            if "go env -w" in line.value:  # written to the go env file from here on
                served.update(_GO_ENV_KEY.findall(line.value.split("go env -w", 1)[1]))
        for command in event.commands:
            for key in WATCHED:
                if key not in served and key not in unserved and needs(key, command) and inline(command, key) is None:
                    unserved[key] = (event, command)


def _needed_later(key: str, later: list[Run | DockerVariable]) -> bool:
    return any(isinstance(e, Run) and any(needs(key, c) for c in e.commands) for e in later)


def _report(dockerfile: DockerfileFacts, variable: DockerVariable, run: Run, command: GoCommand) -> Report:
    go = spelled(command)
    fixes = move_fix(dockerfile, variable, run, WATCHED)
    where = variable.key_range or variable.value.range
    return Report(
        f"{variable.key} is set after the RUN on line {run.instruction.line + 1}, so `{go}` there ran without it "
        f"(with the image's default); {_effect(variable.key)}: move the {variable.instruction} above that RUN",
        Location(dockerfile.path, where), fixes,
        (Related(Location(dockerfile.path, word_range(command.line, command.subcommand)),
                 f"`{go}` runs here, before {variable.key} is set"),))


def spelled(command: GoCommand) -> str:
    """``go build``, ``go mod download``: the command and, for go mod and go work, its subcommand."""
    sub = command.subcommand.text
    rest = next((w.text for w in command.args if not w.text.startswith("-")), "") if sub in ("mod", "work") else ""
    return f"go {sub} {rest}".rstrip()


def _effect(key: str) -> str:
    if key in _NETWORK:
        return "the modules it fetched are in the layer, so later RUNs never fetch them again with the new setting"
    if key == "GOFLAGS":
        return "its flags did not apply to that command"
    return "the toolchain choice did not apply to that command"
