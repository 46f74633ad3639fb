"""Docs that must match the code: docs/rules/ (generated), the README rules table, the JSON example."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

from goenv_lsp import docs
from goenv_lsp.rules import all_rules, by_code

REPO = Path(__file__).resolve().parent.parent
COMMITTED = REPO / "docs" / "rules"


def test_committed_rule_docs_are_up_to_date(tmp_path: Path) -> None:
    docs.write(tmp_path, all_rules())
    expected = {p.name: p.read_text(encoding="utf-8") for p in sorted(tmp_path.iterdir())}
    committed = {p.name: p.read_text(encoding="utf-8") for p in sorted(COMMITTED.glob("*.md"))}
    stale = sorted(name for name in expected.keys() | committed.keys() if expected.get(name) != committed.get(name))
    assert not stale, f"docs/rules/ is out of date ({', '.join(stale)}); run `{docs.REGENERATE}` and commit the result"


def test_write_removes_pages_of_rules_that_are_gone(tmp_path: Path) -> None:
    (tmp_path / "GE999.md").write_text("old", encoding="utf-8")
    (tmp_path / "notes.md").write_text("mine", encoding="utf-8")
    docs.write(tmp_path, all_rules())
    assert not (tmp_path / "GE999.md").exists()
    assert (tmp_path / "notes.md").read_text(encoding="utf-8") == "mine"


def test_page_and_index_content() -> None:
    rule = by_code("GE302")
    assert rule is not None
    pages = docs.pages([rule])
    assert set(pages) == {"GE302.md", "README.md"}
    page = pages["GE302.md"]
    assert docs.REGENERATE in page
    assert "# GE302 editor-sdk-mismatch" in page
    assert all(f"## {title}" in page for title in ("What it checks", "Why it matters", "How to fix", "Example"))
    assert "| [GE302](GE302.md) | `editor-sdk-mismatch` | warning |" in pages["README.md"]
    assert rule.url.endswith("/docs/rules/GE302.md")


def test_main_writes_into_the_given_directory(tmp_path: Path, capsys) -> None:
    assert docs.main([str(tmp_path / "out")]) == 0
    assert (tmp_path / "out" / "README.md").is_file()
    assert len(list((tmp_path / "out").glob("GE*.md"))) == len(all_rules())
    assert "wrote" in capsys.readouterr().out
    assert docs.main(["--help"]) == 2


README = REPO / "README.md"
JSON_FORMAT = COMMITTED.parent / "json-format.md"
EXAMPLE_MACHINE = Path(__file__).resolve().parent / "docs_fixtures" / "json-format-example.toml"


def test_readme_lists_every_rule() -> None:
    listed = set(re.findall(r"^\| (GE\d{3}) \| ([a-z0-9-]+) \|", README.read_text(encoding="utf-8"), re.M))
    assert listed == {(r.code, r.name) for r in all_rules()}


def test_json_format_example_is_real_output() -> None:
    """The example in docs/json-format.md is what `check --format json` prints for its machine."""
    example = re.search(r"## Example\n\n```json\n(.*?)\n```", JSON_FORMAT.read_text(encoding="utf-8"), re.S)
    assert example is not None
    run = subprocess.run([sys.executable, "-m", "goenv_lsp", "check", "--test-system", str(EXAMPLE_MACHINE),
                          "/home/dev/src/app", "--format", "json", "--select", "GE110", "--select", "GE302"],
                         capture_output=True, text=True, timeout=60, env={**os.environ, "PYTHONPATH": str(REPO)})
    assert run.returncode == 1, run.stderr
    assert json.loads(run.stdout) == json.loads(example.group(1))
