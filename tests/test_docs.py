"""docs/rules/ is generated from the rule registry; the committed pages must match it."""

from __future__ import annotations

from pathlib import Path

from goenv_lsp import docs
from goenv_lsp.rules import all_rules, by_code

COMMITTED = Path(__file__).resolve().parent.parent / "docs" / "rules"


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
