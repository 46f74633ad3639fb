"""What the Dockerfile rules (GE802, GE810, GE812–GE814) share: the go commands of each RUN, which variables a
RUN sees, the images' known toolchains, and the edit that moves an instruction up."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from goenv_lsp.facts import Facts, Spanned, Status
from goenv_lsp.files.dockerfile import (
    DockerfileFacts,
    DockerInstruction,
    DockerStage,
    DockerVariable,
    dockerfiles,
    instruction_text,
    lineage,
)
from goenv_lsp.model import Applicability, Fix, Range, TextEdit, utf16_len
from goenv_lsp.rules.ge8_versions._commands import GoCommand, go_commands

BUILDS = frozenset({"build", "install"})  # go commands that write a binary
_ALPINE = re.compile(r"(?:^|-)alpine")
_WINDOWS = re.compile(r"windowsservercore|nanoserver")


@dataclass(frozen=True)
class Run:
    """A RUN instruction and the go commands it runs."""

    instruction: DockerInstruction
    commands: tuple[GoCommand, ...]
    lines: tuple[Spanned, ...] = ()  # its shell lines (the kind's ``commands`` on its lines)


def ok_dockerfiles(facts: Facts) -> Iterator[DockerfileFacts]:
    yield from (d for d in dockerfiles(facts) if d.status is Status.OK)


def runs(facts: Facts, dockerfile: DockerfileFacts) -> dict[int, tuple[Run, ...]]:
    """The RUN instructions of each stage, in order, with their go commands (one pass over both)."""
    by_line: dict[int, list[GoCommand]] = {}
    for command in _commands_by_file(facts).get(id(dockerfile), ()):
        by_line.setdefault(command.line.range.start.line, []).append(command)
    shell: dict[int, list[Spanned]] = {}
    for line in dockerfile.commands:
        shell.setdefault(line.range.start.line, []).append(line)
    found: dict[int, list[Run]] = {}
    for instruction in dockerfile.instructions:
        if instruction.keyword.value.upper() == "RUN" and instruction.stage >= 0:
            numbers = range(instruction.line, instruction.last + 1)
            mine = tuple(c for line in numbers for c in by_line.get(line, ()))
            lines = tuple(c for line in numbers for c in shell.get(line, ()))
            found.setdefault(instruction.stage, []).append(Run(instruction, mine, lines))
    return {stage: tuple(r) for stage, r in found.items()}


def _commands_by_file(facts: Facts) -> dict[int, list[GoCommand]]:
    """Every go command, by the id of its file: grouped once per facts, not once per Dockerfile (which made
    a monorepo's check grow with the square of its Dockerfiles)."""
    def group() -> dict[int, list[GoCommand]]:
        grouped: dict[int, list[GoCommand]] = {}
        for command in go_commands(facts):
            grouped.setdefault(id(command.file), []).append(command)
        return grouped

    return facts.memo((_commands_by_file,), group)


def setting(dockerfile: DockerfileFacts, stage: DockerStage, key: str, before: int) -> DockerVariable | None:
    """The last ENV or ARG that sets ``key`` for a RUN at line ``before`` of ``stage``: in the stage above that
    line, or (ENV only: ARG values do not outlive their stage) anywhere in the stages it builds on."""
    found = None
    for index in reversed(lineage(dockerfile, stage)):
        for variable in dockerfile.variables:
            if variable.key != key or variable.stage != index:
                continue
            here = index == stage.index
            if (here and variable.line < before) or (not here and variable.instruction == "ENV"):
                found = variable
    return found


def value_of(variable: DockerVariable | None) -> str | None:
    if variable is None:
        return None
    value = variable.value.value
    return value[1:-1] if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'" else value


def inline(command: GoCommand, key: str) -> str | None:
    """``KEY=value`` in the RUN line before the go word (``CGO_ENABLED=0 go build``, ``export KEY=value &&``)."""
    before = command.line.value[: command.subcommand.column]
    found = re.findall(rf"(?<![A-Za-z0-9_]){key}=(\S*)", before)
    return found[-1].strip("\"'") if found else None


def in_text(dockerfile: DockerfileFacts, runs_before: tuple[Run, ...], pattern: re.Pattern[str]) -> bool:
    """Some line of these RUNs matches ``pattern``."""
    return any(pattern.search(line.value) for run in runs_before for line in run.lines)


def image_toolchain(stage: DockerStage) -> str | None:
    """What the official golang image a stage starts from has for cgo: "gcc" (the Debian variants install gcc,
    so cgo is on by default), "none" (alpine: no C compiler, so cgo is off unless set), None: not known."""
    tag = stage.resolved_tag or "latest"
    if not stage.official_golang or "$" in tag:
        return None
    if _WINDOWS.search(tag):
        return None
    return "none" if _ALPINE.search(tag) else "gcc"


def stage_named(dockerfile: DockerfileFacts, name: str) -> DockerStage | None:
    """``COPY --from=build`` / ``--from=0``: the stage it names (None: an image)."""
    if name.isdigit():
        index = int(name)
        return dockerfile.stages[index] if index < len(dockerfile.stages) else None
    return next((s for s in dockerfile.stages if s.stage and s.stage.lower() == name.lower()), None)


def copies_from(dockerfile: DockerfileFacts, stage: DockerStage) -> Iterator[tuple[DockerInstruction, str]]:
    """COPY --from=… instructions of ``stage``, with the stage or image they name."""
    for instruction in dockerfile.instructions:
        if instruction.stage == stage.index and instruction.keyword.value.upper() == "COPY":
            match = re.search(r"--from=(\S+)", instruction.value)
            if match:
                yield instruction, match.group(1)


def move_before(dockerfile: DockerfileFacts, moved: DockerInstruction,
                target: DockerInstruction) -> tuple[TextEdit, ...]:
    """Edits that move ``moved`` (all its lines) to just above ``target``; none when its text is not kept (it
    holds a secret: an edit would write it into the output)."""
    if not any(dockerfile.lines[moved.line: moved.last + 1]):
        return ()
    text = instruction_text(dockerfile, moved)
    insert = TextEdit(dockerfile.path, Range.of(target.line, 0), text)
    if moved.last + 1 < len(dockerfile.lines):
        removed = Range.of(moved.line, 0, 0, moved.last + 1)
    else:  # the file's last line, with no line end: its text goes, the line end before it stays
        removed = Range.of(moved.line, 0, utf16_len(dockerfile.lines[moved.last]), moved.last)
    return insert, TextEdit(dockerfile.path, removed, "")


def instruction_of(dockerfile: DockerfileFacts, variable: DockerVariable) -> DockerInstruction | None:
    return next((i for i in dockerfile.instructions if i.holds(variable.line)), None)


def final_stage(dockerfile: DockerfileFacts) -> DockerStage | None:
    return dockerfile.stages[-1] if dockerfile.stages else None


_ASSIGNMENT = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*=[^$\s]*$")  # KEY=value with no $reference


def only_settings(instruction: DockerInstruction, keys: Iterable[str]) -> bool:
    """Moving the ENV/ARG changes nothing but these settings: each KEY=value is one of ``keys``, none refers to
    another variable (which might be set between the two lines)."""
    keys = frozenset(keys)
    words = instruction.value.split()
    if words and "=" not in words[0] and len(words) >= 2:  # ENV KEY value
        return words[0] in keys and "$" not in instruction.value
    return bool(words) and all(_ASSIGNMENT.match(w) and w.split("=", 1)[0] in keys for w in words)


def go_word_column(command: GoCommand) -> int:
    """Where the go word (``go``, ``/usr/local/go/bin/go``) of a command starts in its line."""
    before = command.line.value[: command.subcommand.column].rstrip()
    return len(before) - len(before.split()[-1]) if before.split() else 0


def effective(dockerfile: DockerfileFacts, run: Run, command: GoCommand, key: str) -> str | None:
    """The value ``key`` has for ``command``: set in the line before it, else by an ENV/ARG above (None: not set)."""
    found = inline(command, key)
    if found is not None:
        return found
    assignment = re.compile(rf"(?<![A-Za-z0-9_]){key}=(\S*)")
    for line in run.lines:  # export KEY=… && \ on a line above
        if line.range.start.line >= command.line.range.start.line:
            break
        values = assignment.findall(line.value)
        if values:
            found = values[-1].strip("\"'")
    if found is not None:
        return found
    return value_of(setting(dockerfile, dockerfile.stages[run.instruction.stage], key, run.instruction.line))


def static_image(stage: DockerStage) -> str | None:
    """``scratch`` or a distroless/chainguard ``static`` image: no C library at all."""
    if stage.base is not None:
        return None
    repository = stage.repository.lower()
    if repository == "scratch":
        return "scratch"
    if repository.startswith(("gcr.io/distroless/static", "cgr.dev/chainguard/static")):
        return stage.image.value
    return None


def move_fix(dockerfile: DockerfileFacts, variable: DockerVariable, run: Run, keys: Iterable[str]) -> tuple[Fix, ...]:
    """Move the ENV/ARG setting ``variable`` above ``run``: safe when the instruction sets only ``keys``."""
    instruction = instruction_of(dockerfile, variable)
    edits = move_before(dockerfile, instruction, run.instruction) if instruction is not None else ()
    if instruction is None or not edits:
        return ()
    safe = only_settings(instruction, keys)
    return (Fix(f"Move the {instruction.keyword.value.upper()} above line {run.instruction.line + 1}",
                Applicability.SAFE if safe else Applicability.UNSAFE, edits=edits),)
