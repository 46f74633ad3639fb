"""mise configuration files: ``mise.toml``, ``.mise.toml`` (and their ``.local`` variants) at any depth,
``.mise/config.toml``, ``.config/mise.toml``, ``.config/mise/config.toml`` at the workspace root, and the global
``~/.config/mise/config.toml``. Go is ``[tools] go = "1.22"`` (or a list, the first one selected, or
``{ version = "1.22" }``). The file is checked with tomllib; the version's position is found on its line."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from goenv_lsp.facts import FileFacts, FileProblem, PinsGo, Spanned, Status
from goenv_lsp.files._version_pin import pin, spanned
from goenv_lsp.files.base import EditorHints, FileKind, LocateContext, ParseContext, Where, decode_failed
from goenv_lsp.model import Range
from goenv_lsp.text import LineIndex, decode_text

KIND_NAME = "mise-config"
ROOT_KIND_NAME = "mise-config-dir"
GLOBAL_KIND_NAME = "mise-config-global"
_TABLE = re.compile(r"^\s*\[(?P<name>[^\[\]]*)\]")
_GO_KEY = re.compile(r"""^\s*(?:tools\s*\.\s*)?(?:go|"go"|'go')\s*=\s*""")
_STRING = re.compile(r""""((?:[^"\\]|\\.)*)"|'([^']*)'""")


@dataclass(frozen=True)
class MiseConfigFacts(PinsGo, FileFacts):
    go: Spanned | None = None  # the Go version selected, its range without the quotes; None: no Go tool


def parse_mise_config(data: bytes, path: str, ctx: ParseContext | None = None,
                      kind: str = KIND_NAME) -> MiseConfigFacts:
    text, error = decode_text(data)
    if text is None:
        return decode_failed(path, kind, error, MiseConfigFacts)  # type: ignore[arg-type,return-value]
    from goenv_lsp.config import parse_toml_data

    parsed = parse_toml_data(data)
    if parsed is None:
        return MiseConfigFacts(path=path, kind=kind, status=Status.MALFORMED, problems=(
            FileProblem("not valid TOML: mise cannot read it (`mise doctor` shows where)", Range.of(0, 0)),))
    tools = parsed.get("tools") if isinstance(parsed, dict) else None
    value = tools.get("go") if isinstance(tools, dict) else None
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, dict):
        value = value.get("version")
    go = _locate(text, value) if isinstance(value, str) else None
    pins = pin(go, "mise [tools] go") if go is not None and kind != GLOBAL_KIND_NAME else ()
    return MiseConfigFacts(path=path, kind=kind, status=Status.OK, go=go, go_pins=pins)


def _locate(text: str, value: str) -> Spanned | None:
    """The first string on the Go line of [tools] (or a `tools.go =` line) that holds ``value``."""
    lines = LineIndex(text)
    table, offset = "", 0
    for line in text.split("\n"):
        header = _TABLE.match(line)
        if header:
            table = "".join(header.group("name").split())
        key = _GO_KEY.match(line)
        in_tools = table == "tools" or (table == "" and line.lstrip().startswith("tools"))
        if (key and in_tools) or (table == "tools.go" and line.lstrip().startswith("version")):
            for string in _STRING.finditer(line, key.end() if key else 0):
                inner = string.group(1) if string.group(1) is not None else string.group(2)
                if inner == value:
                    return spanned(lines, offset + string.start() + 1, inner)
        offset += len(line) + 1
    return None


def _parse_dir(data: bytes, path: str, ctx: ParseContext | None = None) -> MiseConfigFacts:
    return parse_mise_config(data, path, ctx, ROOT_KIND_NAME)


def _parse_global(data: bytes, path: str, ctx: ParseContext | None = None) -> MiseConfigFacts:
    return parse_mise_config(data, path, ctx, GLOBAL_KIND_NAME)


def _locate_global(ctx: LocateContext) -> Iterator[str]:
    if not ctx.home_files or ctx.os == "windows":
        return
    if ctx.env.get("MISE_GLOBAL_CONFIG_FILE"):
        yield ctx.env["MISE_GLOBAL_CONFIG_FILE"]
        return
    directory = ctx.env.get("MISE_CONFIG_DIR")
    config = ctx.env.get("XDG_CONFIG_HOME", "")
    if not directory and config.startswith("/"):
        directory = ctx.paths.join(config, "mise")
    if not directory and ctx.home:
        directory = ctx.paths.join(ctx.home, ".config", "mise")
    if directory:
        yield ctx.paths.join(directory, "config.toml")


_EDITOR = EditorHints(nvim_filetypes=("toml",), language_id="toml")
KIND = FileKind(
    name=KIND_NAME, title="mise configuration", where=Where.TREE,
    names=("mise.toml", ".mise.toml", "mise.local.toml", ".mise.local.toml"), parse=parse_mise_config,
    facts_type=MiseConfigFacts, editor=_EDITOR,
)
ROOT_KIND = FileKind(
    name=ROOT_KIND_NAME, title="mise configuration", where=Where.ROOT,
    names=(".mise/config.toml", ".config/mise.toml", ".config/mise/config.toml", "mise/config.toml"),
    parse=_parse_dir, facts_type=MiseConfigFacts, editor=_EDITOR,
)
GLOBAL_KIND = FileKind(
    name=GLOBAL_KIND_NAME, title="mise's global configuration", where=Where.HOME,
    names=("~/.config/mise/config.toml",), parse=_parse_global, facts_type=MiseConfigFacts, locate=_locate_global,
)
