"""Module mode or GOPATH mode (cmd/go modload.Init, WillBeEnabled; go-semantics.md §6.1), judged from the files
the facts hold: GO111MODULE empty or ``on`` → modules; ``off`` → GOPATH mode, go.mod and go.work ignored;
``auto`` → modules where a go.mod or a go.work is found in the directory or above, GOPATH mode elsewhere
(real go 1.27.3: ``GO111MODULE=auto go list -m`` beside a go.work without go.mod lists its modules)."""

from __future__ import annotations

from goenv_lsp.facts import Facts, Status
from goenv_lsp.files.go_mod import ModFileFacts
from goenv_lsp.semantics.modules import nearest


def existing(facts: Facts, kind: str) -> list[ModFileFacts]:
    """The go.mod / go.work files found (in the workspace, above it, used by a go.work), by path."""
    return [f for f in facts.files_of(kind) or () if isinstance(f, ModFileFacts) and f.status is not Status.MISSING]


def nearest_at_root(facts: Facts, kind: str) -> ModFileFacts | None:
    """The go.mod / go.work the go command finds from the workspace root upwards."""
    if not facts.root:
        return None
    by_path = {f.path: f for f in existing(facts, kind)}
    found = nearest(facts.root, kind, by_path.__contains__, facts.paths)
    return by_path.get(found) if found else None


def in_gopath_src(facts: Facts, directory: str, entries: list[str]) -> str | None:
    """The GOPATH entry whose ``src`` holds ``directory``, if any."""
    ops = facts.paths
    return next((e for e in entries if ops.is_abs(e) and ops.inside(directory, ops.join(e, "src"), strict=False)),
                None)
