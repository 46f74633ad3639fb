"""Applying the fixes a report offers, as a user or editor would, so tests can check that they work."""

from __future__ import annotations

from pathlib import Path

from goenv_lsp.fixes_apply import apply_edits
from goenv_lsp.model import Applicability, Fix, Range, TextEdit

__all__ = ["apply_edits", "apply_json_fix", "removes_lines"]


def removes_lines(path: str, *lines: int, key: str) -> Fix:
    """The fix that deletes ``key``'s lines (0-based) from the GOENV file at ``path``."""
    return Fix(f"Remove {key} from the GOENV file", Applicability.UNSAFE,
               edits=tuple(TextEdit(path, Range.of(line, 0, 0, end_line=line + 1), "") for line in lines))


def apply_json_fix(fix: dict, workspace: Path, home: str) -> None:
    """Write a `check --format json` fix's edits (paths relative to the workspace, or under ``~``)."""
    by_path: dict[Path, list] = {}
    for edit in fix["edits"]:
        name = edit["path"]
        path = Path(home) / name[2:] if name.startswith("~/") else workspace / name
        start, end = edit["range"]["start"], edit["range"]["end"]
        by_path.setdefault(path, []).append((Range.of(start["line"], start["character"], end["character"],
                                                      end_line=end["line"]), edit["newText"]))
    for path, edits in by_path.items():
        path.write_text(apply_edits(path.read_text(encoding="utf-8"), edits), encoding="utf-8")
