"""Every golden case (tests/rules/goldens/<CODE>/<case>/): the rule alone, on that machine or snapshot, reports
exactly expected.txt. `pytest --update-goldens` rewrites the expectations (review the diff)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent / "goldens"))
import golden


@pytest.mark.parametrize("case", golden.cases(), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_golden(case: Path, request) -> None:
    got = golden.actual(case)
    expected_file = case / "expected.txt"
    if request.config.getoption("--update-goldens"):
        expected_file.write_text(got, encoding="utf-8")
        return
    assert expected_file.is_file(), f"{expected_file} missing: run pytest --update-goldens and review it"
    assert got == expected_file.read_text(encoding="utf-8")


def test_cases_exist() -> None:
    assert golden.cases(), "no golden cases found"
