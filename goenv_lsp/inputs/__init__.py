"""Where facts come from, behind one interface: the live probe of this machine (``live.LiveProbe``), a saved
snapshot (``snapshot.Snapshot``), and — for bug reports — pasted text (a later adapter: it produces partial
facts with ``Provenance.REPORTED``, leaving what the text does not say ``None``, so the rules that need it say
nothing). Every input yields the same ``Facts``; ``Facts.provenance`` says which one it was."""

from __future__ import annotations

from typing import Protocol

from goenv_lsp.facts import Facts, Provenance


class FactsInput(Protocol):
    provenance: Provenance

    @property
    def root(self) -> str | None: ...  # the workspace the facts describe, when known before reading them

    def facts(self) -> Facts: ...


__all__ = ["FactsInput"]
