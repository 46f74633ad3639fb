from __future__ import annotations

from collections.abc import Iterator

from goenv_lsp.facts import Facts
from goenv_lsp.model import Severity
from goenv_lsp.rules._shared.anchors import env_setting_anchor
from goenv_lsp.rules._shared.fixes import unset_if_written
from goenv_lsp.rules.registry import ALL_CONTEXTS, FixAvailability, Input, Report, rule
from goenv_lsp.semantics.binaries import running_go
from goenv_lsp.semantics.go_env import user_setting

DOCS = """
## What it checks
GOBIN set to GOROOT's `bin` directory or anywhere else inside GOROOT, the Go installation of the go on
PATH.

## Why it matters
GOROOT belongs to the Go release: the official way to upgrade is to delete `/usr/local/go` and unpack the
new one, and version managers and package managers replace the tree the same way, so every program
`go install` put there disappears with the next upgrade. A system GOROOT is owned by root, so
`go install` fails with `permission denied` (and `sudo go install` then leaves root-owned files in your
module cache). Programs named like Go's own (`go`, `gofmt`) would overwrite them.

## How to fix
Unset GOBIN (programs then go to `$(go env GOPATH)/bin`, `~/go/bin` by default) and put that directory on
PATH; or set GOBIN to a directory of your own, e.g. `~/.local/bin`. When GOBIN was written with
`go env -w`, the fix removes it from the GOENV file. Reinstall the programs you need afterwards.

## Example
`go env -w GOBIN=/usr/local/go/bin` so that installed tools are on PATH with Go.
"""


@rule(code="GE604", name="gobin-inside-goroot", severity=Severity.WARNING,
      contexts=ALL_CONTEXTS,
      summary="GOBIN points into GOROOT", docs=DOCS, fix=FixAvailability.SOMETIMES,
      fix_title="Remove GOBIN from the GOENV file",
      needs=(Input.ENVIRONMENT, Input.GO_BINARIES, Input.PATH_INFO, "goenv", "go.env"), tags=("gobin", "goroot"))
def check(facts: Facts) -> Iterator[Report]:
    setting = user_setting(facts, "GOBIN")
    active = running_go(facts)
    if setting is None or not setting.value or active is None:
        return
    paths = facts.paths
    for root in dict.fromkeys(r for r in (active.goroot, active.own_root) if r):
        if not paths.is_abs(setting.value) or not paths.inside(setting.value, root, strict=False):
            continue
        what = "is GOROOT's bin directory" if paths.same(setting.value, paths.join(root, "bin")) else \
            f"is inside GOROOT {root}"
        owner = "a GOROOT under Program Files" if facts.os == "windows" else "a root-owned GOROOT"
        yield Report(f"GOBIN={setting.value} from {setting.describe_source} {what}: the next Go upgrade "
                     f"deletes every program `go install` puts there, and {owner} makes `go install` fail "
                     "for lack of write permission", env_setting_anchor(facts, setting),
                     unset_if_written(facts, setting))
        return
