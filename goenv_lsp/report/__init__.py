"""Output formats: each is ``render(result: CheckResult, style: PathStyle) -> str``, registered in FORMATS."""

from __future__ import annotations

from collections.abc import Callable

from goenv_lsp.report.paths import PathStyle
from goenv_lsp.report.result import CheckResult

Renderer = Callable[[CheckResult, PathStyle], str]


def formats() -> dict[str, Renderer]:
    """Format name → renderer (imported when asked for)."""
    from goenv_lsp.report import github, json, sarif, text

    return {"text": text.render, "json": json.render, "sarif": sarif.render, "github": github.render}


__all__ = ["CheckResult", "PathStyle", "Renderer", "formats"]
