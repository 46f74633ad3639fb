"""Path operations in the flavour of the machine the facts came from, never the host's.

A Windows ``go env`` evaluated on Linux must call ``C:\\Users\\me\\go`` absolute; rules therefore take
their path helpers from the facts (``facts.paths``), which pick ``ntpath`` or ``posixpath``.
"""

from __future__ import annotations

import ntpath
import posixpath
from dataclasses import dataclass
from types import ModuleType

from goenv_lsp.facts.enums import PathFlavor


@dataclass(frozen=True)
class PathOps:
    flavor: PathFlavor

    @property
    def module(self) -> ModuleType:
        return ntpath if self.flavor is PathFlavor.WINDOWS else posixpath

    @property
    def list_separator(self) -> str:
        """Between entries of PATH and GOPATH."""
        return ";" if self.flavor is PathFlavor.WINDOWS else ":"

    @property
    def sep(self) -> str:
        return self.module.sep

    @property
    def dev_null(self) -> str:
        """What ``go env GOMOD`` says in module mode without a go.mod (os.DevNull)."""
        return "NUL" if self.flavor is PathFlavor.WINDOWS else "/dev/null"

    def is_abs(self, path: str) -> bool:
        return self.module.isabs(path)

    def join(self, *parts: str) -> str:
        return self.module.join(*parts)

    def dirname(self, path: str) -> str:
        return self.module.dirname(path)

    def basename(self, path: str) -> str:
        return self.module.basename(path)

    def normpath(self, path: str) -> str:
        return self.module.normpath(path)

    def key(self, path: str) -> str:
        """A comparison key: normalised, and case-folded where the file system usually ignores case."""
        return self.module.normcase(self.module.normpath(path))

    def same(self, a: str, b: str) -> bool:
        return self.key(a) == self.key(b)

    def inside(self, path: str, root: str, strict: bool = True) -> bool:
        """Is ``path`` below ``root`` (or equal to it when not ``strict``)?"""
        p, r = self.key(path), self.key(root)
        if p == r:
            return not strict
        return p.startswith(r.rstrip(self.sep) + self.sep)

    def relative(self, path: str, root: str) -> str | None:
        """``path`` relative to ``root`` when inside it (``"."`` for the root itself), else None."""
        if not self.inside(path, root, strict=False):
            return None
        return self.module.relpath(self.normpath(path), self.normpath(root))

    def split_list(self, value: str) -> tuple[str, ...]:
        """A PATH-style list, as filepath.SplitList reads it (empty entries kept: they mean the cwd)."""
        return tuple(value.split(self.list_separator)) if value else ()


POSIX = PathOps(PathFlavor.POSIX)
WINDOWS = PathOps(PathFlavor.WINDOWS)


def ops(flavor: PathFlavor | None) -> PathOps:
    return WINDOWS if flavor is PathFlavor.WINDOWS else POSIX
