"""Which directories the go command writes to (GOPATH entries, GOMODCACHE, GOCACHE, GOBIN, GOTMPDIR, TMPDIR),
and, for those that do not exist yet, their ancestors up to the first that does: whether go can create
them depends on that one (``semantics.go_dirs``)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from goenv_lsp.facts import PathInfo, PathKind, PathOps
from goenv_lsp.probe.system import System

WRITTEN = ("GOMODCACHE", "GOCACHE", "GOBIN", "GOTMPDIR")
MAX_DEPTH = 64  # ancestors looked at above one missing path


def named(layers: Iterable[Mapping[str, str]], env: Mapping[str, str], paths: PathOps,
          goenv: str | None = None) -> set[str]:
    """Every absolute directory these ``go env`` layers name for writing (GOPATH entries with bin and
    pkg/mod below the first), TMPDIR (where go works when GOTMPDIR is unset) and the GOENV file."""
    found: set[str] = {goenv} if goenv else set()
    for layer in layers:
        found.update(layer.get(key, "") for key in WRITTEN)
        entries = [e for e in layer.get("GOPATH", "").split(paths.list_separator) if e]
        if entries and paths.is_abs(entries[0]):
            found.update((paths.join(entries[0], "bin"), paths.join(entries[0], "pkg", "mod")))
    if env.get("TMPDIR"):
        found.add(env["TMPDIR"])
    return {p for p in found if p and paths.is_abs(p)}


def missing_ancestors(system: System, info: Mapping[str, PathInfo]) -> set[str]:
    """The ancestors of every missing path in ``info`` up to (and with) the first that exists."""
    paths, found = system.paths, set()
    for path, known in info.items():
        if known.kind is not PathKind.MISSING:
            continue
        current = path
        for _ in range(MAX_DEPTH):
            parent = paths.dirname(current)
            if parent == current or parent in found:
                break
            found.add(parent)
            if system.stat(parent).kind is not PathKind.MISSING:
                break
            current = parent
    return found - set(info)
