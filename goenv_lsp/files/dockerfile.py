"""Dockerfiles (and Containerfiles): the base image of each stage and the Go variables ENV and ARG set, with the
spans they occupy. Instructions are split by ``dockerfile-parse`` (comments, line continuations, the escape
directive); the tokens goenv-lsp points at are then located on their lines. A Dockerfile belongs to the module
it sits in (``Facts.module_for``), whose go.mod it is compared with."""

from __future__ import annotations

import re
from dataclasses import dataclass

from goenv_lsp.facts import Facts, FileFacts, FileProblem, Module, Spanned, Status
from goenv_lsp.files.base import EditorHints, FileKind, ParseContext, Where, decode_failed
from goenv_lsp.model import Range
from goenv_lsp.redact import redact_credentials
from goenv_lsp.text import LineIndex, decode_text

KIND_NAME = "dockerfile"
_FROM = re.compile(r"^\s*FROM\s+(?:--\S+\s+)*(?P<image>[^\s#]+)(?:\s+AS\s+(?P<stage>\S+))?", re.IGNORECASE)
# a key starts where a word does: a long run of letters is not tried at each of its positions (time squared)
_PAIR = re.compile(r"(?<![A-Za-z0-9_])(?P<key>[A-Za-z_][A-Za-z0-9_]*)="
                   r"""(?P<value>"(?:[^"\\]|\\.)*"|'[^']*'|[^\s"']*)""")
# ENV KEY value: the value is the rest of the line without a final backslash and the whitespace before it
_LEGACY = re.compile(r"^\s*ENV\s+(?P<key>[A-Za-z_][A-Za-z0-9_]*)\s+(?P<value>.*)$", re.IGNORECASE)
_GO_VARIABLE = re.compile(r"^(GO[A-Z0-9_]*|CGO_[A-Z0-9_]+)$")


@dataclass(frozen=True)
class DockerStage:
    """A FROM instruction: ``image`` as written (``golang:1.22-alpine``, maybe with ${ARG}s), its line, the
    stage name after AS."""

    image: Spanned
    stage: str | None = None

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


@dataclass(frozen=True)
class DockerVariable:
    """A Go variable an ENV or ARG instruction sets: ``value`` spans the value as written (quotes included)."""

    instruction: str  # "ENV" or "ARG"
    key: str
    value: Spanned


@dataclass(frozen=True)
class DockerfileFacts(FileFacts):
    stages: tuple[DockerStage, ...] = ()
    variables: tuple[DockerVariable, ...] = ()


def parse_dockerfile(data: bytes, path: str, ctx: ParseContext | None = None) -> DockerfileFacts:
    text, error = decode_text(data)
    if text is None:
        return decode_failed(path, KIND_NAME, error, DockerfileFacts)  # type: ignore[arg-type,return-value]
    import io

    from dockerfile_parse import DockerfileParser  # only when a workspace has a Dockerfile

    lines = LineIndex(text)  # positions as editors count lines (a lone \r ends one)
    physical = text.split("\n")  # lines as docker (and dockerfile-parse) count them
    starts = [0]
    for line in physical:
        starts.append(starts[-1] + len(line) + 1)
    stages: list[DockerStage] = []
    variables: list[DockerVariable] = []
    instructions = DockerfileParser(fileobj=io.BytesIO(text.encode("utf-8"))).structure
    for instruction in instructions:
        name = instruction["instruction"].upper()
        start = instruction["startline"]
        if name == "FROM":
            match = _FROM.match(physical[start])
            if match:
                image = _spanned(lines, starts[start] + match.start("image"), match.group("image"))
                stages.append(DockerStage(image, match.group("stage")))
        elif name in ("ENV", "ARG"):
            variables += _variables(lines, physical, starts, name, start, instruction["endline"])
    problems = ()
    if not stages and any(i["instruction"].upper() not in ("COMMENT", "ARG") for i in instructions):
        problems = (FileProblem("no FROM instruction: `docker build` has no base image to start from",
                                Range.of(0, 0)),)
    return DockerfileFacts(path=path, kind=KIND_NAME, status=Status.MALFORMED if problems else Status.OK,
                           problems=problems, stages=tuple(stages), variables=tuple(variables))


def _spanned(lines: LineIndex, offset: int, value: str) -> Spanned:
    return Spanned(redact_credentials(value), lines.range(offset, offset + len(value)))


def _variables(lines: LineIndex, physical: list[str], starts: list[int], name: str, first: int,
               last: int) -> list[DockerVariable]:
    found = []
    keyword = re.compile(rf"^\s*{name}\s+", re.IGNORECASE)
    for number in range(first, last + 1):
        raw = physical[number]
        head = keyword.match(raw) if number == first else None
        pairs = [(m.group("key"), m.start("value"), m.group("value"))
                 for m in _PAIR.finditer(raw, head.end() if head else 0)]
        if not pairs and number == first and name == "ENV" and (legacy := _LEGACY.match(raw)):
            value = legacy.group("value")  # ENV KEY value (the old form: the rest of the line is the value)
            value = (value[:-1] if value.endswith("\\") else value).rstrip()
            pairs = [(legacy.group("key"), legacy.start("value"), value)]
        for key, column, value in pairs:
            if _GO_VARIABLE.match(key):
                found.append(DockerVariable(name, key, _spanned(lines, starts[number] + column, value)))
    return found


def dockerfiles(facts: Facts) -> tuple[DockerfileFacts, ...]:
    return tuple(f for f in facts.files_of(KIND_NAME) or () if isinstance(f, DockerfileFacts))


def module_of(facts: Facts, dockerfile: DockerfileFacts) -> Module | None:
    """The module whose go.mod a Dockerfile builds with: the one it sits in."""
    return facts.module_for(dockerfile.path)


KIND = FileKind(
    name=KIND_NAME, title="Dockerfile", where=Where.TREE,
    names=("Dockerfile", "Dockerfile.*", "*.Dockerfile", "*.dockerfile", "Containerfile"), parse=parse_dockerfile,
    facts_type=DockerfileFacts,
    not_names=("*.dockerignore",),  # BuildKit's per-Dockerfile ignore file: Dockerfile.dockerignore
    # not bound for eglot: one server per buffer, and that one is the Dockerfile language server
    editor=EditorHints(vscode_language="dockerfile", nvim_filetypes=("dockerfile",), helix_language="dockerfile",
                       jetbrains_file_type="Dockerfile", language_id="dockerfile"),
)
