"""GitHub Actions workflows (``.github/workflows/*.yml``, ``*.yaml``): the Go each ``actions/setup-go`` step
installs (``go-version`` — a literal, ``${{ matrix.X }}`` through the job's matrix, ``${{ env.X }}`` — or
``go-version-file``), job containers (``container: golang:1.22``), and each line of the steps' ``run:``
scripts. Paths in a workflow (``go-version-file``, ``working-directory``) are relative to the repository
root, the workspace root that holds ``.github/``."""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass

from goenv_lsp.facts import Facts, GoPin, Spanned
from goenv_lsp.files import _ci, _yaml
from goenv_lsp.files.base import EditorHints, FileKind, ParseContext, Where
from goenv_lsp.model import Position, Range

KIND_NAME = "github-workflow"
_EXPRESSION = re.compile(r"^\$\{\{\s*(?P<scope>matrix|env)\.(?P<key>[A-Za-z_][A-Za-z0-9_-]*)\s*\}\}$")
_SETUP_GO = re.compile(r"^actions/setup-go(?:@(?P<ref>\S*))?$", re.IGNORECASE)
_MAJOR = re.compile(r"^v(?P<major>\d+)(?:\.\d+){0,2}$")
SETUP_GO_LOCAL = 6  # setup-go v6 sets GOTOOLCHAIN=local for the steps after it (actions/setup-go#460)


@dataclass(frozen=True)
class VersionFile:
    """A setup-go ``go-version-file`` (with no ``go-version``, which would win): the file it names."""

    path: str  # absolute, on this machine's paths
    value: Spanned  # as written


@dataclass(frozen=True)
class NumericVersion:
    """A setup-go version written as a plain YAML number that loses a digit: ``1.20`` reaches setup-go as
    ``1.2``. ``value`` is the number as written; ``reads_as`` what setup-go gets."""

    value: Spanned
    reads_as: str


@dataclass(frozen=True)
class WorkflowFacts(_ci.CiFacts):
    version_files: tuple[VersionFile, ...] = ()
    numeric_versions: tuple[NumericVersion, ...] = ()


class _Reader:
    def __init__(self, doc: _yaml.YamlDocument, ctx: ParseContext | None) -> None:
        self.doc, self.ctx = doc, ctx
        self.pins: list[GoPin] = []
        self.commands: list[Spanned] = []
        self.floating: list[Spanned] = []
        self.version_files: list[VersionFile] = []
        self.numeric: list[NumericVersion] = []

    def path(self, relative: str) -> str | None:
        if self.ctx is None or "${{" in relative:
            return None
        paths = self.ctx.paths
        return paths.normpath(paths.join(self.ctx.root, *relative.replace("\\", "/").split("/")))

    def workflow(self, root) -> None:  # type: ignore[no-untyped-def]
        doc = self.doc
        workflow_dir = doc.spanned(doc.get(root, "defaults", "run", "working-directory"))
        for _, _, job in doc.items(doc.get(root, "jobs")):
            self.job(root, job, workflow_dir)

    def job(self, root, job, workflow_dir: Spanned | None) -> None:  # type: ignore[no-untyped-def]
        doc = self.doc
        steps = doc.sequence(doc.get(job, "steps"))
        directory = (doc.spanned(doc.get(job, "defaults", "run", "working-directory")) or workflow_dir
                     or _only({d.value: d for step in steps
                               if (d := doc.spanned(doc.get(step, "working-directory"))) is not None}))
        module_dir = self.path(directory.value) if directory else None
        container = doc.get(job, "container")
        image = doc.spanned(doc.get(container, "image") if container is not None and container.id == "mapping"
                            else container)
        if image is not None and self.doc.once(container):
            scopes = (container if container.id == "mapping" else None, job, root)
            gotoolchain = next((v for scope in scopes if (v := self.env(scope, "GOTOOLCHAIN")) is not None), None)
            self.image(image, gotoolchain, module_dir)
        for step in steps:
            run = doc.get(step, "run")
            if run is not None and self.doc.once(run):
                self.commands += doc.lines_of(run)
            uses_node = doc.get(step, "uses")
            uses = doc.spanned(uses_node)
            match = _SETUP_GO.match(uses.value) if uses else None
            if match:
                self.setup_go(root, job, step, self.release(match.group("ref") or "", uses_node), module_dir)

    def release(self, ref: str, uses) -> str:  # type: ignore[no-untyped-def]
        """The setup-go release a step runs: its tag, or for a commit SHA the tag the comment after it names
        (``@0aa… # v6.0.0``, as Dependabot and pinning tools write it)."""
        if _MAJOR.match(ref) or not re.fullmatch(r"[0-9a-f]{40}", ref):
            return ref
        text, start = self.doc.text, uses.end_mark.index
        end = text.find("\n", start)
        rest = text[start:end if end >= 0 else len(text)]
        comment = re.match(r"\s+#\s*(v\d+(?:\.\d+){0,2})\b", rest)
        return comment.group(1) if comment else ref

    def env(self, scope, name: str) -> str | None:  # type: ignore[no-untyped-def]
        node = self.doc.get(scope, "env", name)
        return node.value if node is not None and node.id == "scalar" else None

    def image(self, image: Spanned, gotoolchain: str | None, module_dir: str | None) -> None:
        pin = _ci.image_pin(image, f"job container {image.value}", gotoolchain)
        if pin is not None:
            self.pins.append(dataclasses.replace(pin, module_dir=module_dir))
        elif _ci.floats(image):
            self.floating.append(image)

    def setup_go(self, root, job, step, ref: str, module_dir: str | None) -> None:  # type: ignore[no-untyped-def]
        doc = self.doc
        version = doc.get(step, "with", "go-version")
        version_file = doc.spanned(doc.get(step, "with", "go-version-file"))
        if version_file is not None and (path := self.path(version_file.value)) is not None:
            module_dir = self.ctx.paths.dirname(path) if self.ctx else module_dir  # the module it names
            if version is None or (version.id == "scalar" and not version.value):  # setup-go: '' is no input
                self.version_files.append(VersionFile(path, version_file))
        major = _MAJOR.match(ref)
        local = major is not None and int(major.group("major")) >= SETUP_GO_LOCAL
        for node, label in self.versions(root, job, step, version):
            spanned = doc.spanned(node)
            if spanned is None or not self.doc.once(node):
                continue
            if (reads_as := _ci.mangled(node)) is not None:
                self.numeric.append(NumericVersion(spanned, reads_as))
                continue
            found = _ci.version_of(spanned.value)
            if found is None:
                continue
            text, start = spanned.value[: found[1]], spanned.range.start
            end = Position(start.line, start.character + found[1])  # a version is ASCII
            self.pins.append(GoPin(found[0], text, Range(start, end), label, local=local, module_dir=module_dir))

    def versions(self, root, job, step, node) -> list[tuple[object, str]]:  # type: ignore[no-untyped-def]
        """The scalar nodes ``go-version`` takes its value from, and how messages name each."""
        doc = self.doc
        spanned = doc.spanned(node)
        if spanned is None:
            return []
        expression = _EXPRESSION.match(spanned.value)
        if expression is None:
            return [(node, "setup-go go-version")]
        key = expression.group("key")
        label = f"setup-go go-version ({expression.group('scope')}.{key})"
        if expression.group("scope") == "env":
            for scope in (step, job, root):
                value = doc.get(scope, "env", key)
                if value is not None:
                    return [(value, label)]
            return []
        matrix = doc.get(job, "strategy", "matrix")
        found = [(item, label) for item in doc.flat(doc.get(matrix, key), depth=1)]
        found += [(value, label) for entry in doc.sequence(doc.get(matrix, "include"))
                  if (value := doc.get(entry, key)) is not None]
        return found


def _only(found: dict[str, Spanned]) -> Spanned | None:
    """The one working-directory a job's steps share (several: no one module the job builds)."""
    return next(iter(found.values())) if len(found) == 1 else None


def parse_workflow(data: bytes, path: str, ctx: ParseContext | None = None) -> WorkflowFacts:
    return _ci.parse_ci(data, path, KIND_NAME, WorkflowFacts, lambda doc: _read(doc, ctx))


def _read(doc: _yaml.YamlDocument, ctx: ParseContext | None) -> dict[str, object]:
    if len(doc.roots) > 1:
        raise _yaml.Unreadable("a workflow is one YAML document; GitHub reads no second one",
                               doc.roots[1].start_mark.index)
    reader = _Reader(doc, ctx)
    for root in doc.roots:
        reader.workflow(root)
    return {"go_pins": tuple(reader.pins), "commands": tuple(reader.commands),
            "floating_images": tuple(reader.floating), "version_files": tuple(reader.version_files),
            "numeric_versions": tuple(reader.numeric)}


def workflows(facts: Facts) -> tuple[WorkflowFacts, ...]:
    return tuple(f for f in facts.files_of(KIND_NAME) or () if isinstance(f, WorkflowFacts))


KIND = FileKind(
    name=KIND_NAME, title="GitHub Actions workflow", where=Where.ROOT,
    names=(".github/workflows/*.yml", ".github/workflows/*.yaml"), parse=parse_workflow, facts_type=WorkflowFacts,
    # matched by path: every YAML file is not a workflow (no eglot mode, no Helix language: both bind all YAML)
    editor=EditorHints(nvim_filetypes=("yaml",), language_id="yaml"),
)
