"""Which go runs: the first one on PATH, as a terminal in the workspace (and gopls) would run it."""

from __future__ import annotations

from goenv_lsp.facts import Facts, GoBinary
from goenv_lsp.semantics import version as gover


def running_go(facts: Facts) -> GoBinary | None:
    """The first go on PATH (None if unknown or none)."""
    on_path = [b for b in facts.go_binaries or () if b.path_index is not None]
    return min(on_path, key=lambda b: b.path_index or 0) if on_path else None


def local_version(binary: GoBinary | None) -> str:
    """The bundled toolchain version of a probed go ("1.22.10"), or "" when unknown."""
    if binary is None or not binary.version:
        return ""
    return gover.from_runtime(binary.version)
