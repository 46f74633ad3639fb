from __future__ import annotations

from collections.abc import Iterator

from goenv_lsp.facts import Facts
from goenv_lsp.model import Severity
from goenv_lsp.rules._shared.anchors import env_setting_anchor
from goenv_lsp.rules.ge4_proxy._settings import shell_hint, where, write_fix
from goenv_lsp.rules.registry import ALL_CONTEXTS, FixAvailability, Input, Report, rule
from goenv_lsp.semantics.go_env import user_setting
from goenv_lsp.semantics.proxy import EMPTY_LIST, ProxyEntry, keyword_typo, parse_goproxy, proxy_url_error

DOCS = """
## What it checks
GOPROXY entries the go command rejects — `invalid proxy URL missing scheme: Direct` (keywords are lower
case), `invalid proxy URL scheme (must be https, http, file): ftp://…`, a bare path (`/srv/goproxy`), a
`file://host/…` URL — and a keyword mistyped so that it becomes a URL: `direct/` or `https://direct` is the
proxy at host `direct`.

## Why it matters
The list is read when a module is first needed, so builds from a full module cache keep working and every
download fails, each time with the same message: `go: example.com/lib@v1.0.0: invalid proxy URL missing
scheme: Direct`, or for `direct/` a DNS error: `Get "https://direct/example.com/lib/@v/v1.0.0.info": dial
tcp: lookup direct …: no such host`. Words with a `.`, `:` or `/` get `https://` put in front; single words
other than `direct` and `off` are errors.

## How to fix
Write URLs with `https://`, `http://` or `file:///`, and the keywords `direct` and `off` exactly, e.g.
`go env -w GOPROXY=https://proxy.golang.org,direct`.

## Example
`export GOPROXY=https://goproxy.cn,Direct`.
"""


@rule(code="GE402", name="goproxy-invalid", severity=Severity.ERROR,
      contexts=ALL_CONTEXTS,
      summary="A GOPROXY entry the go command rejects, or a keyword mistyped into a URL", docs=DOCS,
      fix=FixAvailability.SOMETIMES, fix_title="Correct the GOPROXY entry",
      needs=(Input.ENVIRONMENT, Input.GO_BINARIES, "goenv", "go.env"), tags=("proxy",))
def check(facts: Facts) -> Iterator[Report]:
    setting = user_setting(facts, "GOPROXY")
    if setting is None or not setting.value:
        return
    proxies = parse_goproxy(setting.value, facts.paths)
    if proxies.error == EMPTY_LIST:
        return  # GE401
    meant = {e.written: _meant(facts, e) for e in proxies.used}  # entries after `off` are never used (GE403)
    fixed = "".join(f"{meant.get(e.written) or e.written}{'|' if e.fall_back_on_error else ','}"
                    for e in proxies.entries)[:-1]
    bad = [e for e in proxies.used if e.url not in ("direct", "off") and (proxy_url_error(e.url) or keyword_typo(e))]
    if not bad:
        return
    fixes = write_fix(facts, {"GOPROXY": fixed}, (setting,)) if all(meant[e.written] for e in bad) else ()
    for entry in bad:
        problem = proxy_url_error(entry.url)
        typo = keyword_typo(entry)
        if problem:
            says = f"every download fails: `go: <module>@<version>: {problem}`"
        else:
            host = entry.host or entry.url
            says = (f"it is the proxy {entry.url}, and every download fails looking up the host {host!r} "
                    f"(`dial tcp: lookup {host}: no such host`)")
        hint = f"; write `{meant[entry.written]}`" if meant[entry.written] else ""
        keyword = f" (the keyword `{typo}`?)" if typo else ""
        yield Report(f"{where(setting)}: the entry {entry.written!r}{keyword} is invalid: {says}{hint}"
                     f"{shell_hint(setting)}", env_setting_anchor(facts, setting), fixes)


def _meant(facts: Facts, entry: ProxyEntry) -> str | None:
    """What an invalid entry was probably meant to be; the entry itself when it is fine; None: unknown."""
    typo = keyword_typo(entry)
    if typo:
        return typo
    if not proxy_url_error(entry.url):
        return entry.written
    words = entry.written.split()
    valid = [w in ("direct", "off") or not proxy_url_error(parse_goproxy(w, facts.paths).entries[0].url) for w in words]
    if len(words) > 1 and all(valid):
        return ",".join(words)  # entries separated by spaces instead of commas
    if facts.paths.is_abs(entry.written):
        return "file:///" + entry.written.replace("\\", "/").lstrip("/")
    return None
