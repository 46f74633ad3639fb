"""What the gopls rules share: the gopls the editor runs, the Go the workspace uses and the install fix that
suits it."""

from __future__ import annotations

from dataclasses import dataclass

from goenv_lsp.facts import Facts, GoplsBinary, Origin, Status, ToolchainMode
from goenv_lsp.files import workspace_settings
from goenv_lsp.model import Fix
from goenv_lsp.rules._shared.fixes import install_gopls
from goenv_lsp.semantics import version as gover
from goenv_lsp.semantics.binaries import local_version, running_go
from goenv_lsp.semantics.go_env import user_setting
from goenv_lsp.semantics.gopls import Recommendation, recommended_for
from goenv_lsp.semantics.selection import toolchain_decision

# How vscode-go finds a tool (utils/pathUtils.ts getBinPathWithPreferredGopathGorootWithExplanation): an absolute
# go.alternateTools path, then GOBIN, then each GOPATH's bin, then PATH. Other editors start the first gopls on
# PATH; one only in GOBIN or GOPATH/bin is what they would run once that directory is on PATH.
_VSCODE_ORDER = (Origin.ALTERNATE_GOPLS, Origin.GOBIN, Origin.GOPATH_BIN, Origin.PATH)
_PATH_ORDER = (Origin.ALTERNATE_GOPLS, Origin.PATH, Origin.GOBIN, Origin.GOPATH_BIN)
_FOUND_BY = {Origin.ALTERNATE_GOPLS: "go.alternateTools.gopls", Origin.PATH: "first on PATH",
             Origin.GOBIN: "in GOBIN, which VS Code searches before PATH",
             Origin.GOPATH_BIN: "in GOPATH/bin, which VS Code searches before PATH"}


@dataclass(frozen=True)
class GoplsInUse:
    """The gopls the editor starts, how it is found, and the other gopls binaries found (never started)."""

    binary: GoplsBinary
    origin: Origin
    vscode: bool  # VS Code's lookup order applies
    others: tuple[GoplsBinary, ...]

    @property
    def found_by(self) -> str:
        if self.origin in (Origin.GOBIN, Origin.GOPATH_BIN) and not self.vscode:
            return f"in {self.origin.value}"
        return _FOUND_BY[self.origin]


def at_path(path: str) -> str:
    """" at /home/me/go/bin/gopls", or nothing when only the name is known (a pasted `gopls version`)."""
    return f" at {path}" if any(sep in path for sep in "/\\") else ""


def vscode_in_use(facts: Facts) -> bool:
    """Go settings of VS Code are there (the user's, or the workspace's .vscode/settings.json)."""
    if any(str(key).startswith("go.") for key in facts.user_settings or {}):
        return True
    settings = workspace_settings(facts)
    return settings is not None and any(v.key.startswith("go.") for v in settings.values)


def gopls_in_use(facts: Facts) -> GoplsInUse | None:
    """The gopls the editor runs; None when unknown or there is none (a configured one that does not exist is
    skipped, as vscode-go then looks further)."""
    return facts.memo(gopls_in_use, lambda: _gopls_in_use(facts))


def _gopls_in_use(facts: Facts) -> GoplsInUse | None:
    found = [g for g in facts.gopls or () if g.status is not Status.MISSING]
    vscode = vscode_in_use(facts)
    for origin in _VSCODE_ORDER if vscode else _PATH_ORDER:
        chosen = next((g for g in found if origin in g.origins), None)  # probed in PATH order
        if chosen is not None:
            return GoplsInUse(chosen, origin, vscode, tuple(g for g in found if g is not chosen))
    return None


def install_dir(facts: Facts) -> str:
    """Where `go install` puts gopls: GOBIN, else the first GOPATH entry's bin; "" when unknown."""
    gobin = user_setting(facts, "GOBIN")
    if gobin is not None and gobin.value:
        return gobin.value
    active = running_go(facts)
    gopath = ((active.env if active else None) or {}).get("GOPATH", "").split(facts.paths.list_separator)[0]
    return facts.paths.join(gopath, "bin") if gopath else ""


def install_shadowed_by(facts: Facts, used: GoplsInUse) -> str:
    """Why a freshly `go install`ed gopls would not be the one the editor runs ("" when it would be)."""
    target = install_dir(facts)
    paths = facts.paths
    here = paths.dirname(used.binary.path)
    if not target or not here or paths.same(target, here):
        return ""  # (no directory: a pasted `gopls version` does not say where that gopls is)
    if used.origin is Origin.ALTERNATE_GOPLS:
        return f"point go.alternateTools.gopls at {paths.join(target, paths.basename(used.binary.path))}"
    if used.vscode or used.origin is not Origin.PATH:
        return ""  # VS Code looks in GOBIN and GOPATH/bin first; elsewhere the new one is the only one found
    if facts.path_entries is None:
        return ""  # PATH unknown (a bug report that does not show it)
    entries = [paths.key(e) for e in facts.path_entries]
    index = {key: i for i, key in reversed(list(enumerate(entries)))}
    mine, theirs = index.get(paths.key(target)), index.get(paths.key(here))
    if mine is not None and theirs is not None and mine < theirs:
        return ""
    return f"put {target} before {here} on PATH"


def go_major_in_use(facts: Facts) -> str:
    return gover.major(local_version(running_go(facts)))


def recommendation(facts: Facts) -> Recommendation | None:
    local = local_version(running_go(facts))
    if not local:
        return None
    decision = toolchain_decision(facts, None)
    can_switch = decision is not None and decision.mode is ToolchainMode.AUTO
    return recommended_for(gover.major(local), local, can_switch)


def install_fix(facts: Facts) -> tuple[Fix, ...]:
    found = recommendation(facts)
    return (install_gopls(facts, found.gopls, bool(found.needs_newer_go_to_build)),) if found else ()


def install_hint(facts: Facts) -> str:
    """The install command in backticks, and what it needs when the local go cannot build it; "" if unknown."""
    found = recommendation(facts)
    if found is None:
        return ""
    hint = f"`go install golang.org/x/tools/gopls@{found.gopls}`"
    if found.needs_newer_go_to_build:
        hint += f" (it needs Go {found.needs_newer_go_to_build} to build: allow GOTOOLCHAIN=auto)"
    return hint


def newest_go_line(facts: Facts) -> str:
    """The newest `go` line among the workspace's go.mod / go.work files that govern a module ("" if none)."""
    from goenv_lsp.semantics.modules import scopes

    lines = [s.file.go.value for s in scopes(facts) if s.file.go is not None and gover.is_valid(s.file.go.value)]
    return max(lines, key=gover.sort_key) if lines else ""
