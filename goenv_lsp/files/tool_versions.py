"""``.tool-versions``: the tool versions asdf (and mise) select in a directory and below; ``~/.tool-versions`` is
asdf's global one. A line is ``tool version [fallback …]``, ``#`` starts a comment; Go is asdf-golang's
``golang`` (mise also reads ``go``). The first version is the one selected."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from goenv_lsp.facts import FileFacts, PinsGo, Spanned, Status
from goenv_lsp.files._version_pin import pin, spanned
from goenv_lsp.files.base import EditorHints, FileKind, LocateContext, ParseContext, Where, decode_failed
from goenv_lsp.text import LineIndex, decode_text

KIND_NAME = "tool-versions"
GLOBAL_KIND_NAME = "tool-versions-global"
GO_TOOLS = ("golang", "go")
_WORD = re.compile(r"[^\s#]+")


@dataclass(frozen=True)
class ToolVersionsFacts(PinsGo, FileFacts):
    tool: Spanned | None = None  # the Go line's tool name ("golang", "go"); None: no Go line
    versions: tuple[Spanned, ...] = ()  # its versions, the selected one first


def parse_tool_versions(data: bytes, path: str, ctx: ParseContext | None = None,
                        kind: str = KIND_NAME) -> ToolVersionsFacts:
    text, error = decode_text(data)
    if text is None:
        return decode_failed(path, kind, error, ToolVersionsFacts)  # type: ignore[arg-type,return-value]
    lines = LineIndex(text)
    offset = 0
    tool, versions = None, ()
    for line in text.split("\n"):
        words = list(_WORD.finditer(line.split("#", 1)[0]))
        if words and words[0].group() in GO_TOOLS and tool is None:  # the first Go line, as asdf reads it
            tool = spanned(lines, offset + words[0].start(), words[0].group())
            versions = tuple(spanned(lines, offset + w.start(), w.group()) for w in words[1:])
        offset += len(line) + 1
    pins = pin(versions[0], f".tool-versions {tool.value}") if versions and tool and kind == KIND_NAME else ()
    return ToolVersionsFacts(path=path, kind=kind, status=Status.OK, tool=tool, versions=versions, go_pins=pins)


def _parse_global(data: bytes, path: str, ctx: ParseContext | None = None) -> ToolVersionsFacts:
    return parse_tool_versions(data, path, ctx, GLOBAL_KIND_NAME)


def _locate_global(ctx: LocateContext) -> Iterator[str]:
    if ctx.home and ctx.home_files:
        yield ctx.paths.join(ctx.home, ctx.env.get("ASDF_DEFAULT_TOOL_VERSIONS_FILENAME") or ".tool-versions")


KIND = FileKind(
    name=KIND_NAME, title=".tool-versions", where=Where.TREE, names=(".tool-versions",),
    parse=parse_tool_versions, facts_type=ToolVersionsFacts, editor=EditorHints(),
)
GLOBAL_KIND = FileKind(
    name=GLOBAL_KIND_NAME, title="the global .tool-versions", where=Where.HOME, names=("~/.tool-versions",),
    parse=_parse_global, facts_type=ToolVersionsFacts, locate=_locate_global,
)
