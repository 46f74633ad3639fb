"""What a file kind is: where its files are, how their bytes become facts, how editors attach to them."""

from __future__ import annotations

import enum
import fnmatch
import importlib
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any, TypeVar

from goenv_lsp.facts import FileFacts, FileProblem, PathOps, Status
from goenv_lsp.model import Range, Severity
from goenv_lsp.text import DecodeError

T = TypeVar("T")


class Where(str, enum.Enum):
    """Where the files of a kind live."""

    TREE = "tree"  # anywhere under the workspace root, by file name (go.mod, Dockerfile)
    ROOT = "root"  # at a fixed path relative to the workspace root (.vscode/settings.json); the last part may be
    #                a glob, matched in that one directory (.github/workflows/*.yml)
    HOME = "home"  # outside the workspace, located from the environment (the GOENV file)
    GOROOT = "goroot"  # inside the GOROOT of the go that runs ($GOROOT/go.env)
    MODULE = "module"  # at a fixed path relative to each module root and go.work directory (vendor/modules.txt),
    #                    found from those, not by the walk (it never enters vendor/)


@dataclass(frozen=True)
class ParseContext:
    """What a parser may need besides the bytes: where the workspace and home are, the path flavour."""

    root: str
    home: str | None
    paths: PathOps


@dataclass(frozen=True)
class LocateContext:
    """What HOME and GOROOT kinds are located from: the process environment and the running go's `go env`."""

    env: Mapping[str, str]
    go_env: Mapping[str, str] | None  # None when no go answered
    home: str | None
    os: str
    paths: PathOps
    home_files: bool = True  # may the probe read files in the home directory (config `home-files`)?


@dataclass(frozen=True)
class EditorHints:
    """How each editor recognises these files (the configs in vscode-extension/ and editors/ derive from it).

    ``vscode_language`` and the Neovim/Helix/Emacs/JetBrains names are the editors' own identifiers for
    the file type; kinds with none of them (settings.json, workspace.xml) are matched by path patterns.
    """

    vscode_language: str | None = None
    nvim_filetypes: tuple[str, ...] = ()  # filetypes whose buffers attach when the file name matches
    emacs_modes: tuple[str, ...] = ()  # major modes eglot binds to goenv-lsp (eglot: one server per buffer)
    helix_language: str | None = None
    jetbrains_file_type: str | None = None  # the IntelliJ file type name, for LSP4IJ's fileTypeMappings
    language_id: str | None = None  # the LSP languageId clients send for it


@dataclass(frozen=True)
class FileKind:
    name: str  # the kind's identifier in facts ("go.mod", "vscode-settings")
    title: str  # how messages and docs name its files
    where: Where
    names: tuple[str, ...]  # TREE: file-name globs; ROOT: POSIX paths relative to the root (the last part may be a
    #                         glob); else display names
    parse: Callable[[bytes, str, ParseContext], FileFacts] | None  # None: editors attach, nothing is parsed
    facts_type: type[FileFacts] | Deferred = FileFacts  # Deferred in the catalogue: resolve() gives the type
    malformed_severity: Severity = Severity.WARNING  # GE002's severity for a file that does not parse
    editor: EditorHints = field(default_factory=EditorHints)
    locate: Callable[[LocateContext], Iterable[str]] | None = None  # HOME / GOROOT kinds
    keep_missing: bool = False  # record a located file that does not exist (its absence matters)
    watch: bool = True  # the language server asks the client to watch its files
    not_names: tuple[str, ...] = ()  # TREE: globs of names that match ``names`` but are other files

    def matches_name(self, name: str) -> bool:
        return (self.where is Where.TREE and any(fnmatch.fnmatchcase(name, g) for g in self.names)
                and not any(fnmatch.fnmatchcase(name, g) for g in self.not_names))

    def matches(self, path: str, root: str | None, paths: PathOps) -> bool:
        """Is ``path`` a file of this kind in the workspace at ``root``?"""
        if self.where is Where.TREE:
            return self.matches_name(paths.basename(path))
        if self.where is Where.ROOT and root:
            return any(_root_match(path, root, n, paths) for n in self.names)
        if self.where is Where.MODULE:
            return any(_ends_with(path, n.split("/"), paths) for n in self.names)
        return False

    @property
    def facts_class(self) -> type[FileFacts]:
        """The type of this kind's facts (importing the kind's module when the catalogue defers it)."""
        return self.facts_type.resolve() if isinstance(self.facts_type, Deferred) else self.facts_type

    def facts_are(self, cls: type) -> bool:
        """Are this kind's facts a ``cls`` (a facts mixin such as PinsGo)? Without importing the kind's module."""
        if isinstance(self.facts_type, Deferred):
            return f"{cls.__module__}.{cls.__qualname__}" in self.facts_type.bases
        return issubclass(self.facts_type, cls)

    @property
    def globs(self) -> tuple[str, ...]:
        """Workspace-relative glob patterns for file watchers and editor document selectors."""
        if self.where is Where.TREE:
            return tuple(f"**/{n}" for n in self.names)
        if self.where in (Where.ROOT, Where.MODULE):
            return tuple(f"**/{n}" for n in self.names)
        return ()


@dataclass(frozen=True)
class Deferred:
    """A kind's parser, locator or facts type as the catalogue (files/_catalogue.py) names it: the kind's module is
    imported when it is first called, so a check imports the parsers of the kinds it finds, not of every kind."""

    module: str  # the module defining the kind
    kind: str  # the kind's name
    attribute: str  # "parse", "locate" or "facts_type"
    bases: tuple[str, ...] = ()  # facts_type: the type's classes (module.qualname), for FileKind.facts_are

    def resolve(self) -> Any:
        return getattr(defining_kind(self.module, self.kind), self.attribute)

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        return self.resolve()(*args, **kwargs)


@cache
def defining_kind(module: str, name: str) -> FileKind:
    """The FileKind named ``name`` as its module defines it (a module-level FileKind or a tuple of them)."""
    for value in vars(importlib.import_module(module)).values():
        for candidate in value if isinstance(value, tuple) else (value,):
            if isinstance(candidate, FileKind) and candidate.name == name:
                return candidate
    raise LookupError(f"{module} defines no file kind {name!r}")


def is_glob(name: str) -> bool:
    return any(c in name for c in "*?[")


def _root_match(path: str, root: str, name: str, paths: PathOps) -> bool:
    directory, _, last = name.rpartition("/")
    if not is_glob(last):
        return paths.same(path, paths.join(root, *name.split("/")))
    return (paths.same(paths.dirname(path), paths.join(root, *directory.split("/")))
            and fnmatch.fnmatchcase(paths.basename(path), last))


def root_paths(kind: FileKind, root: str, paths: PathOps,
               listing: Callable[[str], Iterable[str] | None]) -> list[str]:
    """The paths of a ROOT kind's files under ``root``: each fixed name, and the files of a glob name's directory
    that match it (``listing`` gives a directory's file names, None when it cannot be read)."""
    found: list[str] = []
    for name in kind.names:
        directory, _, last = name.rpartition("/")
        if not is_glob(last):
            found.append(paths.join(root, *name.split("/")))
            continue
        base = paths.join(root, *directory.split("/")) if directory else root
        found += [paths.join(base, n) for n in sorted(listing(base) or ()) if fnmatch.fnmatchcase(n, last)]
    return found


def _ends_with(path: str, parts: list[str], paths: PathOps) -> bool:
    """Do the last components of ``path`` spell ``parts`` (case-insensitively where the machine's are)?"""
    for part in reversed(parts):
        if paths.key(paths.basename(path)) != paths.key(part):
            return False
        path = paths.dirname(path)
    return True


MAX_PROBLEMS = 100  # per file: a minified file can hold tens of thousands of errors, one screen of them helps


def capped(found: Sequence[T], problem: Callable[[T], FileProblem]) -> tuple[FileProblem, ...]:
    """The first MAX_PROBLEMS of ``found`` as problems, and one saying how many more there are (placed where the
    first of those is); ``problem`` is called only for the problems kept."""
    kept = tuple(problem(item) for item in found[:MAX_PROBLEMS])
    if len(found) <= MAX_PROBLEMS:
        return kept
    more, first = len(found) - MAX_PROBLEMS, problem(found[MAX_PROBLEMS])
    return (*kept, FileProblem(f"… and {more:,} more problem{'s' if more > 1 else ''} after these {MAX_PROBLEMS}",
                               first.range))


def decode_failed(path: str, kind: str, error: DecodeError, facts_type: type[FileFacts] = FileFacts) -> FileFacts:
    return facts_type(path=path, kind=kind, status=Status.MALFORMED,
                      problems=(FileProblem(error.message, Range(error.position, error.position)),))


def unreadable(path: str, kind: str, status: Status, problem: str, facts_type: type[FileFacts]) -> FileFacts:
    return facts_type(path=path, kind=kind, status=status,
                      problems=(FileProblem(f"cannot read the file: {problem or status.value}"),))
