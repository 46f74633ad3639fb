"""The live input: probe this machine (or a recorded one) through the System seam."""

from __future__ import annotations

from dataclasses import dataclass, field

from goenv_lsp.facts import Facts, Provenance
from goenv_lsp.probe import ProbeOptions, collect_sync
from goenv_lsp.probe.system import System


@dataclass
class LiveProbe:
    workspace: str
    system: System
    options: ProbeOptions = field(default_factory=ProbeOptions)
    provenance: Provenance = Provenance.PROBED

    @property
    def root(self) -> str | None:
        return self.workspace

    def facts(self) -> Facts:
        return collect_sync(self.workspace, self.options, self.system)
