"""Find the files of every tree kind (go.mod, go.work, Dockerfile …) under a workspace root.

The walk skips what is not the project's own: ``vendor/``, ``testdata/``, ``node_modules/``, ``.git/`` and
other hidden directories, what ``.gitignore`` files (and ``.git/info/exclude``) ignore, and configured
patterns. Symlinked directories are not followed. It stops at a cap on modules and on directories, and says
so, instead of reading a whole home directory or module cache.
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from dataclasses import dataclass, field

from goenv_lsp.facts import PathKind
from goenv_lsp.files import FileKind
from goenv_lsp.probe.system import System

DEFAULT_SKIP = ("vendor", "testdata", "node_modules")


@dataclass(frozen=True)
class DiscoveryOptions:
    """``[workspace]`` in goenv-lsp.toml."""

    skip_dirs: tuple[str, ...] = DEFAULT_SKIP  # directory names never entered (.git and hidden ones neither)
    skip_hidden: bool = True
    gitignore: bool = True  # honour .gitignore files and .git/info/exclude
    exclude: tuple[str, ...] = ()  # gitignore-style patterns, relative to the root
    max_modules: int = 2000
    max_dirs: int = 100_000
    max_seconds: float = 10.0  # a slow network file system or a huge tree: stop, and say so (GE004)


@dataclass
class Discovered:
    files: dict[str, list[str]] = field(default_factory=dict)  # kind name → paths, in walk order
    directories: int = 0
    truncated: str | None = None


class _Ignores:
    """The gitignore specs in force in one directory, deepest first (deeper files win, as in git)."""

    def __init__(self, specs: tuple[tuple[str, object], ...]):
        self.specs = specs  # (directory relative to the root, "" for the root; GitIgnoreSpec)

    def ignored(self, relative: str, is_dir: bool) -> bool:
        for base, spec in self.specs:
            inner = relative[len(base) + 1:] if base else relative
            result = spec.check_file(inner + "/" if is_dir else inner)  # type: ignore[attr-defined]
            if result.include is not None:
                return bool(result.include)
        return False

    def under(self, base: str, lines: list[str]) -> _Ignores:
        return _Ignores(((base, _compile(lines)), *self.specs))


def _compile(lines: Iterable[str]) -> object:
    """A spec of the lines git accepts: a line pathspec rejects (``!``, ``[z-a]``) is skipped, as git skips it."""
    import re

    import pathspec  # only when a repository has a .gitignore

    lines = list(lines)
    try:
        return pathspec.GitIgnoreSpec.from_lines(lines)
    except (ValueError, re.error):
        pass
    good = []
    for line in lines:
        try:
            pathspec.GitIgnoreSpec.from_lines([line])
        except (ValueError, re.error):
            continue
        good.append(line)
    return pathspec.GitIgnoreSpec.from_lines(good)


def _root_ignores(system: System, root: str, options: DiscoveryOptions) -> _Ignores:
    ignores = _Ignores(())
    if options.gitignore:
        exclude = system.read(system.paths.join(root, ".git", "info", "exclude"))
        if exclude.data:
            ignores = ignores.under("", _lines(exclude.data))
    if options.exclude:
        ignores = ignores.under("", list(options.exclude))
    return ignores


def _with_gitignore(system: System, directory: str, relative: str, ignores: _Ignores,
                    options: DiscoveryOptions) -> _Ignores:
    if options.gitignore:
        text = system.read(system.paths.join(directory, ".gitignore"))
        if text.data:
            return ignores.under(relative, _lines(text.data))
    return ignores


def _skips_dir(name: str, path: str, relative: str, ignores: _Ignores, options: DiscoveryOptions,
               skipped: set[str], paths) -> bool:
    return (name == ".git" or (options.skip_hidden and name.startswith(".")) or name in options.skip_dirs
            or paths.key(path) in skipped or bool(ignores.specs and ignores.ignored(relative, True)))


def admits(system: System, root: str, path: str, options: DiscoveryOptions) -> bool:
    """Would the walk find the file at ``path`` (caps aside)? For a file the editor has open before it is
    on disk: a go.mod under testdata/ or an ignored directory stays out of the workspace, as on disk."""
    paths = system.paths
    relative = paths.relative(path, root)
    if not relative or relative == ".":
        return False
    parts = relative.replace("\\", "/").split("/")
    ignores = _root_ignores(system, root, options)
    directory, current = root, ""
    for name in parts[:-1]:
        ignores = _with_gitignore(system, directory, current, ignores, options)
        directory, current = paths.join(directory, name), f"{current}/{name}" if current else name
        if _skips_dir(name, directory, current, ignores, options, set(), paths):
            return False
    ignores = _with_gitignore(system, directory, current, ignores, options)
    return not (ignores.specs and ignores.ignored(relative.replace("\\", "/"), False))


def discover(system: System, root: str, kinds: Iterable[FileKind], options: DiscoveryOptions,
             skip: Iterable[str] = ()) -> Discovered:
    """Walk ``root`` (never into the absolute directories in ``skip``, e.g. GOROOT and the module cache)."""
    paths = system.paths
    kinds = tuple(kinds)
    found = Discovered(files={k.name: [] for k in kinds})
    skipped = {paths.key(s) for s in skip if s}
    ignores = _root_ignores(system, root, options)
    modules = 0
    stack: list[tuple[str, str, _Ignores]] = [(root, "", ignores)]
    deadline = time.monotonic() + options.max_seconds
    while stack:
        directory, relative, ignores = stack.pop()
        if found.directories >= options.max_dirs:
            found.truncated = f"read {options.max_dirs} directories (max-dirs)"
            break
        if found.directories and time.monotonic() > deadline:
            found.truncated = f"searched for {options.max_seconds:g} s and read {found.directories} directories"
            break
        entries = system.list(directory)
        found.directories += 1
        if entries is None:
            continue
        if any(e.name == ".gitignore" for e in entries):
            ignores = _with_gitignore(system, directory, relative, ignores, options)
        subdirectories = []
        for entry in sorted(entries, key=lambda e: e.name):
            child_relative = f"{relative}/{entry.name}" if relative else entry.name
            path = paths.join(directory, entry.name)
            if entry.kind is PathKind.DIR:
                if _skips_dir(entry.name, path, child_relative, ignores, options, skipped, paths):
                    continue
                subdirectories.append((path, child_relative, ignores))
                continue
            for file_kind in kinds:
                if file_kind.matches_name(entry.name) and not (ignores.specs and ignores.ignored(child_relative,
                                                                                                  False)):
                    found.files[file_kind.name].append(path)
                    if file_kind.name == "go.mod":
                        modules += 1
                    break
        if modules > options.max_modules:
            found.files["go.mod"] = found.files["go.mod"][:options.max_modules]
            found.truncated = f"found {options.max_modules} modules (max-modules)"
            break
        stack.extend(reversed(subdirectories))  # depth first, in name order
    return found


def _lines(data: bytes) -> list[str]:
    return data.decode("utf-8", "replace").splitlines()
