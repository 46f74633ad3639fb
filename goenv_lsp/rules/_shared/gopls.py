"""What the gopls rules share: the Go the workspace uses and the install fix that suits it."""

from __future__ import annotations

from goenv_lsp.facts import Facts, ToolchainMode
from goenv_lsp.model import Fix
from goenv_lsp.rules._shared.fixes import install_gopls
from goenv_lsp.semantics import version as gover
from goenv_lsp.semantics.binaries import local_version, running_go
from goenv_lsp.semantics.gopls import Recommendation, recommended_for
from goenv_lsp.semantics.selection import toolchain_decision


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
