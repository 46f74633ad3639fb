from __future__ import annotations

import re
from collections.abc import Iterator

from goenv_lsp.facts import Facts
from goenv_lsp.model import Related, Severity
from goenv_lsp.rules._shared.anchors import env_setting_anchor, machine_anchor
from goenv_lsp.rules._shared.fixes import unset_if_written
from goenv_lsp.rules.registry import ALL_CONTEXTS, FixAvailability, Input, Report, rule
from goenv_lsp.semantics.binaries import running_go
from goenv_lsp.semantics.go_env import user_setting

DOCS = """
## What it checks
A GOROOT you set (environment variable or GOENV file) that is a Go tree, but not the tree of the `go`
that runs — the first `go` on PATH. It is an error when the two are different Go versions, a warning
when they are copies of the same version. It also flags a GOROOT inside the module cache's
`golang.org/toolchain@…` directory, left behind by automatic toolchain switching.

## Why it matters
An explicit GOROOT overrides where `go` looks for its compiler and standard library. With another
version there, builds fail on every package with
`compile: version "go1.22.10" does not match go tool version "go1.24.11"` — sometimes with exit status 0
from wrappers. Version managers (goenv, gvm, mise, asdf) export GOROOT once per shell, so it goes stale
after an upgrade or when another `go` comes first on PATH. A GOROOT in the toolchain cache pins one
downloaded toolchain forever, so switching versions seems to do nothing.

## How to fix
Unset GOROOT — delete the `GOROOT=…` line from the GOENV file (`go env -u GOROOT` is refused: "GOROOT
cannot be modified"), or the `export GOROOT=…` line from your shell profile: the go command finds its own
root. If a version manager sets it, run go through the manager (`mise exec`,
`goenv exec`) or let it manage PATH only.

## Example
PATH starts with Go 1.24.11 but `GOROOT=$HOME/sdk/go1.22.10` is exported: `go build` fails with
`compile: version "go1.22.10" does not match go tool version "go1.24.11"`.
"""

_TOOLCHAIN_CACHE = re.compile(r"golang\.org/toolchain@v0\.0\.1-(go[^/]+?)\.[a-z0-9]+-[a-z0-9]+(/|$)")


@rule(code="GE104", name="goroot-mismatch", severity=Severity.ERROR,
      contexts=ALL_CONTEXTS,
      summary="GOROOT names another Go installation than the go that runs", docs=DOCS,
      fix=FixAvailability.SOMETIMES, fix_title="Remove GOROOT from the GOENV file",
      needs=(Input.ENVIRONMENT, Input.PATH_INFO, Input.GO_BINARIES, "goenv"), tags=("goroot",))
def check(facts: Facts) -> Iterator[Report]:
    setting = user_setting(facts, "GOROOT")
    if setting is None or not setting.value:
        return
    value = setting.value
    fixes = unset_if_written(facts, setting)
    location = env_setting_anchor(facts, setting)
    anchor = machine_anchor(facts)
    related = (Related(anchor, "the module built with it"),) if setting.location and anchor.path else ()
    cached = _TOOLCHAIN_CACHE.search(value.replace("\\", "/"))
    if cached:
        yield Report(f"GOROOT={value} from {setting.describe_source} points into the module cache's downloaded "
                     f"toolchain {cached.group(1)}; it stays pinned to that toolchain whatever PATH, go.mod or "
                     "GOTOOLCHAIN say", location, fixes, related, severity=Severity.WARNING)
        return
    info = (facts.path_info or {}).get(value)
    active = running_go(facts)
    if info is None or not info.go_tree or active is None or not active.own_root:
        return  # not a Go tree: GE103's case
    if facts.same_dir(value, active.own_root):
        return
    binary_version = (active.version or "").split()[0] if active.version else None
    if info.version and binary_version and info.version != binary_version:
        yield Report(f"GOROOT={value} from {setting.describe_source} is {info.version}, but the go that runs "
                     f"({active.path}) is {binary_version}: builds fail with `compile: version "
                     f"\"{info.version}\" does not match go tool version \"{binary_version}\"`",
                     location, fixes, related)
    else:
        yield Report(f"GOROOT={value} from {setting.describe_source} is another copy than the go that runs "
                     f"({active.path}, root {active.own_root}); it works only while both stay the same version",
                     location, fixes, related, severity=Severity.WARNING)
