"""Rules for ``goenv-lsp --test-rules crashing_rules``: GE110 replaced by one whose check raises."""

from __future__ import annotations

import dataclasses

from goenv_lsp.rules import by_code


def _boom(facts, scope):
    raise RuntimeError("injected failure")


RULES = (dataclasses.replace(by_code("GE110"), check=_boom),)
