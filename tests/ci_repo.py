"""A real repository tree for the CI kinds' tests: files in a temp directory, probed by the real collector with
the testbed's go 1.27.3 on an isolated PATH; fixes written back as an editor writes them (CRLF kept)."""

from __future__ import annotations

import textwrap
from pathlib import Path

import testbed
from fixhelp import apply_edits

from goenv_lsp.engine import evaluate
from goenv_lsp.facts import Facts
from goenv_lsp.model import Finding
from goenv_lsp.probe import ProbeOptions, collect_sync
from goenv_lsp.probe.system import RealSystem
from goenv_lsp.rules import by_code


def repository(tmp_path: Path, files: dict[str, str], go_line: str = "1.27") -> tuple[Path, dict[str, str]]:
    root = tmp_path / "repo"
    for name, text in {"go.mod": f"module example.com/app\n\ngo {go_line}\n",
                       "main.go": "package main\n\nfunc main() {}\n", **files}.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(textwrap.dedent(text).encode())
    return root, testbed.isolated_env(tmp_path, [testbed.go_root("1.27.3") / "bin"])


def probe(root: Path, env: dict[str, str], **options: object) -> Facts:
    return collect_sync(str(root), ProbeOptions(gopls=False, **options),  # type: ignore[arg-type]
                        RealSystem(env=env, well_known_go=()))


def findings(root: Path, env: dict[str, str], *codes: str) -> list[Finding]:
    rules = [rule for code in codes if (rule := by_code(code)) is not None]
    return evaluate(probe(root, env), rules=rules)


def apply(finding: Finding) -> None:
    """The finding's first fix, written to its files (bytes kept: CRLF stays CRLF)."""
    fix = finding.fixes[0]
    for path in {e.path for e in fix.edits}:
        text = Path(path).read_bytes().decode()
        Path(path).write_bytes(apply_edits(text, [(e.range, e.new_text) for e in fix.edits if e.path == path]).encode())
