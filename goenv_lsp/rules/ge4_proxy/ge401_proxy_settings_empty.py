from __future__ import annotations

from collections.abc import Iterator

from goenv_lsp.facts import Facts, Source, Status
from goenv_lsp.model import Severity
from goenv_lsp.rules._shared.anchors import env_setting_anchor
from goenv_lsp.rules._shared.fixes import unset_if_written
from goenv_lsp.rules.ge4_proxy._settings import where, write_fix
from goenv_lsp.rules.registry import ALL_CONTEXTS, FixAvailability, Input, Report, rule
from goenv_lsp.semantics import version as gover
from goenv_lsp.semantics.binaries import local_version, running_go
from goenv_lsp.semantics.go_env import Setting, goroot_defaults, user_setting
from goenv_lsp.semantics.proxy import EMPTY_LIST, parse_goproxy

DOCS = """
## What it checks
GOPROXY or GOSUMDB that the go command ends up with empty: an empty `GOPROXY=` / `GOSUMDB=` line in the
GOENV file (it hides the default of `$GOROOT/go.env`), a value of only commas or spaces, or no value at all
because `$GOROOT/go.env` is missing (a repackaged or stripped Go: since Go 1.21 the defaults live there).

## Why it matters
Since Go 1.21 cmd/go has no built-in default for either: they come from `$GOROOT/go.env`. An empty GOPROXY
makes every download fail with `go: GOPROXY list is not the empty string, but contains no entries` (even
when it *is* the empty string), an empty GOSUMDB with `verifying go.mod: missing GOSUMDB`. Builds that need
nothing new keep working, so it shows up later, on `go get` or in CI.

Before Go 1.21 the defaults were built into cmd/go and an empty value meant the default: nothing is
reported for those.

## How to fix
Remove the empty line from the GOENV file (`go env -u GOPROXY`), so that go.env's default applies; where
go.env is missing, write the defaults: `go env -w GOPROXY=https://proxy.golang.org,direct
GOSUMDB=sum.golang.org` (or reinstall Go).

## Example
`GOPROXY=` in `~/.config/go/env`, left by a script that meant to clear a mirror setting.
"""

_DEFAULTS = {"GOPROXY": "https://proxy.golang.org,direct", "GOSUMDB": "sum.golang.org"}
_SAYS = {"GOPROXY": "go: GOPROXY list is not the empty string, but contains no entries",
         "GOSUMDB": "verifying go.mod: missing GOSUMDB"}


@rule(code="GE401", name="proxy-settings-empty", severity=Severity.ERROR,
      contexts=ALL_CONTEXTS,
      summary="GOPROXY or GOSUMDB is empty: every download fails", docs=DOCS,
      fix=FixAvailability.SOMETIMES, fix_title="Restore the default GOPROXY / GOSUMDB",
      needs=(Input.ENVIRONMENT, Input.GO_BINARIES, "goenv", "go.env"), tags=("proxy",))
def check(facts: Facts) -> Iterator[Report]:
    local = local_version(running_go(facts))
    if not local or gover.compare(local, "1.21") < 0:
        return  # before Go 1.21 the defaults were built in: an empty value meant the default
    empty = [s for key in ("GOPROXY", "GOSUMDB") if (s := user_setting(facts, key)) is not None and _empty(facts, s)]
    if len(empty) == 2 and all(s.source is Source.UNSET for s in empty):  # no go.env: one finding, one fix
        says = " and ".join(f"`{_SAYS[s.key]}`" for s in empty)
        yield Report(f"{_why(facts, empty[0]).replace('GOPROXY is', 'GOPROXY and GOSUMDB are', 1)}: every download "
                     f"fails with {says}", env_setting_anchor(facts, empty[0]),
                     write_fix(facts, {s.key: _DEFAULTS[s.key] for s in empty}, tuple(empty)))
        return
    for setting in empty:
        yield Report(f"{_why(facts, setting)}: every download fails with `{_SAYS[setting.key]}`",
                     env_setting_anchor(facts, setting), _fixes(facts, setting))


def _empty(facts: Facts, setting: Setting) -> bool:
    if setting.key == "GOPROXY":
        return parse_goproxy(setting.value, facts.paths).error == EMPTY_LIST
    return not setting.value.split() and setting.value != "off"


def _why(facts: Facts, setting: Setting) -> str:
    key = setting.key
    if setting.source is Source.UNSET:
        go_env = goroot_defaults(facts)
        if go_env is None or go_env.status is not Status.OK:
            path = go_env.path if go_env is not None else "$GOROOT/go.env"
            return f"{key} is empty: {path} is missing, and since Go 1.21 the defaults are there"
        return f"{key} is empty: nothing sets it, and {go_env.path} has no {key} line"
    if setting.value:
        return f"{where(setting)} is {setting.value!r}, a list without entries"
    if setting.in_goenv_file:
        return f"{where(setting)} is empty, and that hides the default of $GOROOT/go.env"
    return f"{where(setting)} is empty"


def _fixes(facts: Facts, setting: Setting):
    go_env = goroot_defaults(facts)
    default = go_env.get(setting.key) if go_env is not None and go_env.status is Status.OK else None
    if setting.in_goenv_file and default is not None and default.value.split(",")[0].strip():
        return unset_if_written(facts, setting)  # go.env's default applies again
    return write_fix(facts, {setting.key: _DEFAULTS[setting.key]}, (setting,))
