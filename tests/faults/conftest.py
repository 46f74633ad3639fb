"""The fault tests' fakego, built once per session with the test bed's go 1.27.3."""

from __future__ import annotations

from pathlib import Path

import pytest
import testbed

from faults import fakego as fakego_builder


@pytest.fixture(scope="session")
def fakego_bin(go127: Path) -> Path:
    try:
        return fakego_builder.build(go127)
    except testbed.TestbedError as exc:
        error = str(exc)
    pytest.fail(f"fakego build failed: {error}", pytrace=False)
