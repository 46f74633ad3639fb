"""The fix GE501 and GE502 share: rewrite vendor/ with the go that runs."""

from __future__ import annotations

from goenv_lsp.facts import Facts
from goenv_lsp.model import Applicability, CommandKind, CommandSpec, Fix
from goenv_lsp.semantics.binaries import running_go
from goenv_lsp.semantics.vendor import BuildMode


def sync_vendor_fix(facts: Facts, mode: BuildMode) -> Fix:
    sub = "work" if mode.workspace else "mod"
    active = running_go(facts)
    command = CommandSpec(CommandKind.SYNC_VENDOR, (active.path if active else "go", sub, "vendor"),
                          cwd=mode.vendor_dir)
    source = "go.work" if mode.workspace else "go.mod"
    return Fix(f"Run `go {sub} vendor` (rewrites vendor/ from {source}; may download modules)",
               Applicability.UNSAFE, command=command)
