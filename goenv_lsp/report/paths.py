"""How paths and home directories appear in output that people share (CI logs, bug reports)."""

from __future__ import annotations

import re

from goenv_lsp.facts import PathOps
from goenv_lsp.facts.paths import POSIX


class PathStyle:
    def __init__(self, root: str | None, home: str | None, anonymize_home: bool = True, paths: PathOps = POSIX):
        self.root = root
        self.paths = paths
        home = home.rstrip("/\\") if home else None
        # the home directory as a whole path component: /home/dev/x and /home/dev, never /home/developer
        self._home = re.compile(rf"(?<![\w.~/\\-]){re.escape(home)}(?![\w.~-])") if home else None
        self.anonymize_home = anonymize_home

    def path(self, path: str | None) -> str:
        """Relative to the workspace root inside it; else absolute (home as ``~`` when anonymized)."""
        if path is None:
            return "."
        if self.root:
            relative = self.paths.relative(path, self.root)
            if relative is not None:
                return relative
        return self.text(path)

    def inside(self, path: str | None) -> str | None:
        """``path`` relative to the root, with ``/`` separators, when it names something below the root; else None
        (no path, the root itself, or a path outside it)."""
        if path is None or not self.root:
            return None
        relative = self.paths.relative(path, self.root)
        if relative is None or relative == ".":
            return None
        return relative.replace("\\", "/") if self.paths is not POSIX else relative

    def text(self, text: str) -> str:
        """``text`` with every mention of the home directory as ``~`` (when anonymized)."""
        if self.anonymize_home and self._home:
            return self._home.sub("~", text)
        return text
