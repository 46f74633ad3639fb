"""GOPROXY and GOSUMDB as the go command reads them (go-semantics.md §5.1, §5.2).

``parse_goproxy`` ports ``modfetch.proxyList`` (cmd/go/internal/modfetch/proxy.go) with the URL checks of
``newProxyRepo``; ``parse_gosumdb`` ports ``modfetch.dbDial`` (sumdb.go) with ``note.NewVerifier``. Error
texts are the go command's own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from goenv_lsp.facts import PathOps

EMPTY_LIST = "GOPROXY list is not the empty string, but contains no entries"
# public module mirrors: a private module path sent to one of them leaks, and is not found there
PUBLIC_PROXIES = ("proxy.golang.org", "goproxy.cn", "goproxy.io", "mirrors.aliyun.com", "goproxy.baidu.com",
                  "mirrors.cloud.tencent.com", "repo.huaweicloud.com", "gocenter.io")
PUBLIC_SUMDB = "sum.golang.org"
SUM_GOLANG_ORG_KEY = "sum.golang.org+033de0ae+Ac4zctda0e5eza+HJyk9SxEdh+s3Ux18htTTAD8OuAn8"
_KEYWORDS = ("direct", "off")
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")


@dataclass(frozen=True)
class ProxyEntry:
    written: str  # the entry as written, trimmed
    url: str  # "direct", "off", or the URL the go command uses (https:// added where it adds it)
    fall_back_on_error: bool  # followed by `|`: the next entry is tried after any error, not only 404/410
    reached: bool = True  # False: after `direct` or `off`, never used

    @property
    def host(self) -> str:
        """The host of an http(s) proxy, lower case ("" for direct, off, file://)."""
        match = re.match(r"^https?://(?:[^@/]*@)?([^/:?#]+)", self.url, re.IGNORECASE)
        return match.group(1).lower() if match else ""

    @property
    def public(self) -> bool:
        return self.host in PUBLIC_PROXIES


@dataclass(frozen=True)
class ProxyList:
    entries: tuple[ProxyEntry, ...]  # every entry, the unreached ones too
    error: str | None = None  # what the go command says when it first needs the list

    @property
    def used(self) -> tuple[ProxyEntry, ...]:
        return tuple(e for e in self.entries if e.reached)

    @property
    def unreached(self) -> tuple[ProxyEntry, ...]:
        return tuple(e for e in self.entries if not e.reached)

    @property
    def has_direct(self) -> bool:
        return any(e.url == "direct" for e in self.used)

    @property
    def is_off(self) -> bool:
        return bool(self.used) and self.used[0].url == "off"


def parse_goproxy(value: str, paths: PathOps) -> ProxyList:
    """``proxyList`` for ``GOPROXY=value`` (GONOPROXY's implicit "noproxy" entry is not listed)."""
    entries: list[ProxyEntry] = []
    error = None
    reached = True
    rest = value
    while rest:
        cut = min((i for i in (rest.find(","), rest.find("|")) if i >= 0), default=-1)
        if cut >= 0:
            word, fall_back, rest = rest[:cut], rest[cut] == "|", rest[cut + 1:]
        else:
            word, fall_back, rest = rest, False, ""
        word = word.strip(" \t\n\r\v\f")
        if not word:
            continue
        url = word
        if word not in _KEYWORDS and any(c in word for c in ".:/") and ":/" not in word \
                and not paths.is_abs(word) and not word.startswith("/"):
            url = "https://" + word
        if reached and error is None and word not in _KEYWORDS:
            error = proxy_url_error(url)
        entries.append(ProxyEntry(word, url, fall_back, reached))
        if word in _KEYWORDS:
            reached = False  # "off" fails hard; "direct" is the end of the line: later entries are ignored
    if error is None and not any(e.reached for e in entries):
        error = EMPTY_LIST
    return ProxyList(tuple(entries), error)


def proxy_url_error(url: str) -> str | None:
    """``newProxyRepo``'s complaint about a proxy URL (the common cases of url.Parse)."""
    match = _SCHEME.match(url)
    scheme = match.group(1).lower() if match else ""
    if url.startswith(":"):
        return f'parse "{url}": missing protocol scheme'
    if scheme in ("http", "https"):
        host = re.match(r"^[^:]*://([^/?#]*)", url)
        authority = host.group(1) if host else ""
        if any(c.isspace() for c in authority.rsplit("@", 1)[-1]):
            bad = next(c for c in authority.rsplit("@", 1)[-1] if c.isspace())
            return f'parse "{url}": invalid character "{bad}" in host name'
        return None
    if scheme == "file":
        if re.match(r"^file://[^/]", url, re.IGNORECASE) or "?" in url or "#" in url:
            return f"invalid file:// proxy URL with non-path elements: {url}"
        return None
    if not scheme:
        return f"invalid proxy URL missing scheme: {url}"
    return f"invalid proxy URL scheme (must be https, http, file): {url}"


def keyword_typo(entry: ProxyEntry) -> str | None:
    """The keyword an entry was probably meant to be: `direct/`, `Direct`, `"direct"`, `OFF` …"""
    bare = entry.written.strip("\"'/ ").lower()
    if bare.startswith(("https://", "http://")):
        bare = bare.split("://", 1)[1].strip("/")
    return bare if bare in _KEYWORDS and entry.written not in _KEYWORDS else None


# -- GOSUMDB ---------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class SumDB:
    disabled: bool = False  # GOSUMDB=off
    name: str = ""  # the database name ("sum.golang.org"), "" when invalid or off
    url: str | None = None  # the explicit URL written after the key
    error: str | None = None  # the go command's words: "invalid GOSUMDB: malformed verifier id"

    @property
    def public(self) -> bool:
        return self.name == PUBLIC_SUMDB


def parse_gosumdb(value: str) -> SumDB:
    """``dbDial`` for ``GOSUMDB=value``."""
    if value == "sum.golang.google.cn":
        value = "sum.golang.org https://sum.golang.google.cn"
    if value == "off":
        return SumDB(disabled=True)
    fields = value.split()
    if fields and fields[0] == PUBLIC_SUMDB:
        fields[0] = SUM_GOLANG_ORG_KEY
    if not fields:
        return SumDB(error="missing GOSUMDB")
    if len(fields) > 2:
        return SumDB(error="invalid GOSUMDB: too many fields")
    problem = verifier_error(fields[0])
    if problem:
        return SumDB(error=f"invalid GOSUMDB: {problem}")
    name = fields[0].split("+", 1)[0]
    if name.endswith("/") or not re.fullmatch(r"[^/?#@\s]+(/[^?#\s]*)?", name):
        return SumDB(error=f"invalid sumdb name (must be host[/path]): {name}")
    return SumDB(name=name, url=fields[1] if len(fields) == 2 else None)


def verifier_error(vkey: str) -> str | None:
    """``note.NewVerifier``: None for a well-formed verifier key ``name+hash+key``."""
    import base64
    import binascii
    import hashlib  # here: only a GOSUMDB with a key needs them (hashlib alone costs a `check` ~3 ms)

    name, _, rest = vkey.partition("+")
    hash16, _, key64 = rest.partition("+")
    try:
        key = base64.b64decode(key64, validate=True) if len(key64) % 4 == 0 else None
    except binascii.Error:
        key = None
    valid_name = bool(name) and "+" not in name and not any(c.isspace() for c in name)
    if len(hash16) != 8 or not re.fullmatch(r"[0-9A-Fa-f]{8}", hash16) or key is None or not valid_name or not key:
        return "malformed verifier id"
    digest = hashlib.sha256(name.encode() + b"\n" + key).digest()
    if int(hash16, 16) != int.from_bytes(digest[:4], "big"):
        return "invalid verifier hash"
    if key[0] != 1:
        return "unknown verifier algorithm"
    if len(key) != 33:
        return "malformed verifier id"
    return None
