from __future__ import annotations

from collections.abc import Iterator

from goenv_lsp.facts import Facts, Source, Status
from goenv_lsp.model import Location, Severity
from goenv_lsp.rules._shared.anchors import related_setting
from goenv_lsp.rules._shared.fixes import go_env_unset
from goenv_lsp.rules.registry import ALL_CONTEXTS, FixAvailability, Input, Report, Scope, rule
from goenv_lsp.semantics.modcache import bypasses_proxy, goproxy_off, scope_requirements, uses_vendor
from goenv_lsp.semantics.modules import ModuleScope

DOCS = """
## What it checks
With GOPROXY=off (or a GOPROXY list whose first entry is `off`), each require line of the main modules whose
module version is not in the module cache: its `.mod` file is missing from `$GOMODCACHE/cache/download`, or —
for a direct requirement — its source (the extracted directory or the .zip) is. Quiet when the build reads
`vendor/` instead (`-mod=vendor`, or vendor/modules.txt with a go line ≥ 1.14 and no other `-mod`), for
requirements replaced by a directory or belonging to the same go.work, and for paths matching GONOPROXY /
GOPRIVATE (the go command fetches those directly, even with GOPROXY=off). In workspace mode it speaks only when
GOFLAGS sets `-mod`: a go.work's own vendor/ (Go 1.22+) is not looked at.

## Why it matters
GOPROXY=off forbids every download, so nothing that is not cached can ever arrive. A build that needs the
module stops with `main.go:3:8: module lookup disabled by GOPROXY=off`; `go list -m all`, `go mod tidy`,
`go mod download` and gopls' module loading fail with
`go: example.com/lib@v1.2.0: module lookup disabled by GOPROXY=off`. `GOFLAGS=-mod=mod` changes nothing.
An indirect requirement whose `.mod` is missing breaks only those module-wide commands (go build loads
lazily), so it is a warning.

## How to fix
Download the modules once where the network (or a file:// proxy) is available: `go mod download` with a
working GOPROXY fills the cache. If GOPROXY=off was written with `go env -w`, `go env -u GOPROXY` restores the
default proxy. For fully offline builds, vendor the dependencies (`go mod vendor`).

## Example
`GOPROXY=off` in the GOENV file, and go.mod requires `example.com/lib v1.2.0`, which was never downloaded on
this machine.
"""


@rule(code="GE131", name="goproxy-off-uncached", severity=Severity.ERROR,
      contexts=ALL_CONTEXTS,
      summary="GOPROXY=off while a required module version is not in the module cache", docs=DOCS,
      fix=FixAvailability.SOMETIMES, fix_title="Remove GOPROXY=off from the GOENV file",
      scope=Scope.MODULE, needs=(Input.GO_BINARIES, Input.ENVIRONMENT, Input.MODULES, Input.MODULE_CACHE,
                                 "go.mod", "go.work", "goenv", "go.env"), tags=("proxy", "dependencies"))
def check(facts: Facts, scope: ModuleScope | None) -> Iterator[Report]:
    setting = goproxy_off(facts) if scope is not None else None
    if scope is None or setting is None:
        return
    fixes = (go_env_unset(facts, "GOPROXY", " (restores the default proxy)"),) \
        if setting.source is Source.GOENV_FILE else ()
    where = setting.describe_source
    for go_mod, found in scope_requirements(facts, scope):
        if uses_vendor(facts, go_mod, found, workspace=scope.file.kind == "go.work") is not False:
            continue  # vendor mode (or unknown): modules come from vendor/, never from the cache
        for requirement in found.requirements:
            if requirement.local or requirement.status is None:
                continue
            path = requirement.replacement or requirement.path
            version = requirement.replacement_version or requirement.version
            if bypasses_proxy(facts, path) is not False:
                continue
            what = f"{path}@{version}" + (f" (replacing {requirement.path})" if requirement.replacement else "")
            if requirement.status is Status.MISSING and requirement.indirect:
                yield Report(f"{what} is not in the module cache and GOPROXY=off ({where}): go list -m all, "
                             f"go mod tidy and go mod download fail with `go: {path}@{version}: module lookup "
                             "disabled by GOPROXY=off`", Location(go_mod.path, requirement.range), fixes,
                             related_setting(setting), severity=Severity.WARNING, module=go_mod.path)
            elif requirement.status is Status.MISSING or (not requirement.indirect
                                                           and requirement.source_cached is False):
                missing = "" if requirement.status is Status.MISSING else "'s source"
                yield Report(f"{what}{missing} is not in the module cache and GOPROXY=off ({where}) forbids "
                             "downloading it: builds that import it fail with `module lookup disabled by "
                             "GOPROXY=off`", Location(go_mod.path, requirement.range), fixes,
                             related_setting(setting), module=go_mod.path)
