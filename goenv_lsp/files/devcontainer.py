"""Dev container configurations (``.devcontainer/devcontainer.json``, ``.devcontainer.json``; JSONC): the Go
version the container gets and the commands it runs when it is created or started.

The Go version comes from ``"image"`` — the official ``golang:<tag>`` images and the Dev Containers
``mcr.microsoft.com/devcontainers/go:<tag>`` images (built ``FROM golang:${VARIANT}``, so both set
``GOTOOLCHAIN=local``) — and from the Go feature, ``"features": {"ghcr.io/devcontainers/features/go:1":
{"version": "1.22"}}`` (which installs the go.dev tarball: GOTOOLCHAIN stays ``auto``). Tags and versions that
name no release line (``latest``, ``1``, ``none``, ``${localEnv:…}``) give no pin. ``containerEnv`` /
``remoteEnv`` GOTOOLCHAIN overrides the image's. The lifecycle commands (``onCreateCommand``,
``postCreateCommand`` … as a string or an object of strings) are kept as written, one per JSON string.
Pure: no I/O.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from goenv_lsp.facts import Facts, FileFacts, FileProblem, GoPin, PinsGo, RunsCommands, Spanned, Status
from goenv_lsp.files._jsonc import JsonDocument, JsonNode, parse_jsonc
from goenv_lsp.files.base import EditorHints, FileKind, ParseContext, Where, capped, decode_failed
from goenv_lsp.text import decode_text

KIND_NAME = "devcontainer"
NAMES = (".devcontainer/devcontainer.json", ".devcontainer.json")

_GOLANG = re.compile(r"^(?:(?:docker\.io/)?library/)?golang$|^docker\.io/golang$")
_DEVCONTAINERS_GO = re.compile(r"^mcr\.microsoft\.com/(?:vscode/)?devcontainers/go$")
# golang tags: 1.22, 1.22.3, 1.23rc1, each maybe with -alpine3.20 / -bookworm …
_GOLANG_TAG = re.compile(r"^(?P<v>1\.\d+(?:\.\d+|(?:rc|beta)\d+)?)(?:-[A-Za-z][\w.-]*)?$")
# devcontainers/go tags: 1.22, 1.22-bookworm, and with the image's own version first: 1-1.22, 1.2.0-1.22-bookworm
_DEVCONTAINERS_TAG = re.compile(r"^(?:\d+(?:\.\d+){0,2}-)?(?P<v>1\.\d+(?:\.\d+)?)(?:-[A-Za-z][\w.-]*)?$")
_FEATURE = re.compile(r"^(?:ghcr\.io/devcontainers/features/go(?::[\w.-]+)?|golang|go)$")
_VERSION = re.compile(r"^(?:go)?(1\.\d+(?:\.\d+|(?:rc|beta)\d+)?)$")
LIFECYCLE = ("initializeCommand", "onCreateCommand", "updateContentCommand", "postCreateCommand",
             "postStartCommand", "postAttachCommand")


@dataclass(frozen=True)
class DevcontainerFacts(PinsGo, RunsCommands, FileFacts):
    image: Spanned | None = None  # "image" as written (the range holds the quoted value)


def parse_devcontainer(data: bytes, path: str, ctx: ParseContext | None = None) -> DevcontainerFacts:
    text, error = decode_text(data)
    if text is None:
        return decode_failed(path, KIND_NAME, error, DevcontainerFacts)  # type: ignore[arg-type,return-value]
    doc = parse_jsonc(text)
    root = doc.root
    problems = capped(doc.errors, lambda e: FileProblem(e.message, doc.range(e.start, e.end)))
    if root is not None and root.kind != "object":
        problems = (*problems, FileProblem("the top level must be an object {...}", doc.range(root.start, root.start)))
        root = None
    status = Status.MALFORMED if problems else Status.OK
    if root is None:
        return DevcontainerFacts(path=path, kind=KIND_NAME, status=status, problems=problems)
    gotoolchain = _gotoolchain(root)
    pins: list[GoPin] = []
    image_node = _member(root, "image")
    image = None
    if image_node is not None and image_node.kind == "string" and isinstance(image_node.value, str):
        image = Spanned(image_node.value, doc.range(image_node.start, image_node.end))
        pins.extend(_image_pin(doc, image_node, gotoolchain in (None, "local")))
    features = _member(root, "features")
    for member in features.effective_members() if features is not None and features.kind == "object" else ():
        if _FEATURE.match(member.key) and member.value is not None:
            pins.extend(_feature_pin(doc, member.key, member.value, gotoolchain == "local"))
    return DevcontainerFacts(path=path, kind=KIND_NAME, status=status, problems=problems, go_pins=tuple(pins),
                             commands=tuple(_commands(doc, root)), image=image)


def _member(node: JsonNode, key: str) -> JsonNode | None:
    found = node.get(key)
    return found.value if found is not None else None


def _gotoolchain(root: JsonNode) -> str | None:
    """GOTOOLCHAIN as containerEnv / remoteEnv set it (remoteEnv wins: it applies to what the tools run)."""
    found = None
    for section in ("containerEnv", "remoteEnv"):
        env = _member(root, section)
        value = _member(env, "GOTOOLCHAIN") if env is not None and env.kind == "object" else None
        if value is not None and isinstance(value.value, str):
            found = value.value
    return found


def _inner(doc: JsonDocument, node: JsonNode, escapes: bool = False) -> str | None:
    """A string token's text as written between its quotes; None when it is unterminated, or has escapes and
    ``escapes`` is false (a version's offsets would shift)."""
    raw = doc.text[node.start + 1:node.end - 1] if node.end - node.start >= 2 else ""
    if not doc.text.startswith('"', node.end - 1) or (not escapes and "\\" in raw):
        return None
    return raw


def _image_pin(doc: JsonDocument, node: JsonNode, local: bool) -> list[GoPin]:
    raw = _inner(doc, node)
    if raw is None:
        return []
    name = raw.split("@", 1)[0]
    last = name.rsplit("/", 1)[-1]
    if ":" not in last:
        return []
    repository, tag = name[: len(name) - len(last)] + last.split(":", 1)[0], last.split(":", 1)[1]
    if _GOLANG.match(repository):
        match = _GOLANG_TAG.match(tag)
    elif _DEVCONTAINERS_GO.match(repository):
        match = _DEVCONTAINERS_TAG.match(tag)
    else:
        return []
    if match is None:
        return []
    start = node.start + 1 + len(name) - len(tag) + match.start("v")
    version = match.group("v")
    return [GoPin(version, version, doc.range(start, start + len(version)), f'dev container image "{raw}"',
                  local=local)]


def _feature_pin(doc: JsonDocument, feature: str, value: JsonNode, local: bool) -> list[GoPin]:
    node = _member(value, "version") if value.kind == "object" else value
    if node is None or node.kind != "string":
        return []
    raw = _inner(doc, node)
    match = _VERSION.match(raw or "")
    if raw is None or match is None:
        return []  # latest, none, lts, 1 …
    start = node.start + 1 + match.start(1)
    return [GoPin(match.group(1), raw[match.start(1):], doc.range(start, start + len(match.group(1))),
                  f'dev container feature {feature} "version": "{raw}"', local=local)]


def _commands(doc: JsonDocument, root: JsonNode) -> list[Spanned]:
    found: list[Spanned] = []
    for key in LIFECYCLE:
        node = _member(root, key)
        nodes = [node] if node is not None and node.kind == "string" else \
            [m.value for m in node.effective_members() if m.value is not None and m.value.kind == "string"] \
            if node is not None and node.kind == "object" else []
        for string in nodes:
            raw = _inner(doc, string, escapes=True)
            if raw:
                found.append(Spanned(raw, doc.range(string.start + 1, string.end - 1)))
    return found


def devcontainers(facts: Facts) -> tuple[DevcontainerFacts, ...]:
    return tuple(f for f in facts.files_of(KIND_NAME) or () if isinstance(f, DevcontainerFacts))


KIND = FileKind(
    name=KIND_NAME, title="dev container configuration", where=Where.ROOT, names=NAMES, parse=parse_devcontainer,
    facts_type=DevcontainerFacts,
    editor=EditorHints(nvim_filetypes=("json", "jsonc"), language_id="jsonc"),
)
