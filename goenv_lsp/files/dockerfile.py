"""Dockerfiles (and Containerfiles): the stages (base image, name, the stage they build on), every instruction
with the lines it takes, the Go variables ENV and ARG set, the Go version each golang stage selects (``go_pins``)
and the shell lines RUN instructions run (``commands``), all with the spans they occupy. Instructions are split
by ``dockerfile-parse`` (comments, line continuations, the escape directive), heredoc bodies by
``_dockerfile_lex``; the tokens goenv-lsp points at are then located on their lines. A Dockerfile belongs to
the module it sits in (``Facts.module_for``), whose go.mod it is compared with."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass

from goenv_lsp.facts import Facts, FileFacts, FileProblem, GoPin, Module, PinsGo, RunsCommands, Spanned, Status
from goenv_lsp.files._dockerfile_lex import RawInstruction, escape_character, instructions
from goenv_lsp.files.base import EditorHints, FileKind, ParseContext, Where, decode_failed
from goenv_lsp.model import Range
from goenv_lsp.redact import redact_credentials, redact_text, redact_value
from goenv_lsp.text import LineIndex, decode_text

KIND_NAME = "dockerfile"
# a key starts where a word does: a long run of letters is not tried at each of its positions (time squared)
_PAIR = re.compile(r"(?<![A-Za-z0-9_])(?P<key>[A-Za-z_][A-Za-z0-9_]*)="
                   r"""(?P<value>"(?:[^"\\]|\\.)*"|'[^']*'|[^\s"']*)""")
# ENV KEY value: the value is the rest of the line without a final backslash and the whitespace before it
_LEGACY = re.compile(r"^\s*ENV\s+(?P<key>[A-Za-z_][A-Za-z0-9_]*)\s+(?P<value>.*)$", re.IGNORECASE)
_GO_VARIABLE = re.compile(r"^(GO[A-Z0-9_]*|CGO_[A-Z0-9_]+|CC|CXX)$")  # what `go env` lists
_WORD = re.compile(r"\S+")
_REFERENCE = re.compile(r"\$(?:\{(?P<braced>[A-Za-z_][A-Za-z0-9_]*)(?::?-(?P<default>[^}$]*))?\}"
                        r"|(?P<bare>[A-Za-z_][A-Za-z0-9_]*))")
_VERSION = re.compile(r"1\.\d+(?:\.\d+)?(?:(?:rc|beta)\d+)?(?=$|[-@])")
_WINDOWS_VARIANT = re.compile(r"windowsservercore|nanoserver")
OFFICIAL_GOLANG = ("golang", "library/golang", "docker.io/golang", "docker.io/library/golang",
                   "index.docker.io/library/golang", "registry-1.docker.io/library/golang",
                   "mirror.gcr.io/library/golang", "public.ecr.aws/docker/library/golang")


@dataclass(frozen=True)
class DockerStage:
    """A FROM instruction: ``image`` as written (``golang:1.22-alpine``, maybe with ${ARG}s), its line, the
    stage name after AS; ``base``: the index of the earlier stage it builds on (``FROM build AS test``)."""

    image: Spanned
    stage: str | None = None
    index: int = 0
    base: int | None = None
    platform: str | None = None  # --platform=… as written
    line: int = 0  # the FROM instruction's first line
    resolved: str = ""  # ``image`` with the global ARG defaults (and ${X:-default}s) substituted
    tag_range: Range | None = None  # where the resolved tag is written, when in one place (None: no tag, or
    #                                 pieced together from several)

    @property
    def resolved_tag(self) -> str | None:
        """The tag with ARG defaults substituted (``1.27-alpine`` for ``${GO_VERSION}-alpine``)."""
        name = (self.resolved or self.image.value).split("@", 1)[0]
        last = name.rsplit("/", 1)[-1]
        return last.split(":", 1)[1] if ":" in last else None

    @property
    def repository(self) -> str:
        """``golang`` for ``golang:1.22``, ``docker.io/library/golang`` for that; no tag, no digest."""
        name = self.image.value.split("@", 1)[0]
        last = name.rsplit("/", 1)[-1]
        return name[: len(name) - len(last)] + last.split(":", 1)[0]

    @property
    def tag(self) -> str | None:
        name = self.image.value.split("@", 1)[0]
        last = name.rsplit("/", 1)[-1]
        return last.split(":", 1)[1] if ":" in last else None

    @property
    def digest(self) -> str | None:
        return self.image.value.split("@", 1)[1] if "@" in self.image.value else None

    @property
    def golang(self) -> bool:
        """The image is a golang image (any registry's ``…/golang``)."""
        return self.base is None and self.repository.rsplit("/", 1)[-1].lower() == "golang"

    @property
    def official_golang(self) -> bool:
        """Docker's official golang image (or a mirror of it): GOTOOLCHAIN=local; gcc on Debian variants only."""
        return self.base is None and self.repository.lower() in OFFICIAL_GOLANG


@dataclass(frozen=True)
class DockerVariable:
    """A Go variable an ENV or ARG instruction sets: ``value`` spans the value as written (quotes included)."""

    instruction: str  # "ENV" or "ARG"
    key: str
    value: Spanned
    stage: int = -1  # the stage it is set in; -1: before the first FROM (an ARG for FROM lines)
    key_range: Range | None = None  # where the name is

    @property
    def line(self) -> int:
        return self.value.range.start.line


@dataclass(frozen=True)
class DockerInstruction:
    """One instruction: ``keyword`` spans the keyword (as written) on its first line; ``last``: its last line,
    continuations and heredoc bodies included; ``value``: the arguments of COPY, ADD, and of ENV and ARG free of
    secrets, continuation lines joined ("" for the rest: the rules read no more)."""

    keyword: Spanned
    stage: int  # the stage it belongs to; -1 before the first FROM
    last: int
    value: str

    @property
    def line(self) -> int:
        return self.keyword.range.start.line

    def holds(self, line: int) -> bool:
        return self.line <= line <= self.last


@dataclass(frozen=True)
class DockerfileFacts(PinsGo, RunsCommands, FileFacts):
    stages: tuple[DockerStage, ...] = ()
    variables: tuple[DockerVariable, ...] = ()
    instructions: tuple[DockerInstruction, ...] = ()
    # the physical lines (without line ends) of the ENV and ARG instructions that hold no secret, for the edits
    # that move one ("" for every other line)
    lines: tuple[str, ...] = ()
    crlf: bool = False  # lines end with \r\n


def parse_dockerfile(data: bytes, path: str, ctx: ParseContext | None = None) -> DockerfileFacts:
    text, error = decode_text(data)
    if text is None:
        return decode_failed(path, KIND_NAME, error, DockerfileFacts)  # type: ignore[arg-type,return-value]
    return _Parser(text).facts(path)


class _Parser:
    def __init__(self, text: str) -> None:
        self.index = LineIndex(text)  # positions as editors count lines (a lone \r ends one)
        raw = text.split("\n")  # lines as docker (and dockerfile-parse) count them
        self.starts = [0]
        for line in raw:
            self.starts.append(self.starts[-1] + len(line) + 1)
        self.physical = [line[:-1] if line.endswith("\r") else line for line in raw]
        self.crlf = len(raw) > 1 and raw[0].endswith("\r")
        self.escape = escape_character(self.physical)
        self.raw = instructions("\n".join(self.physical), self.physical)
        self.stages: list[DockerStage] = []
        self.named: dict[str, int] = {}  # stage names (AS …, case-insensitive) → index
        self.variables: list[DockerVariable] = []
        self.global_args: dict[str, tuple[int, str]] = {}  # ARG NAME=value before the first FROM: offset, value
        self.pins: dict[Range, GoPin] = {}
        self.commands: list[Spanned] = []
        self.instructions: list[DockerInstruction] = []
        self.lines = [""] * len(self.physical)  # only those of ENV and ARG instructions free of secrets

    def facts(self, path: str) -> DockerfileFacts:
        for raw in self.raw:
            stage = len(self.stages) - 1
            if raw.keyword == "FROM":
                self._from(raw)
                stage += 1
            movable = False
            if raw.keyword in ("ENV", "ARG"):
                movable = not self._variables(raw, stage)
                for number in range(raw.first, raw.last + 1) if movable else ():
                    self.lines[number] = self.physical[number]
            elif raw.keyword == "RUN":
                self._run(raw)
            column = len(self.physical[raw.first]) - len(self.physical[raw.first].lstrip())
            keyword = self._span(raw.first, column, self.physical[raw.first][column: column + len(raw.keyword)])
            kept = raw.value if movable or raw.keyword in ("COPY", "ADD") else ""  # the rules read no other
            self.instructions.append(DockerInstruction(keyword, stage, raw.last, redact_credentials(kept)))
        problems = ()
        if not self.stages and any(i.keyword not in ("ARG",) for i in self.raw):
            problems = (FileProblem("no FROM instruction: `docker build` has no base image to start from",
                                    Range.of(0, 0)),)
        return DockerfileFacts(
            path=path, kind=KIND_NAME, status=Status.MALFORMED if problems else Status.OK, problems=problems,
            go_pins=tuple(self.pins.values()), commands=tuple(self.commands), stages=tuple(self.stages),
            variables=tuple(self.variables), instructions=tuple(self.instructions), lines=tuple(self.lines),
            crlf=self.crlf)

    def _span(self, line: int, column: int, value: str) -> Spanned:
        offset = self.starts[line] + column
        return Spanned(redact_credentials(value), self.index.range(offset, offset + len(value)))

    def _words(self, raw: RawInstruction) -> Iterator[tuple[int, re.Match[str]]]:
        """The words of an instruction across its continuation lines (comment lines and final escapes left out);
        the keyword first."""
        for number in range(raw.first, raw.end + 1):
            line = self.physical[number]
            if number > raw.first and line.lstrip().startswith("#"):
                continue
            body = line.rstrip()
            if number < raw.end and body.endswith(self.escape):
                body = body[:-1]
            for match in _WORD.finditer(body):
                yield number, match

    def _from(self, raw: RawInstruction) -> None:
        words = list(self._words(raw))[1:]
        platform = next((m.group()[len("--platform="):] for _, m in words if m.group().startswith("--platform=")),
                        None)
        words = [(n, m) for n, m in words if not m.group().startswith("--")]
        if not words:
            self.stages.append(DockerStage(Spanned("", Range.of(raw.first, 0)), None, len(self.stages), None,
                                           platform, raw.first))
            return
        number, image = words[0]
        name = words[2][1].group() if len(words) >= 3 and words[1][1].group().lower() == "as" else None
        resolved, where = self._resolve(self.starts[number] + image.start(), image.group())
        stage = DockerStage(self._span(number, image.start(), image.group()), name, len(self.stages),
                            self.named.get(image.group().lower()), platform, raw.first, redact_credentials(resolved),
                            self._tag_range(resolved, where))
        self.stages.append(stage)
        if name:
            self.named.setdefault(name.lower(), stage.index)
        if stage.golang:
            self._pin(stage, self.starts[number] + image.start(), image.group())

    def _tag_range(self, resolved: str, where: list[int | None]) -> Range | None:
        name = resolved.split("@", 1)[0]
        last = name.rsplit("/", 1)[-1]
        if ":" not in last:
            return None
        span = where[len(name) - len(last) + last.index(":") + 1: len(name)]
        if not span or None in span or span[-1] - span[0] != len(span) - 1:  # type: ignore[operator]
            return None
        return self.index.range(span[0], span[-1] + 1)  # type: ignore[operator]

    def _pin(self, stage: DockerStage, offset: int, image: str) -> None:
        """The Go version a golang stage selects: its tag's version, where it is written (in the FROM line, or
        in the default of the global ARG the tag refers to)."""
        resolved, where = self._resolve(offset, image)
        name = resolved.split("@", 1)[0]
        last = name.rsplit("/", 1)[-1]
        if ":" not in last:
            return
        tag_at = len(name) - len(last) + last.index(":") + 1
        match = _VERSION.match(resolved, tag_at)
        if match is None:
            return
        span = where[match.start(): match.end()]
        if None in span or span[-1] - span[0] != len(span) - 1:  # not written in one place
            return
        start = span[0]
        position = self.index.range(start, start + len(span))
        label = f"FROM {redact_credentials(_short_digest(image))}"
        if image != resolved:
            label += f" (`{redact_credentials(name)}` with the ARG defaults)"
        editable = "@" not in resolved
        if not editable:
            label += " (pinned by digest: a new tag needs its own digest)"
        # the Linux images set GOTOOLCHAIN=local; the Windows ones (windowsservercore, nanoserver) do not
        local = stage.official_golang and not _WINDOWS_VARIANT.search(resolved[tag_at:])
        self.pins.setdefault(position, GoPin(match.group(), match.group(), position, label, local=local,
                                             editable=editable))

    def _resolve(self, offset: int, image: str) -> tuple[str, list[int | None]]:
        """``image`` with ``$NAME``, ``${NAME}``, ``${NAME:-default}`` replaced by global ARG defaults, and where
        each character of the result is written (an offset in the file; None: not written anywhere)."""
        out: list[str] = []
        where: list[int | None] = []
        at = 0
        for match in _REFERENCE.finditer(image):
            out.append(image[at: match.start()])
            where += range(offset + at, offset + match.start())
            name = match.group("braced") or match.group("bare")
            if name in self.global_args:
                value_at, value = self.global_args[name]
                out.append(value)
                where += range(value_at, value_at + len(value))
            elif match.group("default") is not None:
                default = match.group("default")
                out.append(default)
                where += range(offset + match.start("default"), offset + match.end("default"))
            else:
                out.append(match.group())  # unknown: kept as written, located nowhere
                where += [None] * len(match.group())
            at = match.end()
        out.append(image[at:])
        where += range(offset + at, offset + len(image))
        return "".join(out), where

    def _variables(self, raw: RawInstruction, stage: int) -> bool:
        """Records the Go variables; True when the instruction holds a secret (by its name or its shape)."""
        secret = False
        name = raw.keyword
        keyword = re.compile(rf"^\s*{name}\s+", re.IGNORECASE)
        for number in range(raw.first, raw.end + 1):
            line = self.physical[number]
            head = keyword.match(line) if number == raw.first else None
            pairs = [(m.group("key"), m.start("key"), m.start("value"), m.group("value"))
                     for m in _PAIR.finditer(line, head.end() if head else 0)]
            if not pairs and number == raw.first and name == "ENV" and (legacy := _LEGACY.match(line)):
                value = legacy.group("value")  # ENV KEY value (the old form: the rest of the line is the value)
                value = (value[:-1] if value.endswith(self.escape) else value).rstrip()
                pairs = [(legacy.group("key"), legacy.start("key"), legacy.start("value"), value)]
            secret = secret or redact_text(line) != line
            for key, key_column, column, value in pairs:
                secret = secret or redact_value(key, value) != value
                if name == "ARG" and stage == -1:
                    unquoted = value[1:-1] if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'" else value
                    self.global_args[key] = (self.starts[number] + column + (len(value) != len(unquoted)), unquoted)
                if _GO_VARIABLE.match(key):
                    self.variables.append(DockerVariable(name, key, self._span(number, column, value), stage,
                                                         self._span(number, key_column, key).range))
        return secret

    def _run(self, raw: RawInstruction) -> None:
        first = self.physical[raw.first]
        words = [m for n, m in self._words(raw) if n == raw.first][1:]
        start = next((m.start() for m in words if not m.group().startswith("--")), None)
        if start is not None and first[start] == "[":
            self._exec_form(raw.first, start)
        else:
            for number in range(raw.first, raw.end + 1):
                line = self.physical[number]
                if number == raw.first:
                    begin = len(line) if start is None else start
                elif line.lstrip().startswith("#"):
                    continue
                else:
                    begin = len(line) - len(line.lstrip())
                body = line.rstrip()
                if number < raw.end and body.endswith(self.escape):
                    body = body[:-1].rstrip()
                if body[begin:]:
                    self.commands.append(self._span(number, begin, body[begin:]))
        for heredoc in raw.heredocs:
            if not heredoc.script:
                continue
            for number in range(heredoc.first, heredoc.last + 1):
                line = self.physical[number]
                begin = len(line) - len(line.lstrip())
                if line.strip() and not line.lstrip().startswith("#"):
                    self.commands.append(self._span(number, begin, line.rstrip()[begin:]))

    def _exec_form(self, number: int, start: int) -> None:
        """``RUN ["go", "get", "-u"]`` on one line: the JSON array with its punctuation blanked, so the words stay
        at their columns (``"go"  "get"  "-u"``)."""
        line = self.physical[number].rstrip()
        try:
            argv = json.loads(line[start:])
        except ValueError:
            return
        if not isinstance(argv, list) or not all(isinstance(a, str) and "\\" not in a for a in argv):
            return
        chars, quoted = list(line[start:]), False
        for i, char in enumerate(chars):
            if char == '"':
                quoted = not quoted
            elif not quoted and char in "[],":
                chars[i] = " "
        blanked = "".join(chars)
        lead = len(blanked) - len(blanked.lstrip())
        self.commands.append(self._span(number, start + lead, blanked.strip()))


def _short_digest(image: str) -> str:
    """``golang:1.22@sha256:0e5c4b3f7a7d…``: a digest's first twelve characters are enough to name it."""
    name, _, digest = image.partition("@")
    algorithm, _, value = digest.partition(":")
    return f"{name}@{algorithm}:{value[:12]}…" if len(value) > 12 else image


def dockerfiles(facts: Facts) -> tuple[DockerfileFacts, ...]:
    return tuple(f for f in facts.files_of(KIND_NAME) or () if isinstance(f, DockerfileFacts))


def module_of(facts: Facts, dockerfile: DockerfileFacts) -> Module | None:
    """The module whose go.mod a Dockerfile builds with: the one it sits in."""
    return facts.module_for(dockerfile.path)


def root_stage(dockerfile: DockerfileFacts, stage: DockerStage) -> DockerStage:
    """The stage whose FROM names an image, following ``FROM build AS test`` back to ``build``."""
    return dockerfile.stages[lineage(dockerfile, stage)[-1]]


MAX_LINEAGE = 64  # stages built on stages built on stages…: deeper chains are not followed (no real file has one)


def lineage(dockerfile: DockerfileFacts, stage: DockerStage) -> tuple[int, ...]:
    """The stage and the stages it builds on, nearest first (their ENV instructions all apply)."""
    found = [stage.index]
    while stage.base is not None and stage.base < stage.index and len(found) < MAX_LINEAGE:
        stage = dockerfile.stages[stage.base]
        found.append(stage.index)
    return tuple(found)


def instruction_text(dockerfile: DockerfileFacts, instruction: DockerInstruction) -> str:
    """The instruction's lines as written, each with its line end."""
    end = "\r\n" if dockerfile.crlf else "\n"
    return "".join(line + end for line in dockerfile.lines[instruction.line: instruction.last + 1])


KIND = FileKind(
    name=KIND_NAME, title="Dockerfile", where=Where.TREE,
    names=("Dockerfile", "Dockerfile.*", "*.Dockerfile", "*.dockerfile", "Containerfile", "Containerfile.*",
           "*.Containerfile"),
    parse=parse_dockerfile, facts_type=DockerfileFacts,
    not_names=("*.dockerignore", "*.containerignore"),  # BuildKit's per-Dockerfile ignore file
    # not bound for eglot: one server per buffer, and that one is the Dockerfile language server
    editor=EditorHints(vscode_language="dockerfile", nvim_filetypes=("dockerfile",), helix_language="dockerfile",
                       jetbrains_file_type="Dockerfile", language_id="dockerfile"),
)
