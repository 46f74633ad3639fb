"""Shared fixtures: real Go toolchains and gopls binaries from the test bed (see testbed.py).

The fetch fixtures fail (never skip) when a component cannot be fetched: CI must prove that the
real toolchains were used.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
import testbed


def _fetch(fn: Callable[..., Path], *args: str) -> Path:
    try:
        return fn(*args)
    except testbed.TestbedError as exc:
        error = str(exc)
    pytest.fail(f"test bed fetch failed: {error}", pytrace=False)  # outside except: no chained repeat


@pytest.fixture(scope="session")
def go122() -> Path:
    return _fetch(testbed.go_root, "1.22.10")


@pytest.fixture(scope="session")
def go124() -> Path:
    return _fetch(testbed.go_root, "1.24.11")


@pytest.fixture(scope="session")
def go127() -> Path:
    return _fetch(testbed.go_root, "1.27.3")


@pytest.fixture(scope="session")
def debian_gopls() -> Path:
    return _fetch(testbed.debian_gopls)


@pytest.fixture(scope="session")
def ecy_gopls() -> Path:
    return _fetch(testbed.ecy_gopls)


@pytest.fixture
def go_env(tmp_path: Path) -> testbed.EnvFactory:
    """``go_env([go122 / "bin"], GOFLAGS="-mod=mod")`` -> isolated environment under tmp_path."""

    def make(path_dirs: list[Path | str], **extra: testbed.EnvValue) -> dict[str, str]:
        return testbed.isolated_env(tmp_path, path_dirs, **extra)

    return make
