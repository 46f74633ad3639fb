"""What the CI kinds (GitHub Actions workflows, GitLab CI) share: their facts' common fields, golang image
references, and Go version texts as setup-go and image tags spell them."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from goenv_lsp.facts import FileFacts, FileProblem, GoPin, PinsGo, RunsCommands, Spanned, Status
from goenv_lsp.files import _yaml
from goenv_lsp.files.base import decode_failed
from goenv_lsp.model import Position, Range
from goenv_lsp.text import decode_text

# registries whose golang is the Docker official image (it sets GOTOOLCHAIN=local); a GitLab dependency proxy
# prefix ($CI_DEPENDENCY_PROXY_GROUP_IMAGE_PREFIX/golang) serves the same image
_OFFICIAL_HOSTS = ("", "docker.io/", "index.docker.io/", "registry-1.docker.io/", "mirror.gcr.io/")
_VERSION = re.compile(r"^(?P<v>\d+\.\d+(?:\.\d+)?)(?P<wild>\.[xX*])?$")
_SEMVER_PRE = re.compile(r"^(?P<v>\d+\.\d+)\.0-(?P<kind>rc|beta)\.(?P<n>\d+)$")  # setup-go's 1.23.0-rc.1
_TAG_VERSION = re.compile(r"^(?P<v>\d+\.\d+(?:\.\d+|(?:rc|beta)\d+)?)(?=-|$)")  # golang:1.22.3-alpine
_MANGLED = re.compile(r"^\d+\.\d*0$")  # 1.20: a YAML float, read back as 1.2


@dataclass(frozen=True)
class CiFacts(PinsGo, RunsCommands, FileFacts):
    """A CI file: the Go versions it selects (``go_pins``), its shell lines (``commands``), and the golang
    images its jobs run in whose tag names no Go version (``floating_images``: ``golang``, ``golang:latest``,
    ``golang:1-alpine``), each as written."""

    floating_images: tuple[Spanned, ...] = ()


F = TypeVar("F", bound=CiFacts)


def parse_ci(data: bytes, path: str, kind: str, facts_type: type[F],
             read: Callable[[_yaml.YamlDocument], dict[str, object]]) -> F:
    """A CI file's facts: its text composed, then ``read`` (the kind's walk, giving the facts' fields); what
    stops either is the file's one problem."""
    text, error = decode_text(data)
    if text is None:
        return decode_failed(path, kind, error, facts_type)  # type: ignore[arg-type,return-value]
    doc, problem = _yaml.compose(text)
    if doc is None or problem is not None:
        return facts_type(path=path, kind=kind, status=Status.MALFORMED, problems=(problem,))  # type: ignore[arg-type]
    try:
        fields = read(doc)
    except _yaml.Unreadable as stop:
        return facts_type(path=path, kind=kind, status=Status.MALFORMED,
                          problems=(FileProblem(stop.message, doc.range(stop.offset, stop.offset)),))
    return facts_type(path=path, kind=kind, status=Status.OK, **fields)  # type: ignore[arg-type]


@dataclass(frozen=True)
class ImageRef:
    """``golang:1.22-alpine@sha256:…`` split: the repository as written, its tag (None: none), a digest."""

    repository: str
    tag: str | None
    digest: bool
    tag_offset: int  # where the tag starts in the text (after the colon); the text's length when no tag

    @property
    def official(self) -> bool:
        name = re.sub(r"^\$\{?[A-Za-z_][A-Za-z0-9_]*\}?/", "", self.repository)  # a dependency proxy prefix
        return any(name in (f"{host}golang", f"{host}library/golang") for host in _OFFICIAL_HOSTS)

    @property
    def golang(self) -> bool:
        return self.repository.rsplit("/", 1)[-1] == "golang"


def image_ref(text: str) -> ImageRef:
    name, _, digest = text.partition("@")
    last = name.rsplit("/", 1)[-1]
    if ":" in last:
        repository, tag = name[: len(name) - len(last)] + last.split(":", 1)[0], last.split(":", 1)[1]
        return ImageRef(repository, tag, bool(digest), len(repository) + 1)
    return ImageRef(name, None, bool(digest), len(name))


def image_pin(image: Spanned, label: str, gotoolchain: str | None = None) -> GoPin | None:
    """The Go version a golang image's tag names (``golang:1.22-alpine`` → 1.22, at the ``1.22``); the job's
    ``gotoolchain``, when set, replaces the official image's ``GOTOOLCHAIN=local``."""
    ref = image_ref(image.value)
    if not ref.golang or ref.tag is None or "\n" in image.value:
        return None
    match = _TAG_VERSION.match(ref.tag)
    if match is None:
        return None
    version = match.group("v")
    start = image.range.start
    at = start.character + ref.tag_offset  # an image reference is ASCII: characters are UTF-16 units
    return GoPin(version, version, Range(Position(start.line, at), Position(start.line, at + len(version))),
                 label, local=ref.official and not overrides_local(gotoolchain))


def floats(image: Spanned) -> bool:
    """An official golang image whose tag moves across Go versions: none, ``latest``, a variant alone
    (``alpine``), or the major version alone (``1``, ``1-alpine``); a digest pins it."""
    ref = image_ref(image.value)
    if not ref.official or ref.digest or "$" in image.value:
        return False
    tag = ref.tag
    return tag is None or tag == "latest" or not tag[:1].isdigit() or re.match(r"^\d+(?:-|$)", tag) is not None


def overrides_local(gotoolchain: str | None) -> bool:
    """Does a job's GOTOOLCHAIN replace the image's ``local`` (``auto``, ``go1.27.3+auto``, ``path`` …)?"""
    return bool(gotoolchain) and gotoolchain != "local"


def version_of(text: str) -> tuple[str, int] | None:
    """A setup-go ``go-version`` that names one Go line or release: (the Go version, how many characters of
    ``text`` spell it). ``1.22``, ``1.22.3``, ``1.22.x`` (→ 1.22), ``1.23.0-rc.1`` (→ 1.23rc1); ranges
    (``^1.22``, ``>=1.21``), ``stable``, ``oldstable`` and expressions name none."""
    match = _VERSION.match(text)
    if match:
        return match.group("v"), len(match.group("v"))
    match = _SEMVER_PRE.match(text)
    if match:
        return f"{match.group('v')}{match.group('kind')}{match.group('n')}", len(text)
    return None


def mangled(node) -> str | None:  # type: ignore[no-untyped-def]
    """What a plain YAML scalar such as ``1.20`` becomes once YAML reads it as a number: ``1.2``."""
    if (node is None or node.id != "scalar" or node.style is not None or node.tag != "tag:yaml.org,2002:float"
            or not _MANGLED.match(node.value)):
        return None
    return node.value.rstrip("0").rstrip(".") or "0"
