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
    expected = expected_file.read_text(encoding="utf-8") if expected_file.is_file() else None
    if got != expected and request.config.getoption("--update-goldens"):
        expected_file.write_text(got, encoding="utf-8")
        pytest.fail(f"updated {expected_file.relative_to(golden.GOLDENS)}: review the diff, then run again")
    assert expected is not None, f"{expected_file} missing: run pytest --update-goldens and review it"
    assert got == expected


def test_cases_exist() -> None:
    assert golden.cases(), "no golden cases found"


def test_every_case_directory_is_a_case() -> None:
    """A case whose machine file is misnamed would silently not run."""
    directories = sorted(p for p in golden.GOLDENS.glob("GE*/*") if p.is_dir())
    assert directories == golden.cases()
