from __future__ import annotations

from collections.abc import Iterator

from goenv_lsp.facts import Facts, Source
from goenv_lsp.model import Severity
from goenv_lsp.rules._shared.anchors import env_setting_anchor
from goenv_lsp.rules._shared.fixes import unset_if_written
from goenv_lsp.rules.ge4_proxy._settings import where
from goenv_lsp.rules.registry import ALL_CONTEXTS, FixAvailability, Input, Report, rule
from goenv_lsp.semantics.go_env import user_setting
from goenv_lsp.semantics.proxy import parse_goproxy, parse_gosumdb

DOCS = """
## What it checks
GOPROXY=direct set by you (the environment or the GOENV file; not a distribution's `$GOROOT/go.env`), so
every module is fetched from its origin repository. Information only: it is a legitimate choice.

## Why it matters
Without a proxy each module is cloned with its version control tool (git, hg …, which must be installed
and allowed by GOVCS), from every host your dependencies live on; a version that was deleted or re-tagged
upstream is gone or different (the checksum database then reports the mismatch — it is still consulted:
GOPROXY=direct does not skip verification). Downloads are slower, and corporate firewalls often allow the
proxy but not arbitrary git hosts. Private modules do not need it: GOPRIVATE sends just them direct.

## How to fix
Remove it to use the default `https://proxy.golang.org,direct` (`go env -u GOPROXY`), set
`GOPRIVATE=git.corp.com` for private modules, or name your company's proxy first:
`GOPROXY=https://athens.corp.com,direct`.

## Example
`export GOPROXY=direct`, copied as a workaround for one private module.
"""


@rule(code="GE408", name="goproxy-direct-only", severity=Severity.INFO,
      contexts=ALL_CONTEXTS,
      summary="GOPROXY=direct: every module is fetched from its origin repository", docs=DOCS,
      fix=FixAvailability.SOMETIMES, fix_title="Remove GOPROXY from the GOENV file",
      needs=(Input.ENVIRONMENT, Input.GO_BINARIES, "goenv", "go.env"), tags=("proxy",))
def check(facts: Facts) -> Iterator[Report]:
    setting = user_setting(facts, "GOPROXY")
    if setting is None or setting.source not in (Source.ENVIRONMENT, Source.GOENV_FILE):
        return
    proxies = parse_goproxy(setting.value, facts.paths)
    if proxies.error or [e.url for e in proxies.used] != ["direct"]:
        return
    sumdb = user_setting(facts, "GOSUMDB")
    checked = sumdb is None or not parse_gosumdb(sumdb.value).disabled  # GOSUMDB=off is GE405's finding
    tail = "; checksums are still verified" if checked else ""
    yield Report(f"{where(setting)} is `direct`: every module is cloned from its origin repository (its version "
                 f"control tool must be installed; no proxy cache), for public modules too{tail}",
                 env_setting_anchor(facts, setting), unset_if_written(facts, setting))
