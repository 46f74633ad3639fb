from __future__ import annotations

import re
from collections.abc import Iterator

from goenv_lsp.facts import Facts, PathKind
from goenv_lsp.model import Severity
from goenv_lsp.rules._shared.anchors import env_setting_anchor
from goenv_lsp.rules._shared.fixes import unset_if_written
from goenv_lsp.rules.registry import ALL_CONTEXTS, FixAvailability, Input, Report, rule
from goenv_lsp.semantics.binaries import running_go
from goenv_lsp.semantics.go_dirs import uncreatable
from goenv_lsp.semantics.go_env import user_setting

DOCS = """
## What it checks
Each GOPATH entry you set (environment variable or GOENV file): one that starts with `~` or holds an
unexpanded `$HOME` / `${HOME}` / `%USERPROFILE%`, one that is relative, one equal to GOROOT, one inside
GOROOT, one that exists but cannot be used (a file, a symbolic link loop, a directory you cannot read), and
a first entry (where go writes) that does not exist and cannot be created (the nearest existing directory
above it is not writable).

## Why it matters
The go command expands nothing. An entry starting with `~` or relative stops every command, even
`go version`: `go: GOPATH entry cannot start with shell metacharacter '~'` or
`go: GOPATH entry is relative; must be absolute path`. That happens when GOPATH is quoted in a shell
profile (`export GOPATH="~/go"`) or written with `go env -w`. GOPATH equal to GOROOT makes every command
print `warning: both GOPATH and GOROOT are the same directory` and mixes your modules and tools into the Go
installation; inside GOROOT they are wiped by the next Go upgrade.

## How to fix
Unset GOPATH (the default `$HOME/go` is fine for most people): delete the `GOPATH=…` line from the GOENV
file (`go env -u GOPATH` fails while the value there is invalid, go does not start; `GOPATH="$HOME/go"
go env -u GOPATH` works) or remove the export from your shell profile. Otherwise use an absolute path
outside GOROOT, e.g. `export GOPATH="$HOME/go"` (double quotes expand `$HOME`, `~` inside quotes does not).

## Example
`export GOPATH='~/go'` in `~/.bashrc`.
"""

_UNEXPANDED = re.compile(r"^~|\$\{?HOME\}?|%USERPROFILE%|%HOMEPATH%")


@rule(code="GE201", name="gopath-invalid", severity=Severity.ERROR,
      contexts=ALL_CONTEXTS,
      summary="GOPATH is unexpanded, relative, equal to GOROOT or inside it, or unusable", docs=DOCS,
      fix=FixAvailability.SOMETIMES, fix_title="Remove GOPATH from the GOENV file",
      needs=(Input.ENVIRONMENT, Input.GO_BINARIES, Input.PATH_INFO, "goenv"), tags=("gopath",))
def check(facts: Facts) -> Iterator[Report]:
    setting = user_setting(facts, "GOPATH", goroot_layer=False)
    if setting is None or not setting.value:
        return
    paths = facts.paths
    where = setting.describe_source
    location = env_setting_anchor(facts, setting)
    fixes = unset_if_written(facts, setting)
    active = running_go(facts)
    goroot = active.goroot or active.own_root if active else None
    entries = [e for e in setting.value.rstrip("\r").split(paths.list_separator) if e]
    first = entries[0] if entries else None
    for entry in entries:
        if _UNEXPANDED.search(entry) and (entry.startswith("~") or not paths.is_abs(entry)):
            first = "cannot start with shell metacharacter '~'" if entry.startswith("~") else (
                "is relative; must be absolute path")
            yield Report(f"GOPATH entry {entry!r} from {where} holds an unexpanded home reference; every go "
                         f"command fails with `go: GOPATH entry {first}`", location, fixes)
        elif _UNEXPANDED.search(entry):  # absolute: go accepts it, but it names a directory literally "$HOME"
            yield Report(f"GOPATH entry {entry!r} from {where} holds an unexpanded home reference: go uses a "
                         "directory literally named like that, not your home", location, fixes,
                         severity=Severity.WARNING)
        elif not paths.is_abs(entry):
            yield Report(f"GOPATH entry {entry!r} from {where} is relative; every go command fails with "
                         "`go: GOPATH entry is relative; must be absolute path`", location, fixes)
        elif goroot and facts.same_dir(entry, goroot):
            yield Report(f"GOPATH={entry} from {where} is the GOROOT of the go that runs: every command warns "
                         "and modules and tools land inside the Go installation", location, fixes,
                         severity=Severity.WARNING)
        elif goroot and paths.inside(entry, goroot):
            yield Report(f"GOPATH entry {entry} from {where} is inside GOROOT {goroot}: the next Go upgrade "
                         "deletes your module cache and installed tools", location, fixes,
                         severity=Severity.WARNING)
        elif (problem := _unusable(facts, entry)) is not None:
            yield Report(f"GOPATH entry {entry} from {where} {problem}: go cannot download modules into it or "
                         "install tools there", location, severity=Severity.WARNING)
        elif entry == first and (stopped := uncreatable(facts, entry)) is not None:  # go writes to the first
            what = "is a file" if stopped.is_file else "is not writable by this user"
            yield Report(f"GOPATH entry {entry} from {where} does not exist and cannot be created: {stopped.blocker} "
                         f"{what}; module downloads fail with `go: could not create module cache: {stopped.error}`",
                         location, fixes, severity=Severity.WARNING)


def _unusable(facts: Facts, entry: str) -> str | None:
    """What makes an existing GOPATH entry unusable; None if it is a readable directory or not there yet."""
    info = (facts.path_info or {}).get(entry)
    if info is None or info.kind is PathKind.MISSING:
        return None  # go creates it when it first needs it
    if info.kind is PathKind.UNREADABLE:
        return "cannot be resolved (a symbolic link loop, or no permission on a directory above it)"
    if info.kind is PathKind.FILE:
        return "is a file, not a directory"
    return None if info.listable else "is a directory this user cannot read (permission denied)"
