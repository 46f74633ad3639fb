"""go.work as the go command reads it (cmd/go modload.LoadWorkFile, loadModFile in workspace mode): the
directories of its `use` lines, the go.mod each must hold, the go versions they declare."""

from __future__ import annotations

from dataclasses import dataclass

from goenv_lsp.facts import Facts, Spanned, Status
from goenv_lsp.files.go_mod import ModFileFacts
from goenv_lsp.model import Range

DEFAULT_GO_MOD = "1.16"  # gover.DefaultGoModVersion: a go.mod without a go line
DEFAULT_GO_WORK = "1.18"  # gover.DefaultGoWorkVersion
GO_STRICT = "1.21"  # gover.GoStrictVersion: since then a module's go line is a minimum for the go.work


@dataclass(frozen=True)
class Use:
    entry: Spanned  # the directory as written, and where
    directory: str  # resolved against the go.work's directory
    go_mod: ModFileFacts | None  # None: no go.mod there (the directory may be missing too)


def uses(facts: Facts, work: ModFileFacts) -> tuple[Use, ...]:
    paths = facts.paths
    base = paths.dirname(work.path)
    by_key = {paths.key(f.path): f for f in facts.files_of("go.mod") or ()}  # C:\A\go.mod is C:\a\go.mod
    found = []
    for entry in work.uses:
        directory = paths.normpath(paths.join(base, entry.value))
        go_mod = by_key.get(paths.key(paths.join(directory, "go.mod")))
        found.append(Use(entry, directory, go_mod if isinstance(go_mod, ModFileFacts) else None))
    return tuple(found)


def go_mod_known(facts: Facts) -> bool:
    return facts.files_of("go.mod") is not None


def work_go(work: ModFileFacts) -> str:
    """gover.FromGoWork."""
    return work.go.value if work.go else DEFAULT_GO_WORK


def mod_go(go_mod: ModFileFacts) -> str:
    """gover.FromGoMod."""
    return go_mod.go.value if go_mod.go else DEFAULT_GO_MOD


def whole_line(spanned: Spanned) -> Range:
    """The line ``spanned`` is on, with its newline (a `use` entry's line, to delete it)."""
    line = spanned.range.start.line
    return Range.of(line, 0, 0, end_line=line + 1)


def is_readable(file: ModFileFacts | None) -> bool:
    return file is not None and file.status is Status.OK


def use_path(facts: Facts, work: ModFileFacts, directory: str) -> str:
    """How `go work use` writes ``directory`` in ``work``: relative, forward slashes, ``./`` first."""
    import ntpath
    import posixpath

    paths = facts.paths
    module = ntpath if paths.sep == "\\" else posixpath
    rel = module.relpath(paths.normpath(directory), paths.dirname(work.path)).replace("\\", "/")
    return rel if rel == "." or rel.startswith("../") or rel == ".." else f"./{rel}"


def add_uses(work: ModFileFacts, entries: list[str]) -> tuple[Range, str]:
    """An insertion of `use` lines: after the go line (always a top-level line), else at the top."""
    text = "".join(f"use {e}\n" for e in entries)
    if work.go is not None:
        line = work.go.range.start.line + 1
        return Range.of(line, 0), text
    return Range.of(0, 0), text


def short_path(facts: Facts, path: str, cwd: str) -> str:
    """base.ShortPath: ``path`` relative to ``cwd`` when that is shorter (how go names files in messages)."""
    import ntpath
    import posixpath

    module = ntpath if facts.paths.sep == "\\" else posixpath
    try:
        rel = module.relpath(facts.paths.normpath(path), facts.paths.normpath(cwd))
    except ValueError:  # another drive
        return path
    return rel if len(rel) < len(path) else path
