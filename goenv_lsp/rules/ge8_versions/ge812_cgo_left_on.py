from __future__ import annotations

import re
from collections.abc import Iterator

from goenv_lsp.facts import Facts
from goenv_lsp.files.dockerfile import DockerfileFacts, DockerStage, DockerVariable, lineage, root_stage
from goenv_lsp.model import Applicability, Fix, Location, Range, Related, Severity, TextEdit, utf16_len
from goenv_lsp.rules.ge8_versions._commands import GoCommand, word_range
from goenv_lsp.rules.ge8_versions._docker import (
    BUILDS,
    Run,
    copies_from,
    effective,
    go_word_column,
    image_toolchain,
    inline,
    move_fix,
    ok_dockerfiles,
    runs,
    setting,
    stage_named,
    static_image,
)
from goenv_lsp.rules.registry import ALL_CONTEXTS, FixAvailability, Report, rule

DOCS = """
## What it checks
A `go build` or `go install` in a Dockerfile that runs with cgo on where the Dockerfile means it off:
- `ENV CGO_ENABLED=0` (or `ARG`) comes after the build in its stage (and no build follows it), on an image where
  cgo is on by default — the official Debian-based golang images ship gcc, so `CGO_ENABLED` defaults to 1 there
  (on the alpine ones there is no C compiler and cgo is off anyway: not reported);
- the binary is copied (`COPY --from=build`) into a final `FROM scratch` or distroless/chainguard `static` image,
  and the build ran with cgo on: set `CGO_ENABLED=1`, or a Debian-based golang image's default, with no
  `CGO_ENABLED=0`, no `-extldflags -static`, no `netgo` tag and no GOOS/GOARCH of its own (a cross-build turns
  cgo off by itself).

## Why it matters
With cgo on, a program that imports `net` or `os/user` (any HTTP server or client does) or any cgo package is
linked dynamically against the C library. `scratch` and distroless `static` have no C library and no dynamic
loader, so the container stops at once with `exec /app: no such file or directory` — the file is there; the
loader it names is not. An ENV after the build only affects later instructions: the binary is already built.

## How to fix
Set `CGO_ENABLED=0` before the build: move the ENV above the build's RUN, or write it on the command
(`RUN CGO_ENABLED=0 go build …`, the quick fixes). If the program needs cgo, ship it on an image with a C library
(`gcr.io/distroless/base-debian12`, or the build image's own distribution) instead of `static`/`scratch`.

## Example
```dockerfile
FROM golang:1.27-bookworm AS build
RUN go build -o /app ./cmd/server
FROM scratch
COPY --from=build /app /app
```
"""

_STATIC_LINK = re.compile(r"-static\b|\bnetgo\b")
_CROSS = ("GOOS", "GOARCH")


@rule(code="GE812", name="cgo-left-on", severity=Severity.WARNING,
      contexts=ALL_CONTEXTS,
      only_with=("dockerfile",),
      summary="A Dockerfile builds with cgo on: CGO_ENABLED=0 set after the build, or a dynamic binary for scratch",
      docs=DOCS, fix=FixAvailability.SOMETIMES, fix_title="Set CGO_ENABLED=0 before the build",
      needs=("dockerfile",), tags=("containers", "cgo"))
def check(facts: Facts) -> Iterator[Report]:
    for dockerfile in ok_dockerfiles(facts):
        by_stage = runs(facts, dockerfile)
        late = [r for v in dockerfile.variables
                if v.key == "CGO_ENABLED" and v.stage >= 0 and v.value.value.strip("\"'") == "0"
                for r in _too_late(dockerfile, by_stage, v)]
        yield from late
        reported = {r.related[0].location.range.start.line for r in late}  # the builds named already
        yield from (r for r in _dynamic_for_static(dockerfile, by_stage) if r.location.range.start.line not in reported)


def _builds(stage_runs: tuple[Run, ...]) -> Iterator[tuple[Run, GoCommand]]:
    for run in stage_runs:
        for command in run.commands:
            if command.subcommand.text in BUILDS:
                yield run, command


def _too_late(dockerfile: DockerfileFacts, by_stage: dict[int, tuple[Run, ...]],
              variable: DockerVariable) -> Iterator[Report]:
    stage = dockerfile.stages[variable.stage]
    if image_toolchain(root_stage(dockerfile, stage)) == "none":
        return  # no C compiler: cgo was off anyway
    later = [s.index for s in dockerfile.stages if variable.stage in lineage(dockerfile, s)]
    builds = [(r, c) for i in later for r, c in _builds(by_stage.get(i, ()))]
    if any(r.instruction.line > variable.line for r, _ in builds):
        return  # a build it does reach
    missed = [(r, c) for r, c in builds if r.instruction.stage == stage.index and inline(c, "CGO_ENABLED") is None
              and setting(dockerfile, stage, "CGO_ENABLED", r.instruction.line) is None]
    if not missed:
        return
    run, command = missed[0]
    fixes = move_fix(dockerfile, variable, run, ("CGO_ENABLED",))
    default = _default(dockerfile, stage)
    yield Report(
        f"CGO_ENABLED=0 is set after the build on line {run.instruction.line + 1}, which ran with cgo {default}: "
        "the binary is already built, and a program that imports net or os/user is linked against the C library; "
        f"move the {variable.instruction} above that RUN",
        Location(dockerfile.path, variable.key_range or variable.value.range), fixes,
        (Related(Location(dockerfile.path, word_range(command.line, command.subcommand)),
                 f"`go {command.subcommand.text}` runs here, before CGO_ENABLED=0"),))


def _default(dockerfile: DockerfileFacts, stage: DockerStage) -> str:
    image = root_stage(dockerfile, stage).image.value
    if image_toolchain(root_stage(dockerfile, stage)) == "gcc":
        return f"on ({image} has gcc, so CGO_ENABLED defaults to 1)"
    return f"as {image} sets it (on wherever a C compiler is installed)"


def _dynamic_for_static(dockerfile: DockerfileFacts, by_stage: dict[int, tuple[Run, ...]]) -> Iterator[Report]:
    final = dockerfile.stages[-1] if dockerfile.stages else None
    target = static_image(final) if final else None
    if final is None or target is None:
        return
    for copy, source in copies_from(dockerfile, final):
        built = stage_named(dockerfile, source)
        if built is None or built.index == final.index:
            continue
        for index in lineage(dockerfile, built):
            for run, command in _builds(by_stage.get(index, ())):
                why = _cgo_on(dockerfile, run, command)
                if why is not None:
                    yield _dynamic(dockerfile, final, copy.keyword.range, run, command, why)
                    return


def _cgo_on(dockerfile: DockerfileFacts, run: Run, command: GoCommand) -> str | None:
    """Why the build runs with cgo on, when it surely does (None: off, or not knowable)."""
    if any(_STATIC_LINK.search(w.text) for w in command.args):
        return None
    value = effective(dockerfile, run, command, "CGO_ENABLED")
    if value == "1":
        return "CGO_ENABLED=1"
    if value is not None or any(effective(dockerfile, run, command, k) is not None for k in _CROSS):
        return None
    stage = dockerfile.stages[run.instruction.stage]
    if image_toolchain(root_stage(dockerfile, stage)) == "gcc":
        return f"{root_stage(dockerfile, stage).image.value} has gcc, so CGO_ENABLED defaults to 1"
    return None


def _dynamic(dockerfile: DockerfileFacts, final: DockerStage, copy: Range, run: Run, command: GoCommand,
             why: str) -> Report:
    fixes = ()
    if why != "CGO_ENABLED=1":
        column = command.line.range.start.character + utf16_len(command.line.value[: go_word_column(command)])
        at = Range.of(command.line.range.start.line, column)
        fixes = (Fix("Build with CGO_ENABLED=0 (a static binary; a package that needs cgo no longer builds)",
                     Applicability.UNSAFE, edits=(TextEdit(dockerfile.path, at, "CGO_ENABLED=0 "),)),)
    instead = "build with CGO_ENABLED=0" if fixes else "ship it on an image with a C library (distroless/base)"
    return Report(
        f"`go {command.subcommand.text}` runs with cgo on ({why}) and its binary goes into `FROM "
        f"{final.image.value}`, which has no C library: a program that imports net or os/user is linked "
        f"dynamically and the container stops with `exec …: no such file or directory`; {instead}",
        Location(dockerfile.path, word_range(command.line, command.subcommand)), fixes,
        (Related(Location(dockerfile.path, final.image.range), f"the final image: {final.image.value}"),
         Related(Location(dockerfile.path, copy), "the binary is copied here")))
