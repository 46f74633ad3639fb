from __future__ import annotations

from collections.abc import Iterator

from goenv_lsp.facts import Facts
from goenv_lsp.files.go_mod import ModFileFacts, mod_file
from goenv_lsp.model import Location, Range, Severity
from goenv_lsp.redact import PLACEHOLDER
from goenv_lsp.rules.ge4_proxy._settings import write_fix
from goenv_lsp.rules.registry import ALL_CONTEXTS, FixAvailability, Input, Report, Scope, rule
from goenv_lsp.semantics.go_env import user_setting
from goenv_lsp.semantics.modules import ModuleScope
from goenv_lsp.semantics.patterns import match_prefix_patterns, split_patterns
from goenv_lsp.semantics.private import (
    DownloadSettings,
    download_settings,
    extra_public_hosts,
    host_of,
    looks_private,
    same_site,
)

DOCS = """
## What it checks
Each module a go.mod requires (or a `replace` swaps in) whose path looks private — its host is neither a
well-known public one (github.com, gitlab.com, golang.org, gopkg.in, go.uber.org, k8s.io …; add your own
with `[private-modules] public-hosts` in goenv-lsp.toml) nor an example domain — and that the go command
would still treat as public, judged with its exact pattern matching (`module.MatchPrefixPatterns`):
- not covered by GONOPROXY (which defaults to GOPRIVATE) while the first GOPROXY entry is a public mirror
  (proxy.golang.org, goproxy.cn, goproxy.io …);
- not covered by GONOSUMDB (which defaults to GOPRIVATE) while GOSUMDB is sum.golang.org.

It is a warning when the module shares its site with the main module (`git.corp.com/team/app` requiring
`git.corp.com/team/lib`) or a pattern already names its host, and info otherwise (a private repository on
github.com cannot be told from a public one, so modules there are never reported). A requirement replaced
by a directory, or provided by the workspace, needs nothing.

## Why it matters
A module the go command thinks public goes to the public mirror first: its path leaks, the mirror answers
404/410, and without `direct` in GOPROXY the download fails. Then its checksum is looked up in
sum.golang.org, which cannot know it either: `verifying go.mod: git.corp.com/team/lib@v1.0.0/go.mod:
reading https://sum.golang.org/lookup/git.corp.com/team/lib@v1.0.0: 404 Not Found` (or `410 Gone`). It
works on a machine whose module cache already holds the module, and fails on a fresh one (CI, a new
colleague). A module that matches GONOPROXY is fetched from its origin whatever GOPROXY lists; one that
matches GOPRIVATE is neither proxied nor looked up.

## How to fix
Add the host (or the organisation's path prefix) to GOPRIVATE: `go env -w GOPRIVATE=git.corp.com`. A
GONOPROXY or GONOSUMDB you set yourself overrides GOPRIVATE for its part: add the pattern there too.

## Example
`module git.corp.com/team/app` requiring `git.corp.com/team/lib v1.0.0` with GOPRIVATE unset.
"""


@rule(code="GE410", name="private-module-not-private", severity=Severity.WARNING,
      contexts=ALL_CONTEXTS,
      summary="A private-looking required module is sent to the public proxy or checksum database", docs=DOCS,
      fix=FixAvailability.SOMETIMES, fix_title="Add the module's host to GOPRIVATE",
      scope=Scope.MODULE, needs=(Input.ENVIRONMENT, Input.GO_BINARIES, Input.MODULES, "go.mod", "go.work", "goenv",
                                 "go.env", "goenv-lsp.toml"), tags=("private-modules",))
def check(facts: Facts, scope: ModuleScope | None) -> Iterator[Report]:
    settings = download_settings(facts)
    if scope is None or settings is None or _downloads_off(facts):
        return
    if any(p.strip() == PLACEHOLDER for p in split_patterns(f"{settings.noproxy},{settings.nosumdb}")):
        return  # a pattern was hidden as a secret: coverage is unknown
    files = [scope.file] if scope.file.kind == "go.mod" else [f for m in scope.modules
                                                             if (f := mod_file(facts, m.go_mod)) is not None]
    workspace = {f.module.value for f in files if f.module}
    extra = extra_public_hosts(facts)
    for file in files:
        for path, version, where in _fetched(file):
            if path in workspace or not looks_private(path, extra):
                continue
            report = _judge(facts, settings, file, path, version, Location(file.path, where))
            if report is not None:
                yield report


def _fetched(file: ModFileFacts) -> Iterator[tuple[str, str, Range]]:
    """(path, version, line) of each module the go command downloads for this go.mod's requirements."""
    for required in file.requires:
        path = required.path
        replaced = next((r for r in file.replaces if r.old_path == path and r.old_version in ("", required.version)),
                        None)
        if replaced is None:
            yield path, required.version, required.range
        elif replaced.new_version:  # replaced by another module: that one is fetched (a directory needs nothing)
            yield replaced.new_path, replaced.new_version, replaced.range


def _judge(facts: Facts, settings: DownloadSettings, file: ModFileFacts, path: str, version: str,
           location: Location) -> Report | None:
    proxies = settings.proxies
    first = proxies.used[0] if proxies.used else None
    to_proxy = settings.sent_to_public_proxy(path)
    fetched = not proxies.is_off or match_prefix_patterns(settings.noproxy, path)
    to_sumdb = fetched and settings.checked_in_public_sumdb(path)
    if proxies.error or not (to_proxy or to_sumdb):
        return None
    host = host_of(path)
    main = file.module.value if file.module else ""
    named = any(same_site(host, host_of(p.strip()).removeprefix("*."))
                for key in ("goprivate", "gonoproxy", "gonosumdb", "goinsecure")
                for p in split_patterns(getattr(settings, key).value))
    evidence = named or (main and looks_private(main) and same_site(host, host_of(main)))
    lookup = (f"`verifying go.mod: {path}@{version}/go.mod: reading https://sum.golang.org/lookup/{path}@{version}: "
              "404 Not Found` (or `410 Gone`)")
    fallback = ("; `direct` then fetches it from its origin" if proxies.has_direct else
                "; with no `direct` in GOPROXY the download fails")
    proxy_part = f"asks {first.host} for it (the path leaks to a public mirror, which does not have it{fallback})" \
        if to_proxy and first else ""
    sumdb_part = f"looks it up in sum.golang.org, which fails: {lookup}" if to_sumdb else ""
    what = " and ".join(p for p in (proxy_part, sumdb_part) if p)
    cover = _coverage(settings, path, to_proxy, to_sumdb)
    lead = f"{path} looks private, but" if evidence else \
        f"{path} is not on a well-known public host; if it is private,"
    message = f"{lead} {cover}: the go command {what}"
    severity = None if evidence else Severity.INFO
    if evidence and to_proxy and not proxies.has_direct:
        severity = Severity.ERROR
    return Report(message, location, _fix(facts, settings, host, to_proxy, to_sumdb), severity=severity)


def _coverage(settings: DownloadSettings, path: str, to_proxy: bool, to_sumdb: bool) -> str:
    """Which setting does not cover the path (and which one does, when only one of them is missing)."""
    missing = [name for needed, own, name in ((to_proxy, settings.gonoproxy, "GONOPROXY"),
                                               (to_sumdb, settings.gonosumdb, "GONOSUMDB"))
               if needed and own.value] or ["GOPRIVATE"]
    if to_proxy and to_sumdb and missing == ["GOPRIVATE"]:
        return "GOPRIVATE does not cover it"
    covering = [name for name, patterns in (("GONOPROXY", settings.noproxy), ("GONOSUMDB", settings.nosumdb))
                if match_prefix_patterns(patterns, path)]
    also = f" ({' and '.join(covering)} {'does' if len(covering) == 1 else 'do'})" if covering else ""
    return f"{' and '.join(dict.fromkeys(missing))} {'does' if len(missing) == 1 else 'do'} not cover it{also}"


def _fix(facts: Facts, settings: DownloadSettings, host: str, to_proxy: bool, to_sumdb: bool):
    values: dict[str, str] = {}
    involved = []
    for needed, own in ((to_proxy, settings.gonoproxy), (to_sumdb, settings.gonosumdb)):
        if not needed:
            continue
        setting = own if own.value else settings.goprivate
        current = values.get(setting.key, setting.value)
        if host not in current.split(","):
            values[setting.key] = f"{current},{host}" if current else host
        involved.append(setting)
    return write_fix(facts, values, tuple(involved))


def _downloads_off(facts: Facts) -> bool:
    """GOFLAGS=-mod=vendor: the go command builds from vendor/ and downloads nothing."""
    flags = user_setting(facts, "GOFLAGS")
    return flags is not None and any(f in ("-mod=vendor", "--mod=vendor") for f in flags.value.split())
