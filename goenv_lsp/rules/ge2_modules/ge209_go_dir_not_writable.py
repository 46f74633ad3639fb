from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from goenv_lsp.facts import Facts
from goenv_lsp.model import Location, Severity
from goenv_lsp.rules._shared.anchors import env_setting_anchor, machine_anchor
from goenv_lsp.rules.registry import ALL_CONTEXTS, Input, Report, rule
from goenv_lsp.semantics.go_dirs import Blocked, blocked, go_env_value, gopath_entries, uncreatable
from goenv_lsp.semantics.go_env import user_setting

DOCS = """
## What it checks
The directories the go command writes to, as the go on PATH reports them (set or default): GOCACHE (the
build cache), GOMODCACHE (the module cache), and where `go install` puts programs (GOBIN, else the first
GOPATH entry's `bin`). Each must be a directory this user can write, or, when it does not exist yet,
one the go command can create: the nearest existing directory above it must be writable.

## Why it matters
`sudo go install …` or `sudo go mod download` with your HOME leaves root-owned directories behind, and
from then on the go command fails far from the cause: builds with `failed to initialize build cache at
…: mkdir …: permission denied`, downloads with `go: could not create module cache: mkdir …: permission
denied` (or `go: writing go.mod cache: mkdir …/cache: permission denied`), `go install` with `mkdir
…/bin/: permission denied`. gopls, which builds and downloads for the editor, fails the same way.

## How to fix
Give the directory back to yourself: `sudo chown -R "$(id -un)" <directory>` — or point the variable
elsewhere. Never run `go` with sudo to get around it.

## Example
`sudo go install golang.org/x/tools/gopls@latest` on macOS (sudo keeps HOME): `~/go` is now root's.
"""


@dataclass(frozen=True)
class _Target:
    key: str  # the variable that names it
    path: str
    purpose: str  # what fails


@rule(code="GE209", name="go-dir-not-writable", severity=Severity.WARNING,
      contexts=ALL_CONTEXTS,
      summary="GOCACHE, GOMODCACHE or the go install directory is not writable (root-owned after sudo go …)",
      docs=DOCS, needs=(Input.ENVIRONMENT, Input.GO_BINARIES, Input.PATH_INFO, "goenv",
                             "go.env"), tags=("permissions",))
def check(facts: Facts) -> Iterator[Report]:
    entries = gopath_entries(facts)
    if entries is None:
        return
    reported = _reported_by_ge201(facts)
    by_blocker: dict[str, list[tuple[_Target, Blocked]]] = {}
    for target in _targets(facts, entries):
        stopped = blocked(facts, target.path)
        if stopped is not None and not stopped.is_file and stopped.blocker not in reported:
            by_blocker.setdefault(stopped.blocker, []).append((target, stopped))
    for blocker, found in by_blocker.items():
        info = (facts.path_info or {}).get(blocker)
        mode = f" (mode {info.mode:04o})" if info and info.mode is not None else ""
        failing = "; ".join(f"{t.purpose} ({t.key} {t.path}) with `{_error(facts, t, b)}`" for t, b in found)
        builds = any(t.key == "GOCACHE" for t, _ in found)
        if facts.home and facts.paths.inside(blocker, facts.home):
            advice = f"`sudo go …` leaves it so: run `sudo chown -R \"$(id -un)\" {blocker}`"
        else:
            named = dict.fromkeys("GOBIN" if t.key == "GOPATH/bin" else t.key for t, _ in found)
            advice = f"point {' and '.join(named)} at a directory of yours"
        yield Report(f"{blocker} is not writable by this user{mode}: {failing}; {advice}", _anchor(facts, found),
                     severity=Severity.ERROR if builds else None)


def _anchor(facts: Facts, found: list[tuple[_Target, Blocked]]) -> Location:
    """The GOENV file line of the one variable concerned, if `go env -w` wrote it; else the workspace."""
    keys = {t.key for t, _ in found}
    if len(keys) == 1 and (key := next(iter(keys))) in ("GOCACHE", "GOMODCACHE", "GOBIN"):
        setting = user_setting(facts, key)
        if setting is not None and setting.location is not None:
            return env_setting_anchor(facts, setting)
    return machine_anchor(facts)


def _targets(facts: Facts, entries: list[str]) -> Iterator[_Target]:
    ops = facts.paths
    cache = go_env_value(facts, "GOCACHE") or ""
    if ops.is_abs(cache):  # "off" and relative values are GE210's
        yield _Target("GOCACHE", cache, "builds fail")
    modcache = go_env_value(facts, "GOMODCACHE") or ""
    if ops.is_abs(modcache):
        yield _Target("GOMODCACHE", modcache, "module downloads fail")
    gobin = go_env_value(facts, "GOBIN") or ""
    if ops.is_abs(gobin):
        yield _Target("GOBIN", gobin, "go install fails")
    elif entries and ops.is_abs(entries[0]):
        yield _Target("GOPATH/bin", ops.join(entries[0], "bin"), "go install fails")


def _error(facts: Facts, target: _Target, stopped: Blocked) -> str:
    """The go command's error (real go 1.27.3, run as another user than the directory's owner)."""
    ops, path, missing = facts.paths, target.path, stopped.first_missing
    if target.key == "GOCACHE":
        made = missing or ops.join(path, "00")  # the cache's first subdirectory
        return f"failed to initialize build cache at {path}: mkdir {made}: permission denied"
    if target.key == "GOMODCACHE":
        if missing is None:
            return f"go: writing go.mod cache: mkdir {ops.join(path, 'cache')}: permission denied"
        return f"go: could not create module cache: mkdir {missing}: permission denied"
    if missing is None:
        return f"go install …: copying …: open {ops.join(path, '<program>')}: permission denied"
    return f"go install …: mkdir {missing}{ops.sep if missing == path else ''}: permission denied"


def _reported_by_ge201(facts: Facts) -> set[str]:
    """Blocking directories GE201 already names (a first GOPATH entry you set that cannot be created)."""
    setting = user_setting(facts, "GOPATH", goroot_layer=False)
    first = next((e for e in setting.value.rstrip("\r").split(facts.paths.list_separator) if e), None) \
        if setting is not None else None
    stopped = uncreatable(facts, first) if first else None
    return {stopped.blocker} if stopped else set()
