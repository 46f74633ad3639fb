from __future__ import annotations

import re
from collections.abc import Iterator

from goenv_lsp.facts import Facts
from goenv_lsp.model import Severity
from goenv_lsp.rules._shared.anchors import env_setting_anchor
from goenv_lsp.rules.ge4_proxy._settings import shell_hint, where, write_fix
from goenv_lsp.rules.registry import ALL_CONTEXTS, FixAvailability, Input, Report, rule
from goenv_lsp.semantics.go_env import user_setting
from goenv_lsp.semantics.proxy import parse_gosumdb

DOCS = """
## What it checks
A GOSUMDB the go command cannot use: more than two fields, a name that is neither a known database
(`sum.golang.org`, `sum.golang.google.cn`) nor a verifier key `name+hash+key`, a key whose hash does not
fit, or a URL joined to the name with `+` (`sum.golang.org+https://…`).

## Why it matters
GOSUMDB is parsed when the first checksum is needed: every download of a module not in go.sum fails, e.g.
`go: example.com/lib@v1.0.0: verifying go.mod: invalid GOSUMDB: malformed verifier id` (also
`invalid GOSUMDB: too many fields`, `invalid GOSUMDB: invalid verifier hash`). The format is
`<name or key> [<url>]`: another URL for the same database is written after a space.

## How to fix
`go env -w GOSUMDB="sum.golang.org https://sum.golang.google.cn"` for a mirror of sum.golang.org; a
private checksum database needs its full verifier key; `go env -u GOSUMDB` restores the default.

## Example
`GOSUMDB=sum.golang.org+https://goproxy.cn/sumdb/sum.golang.org`.
"""

_JOINED_URL = re.compile(r"^(sum\.golang\.org)\+(https?://\S+)$")


@rule(code="GE404", name="gosumdb-invalid", severity=Severity.ERROR,
      contexts=ALL_CONTEXTS,
      summary="GOSUMDB is malformed: every checksum lookup fails", docs=DOCS,
      fix=FixAvailability.SOMETIMES, fix_title="Write GOSUMDB as `<name> [<url>]`",
      needs=(Input.ENVIRONMENT, Input.GO_BINARIES, "goenv", "go.env"), tags=("checksum",))
def check(facts: Facts) -> Iterator[Report]:
    setting = user_setting(facts, "GOSUMDB")
    if setting is None or not setting.value.split():
        return  # empty: GE401
    error = parse_gosumdb(setting.value).error
    if error is None:
        return
    joined = _JOINED_URL.match(setting.value.strip())
    meant = f"{joined.group(1)} {joined.group(2)}" if joined else None
    hint = f"; the URL goes after a space: `{meant}`" if meant else ""
    yield Report(f"{where(setting)} is {setting.value!r}: every download that needs a checksum fails with "
                 f"`verifying go.mod: {error}`{hint}{shell_hint(setting)}", env_setting_anchor(facts, setting),
                 write_fix(facts, {"GOSUMDB": meant}, (setting,)) if meant else ())
