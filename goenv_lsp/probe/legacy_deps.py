"""GE213's input: the files of pre-module dependency managers at the workspace root, stat'ed only (never
read) and kept in ``Facts.path_info`` (a missing one as MISSING: known absent)."""

from __future__ import annotations

from collections.abc import Mapping

from goenv_lsp.facts import PathInfo
from goenv_lsp.probe.system import System
from goenv_lsp.semantics.legacy_deps import LEGACY_FILES, legacy_path


def inspect(system: System, root: str | None, known: Mapping[str, PathInfo]) -> dict[str, PathInfo]:
    """PathInfo of each legacy file name at ``root`` not in ``known`` yet."""
    if not root:
        return {}
    paths = (legacy_path(system.paths, root, name) for name in LEGACY_FILES)
    return {path: PathInfo(system.stat(path).kind) for path in paths if path not in known}
