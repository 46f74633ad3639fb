"""Output formats: each is ``render(result: CheckResult, style: PathStyle) -> str``, registered in FORMATS."""

from __future__ import annotations

import importlib
from collections.abc import Callable

from goenv_lsp.report.paths import PathStyle
from goenv_lsp.report.result import CheckResult

Renderer = Callable[[CheckResult, PathStyle], str]


FORMATS = ("text", "json", "sarif", "github")  # each the module goenv_lsp.report.<name>


def formats() -> dict[str, Renderer]:
    """Format name → renderer (every format's module imported)."""
    return {name: renderer(name) for name in FORMATS}


def renderer(name: str) -> Renderer:
    """One format's renderer, importing its module alone (`check --format json` needs no SARIF or text code)."""
    if name not in FORMATS:
        raise KeyError(name)
    module = importlib.import_module(f"goenv_lsp.report.{name}")
    return module.render


__all__ = ["FORMATS", "CheckResult", "PathStyle", "Renderer", "formats", "renderer"]
