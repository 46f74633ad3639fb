"""The one-way flow, checked on the source: inputs → facts → rules → findings → LSP / reporters. Every
`import` counts, also those inside functions (the lazy ones)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "goenv_lsp"


def imports_of(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def modules_under(*parts: str) -> list[Path]:
    return sorted(PACKAGE.joinpath(*parts).rglob("*.py"))


def offending(files: list[Path], forbidden: tuple[str, ...]) -> list[str]:
    return [f"{path.relative_to(PACKAGE)}: {name}" for path in files for name in sorted(imports_of(path))
            if any(name == f or name.startswith(f + ".") for f in forbidden)]


MACHINE = ("subprocess", "shutil", "goenv_lsp.probe", "watchfiles")
LSP = ("pygls", "lsprotocol", "goenv_lsp.lsp")


@pytest.mark.parametrize(("layer", "forbidden"), [
    ("facts", MACHINE + LSP + ("goenv_lsp.rules", "goenv_lsp.engine", "goenv_lsp.report")),
    ("files", MACHINE + LSP + ("goenv_lsp.rules", "goenv_lsp.engine", "goenv_lsp.report")),
    ("parsers", MACHINE + LSP + ("goenv_lsp.rules", "goenv_lsp.engine", "goenv_lsp.report")),
    ("semantics", MACHINE + LSP + ("goenv_lsp.rules", "goenv_lsp.engine", "goenv_lsp.report")),
    ("rules", MACHINE + LSP + ("goenv_lsp.report", "os", "os.path")),
    ("report", MACHINE + LSP),
])
def test_layer_imports_only_what_comes_before_it(layer: str, forbidden: tuple[str, ...]) -> None:
    assert offending(modules_under(layer), forbidden) == []


def test_only_the_runner_starts_processes() -> None:
    starters = [path.relative_to(PACKAGE).as_posix() for path in modules_under()
                if {"subprocess", "asyncio.create_subprocess_exec", "os.system", "os.popen"} & imports_of(path)
                or "create_subprocess" in path.read_text(encoding="utf-8")]
    assert starters == ["probe/runner.py"]


def test_lsp_features_do_not_import_the_server() -> None:
    assert offending(modules_under("lsp", "features"), ("goenv_lsp.lsp.server",)) == []


def test_the_check_path_has_no_lsp() -> None:
    """(cli.py imports the server only for `--stdio`.)"""
    check = [PACKAGE / "engine.py", *modules_under("inputs"), *modules_under("probe")]
    assert offending(check, LSP) == []
