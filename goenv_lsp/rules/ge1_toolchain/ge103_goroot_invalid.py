from __future__ import annotations

from collections.abc import Iterator

from goenv_lsp.facts import Facts, PathKind
from goenv_lsp.model import Severity
from goenv_lsp.rules._shared.anchors import env_setting_anchor
from goenv_lsp.rules._shared.fixes import unset_if_written
from goenv_lsp.rules.registry import ALL_CONTEXTS, FixAvailability, Input, Report, rule
from goenv_lsp.semantics.go_env import user_setting

DOCS = """
## What it checks
A GOROOT set by you — as an environment variable or with `go env -w` in the GOENV file — that is not a
usable Go tree: it does not exist, it names a file (often `…/bin/go`), it is relative, or it has no
`pkg/tool` directory, so the go command does not recognise it as a Go installation.

## Why it matters
The go command trusts an explicit GOROOT. A wrong one breaks every command, even `go version`
(`go: cannot find GOROOT directory: …`), or makes builds look for the compiler in the wrong place.
Modern Go finds its own root from the location of the `go` binary, so GOROOT rarely needs setting.

## How to fix
Remove the setting: delete the `GOROOT=…` line from the GOENV file (`go env GOENV` prints where it is;
`go env -u GOROOT` does not work: the go command refuses to modify GOROOT, and does not start while it
names a missing directory), or the `export GOROOT=…` line from your shell profile. If you really need it,
point it at the directory that contains `bin/go` and `pkg/tool`.

## Example
`GOROOT=/usr/local/go/bin/go` names the binary; the root is `/usr/local/go`.
"""


@rule(code="GE103", name="goroot-invalid", severity=Severity.ERROR,
      contexts=ALL_CONTEXTS,
      summary="GOROOT is set to something that is not a Go installation", docs=DOCS, fix=FixAvailability.SOMETIMES,
      fix_title="Remove GOROOT from the GOENV file",
      needs=(Input.ENVIRONMENT, Input.PATH_INFO, "goenv"), tags=("goroot",))
def check(facts: Facts) -> Iterator[Report]:
    setting = user_setting(facts, "GOROOT")
    if setting is None or not setting.value:
        return
    value = setting.value.rstrip("\r")
    where = setting.describe_source
    fixes = unset_if_written(facts, setting)
    paths = facts.paths
    if not paths.is_abs(value):
        yield Report(f"GOROOT={setting.value!r} from {where} is not an absolute path",
                     env_setting_anchor(facts, setting), fixes)
        return
    info = (facts.path_info or {}).get(setting.value)  # the probe looked the value up as the go command reads it
    if info is None:
        return
    if info.kind is PathKind.MISSING:
        problem = "does not exist; every go command fails with `go: cannot find GOROOT directory`"
        if value != setting.value:
            problem += " (the line ends with a carriage return, which the go command keeps)"
    elif info.kind is PathKind.FILE:
        binary = paths.basename(value) in ("go", "go.exe") and paths.basename(paths.dirname(value)) == "bin"
        parent = paths.dirname(paths.dirname(value)) if binary else None
        problem = "is a file, not a directory" + (f"; the Go root would be {parent}" if parent else "")
    elif info.kind is PathKind.UNREADABLE:
        problem = "cannot be read"
    elif not info.go_tree:
        problem = "is not a Go installation (it has no pkg/tool directory)"
    else:
        return
    yield Report(f"GOROOT={value} from {where} {problem}", env_setting_anchor(facts, setting), fixes)
