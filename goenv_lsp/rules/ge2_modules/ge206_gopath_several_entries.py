from __future__ import annotations

from collections.abc import Iterator

from goenv_lsp.facts import Facts
from goenv_lsp.model import Severity
from goenv_lsp.rules._shared.anchors import env_setting_anchor
from goenv_lsp.rules.registry import ALL_CONTEXTS, Input, Report, rule
from goenv_lsp.semantics.go_env import user_setting

DOCS = """
## What it checks
A GOPATH with more than one entry (`:`-separated, `;` on Windows).

## Why it matters
Only the first entry is written to: `go install` puts tools in its `bin` (unless GOBIN is set), the
module cache lives in its `pkg/mod` and the checksum database cache in its `pkg/sumdb`. The other entries
are only searched for packages in GOPATH mode, so tools in their `bin` directories are never updated by
`go install`, and putting those directories on PATH runs stale copies. In module mode the extra entries
have no use at all.

## How to fix
Keep one entry (or unset GOPATH for the default `$HOME/go`) and move what you still need from the
others; put `$(go env GOPATH)/bin` (or GOBIN) on PATH.

## Example
`export GOPATH=$HOME/go:$HOME/work` from the GOPATH era.
"""


@rule(code="GE206", name="gopath-several-entries", severity=Severity.INFO,
      contexts=ALL_CONTEXTS,
      summary="GOPATH lists several directories: go writes to the first only", docs=DOCS,
      needs=(Input.ENVIRONMENT, Input.GO_BINARIES, "goenv", "go.env"), tags=("gopath",))
def check(facts: Facts) -> Iterator[Report]:
    setting = user_setting(facts, "GOPATH", goroot_layer=False)
    if setting is None:
        return
    entries = [e for e in setting.value.rstrip("\r").split(facts.paths.list_separator) if e]
    if len(entries) < 2:
        return
    first, others = entries[0], ", ".join(entries[1:])
    gobin = user_setting(facts, "GOBIN")
    installs = f"GOBIN {gobin.value}" if gobin is not None and gobin.value else facts.paths.join(first, "bin")
    cache = user_setting(facts, "GOMODCACHE")
    modules = f"GOMODCACHE {cache.value}" if cache is not None and cache.value else facts.paths.join(first, "pkg",
                                                                                                   "mod")
    yield Report(f"GOPATH from {setting.describe_source} has {len(entries)} entries: go install writes to "
                 f"{installs} and the module cache lives in {modules}; the others ({others}) are only searched "
                 "in GOPATH mode, and tools in their bin directories are never updated",
                 env_setting_anchor(facts, setting))
