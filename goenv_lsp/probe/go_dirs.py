"""Which directories the go command writes to (GOPATH/bin and GOPATH/pkg/mod of the first entry,
GOMODCACHE, GOCACHE, GOBIN, GOTMPDIR, TMPDIR) and the GOENV file, from every layer (environment, GOENV
file, `go env` of the go that runs); and, for those that do not exist yet, their ancestors up to the first
that does: whether go can create them depends on that one (``semantics.go_dirs``).

Each path is stat'ed only (kind, permission bits, writability): no directory is listed, nothing is read."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from goenv_lsp.facts import Facts, PathInfo, PathKind, PathOps
from goenv_lsp.files.goenv_file import user_env_file
from goenv_lsp.probe.system import System
from goenv_lsp.semantics.go_env import value_layers

WRITTEN = ("GOMODCACHE", "GOCACHE", "GOBIN", "GOTMPDIR")
MAX_DEPTH = 64  # ancestors looked at above one missing path


def named(layers: Iterable[Mapping[str, str]], env: Mapping[str, str], paths: PathOps,
          goenv: str | None = None) -> set[str]:
    """Every absolute directory these ``go env`` layers name for writing (bin and pkg/mod of the first GOPATH
    entry), TMPDIR (where go works when GOTMPDIR is unset) and the GOENV file."""
    found: set[str] = {goenv} if goenv else set()
    for layer in layers:
        found.update(layer.get(key, "") for key in WRITTEN)
        entries = [e for e in layer.get("GOPATH", "").split(paths.list_separator) if e]
        if entries and paths.is_abs(entries[0]):
            found.update((paths.join(entries[0], "bin"), paths.join(entries[0], "pkg", "mod")))
    if env.get("TMPDIR"):
        found.add(env["TMPDIR"])
    return {p for p in found if p and paths.is_abs(p)}


def inspect(system: System, facts: Facts, known: Mapping[str, PathInfo]) -> dict[str, PathInfo]:
    """PathInfo of the named paths not in ``known`` yet, and of the missing ones' ancestors."""
    layers = value_layers(facts)
    user = user_env_file(facts)
    found: dict[str, PathInfo] = {}
    for path in sorted(named(layers, facts.env or {}, system.paths, user.path if user else None) - set(known)):
        found[path] = _stat(system, path)
    for path, info in list(found.items()):
        if info.kind is PathKind.MISSING:
            _ancestors(system, path, known, found)
    return found


def _ancestors(system: System, path: str, known: Mapping[str, PathInfo], found: dict[str, PathInfo]) -> None:
    paths = system.paths
    current = path
    for _ in range(MAX_DEPTH):
        parent = paths.dirname(current)
        if parent == current or parent in found:
            return
        info = known.get(parent) or found.setdefault(parent, _stat(system, parent))
        if info.kind is not PathKind.MISSING:
            return
        current = parent


def _stat(system: System, path: str) -> PathInfo:
    found = system.stat(path)
    return PathInfo(found.kind, mode=found.mode, writable=found.writable)
