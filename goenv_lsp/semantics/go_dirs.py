"""The directories the go command writes to, as the go that runs sees them, and what stops it writing there.

* GOPATH: ``go env GOPATH``; installs go to GOBIN, else the **first** entry's ``bin``; GOMODCACHE defaults to
  the first entry's ``pkg/mod`` (go-semantics.md §4.4).
* A directory that does not exist is created by ``os.MkdirAll``: that fails on the first ancestor that exists
  and is not a writable directory (``mkdir <first missing>: permission denied`` / ``not a directory``).
* Temporary directories: /tmp, /var/tmp, $TMPDIR; on Windows %TEMP%, %TMP%, %LOCALAPPDATA%\\Temp.
"""

from __future__ import annotations

from dataclasses import dataclass

from goenv_lsp.facts import Facts, PathInfo, PathKind
from goenv_lsp.semantics.binaries import running_go


def go_env_value(facts: Facts, key: str) -> str | None:
    """``go env KEY`` of the go that runs; None when unknown."""
    active = running_go(facts)
    return active.env.get(key) if active and active.env is not None else None


def gopath_entries(facts: Facts) -> list[str] | None:
    value = go_env_value(facts, "GOPATH")
    return None if value is None else [e for e in value.split(facts.paths.list_separator) if e]


@dataclass(frozen=True)
class Blocked:
    """Why go cannot write into ``path``: ``blocker`` (the path itself, or the ancestor MkdirAll stops at)
    is not a writable directory."""

    path: str
    blocker: str
    first_missing: str | None  # the directory MkdirAll tries to make (None: ``path`` exists)
    is_file: bool  # the blocker is a file, not a directory

    @property
    def error(self) -> str:
        """The tail of the go command's error: ``mkdir …: permission denied``."""
        target = self.first_missing or self.path
        return f"mkdir {target}: {'not a directory' if self.is_file else 'permission denied'}"


def blocked(facts: Facts, path: str) -> Blocked | None:
    """What stops go writing in ``path`` (a directory it creates if needed); None if nothing or unknown."""
    info = facts.path_info or {}
    ops = facts.paths
    current, below = path, None
    for _ in range(64):
        found: PathInfo | None = info.get(current)
        if found is None or found.kind is PathKind.UNREADABLE:
            return None  # unknown
        if found.kind is PathKind.FILE:
            return Blocked(path, current, below or path, True)
        if found.kind is PathKind.DIR:
            return Blocked(path, current, below, False) if found.writable is False else None
        parent = ops.dirname(current)
        if parent == current:
            return None
        current, below = parent, current
    return None


def uncreatable(facts: Facts, path: str) -> Blocked | None:
    """What stops the go command creating ``path`` when it does not exist (None: it exists, or nothing does)."""
    info = (facts.path_info or {}).get(path)
    if info is None or info.kind is not PathKind.MISSING:
        return None
    return blocked(facts, path)


def temp_dirs(facts: Facts) -> list[str]:
    env = facts.env or {}
    if facts.os == "windows":
        local = env.get("LOCALAPPDATA")
        found = [env.get("TEMP"), env.get("TMP"), local and facts.paths.join(local, "Temp")]
    else:
        found = ["/tmp", "/var/tmp", env.get("TMPDIR")]
        if facts.os == "darwin":
            found += ["/private/tmp", "/private/var/tmp"]
    return [d for d in dict.fromkeys(found) if d and facts.paths.is_abs(d)]


def in_temp_dir(facts: Facts, path: str) -> str | None:
    """The temporary directory ``path`` is in (or is), if any."""
    return next((d for d in temp_dirs(facts) if facts.paths.inside(path, d, strict=False)), None)
