"""Real editors as headless LSP clients: install fixtures (timed) and the broken real-toolchain workspaces."""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path

import pytest
import testbed
from editor_harness import GOROOT_PREFIX, Scenario  # type: ignore[import-not-found]


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "editor: runs a real editor (Neovim, Emacs) headless as the LSP client")


def _timed(fn: Callable[[], Path]) -> Path:
    start = time.monotonic()
    try:
        path = fn()
    except testbed.TestbedError as exc:
        pytest.fail(f"editor install failed: {exc}", pytrace=False)
    print(f"\n{fn.__name__}: {path} ready in {time.monotonic() - start:.1f} s")
    return path


@pytest.fixture(scope="session")
def debian_nvim() -> Path:
    return _timed(testbed.debian_nvim)


@pytest.fixture(scope="session")
def pip_nvim() -> Path:
    return _timed(testbed.pip_nvim)


@pytest.fixture(scope="session")
def emacs() -> Path:
    return _timed(testbed.emacs)


@pytest.fixture
def goroot_scenario(tmp_path: Path, go122: Path, go127: Path, go_env: testbed.EnvFactory) -> Scenario:
    """go 1.27 first on PATH while .vscode/settings.json pins go.goroot to the go 1.22 tree → GE302."""
    ws = tmp_path / "wö rk"  # URIs with escapes; the comment makes UTF-16, UTF-8 and byte columns differ
    (ws / ".vscode").mkdir(parents=True)
    (ws / "go.mod").write_text("module example.com/ws\n\ngo 1.27.3\n")
    settings = ws / ".vscode/settings.json"
    settings.write_text('{\n  // pinned\n' + GOROOT_PREFIX + '"' + str(go122) + '",\n}\n')
    return Scenario(settings, "GE302", "Set go.goroot to ", go_env([go127 / "bin"]), tmp_path)


@pytest.fixture
def go_line_scenario(tmp_path: Path, go122: Path, go_env: testbed.EnvFactory) -> Scenario:
    """go 1.22 on PATH, GOTOOLCHAIN=local in the GOENV file, go.mod says go 1.27.3 → GE110."""
    ws = tmp_path / "ws"
    ws.mkdir()
    (ws / "go.mod").write_text("module example.com/ws\n\ngo 1.27.3\n")
    env = go_env([go122 / "bin"], GOTOOLCHAIN=None)
    testbed.write_goenv(env, GOTOOLCHAIN="local")
    return Scenario(ws / "go.mod", "GE110", "", env, tmp_path)

@pytest.fixture
def monorepo_scenario(tmp_path: Path, go122: Path, go_env: testbed.EnvFactory) -> Scenario:
    """A git repository without a root go.mod: services/api asks for go 1.27.3, go 1.22 is on PATH with
    GOTOOLCHAIN=local → GE110 on services/api/go.mod."""
    repo = tmp_path / "mono"
    (repo / ".git").mkdir(parents=True)
    for name, line in (("api", "1.27.3"), ("web", "1.22.10")):
        (repo / "services" / name).mkdir(parents=True)
        (repo / "services" / name / "go.mod").write_text(f"module example.com/{name}\n\ngo {line}\n")
    env = go_env([go122 / "bin"], GOTOOLCHAIN=None)
    testbed.write_goenv(env, GOTOOLCHAIN="local")
    return Scenario(repo / "services" / "api" / "go.mod", "GE110", "", env, tmp_path)


@pytest.fixture
def healthy_scenario(tmp_path: Path, go127: Path, go_env: testbed.EnvFactory) -> Scenario:
    """What most developers have: go 1.27.3 on PATH, a module asking for it, GOTOOLCHAIN as go.env sets it, a
    gopls built with that go in GOPATH/bin (on PATH, as `go help install` asks), go.goroot naming the same tree →
    nothing to report."""
    ws = tmp_path / "ws"
    (ws / ".vscode").mkdir(parents=True)
    (ws / "go.mod").write_text("module example.com/ws\n\ngo 1.27.3\n")
    (ws / ".vscode/settings.json").write_text(f'{{\n  "go.goroot": "{go127}"\n}}\n')
    env = go_env([go127 / "bin"], GOTOOLCHAIN=None)
    gopls = testbed.build_stub_gopls(go127, tmp_path / "stub", "v0.23.0", tmp_path / "stub-cache")
    bin_dir = Path(env["GOPATH"]) / "bin"
    bin_dir.mkdir(parents=True)
    (bin_dir / "gopls").symlink_to(gopls)
    env["PATH"] = os.pathsep.join([str(bin_dir), env["PATH"]])
    return Scenario(ws / "go.mod", "", "", env, tmp_path)
