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


@pytest.fixture
def check_real():
    """Run `goenv-lsp check --format json` as a user would, in a given environment and directory.

    Returns (exit code, parsed JSON report); extra arguments go to the check command."""
    import json
    import subprocess
    import sys
    from pathlib import Path

    repo = Path(__file__).resolve().parent.parent

    def run(workspace, env: dict[str, str], *args: str) -> tuple[int, dict]:
        env = {**env, "PYTHONPATH": str(repo)}
        proc = subprocess.run([sys.executable, "-m", "goenv_lsp", "check", str(workspace), "--format", "json",
                               "--test-no-well-known", *args], env=env, capture_output=True, text=True, timeout=120)
        assert proc.returncode in (0, 1), f"exit {proc.returncode}: {proc.stderr}"
        return proc.returncode, json.loads(proc.stdout)

    return run


@pytest.fixture
def probe_real():
    """Collect Facts in-process for a workspace, in a given environment (same code path as the CLI)."""
    from goenv_lsp.probe import ProbeOptions, collect_sync
    from goenv_lsp.probe.system import RealSystem

    def run(workspace, env: dict[str, str], **options):
        probe_options = ProbeOptions(**options)
        return collect_sync(str(workspace), probe_options, RealSystem(env=env, timeout=probe_options.timeout,
                                                                         well_known_go=()))

    return run


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    """A module asking for go 1.27.3 (tests override it where they need another go line)."""
    ws = tmp_path / "ws"
    ws.mkdir()
    (ws / "go.mod").write_text("module example.com/app\n\ngo 1.27.3\n")
    return ws


def pytest_addoption(parser) -> None:
    parser.addoption("--update-goldens", action="store_true",
                     help="rewrite tests/rules/goldens/*/*/expected.txt from what the rules report now")


@pytest.fixture(autouse=True)
def _not_in_ci(monkeypatch) -> None:
    """The suite runs in the editor context even inside a CI job: `check --context auto` reads CI variables
    from this process's environment (tests of the ci context set them themselves)."""
    from goenv_lsp.contexts import CI_VARIABLES

    for name in CI_VARIABLES:
        monkeypatch.delenv(name, raising=False)
