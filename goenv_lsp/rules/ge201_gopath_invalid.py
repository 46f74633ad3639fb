from __future__ import annotations

import os
import re
from collections.abc import Iterator

from goenv_lsp.facts import Facts
from goenv_lsp.model import Severity
from goenv_lsp.rules.anchors import env_setting_anchor
from goenv_lsp.rules.fixes import go_env_unset
from goenv_lsp.rules.registry import Report, rule
from goenv_lsp.semantics.goenv import user_setting
from goenv_lsp.semantics.selection import running_go

DOCS = """
## What it checks
Each GOPATH entry you set (environment variable or GOENV file): one that starts with `~` or holds an
unexpanded `$HOME` / `${HOME}` / `%USERPROFILE%`, one that is relative, one equal to GOROOT, one inside
GOROOT.

## Why it matters
The go command expands nothing. An entry starting with `~` or relative stops every command, even
`go version`: `go: GOPATH entry cannot start with shell metacharacter '~'` or
`go: GOPATH entry is relative; must be absolute path`. That happens when GOPATH is quoted in a shell
profile (`export GOPATH="~/go"`) or written with `go env -w`. GOPATH equal to GOROOT makes every command
print `warning: both GOPATH and GOROOT are the same directory` and mixes your modules and tools into the Go
installation; inside GOROOT they are wiped by the next Go upgrade.

## How to fix
Unset GOPATH (the default `$HOME/go` is fine for most people): `go env -u GOPATH` or remove the export
from your shell profile. Otherwise use an absolute path outside GOROOT, e.g. `export GOPATH="$HOME/go"`
(double quotes expand `$HOME`, `~` inside quotes does not).

## Example
`export GOPATH='~/go'` in `~/.bashrc`.
"""

_UNEXPANDED = re.compile(r"^~|\$\{?HOME\}?|%USERPROFILE%|%HOMEPATH%")


@rule(code="GE201", name="gopath-invalid", severity=Severity.ERROR,
      summary="GOPATH is unexpanded, relative, equal to GOROOT or inside it", docs=DOCS, fix="sometimes")
def check(facts: Facts) -> Iterator[Report]:
    setting = user_setting(facts, "GOPATH", goroot_layer=False)
    if setting is None or not setting.value:
        return
    separator = ";" if facts.os == "windows" else ":"
    where = setting.describe_source
    location = env_setting_anchor(facts, setting)
    fixes = (go_env_unset(facts, "GOPATH"),) if setting.source == "GOENV file" else ()
    active = running_go(facts)
    goroot = active.goroot or active.own_root if active else None
    for entry in (e for e in setting.value.rstrip("\r").split(separator) if e):
        if _UNEXPANDED.search(entry) and (entry.startswith("~") or not os.path.isabs(entry)):
            first = "cannot start with shell metacharacter '~'" if entry.startswith("~") else (
                "is relative; must be absolute path")
            yield Report(f"GOPATH entry {entry!r} from {where} holds an unexpanded home reference; every go "
                         f"command fails with `go: GOPATH entry {first}`", location, fixes)
        elif _UNEXPANDED.search(entry):  # absolute: go accepts it, but it names a directory literally "$HOME"
            yield Report(f"GOPATH entry {entry!r} from {where} holds an unexpanded home reference: go uses a "
                         "directory literally named like that, not your home", location, fixes,
                         severity=Severity.WARNING)
        elif not os.path.isabs(entry):
            yield Report(f"GOPATH entry {entry!r} from {where} is relative; every go command fails with "
                         "`go: GOPATH entry is relative; must be absolute path`", location, fixes)
        elif goroot and facts.same_dir(entry, goroot):
            yield Report(f"GOPATH={entry} from {where} is the GOROOT of the go that runs: every command warns "
                         "and modules and tools land inside the Go installation", location, fixes,
                         severity=Severity.WARNING)
        elif goroot and _inside(entry, goroot):
            yield Report(f"GOPATH entry {entry} from {where} is inside GOROOT {goroot}: the next Go upgrade "
                         "deletes your module cache and installed tools", location, fixes,
                         severity=Severity.WARNING)


def _inside(path: str, root: str) -> bool:
    path, root = os.path.normpath(path), os.path.normpath(root)
    return path.startswith(root.rstrip(os.sep) + os.sep)
