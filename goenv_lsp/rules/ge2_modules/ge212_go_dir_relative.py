from __future__ import annotations

import json
import re
from collections.abc import Iterator

from goenv_lsp.facts import Facts
from goenv_lsp.model import Severity
from goenv_lsp.rules._shared.anchors import env_setting_anchor
from goenv_lsp.rules._shared.fixes import unset_if_written
from goenv_lsp.rules.registry import ALL_CONTEXTS, FixAvailability, Input, Report, rule
from goenv_lsp.semantics.go_env import user_setting

DOCS = """
## What it checks
GOMODCACHE or GOBIN set (environment or GOENV file) to a path that is not absolute — often a `~`, `$HOME`
or `%USERPROFILE%` the go command never expands.

## Why it matters
`go env -w` refuses such values, but an `export` or a hand-edited GOENV file does not. Then every
download fails with `go: GOMODCACHE entry is relative; must be absolute path: "~/mod".` and every
`go install` (including the one that installs gopls) with `cannot install, GOBIN must be an absolute
path` — while builds of already-downloaded modules still work, so the cause is easy to miss.

## How to fix
Use an absolute path (`export GOBIN="$HOME/bin"`: double quotes expand `$HOME`), or unset the variable
for the default (`GOPATH/pkg/mod`, `GOPATH/bin`): the fix deletes the GOENV file's line.

## Example
`GOMODCACHE=%LOCALAPPDATA%\\go\\mod` written into the GOENV file by hand on Windows.
"""

_UNEXPANDED = re.compile(r"^~|\$\{?\w+\}?|%\w+%")
_ERRORS = {
    "GOMODCACHE": ("module downloads fail", "go: GOMODCACHE entry is relative; must be absolute path: {quoted}."),
    "GOBIN": ("go install fails", "cannot install, GOBIN must be an absolute path"),
}


@rule(code="GE212", name="go-dir-relative", severity=Severity.ERROR,
      contexts=ALL_CONTEXTS,
      summary="GOMODCACHE or GOBIN is not an absolute path (an unexpanded ~, $HOME or %VAR%)", docs=DOCS,
      fix=FixAvailability.SOMETIMES, fix_title="Remove the setting from the GOENV file",
      needs=(Input.ENVIRONMENT, Input.GO_BINARIES, "goenv", "go.env"), tags=("gomodcache", "gobin"))
def check(facts: Facts) -> Iterator[Report]:
    for key, (what, error) in _ERRORS.items():
        setting = user_setting(facts, key)
        if setting is None or not setting.value or facts.paths.is_abs(setting.value):
            continue
        value = setting.value
        why = " (the go command expands no `~`, `$VAR` or `%VAR%`)" if _UNEXPANDED.search(value) else ""
        yield Report(f"{key}={value} from {setting.describe_source} is not an absolute path{why}: {what} with "
                     f"`{error.format(quoted=json.dumps(value))}`", env_setting_anchor(facts, setting),
                     unset_if_written(facts, setting))
