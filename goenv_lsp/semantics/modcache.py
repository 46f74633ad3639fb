"""What the go command makes of the module cache facts (``probe.modcache``): which requirements it would
look up through GOPROXY, whether it reads vendor/ instead, and which cached version of a dependency still
fits a Go version."""

from __future__ import annotations

from collections.abc import Iterator

from goenv_lsp.facts import CachedRequirement, CachedVersion, Facts, ModuleRequirements
from goenv_lsp.files.go_mod import ModFileFacts, mod_file
from goenv_lsp.semantics import version as gover
from goenv_lsp.semantics.go_env import Setting, user_setting
from goenv_lsp.semantics.modules import ModuleScope
from goenv_lsp.semantics.patterns import match_prefix_patterns

DEFAULT_GO_MOD_VERSION = "1.16"  # gover.DefaultGoModVersion: a dependency's go.mod without a go line


def scope_requirements(facts: Facts, scope: ModuleScope) -> Iterator[tuple[ModFileFacts, ModuleRequirements]]:
    """Each main module of the scope whose requirements the probe looked up, with its go.mod."""
    for module in scope.modules:
        found = (facts.module_cache or {}).get(module.go_mod)
        go_mod = mod_file(facts, module.go_mod)
        if found is not None and go_mod is not None:
            yield go_mod, found


def goproxy_off(facts: Facts) -> Setting | None:
    """The GOPROXY setting when it sends every lookup to ``off`` (its first entry; modfetch.proxyList)."""
    setting = user_setting(facts, "GOPROXY")
    if setting is None:
        return None
    entries = [e.strip() for e in setting.value.replace("|", ",").split(",") if e.strip()]
    return setting if entries and entries[0] == "off" else None


def goflags_mod(facts: Facts) -> str | None:
    """The -mod= value in GOFLAGS ("" when none; None when unknown); the last one wins, as with flags."""
    setting = user_setting(facts, "GOFLAGS")
    if setting is None:
        return None
    found = ""
    for flag in setting.value.split():
        name, _, value = flag.lstrip("-").partition("=")
        if name == "mod" and flag.startswith("-"):
            found = value
    return found


def uses_vendor(facts: Facts, go_mod: ModFileFacts, found: ModuleRequirements, workspace: bool) -> bool | None:
    """modload's -mod default: vendor when GOFLAGS says so, or when vendor/modules.txt exists and the go line is
    at least 1.14 (no -mod=mod / -mod=readonly). In workspace mode the vendor directory is the go.work's (Go
    1.22+), which the probe does not look at: unknown."""
    mod = goflags_mod(facts)
    if mod is None:
        return None
    if mod:
        return mod == "vendor"
    if workspace or found.vendor is None:
        return None
    go_line = go_mod.go.value if go_mod.go else DEFAULT_GO_MOD_VERSION
    return found.vendor and gover.compare(go_line, "1.14") >= 0


def bypasses_proxy(facts: Facts, path: str) -> bool | None:
    """The path matches GONOPROXY (default: GOPRIVATE): the go command fetches it directly, even with
    GOPROXY=off (the implicit "noproxy" entry goes first)."""
    nonproxy = user_setting(facts, "GONOPROXY")
    private = user_setting(facts, "GOPRIVATE")
    if nonproxy is None or private is None:
        return None
    return match_prefix_patterns(nonproxy.value or private.value, path)


def needed_go(requirement: CachedRequirement) -> str | None:
    """The go line of the cached version the build uses (1.16 when its go.mod has none); None when unknown."""
    cached = requirement.cached
    if cached is None or cached.go is None:
        return None
    return cached.go or DEFAULT_GO_MOD_VERSION


def newest_fitting(requirement: CachedRequirement, limit: str) -> CachedVersion | None:
    """The newest cached version below the required one whose go line is at most ``limit``."""
    for candidate in requirement.older or ():
        if gover.compare(candidate.go or DEFAULT_GO_MOD_VERSION, limit) <= 0:
            return candidate
    return None


def go_line_floor(facts: Facts, go_mod: str) -> tuple[str, CachedRequirement] | None:
    """The highest go line (from 1.21 on) among the cached requirements of ``go_mod``, with the requirement that
    sets it: the go line cannot go below it (go mod tidy raises it back; go build wants go mod tidy). For a
    "lower the go line" fix; None when nothing cached sets a floor."""
    found = (facts.module_cache or {}).get(go_mod)
    best: tuple[str, CachedRequirement] | None = None
    for requirement in found.requirements if found else ():
        needed = needed_go(requirement)
        if needed and not requirement.local and gover.compare(needed, "1.21") >= 0 and (
                best is None or gover.compare(needed, best[0]) > 0):
            best = (needed, requirement)
    return best
