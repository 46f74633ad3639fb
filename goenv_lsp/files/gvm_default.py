"""gvm's default environment, ``$GVM_ROOT/environments/default`` (``gvm use <go> --default`` copies a version's
environment file there; the shell sources it at startup through ``~/.gvm/scripts/gvm``). It is shell text
gvm writes itself: ``export gvm_go_name; gvm_go_name="go1.22.3"`` names the Go it selects."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from goenv_lsp.facts import FileFacts, Spanned, Status
from goenv_lsp.files._version_pin import spanned
from goenv_lsp.files.base import FileKind, LocateContext, ParseContext, Where
from goenv_lsp.text import LineIndex

KIND_NAME = "gvm-default"
_GO_NAME = re.compile(r"""^[ \t]*(?:export[ \t]+gvm_go_name[ \t]*;[ \t]*)?"""
                      r"""gvm_go_name=(?P<q>["']?)(?P<name>[^"'\s;]+)(?P=q)""", re.MULTILINE)


@dataclass(frozen=True)
class GvmDefaultFacts(FileFacts):
    go_name: Spanned | None = None  # "go1.22.3" (the directory name under $GVM_ROOT/gos), or "system"


def parse_gvm_default(data: bytes, path: str, ctx: ParseContext | None = None) -> GvmDefaultFacts:
    text = data.decode("utf-8", "replace")
    found = None
    for match in _GO_NAME.finditer(text):  # the last assignment is the one the shell keeps
        found = match
    go_name = spanned(LineIndex(text), found.start("name"), found.group("name")) if found else None
    return GvmDefaultFacts(path=path, kind=KIND_NAME, status=Status.OK, go_name=go_name)


def gvm_root(env, home: str | None, paths) -> str | None:
    return env.get("GVM_ROOT") or (paths.join(home, ".gvm") if home else None)


def _locate(ctx: LocateContext) -> Iterator[str]:
    root = gvm_root(ctx.env, ctx.home, ctx.paths) if ctx.home_files and ctx.os != "windows" else None
    if root:
        yield ctx.paths.join(root, "environments", "default")


KIND = FileKind(
    name=KIND_NAME, title="gvm's default environment", where=Where.HOME, names=("~/.gvm/environments/default",),
    parse=parse_gvm_default, facts_type=GvmDefaultFacts, locate=_locate,
)
