from __future__ import annotations

from collections.abc import Iterator

from goenv_lsp.facts import Facts, Source, Status
from goenv_lsp.model import Severity
from goenv_lsp.rules._shared.anchors import env_setting_anchor
from goenv_lsp.rules._shared.fixes import unset_if_written
from goenv_lsp.rules.ge4_proxy._settings import shell_hint, where
from goenv_lsp.rules.registry import ALL_CONTEXTS, FixAvailability, Input, Report, rule
from goenv_lsp.semantics.go_env import goroot_defaults, user_setting

DOCS = """
## What it checks
GOSUMDB=off, set in the environment or the GOENV file (info when it is the Go distribution's own default
in `$GOROOT/go.env`, as Fedora's Go ≤ 1.24 packages ship it).

## Why it matters
With GOSUMDB=off a module version not yet in go.sum is accepted as downloaded: nothing checks that it is
the same code everyone else got (go.sum still pins what it records). It does not fix a `checksum
mismatch` (go.sum still disagrees) and it breaks automatic toolchain downloads, which must be verified
whatever GOSUMDB says: `go: download go1.25.0: golang.org/toolchain@v0.0.1-go1.25.0.linux-amd64: verifying
module: checksum database disabled by GOSUMDB=off`. For private modules, GOPRIVATE or GONOSUMDB skip the
lookup for just those paths.

## How to fix
Remove it (`go env -u GOSUMDB`, or the `export` in your shell profile) and cover private modules with
`go env -w GOPRIVATE=git.corp.com`. Behind a firewall that blocks sum.golang.org, use its mirror:
`GOSUMDB=sum.golang.google.cn`.

## Example
`export GOSUMDB=off` copied from a blog post to "fix" a 410 Gone for a private module.
"""


@rule(code="GE405", name="checksum-db-off", severity=Severity.WARNING,
      contexts=ALL_CONTEXTS,
      summary="GOSUMDB=off: new module versions are not verified and toolchain downloads fail", docs=DOCS,
      fix=FixAvailability.SOMETIMES, fix_title="Remove GOSUMDB=off from the GOENV file",
      needs=(Input.ENVIRONMENT, Input.GO_BINARIES, "goenv", "go.env"), tags=("checksum", "security"))
def check(facts: Facts) -> Iterator[Report]:
    setting = user_setting(facts, "GOSUMDB")
    if setting is None or setting.value != "off":
        return
    message = (f"{where(setting)}: module versions missing from go.sum are not verified against the checksum "
               "database, and toolchain downloads fail (`verifying module: checksum database disabled by "
               "GOSUMDB=off`)")
    if setting.source is Source.GOROOT_GO_ENV:
        yield Report(message + "; this is your Go distribution's default", env_setting_anchor(facts, setting),
                     severity=Severity.INFO)
        return
    go_env = goroot_defaults(facts)
    default = go_env.get("GOSUMDB") if go_env is not None and go_env.status is Status.OK else None
    restores = default is not None and default.value not in ("", "off")
    yield Report(message + shell_hint(setting), env_setting_anchor(facts, setting),
                 unset_if_written(facts, setting) if restores else ())
