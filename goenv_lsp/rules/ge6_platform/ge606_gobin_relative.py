from __future__ import annotations

import re
from collections.abc import Iterator

from goenv_lsp.facts import Facts
from goenv_lsp.model import Severity
from goenv_lsp.rules._shared.anchors import env_setting_anchor
from goenv_lsp.rules._shared.fixes import unset_if_written
from goenv_lsp.rules.registry import FixAvailability, Input, Report, rule
from goenv_lsp.semantics.go_env import user_setting

DOCS = """
## What it checks
GOBIN set (environment variable or GOENV file) to a path that is not absolute: relative, starting with `~`,
or holding an unexpanded `$HOME` / `%USERPROFILE%`.

## Why it matters
`go env -w GOBIN=~/bin` is accepted — the go command expands nothing and checks nothing when it is
written — and `go build` keeps working, but every `go install` then fails with
`cannot install, GOBIN must be an absolute path`. It usually comes from quoting in a shell profile
(`export GOBIN="~/go/bin"`) or from copying a cmd.exe line to another shell.

## How to fix
Unset GOBIN (programs then go to `$(go env GOPATH)/bin`), or write the directory out in full, e.g.
`go env -w GOBIN=$HOME/.local/bin` in a shell that expands `$HOME`. When the value is in the GOENV file, the
fix removes that line.

## Example
`go env -w GOBIN=~/bin`, then `go install golang.org/x/tools/gopls@latest`.
"""

_UNEXPANDED = re.compile(r"^~|\$\{?HOME\}?|%USERPROFILE%|%HOMEPATH%")


@rule(code="GE606", name="gobin-relative", severity=Severity.ERROR,
      summary="GOBIN is not an absolute path: every `go install` fails", docs=DOCS,
      fix=FixAvailability.SOMETIMES, fix_title="Remove GOBIN from the GOENV file",
      needs=(Input.ENVIRONMENT, Input.GO_BINARIES, "goenv", "go.env"), tags=("gobin",))
def check(facts: Facts) -> Iterator[Report]:
    setting = user_setting(facts, "GOBIN")
    if setting is None or not setting.value or facts.paths.is_abs(setting.value):
        return
    unexpanded = _UNEXPANDED.search(setting.value)
    why = ("starts with `~`, which the go command does not expand" if setting.value.startswith("~") else
           f"holds an unexpanded {unexpanded.group(0)}" if unexpanded else "is relative")
    yield Report(f"GOBIN={setting.value} from {setting.describe_source} {why}: every `go install` fails with "
                 "`cannot install, GOBIN must be an absolute path`", env_setting_anchor(facts, setting),
                 unset_if_written(facts, setting))
