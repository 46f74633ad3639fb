"""What the gopls rules share: the Go the workspace uses and the install fix that suits it."""

from __future__ import annotations

from goenv_lsp.facts import Facts
from goenv_lsp.gopls_support import recommended_for
from goenv_lsp.model import Fix
from goenv_lsp.rules.fixes import install_gopls
from goenv_lsp.semantics import version as gover
from goenv_lsp.semantics.selection import local_version, running_go


def go_major_in_use(facts: Facts) -> str:
    return gover.major(local_version(running_go(facts)))


def install_fix(facts: Facts) -> tuple[Fix, ...]:
    major = go_major_in_use(facts)
    version = recommended_for(major) if major else None
    return (install_gopls(facts, version),) if version else ()


def install_hint(facts: Facts) -> str:
    major = go_major_in_use(facts)
    version = recommended_for(major) if major else None
    return f"go install golang.org/x/tools/gopls@{version}" if version else ""
