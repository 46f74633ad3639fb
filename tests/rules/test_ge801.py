"""GE801 go-version-lags: which pinned versions lag a go line, and how the fix spells the new one."""

from __future__ import annotations

import pytest

from goenv_lsp.rules.ge8_versions._pins import spelled_like
from goenv_lsp.rules.ge8_versions.ge801_go_version_lags import _lags


@pytest.mark.parametrize(("pin", "go_line", "lags"), [
    ("1.22", "1.27.0", True),
    ("1.27", "1.27.3", False),  # the newest 1.27.x satisfies go 1.27.3
    ("1.27.1", "1.27.3", True),
    ("1.27.3", "1.27.3", False),
    ("1.27.5", "1.27.3", False),  # a newer patch than go.mod is fine
    ("1.28", "1.27.3", False),
    ("1.27rc1", "1.27.0", True),
    ("1.27", "1.27", False),
    ("1.20", "1.20", False),
    ("1.19", "1.20", True),
    ("1.x", "1.27.0", False),  # not a version: no claim
    ("1.22", "not-a-version", False),
])
def test_lags(pin: str, go_line: str, lags: bool) -> None:
    assert _lags(pin, go_line) is lags


@pytest.mark.parametrize(("text", "go_line", "spelled"), [
    ("1.22", "1.27.3", "1.27"),
    ("1.22.3", "1.27.3", "1.27.3"),
    ("1.22.3", "1.27", "1.27.0"),
    ("go1.22.3", "1.27.0", "go1.27.0"),
    ("go1.22", "1.27.0", "go1.27"),
])
def test_the_fix_keeps_the_pins_form(text: str, go_line: str, spelled: str) -> None:
    assert spelled_like(text, go_line) == spelled
