"""go.mod: the module's `module`, `go` and `toolchain` lines, parsed as cmd/go parses the main module."""

from __future__ import annotations

from dataclasses import dataclass

from goenv_lsp.facts import Facts, FileFacts, PathFlavor, Spanned, Status
from goenv_lsp.files.base import EditorHints, FileKind, ParseContext, Where
from goenv_lsp.model import Range, Severity


@dataclass(frozen=True)
class ModRequire:
    """A go.mod `require` line: the module path and version (as cmd/go reads them), the line's range."""

    path: str
    version: str
    range: Range


@dataclass(frozen=True)
class ModReplace:
    """A go.mod / go.work `replace` line: ``old_version`` "" replaces every version, ``new_version`` "" is a
    directory replacement (``new_path`` as written)."""

    old_path: str
    old_version: str
    new_path: str
    new_version: str
    range: Range


@dataclass(frozen=True)
class ModFileFacts(FileFacts):
    """go.mod or go.work (``kind``)."""

    module: Spanned | None = None
    go: Spanned | None = None
    toolchain: Spanned | None = None
    uses: tuple[Spanned, ...] = ()  # go.work: the `use` directories as written
    requires: tuple[ModRequire, ...] = ()  # go.mod, in file order
    replaces: tuple[ModReplace, ...] = ()  # in file order


def parse_mod(data: bytes, path: str, ctx: ParseContext, kind: str) -> ModFileFacts:
    from goenv_lsp.files._modfile import parse_modfile

    parsed = parse_modfile(data, ctx.paths.basename(path), kind, windows=ctx.paths.flavor is PathFlavor.WINDOWS)
    return ModFileFacts(path=path, kind=kind, status=Status.MALFORMED if parsed.problems else Status.OK,
                        problems=parsed.problems, module=parsed.module, go=parsed.go, toolchain=parsed.toolchain,
                        uses=parsed.uses, requires=parsed.requires, replaces=parsed.replaces)


def mod_file(facts: Facts, path: str | None) -> ModFileFacts | None:
    found = facts.file(path)
    return found if isinstance(found, ModFileFacts) else None


KIND = FileKind(
    name="go.mod", title="go.mod", where=Where.TREE, names=("go.mod",),
    parse=lambda data, path, ctx: parse_mod(data, path, ctx, "go.mod"), facts_type=ModFileFacts,
    malformed_severity=Severity.ERROR,
    editor=EditorHints(vscode_language="go.mod", nvim_filetypes=("gomod",),
                       emacs_modes=("go-dot-mod-mode", "go-mod-ts-mode"), helix_language="gomod",
                       jetbrains_file_type="Go Module File", language_id="go.mod"),
)
