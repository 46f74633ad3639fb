from __future__ import annotations

from collections.abc import Iterator

from goenv_lsp.facts import Facts
from goenv_lsp.model import Severity
from goenv_lsp.rules._shared.anchors import env_setting_anchor
from goenv_lsp.rules.ge4_proxy._settings import where
from goenv_lsp.rules.registry import ALL_CONTEXTS, Input, Report, rule
from goenv_lsp.semantics.go_env import user_setting
from goenv_lsp.semantics.patterns import matching_pattern, split_patterns

DOCS = """
## What it checks
GOPRIVATE, GONOSUMDB and GOINSECURE patterns that cover public modules — `*`, `*.com`, `github.com`,
`github.com/*`, `*/*` — and any GOINSECURE at all (info when it names only your own hosts).

## Why it matters
- GONOSUMDB (and GOPRIVATE, its default) skip the checksum database: with `GONOSUMDB=*` or
  `GOPRIVATE=github.com`, a new version of any such module is accepted as downloaded, as with GOSUMDB=off.
  GOPRIVATE also fetches them straight from their origin, bypassing the proxy's cache.
- GOINSECURE lets the go command fetch matching modules over plain HTTP and accept any certificate:
  anyone on the network path can serve other code. It does not turn off the checksum check (GONOSUMDB
  does); a wildcard is a blanket downgrade.

They end up in shell profiles and Dockerfiles as quick fixes for a failing private download. Checksum
verification of toolchain downloads is not affected.

## How to fix
Name only the private hosts or organisations: `go env -w GOPRIVATE=git.corp.com,github.com/acme`. Give the
private server a valid certificate (or add its CA to the system store) instead of GOINSECURE.

## Example
`export GONOSUMDB=*` and `GOINSECURE=*` in a Dockerfile.
"""

# probe paths: a pattern matching one of these covers modules of anyone on a public host
_PUBLIC_SAMPLES = tuple(f"{host}/goenv-lsp-probe/goenv-lsp-probe/goenv-lsp-probe/goenv-lsp-probe"
                        for host in ("github.com", "golang.org", "gitlab.com", "gopkg.in", "google.golang.org"))
_EFFECT = {
    "GOPRIVATE": "are fetched from their origin and never checked against the checksum database",
    "GONOSUMDB": "are never checked against the checksum database",
    "GOINSECURE": "may be fetched over plain HTTP or with an unverified certificate",
}


@rule(code="GE406", name="checks-skipped-broadly", severity=Severity.WARNING,
      contexts=ALL_CONTEXTS,
      summary="GOPRIVATE / GONOSUMDB / GOINSECURE cover public modules (`*`, `github.com` …), or GOINSECURE is set",
      docs=DOCS, needs=(Input.ENVIRONMENT, Input.GO_BINARIES, "goenv", "go.env"), tags=("security",))
def check(facts: Facts) -> Iterator[Report]:
    for key in ("GOPRIVATE", "GONOSUMDB", "GOINSECURE"):
        setting = user_setting(facts, key)
        if setting is None or not setting.value:
            continue
        broad = sorted({p for sample in _PUBLIC_SAMPLES if (p := matching_pattern(setting.value, sample))})
        if broad:
            shown = ", ".join(f"`{p}`" for p in broad)
            yield Report(f"{where(setting)}: {shown} cover{'s' if len(broad) == 1 else ''} public modules, which "
                         f"{_EFFECT[key]}", env_setting_anchor(facts, setting))
        elif key == "GOINSECURE" and split_patterns(setting.value):
            yield Report(f"{where(setting)}: modules matching {setting.value} {_EFFECT[key]}",
                         env_setting_anchor(facts, setting), severity=Severity.INFO)
