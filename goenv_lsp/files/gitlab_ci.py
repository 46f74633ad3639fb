"""GitLab CI (``.gitlab-ci.yml`` at the repository root): the golang images jobs run in (``image:`` at the top,
under ``default:`` and per job, as a string or ``{name: …}``; a tag that is one ``$VARIABLE`` is read from
``variables:``), and each line of ``script:``, ``before_script:`` and ``after_script:``. A header document
(``spec: inputs:``, then ``---``) is skipped, as GitLab does."""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass

from goenv_lsp.facts import Facts, GoPin, Spanned
from goenv_lsp.files import _ci, _yaml
from goenv_lsp.files.base import EditorHints, FileKind, ParseContext, Where
from goenv_lsp.model import Position, Range

KIND_NAME = "gitlab-ci"
PATH = ".gitlab-ci.yml"
_NOT_JOBS = frozenset({"default", "include", "stages", "variables", "workflow", "image", "services", "cache",
                       "before_script", "after_script", "spec"})
_SCRIPTS = ("before_script", "script", "after_script")
_VARIABLE_TAG = re.compile(r"^\$(?:\{(?P<braced>[A-Za-z_][A-Za-z0-9_]*)\}|(?P<bare>[A-Za-z_][A-Za-z0-9_]*))")


@dataclass(frozen=True)
class GitLabCIFacts(_ci.CiFacts):
    pass


class _Reader:
    def __init__(self, doc: _yaml.YamlDocument) -> None:
        self.doc = doc
        self.pins: list[GoPin] = []
        self.commands: list[Spanned] = []
        self.floating: list[Spanned] = []

    def config(self, root) -> None:  # type: ignore[no-untyped-def]
        doc = self.doc
        self.section(root, root, doc.get(root, "image"), scripts=True)
        self.section(root, root, doc.get(root, "default", "image"))
        for name in _SCRIPTS:
            self.script(doc.get(root, "default", name))
        for name, _, job in doc.items(root):
            if name not in _NOT_JOBS and job is not None and job.id == "mapping":
                self.section(root, job, doc.get(job, "image"), scripts=True)

    def section(self, root, job, image, scripts: bool = False) -> None:  # type: ignore[no-untyped-def]
        """The image of the top level, ``default:`` or a job, and (top level and jobs) its scripts."""
        doc = self.doc
        if scripts:
            for name in _SCRIPTS:
                self.script(doc.get(job, name))
        node = doc.get(image, "name") if image is not None and image.id == "mapping" else image
        spanned = doc.spanned(node)
        if spanned is None or not self.doc.once(node):
            return
        label = f"image {spanned.value}"
        pin = _ci.image_pin(spanned, label) or self.variable_pin(root, job, spanned, label)
        if pin is not None:
            setting = self.variable(job, "GOTOOLCHAIN") or self.variable(root, "GOTOOLCHAIN")
            gotoolchain = setting.value if setting is not None and setting.id == "scalar" else None
            self.pins.append(dataclasses.replace(pin, local=pin.local and not _ci.overrides_local(gotoolchain)))
        elif _ci.floats(spanned):
            self.floating.append(spanned)

    def variable(self, scope, name: str):  # type: ignore[no-untyped-def]
        """A ``variables:`` entry's value node (``NAME: value`` or ``NAME: {value: …}``)."""
        value = self.doc.get(scope, "variables", name)
        return self.doc.get(value, "value") if value is not None and value.id == "mapping" else value

    def variable_pin(self, root, job, image: Spanned, label: str) -> GoPin | None:  # type: ignore[no-untyped-def]
        """``golang:${GO_VERSION}-alpine``: the version the variable holds, where ``variables:`` sets it."""
        doc, ref = self.doc, _ci.image_ref(image.value)
        match = _VARIABLE_TAG.match(ref.tag or "")
        if not ref.golang or match is None:
            return None
        name = match.group("braced") or match.group("bare")
        for scope in (job, root):
            value = self.variable(scope, name)
            spanned = doc.spanned(value)
            if spanned is None:
                continue
            if not self.doc.once(value):
                return None  # another image read it already: one pin, one place to edit
            found = _ci.version_of(spanned.value)
            if found is None or _ci.mangled(value) is not None:
                return None
            start = spanned.range.start
            return GoPin(found[0], spanned.value[: found[1]],
                         Range(start, Position(start.line, start.character + found[1])),
                         f"{label} (variable {name})", local=ref.official)
        return None

    def script(self, node) -> None:  # type: ignore[no-untyped-def]
        for item in self.doc.flat(node):
            if self.doc.once(item):
                self.commands += self.doc.lines_of(item)


def parse_gitlab_ci(data: bytes, path: str, ctx: ParseContext | None = None) -> GitLabCIFacts:
    return _ci.parse_ci(data, path, KIND_NAME, GitLabCIFacts, _read)


def _read(doc: _yaml.YamlDocument) -> dict[str, object]:
    roots = doc.roots
    if len(roots) == 2 and doc.get(roots[0], "spec") is not None:
        roots = roots[1:]  # the header of a configuration with inputs
    if len(roots) > 1:
        raise _yaml.Unreadable("more than one YAML document: GitLab reads one, after an optional `spec:` header",
                               roots[1].start_mark.index)
    reader = _Reader(doc)
    for root in roots:
        reader.config(root)
    return {"go_pins": tuple(reader.pins), "commands": tuple(reader.commands),
            "floating_images": tuple(reader.floating)}


def gitlab_configs(facts: Facts) -> tuple[GitLabCIFacts, ...]:
    return tuple(f for f in facts.files_of(KIND_NAME) or () if isinstance(f, GitLabCIFacts))


KIND = FileKind(
    name=KIND_NAME, title="GitLab CI configuration", where=Where.ROOT, names=(PATH,), parse=parse_gitlab_ci,
    facts_type=GitLabCIFacts,
    editor=EditorHints(nvim_filetypes=("yaml",), language_id="yaml"),
)
