"""How paths and home directories appear in output that people share (CI logs, bug reports)."""

from __future__ import annotations

import os


class PathStyle:
    def __init__(self, root: str | None, home: str | None, anonymize_home: bool = True):
        self.root = root
        self.home = home.rstrip("/") if home and home != "/" else None
        self.anonymize_home = anonymize_home

    def path(self, path: str | None) -> str:
        """Relative to the workspace root inside it; else absolute (home as ``~`` when anonymized)."""
        if path is None:
            return "."
        if self.root:
            try:
                relative = os.path.relpath(path, self.root)
            except ValueError:
                relative = path
            if not relative.startswith(".."):
                return relative
        return self.text(path)

    def text(self, text: str) -> str:
        if self.anonymize_home and self.home:
            return text.replace(self.home + "/", "~/").replace(self.home, "~")
        return text
