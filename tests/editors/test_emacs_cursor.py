"""The issue's done-when for eglot: with point anywhere on the go.goroot line of .vscode/settings.json — not on
the diagnostic — `M-x eglot-code-actions` offers goenv-lsp's quick fix, and choosing it fixes the file."""

from __future__ import annotations

from pathlib import Path

import pytest
from editor_harness import GOROOT_PREFIX, HERE, Scenario, run_editor  # type: ignore[import-not-found]

pytestmark = [pytest.mark.realgo, pytest.mark.editor]


def test_quick_fix_with_point_anywhere_on_the_line(emacs: Path, goroot_scenario: Scenario, go127: Path) -> None:
    original = goroot_scenario.file.read_text()
    result = run_editor([emacs, "--batch", "-l", HERE / "eglot_cursor_scenario.el", goroot_scenario.file],
                        goroot_scenario, timeout=90)
    assert result["server"] == "goenv-lsp"
    fixed = f'{GOROOT_PREFIX}"{go127}",'
    title = f"Set go.goroot to {go127} (this machine's path, in a shared file)"
    places = {p["place"]: p for p in result["places"]}
    assert list(places) == ["start", "key", "after", "end"]
    start, end = places["start"]["range"]
    assert start == len(GOROOT_PREFIX) and end > start
    assert [p["column"] for p in places.values()] == [0, 5, end, end + 1]  # the line ends with the comma
    # on the key, eglot asks about the symbol at point and sends no diagnostic: only the server's reading of
    # the line finds the fix (eglot 1.9 sends the whole buffer's diagnostics where no symbol is at point)
    assert places["key"]["asked"]["context"] == 0 and places["key"]["asked"]["end"] <= start + 1
    for place in places.values():
        assert place["diagnostics_at_point"] == 0, place  # point is not on the diagnostic
        assert place["offered"] == [title, "Explain GE302", "Ignore GE302 in this workspace (goenv-lsp.toml)"], place
        assert place["changed"] and place["gone"] and place["line"] == fixed, place
        assert "GE302" not in place["published"], place  # the server's own word, not only the buffer's
    assert goroot_scenario.file.read_text() == original  # put back after the last place
