"""``.go-version``: the Go version goenv selects in a directory and below (also gvm's ``cd`` hook and setup-go's
``go-version-file`` read it), and goenv's global ``$GOENV_ROOT/version``. goenv reads the first word of the
file's first 1024 bytes (``goenv version-file-read``)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from goenv_lsp.facts import FileFacts, PinsGo, Spanned, Status
from goenv_lsp.files._version_pin import pin, spanned
from goenv_lsp.files.base import EditorHints, FileKind, LocateContext, ParseContext, Where
from goenv_lsp.text import LineIndex

KIND_NAME = "go-version"
GLOBAL_KIND_NAME = "goenv-version"
_WORD = re.compile(r"\S+")


@dataclass(frozen=True)
class GoVersionFacts(PinsGo, FileFacts):
    version: Spanned | None = None  # the first word; None: the file is empty


def parse_go_version(data: bytes, path: str, ctx: ParseContext | None = None,
                     kind: str = KIND_NAME) -> GoVersionFacts:
    """Bytes read as goenv's shell does: no encoding is required, invalid UTF-8 is replaced."""
    text = data[:1024].decode("utf-8", "replace")
    match = _WORD.search(text)
    if match is None:
        return GoVersionFacts(path=path, kind=kind)
    version = spanned(LineIndex(text), match.start(), match.group())
    pins = pin(version, ".go-version") if kind == KIND_NAME else ()
    return GoVersionFacts(path=path, kind=kind, status=Status.OK, version=version, go_pins=pins)


def _parse_global(data: bytes, path: str, ctx: ParseContext | None = None) -> GoVersionFacts:
    return parse_go_version(data, path, ctx, GLOBAL_KIND_NAME)


def goenv_root(ctx_env, home: str | None, paths) -> str | None:
    return ctx_env.get("GOENV_ROOT") or (paths.join(home, ".goenv") if home else None)


def _locate_global(ctx: LocateContext) -> Iterator[str]:
    root = goenv_root(ctx.env, ctx.home, ctx.paths) if ctx.home_files else None
    if root and ctx.os != "windows":
        yield ctx.paths.join(root, "version")


KIND = FileKind(
    name=KIND_NAME, title=".go-version", where=Where.TREE, names=(".go-version",), parse=parse_go_version,
    facts_type=GoVersionFacts, editor=EditorHints(),
)
GLOBAL_KIND = FileKind(
    name=GLOBAL_KIND_NAME, title="goenv's global version file", where=Where.HOME, names=("~/.goenv/version",),
    parse=_parse_global, facts_type=GoVersionFacts, locate=_locate_global,
)
