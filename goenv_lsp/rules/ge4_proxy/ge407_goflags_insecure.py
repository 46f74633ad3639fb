from __future__ import annotations

import re
from collections.abc import Iterator

from goenv_lsp.facts import Facts, Source
from goenv_lsp.model import Severity
from goenv_lsp.rules._shared.anchors import env_setting_anchor
from goenv_lsp.rules._shared.fixes import go_env_unset
from goenv_lsp.rules.ge4_proxy._settings import shell_hint, where, write_fix
from goenv_lsp.rules.registry import ALL_CONTEXTS, FixAvailability, Input, Report, rule
from goenv_lsp.semantics.go_env import user_setting

DOCS = """
## What it checks
`-insecure` in GOFLAGS (`-insecure`, `--insecure`, `-insecure=true`).

## Why it matters
`go get -insecure` was deprecated in Go 1.16 and stopped working in Go 1.17. Since then (checked with
Go 1.21 … 1.27) every `go get` fails with `go: -insecure flag is no longer supported; use GOINSECURE
instead`, while other commands, which have no such flag, silently skip it — so the setting looks harmless
until the next `go get`, `go mod tidy` passes, and updating a dependency fails.

## How to fix
Remove it from GOFLAGS; if a server really has no valid certificate, name just that host in GOINSECURE.

## Example
`go env -w GOFLAGS=-insecure` from an old tutorial for a self-hosted GitLab.
"""

_INSECURE = re.compile(r"^--?insecure(=.*)?$")


@rule(code="GE407", name="goflags-insecure", severity=Severity.WARNING,
      contexts=ALL_CONTEXTS,
      summary="GOFLAGS holds -insecure: every `go get` fails", docs=DOCS,
      fix=FixAvailability.SOMETIMES, fix_title="Remove -insecure from GOFLAGS",
      needs=(Input.ENVIRONMENT, Input.GO_BINARIES, "goenv", "go.env"), tags=("security",))
def check(facts: Facts) -> Iterator[Report]:
    setting = user_setting(facts, "GOFLAGS")
    if setting is None or not any(_INSECURE.match(f) for f in setting.value.split()):
        return
    rest = " ".join(f for f in setting.value.split() if not _INSECURE.match(f))
    if setting.source is Source.ENVIRONMENT:
        fixes = ()
    elif rest:
        fixes = write_fix(facts, {"GOFLAGS": rest}, (setting,))
    else:
        fixes = (go_env_unset(facts, "GOFLAGS"),) if setting.in_goenv_file else ()
    yield Report(f"{where(setting)} holds -insecure: every `go get` fails with `go: -insecure flag is no longer "
                 f"supported; use GOINSECURE instead`; other commands ignore it{shell_hint(setting)}",
                 env_setting_anchor(facts, setting), fixes)
