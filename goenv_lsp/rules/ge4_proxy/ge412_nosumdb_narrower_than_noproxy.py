from __future__ import annotations

import re
from collections.abc import Iterator

from goenv_lsp.facts import Facts
from goenv_lsp.model import Severity
from goenv_lsp.redact import PLACEHOLDER
from goenv_lsp.rules._shared.anchors import env_setting_anchor
from goenv_lsp.rules.ge4_proxy._settings import where, write_fix
from goenv_lsp.rules.registry import ALL_CONTEXTS, FixAvailability, Input, Report, rule
from goenv_lsp.semantics.patterns import match_prefix_patterns, split_patterns
from goenv_lsp.semantics.private import download_settings, extra_public_hosts, looks_private

DOCS = """
## What it checks
GONOPROXY patterns for private hosts that GONOSUMDB does not cover, while GOSUMDB is sum.golang.org:
`GONOPROXY=git.corp.com` with `GONOSUMDB=git.corp.com/team-a`, or GONOPROXY set and GONOSUMDB set to
something else (each overrides GOPRIVATE for its own part). Patterns for public hosts (fetching a GitHub
fork directly) are fine: their checksums are public.

## Why it matters
GONOPROXY only decides where a module is fetched from (its origin instead of the proxy); GONOSUMDB decides
whether its checksum is looked up in the checksum database. A private module matched by the first and not
the second is fetched directly — and then its path is sent to sum.golang.org, which does not know it:
`verifying go.mod: git.corp.com/team-b/lib@v1.0.0/go.mod: reading
https://sum.golang.org/lookup/git.corp.com/team-b/lib@v1.0.0: 404 Not Found` (or `410 Gone`). GE410 says the
same on each require line it affects; this rule catches it before a go.mod needs such a module.

## How to fix
Set GOPRIVATE (it is the default of both) instead of the two: `go env -w GOPRIVATE=git.corp.com` and
`go env -u GONOPROXY GONOSUMDB`, or add the pattern to GONOSUMDB.

## Example
`GONOPROXY=git.corp.com` and `GONOSUMDB=git.corp.com/platform`.
"""


@rule(code="GE412", name="nosumdb-narrower-than-noproxy", severity=Severity.WARNING,
      contexts=ALL_CONTEXTS,
      summary="A private host in GONOPROXY is not in GONOSUMDB: its checksum is looked up in sum.golang.org",
      docs=DOCS, fix=FixAvailability.SOMETIMES, fix_title="Add the pattern to GONOSUMDB",
      needs=(Input.ENVIRONMENT, Input.GO_BINARIES, "goenv", "go.env", "goenv-lsp.toml"),
      tags=("private-modules",), suppressed_by=("GE410",))
def check(facts: Facts) -> Iterator[Report]:
    settings = download_settings(facts)
    if settings is None or not settings.gonoproxy.value:
        return  # GONOPROXY defaults to GOPRIVATE, as GONOSUMDB does: they agree
    sumdb = settings.sumdb
    if sumdb.disabled or not sumdb.public or PLACEHOLDER in settings.noproxy + settings.nosumdb:
        return
    extra = extra_public_hosts(facts)
    uncovered = [p for p in split_patterns(settings.noproxy)
                 if looks_private(sample := _sample(p.strip()), extra) and not match_prefix_patterns(settings.nosumdb,
                                                                                                    sample)]
    if not uncovered:
        return
    nosumdb = settings.nosumdb_setting()
    current = settings.nosumdb
    added = ",".join(dict.fromkeys([*split_patterns(current), *uncovered]))
    shown = ", ".join(uncovered)
    if settings.gonosumdb.value:
        source = f"GONOSUMDB={current}"
    else:
        source = f"GOPRIVATE={current} (GONOSUMDB's default)" if current else "GONOSUMDB (unset, as GOPRIVATE)"
    yield Report(f"{where(settings.gonoproxy)} sends {shown} to the origin, but {source} does not cover "
                 f"{'it' if len(uncovered) == 1 else 'them'}: checksums of modules there are looked up in "
                 "sum.golang.org, which does not know private modules (`404 Not Found` / `410 Gone`)",
                 env_setting_anchor(facts, settings.gonoproxy),
                 write_fix(facts, {nosumdb.key if nosumdb.value else "GONOSUMDB": added}, (nosumdb,)),
                 explainable=True)


def _sample(pattern: str) -> str:
    """A module path the pattern matches: each glob becomes a plain name."""
    return re.sub(r"\[[^\]]*\]|[*?]", "x", pattern.removesuffix("/")).replace("\\", "")
