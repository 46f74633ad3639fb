from __future__ import annotations

from collections.abc import Iterator

from goenv_lsp.facts import Facts
from goenv_lsp.model import Severity
from goenv_lsp.rules._shared.anchors import env_setting_anchor
from goenv_lsp.rules.ge4_proxy._settings import where
from goenv_lsp.rules.registry import ALL_CONTEXTS, Input, Report, rule
from goenv_lsp.semantics.go_env import user_setting
from goenv_lsp.semantics.proxy import parse_goproxy

DOCS = """
## What it checks
GOPROXY entries after `direct` or `off`: `GOPROXY=direct,https://proxy.golang.org`,
`GOPROXY=off,https://goproxy.cn`.

## Why it matters
The go command stops reading the list at `direct` ("the end of the line", modfetch.proxyList) and at `off`
(which fails hard): later entries are never used, whatever error comes first. A list written as "try the
origin, then fall back to the mirror" never falls back. (The separator decides fallback between proxies:
after `,` only on 404/410, after `|` on any error; a failing corporate proxy followed by `,direct` is not
retried direct on a timeout.)

## How to fix
Put `direct` (or `off`) last: `go env -w GOPROXY=https://proxy.golang.org,direct`.

## Example
`GOPROXY=direct,https://goproxy.cn` in a CI configuration: goproxy.cn is never asked.
"""


@rule(code="GE403", name="goproxy-entries-unused", severity=Severity.WARNING,
      contexts=ALL_CONTEXTS,
      summary="GOPROXY lists entries after `direct` or `off`, which the go command never uses", docs=DOCS,
      needs=(Input.ENVIRONMENT, Input.GO_BINARIES, "goenv", "go.env"), tags=("proxy",))
def check(facts: Facts) -> Iterator[Report]:
    setting = user_setting(facts, "GOPROXY")
    if setting is None or not setting.value:
        return
    proxies = parse_goproxy(setting.value, facts.paths)
    if proxies.error or not proxies.unreached:
        return
    stop = proxies.used[-1].url
    unused = ", ".join(e.written for e in proxies.unreached)
    yield Report(f"{where(setting)}: the go command stops at `{stop}`, so {unused} "
                 f"{'is' if len(proxies.unreached) == 1 else 'are'} never used", env_setting_anchor(facts, setting))
