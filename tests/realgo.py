"""Helpers for the GE5xx real-toolchain tests: run the real go in an isolated environment, probe the same
directory as goenv-lsp does, apply a fix's edits; a module requiring example.com/dep from an offline proxy.
A test module takes the fixtures with ``gocache_fixture = realgo.gocache_fixture`` (pytest registers them as
``gocache`` and ``app``)."""

from __future__ import annotations

import subprocess
from pathlib import Path

import goproxy
import pytest
import testbed
from fixhelp import apply_edits

from goenv_lsp.facts import Facts
from goenv_lsp.model import Fix
from goenv_lsp.probe import ProbeOptions, collect_sync
from goenv_lsp.probe.system import RealSystem

MAIN = 'package main\n\nimport "example.com/dep"\n\nfunc main() { _ = dep.V }\n'


@pytest.fixture(scope="session", name="gocache")
def gocache_fixture(tmp_path_factory) -> Path:
    """One build cache for the session: the standard library is compiled once per Go version."""
    return tmp_path_factory.mktemp("gocache")


def go(go_bin: Path, args: list[str], cwd: Path, env: dict[str, str], **extra: str) -> subprocess.CompletedProcess:
    return subprocess.run([str(go_bin / "go"), *args], cwd=cwd, env={**env, **extra}, capture_output=True, text=True,
                          timeout=180)


def builds(go_bin: Path, root: Path, env: dict[str, str]) -> bool:
    """The packages build: `go build` with the newest Go (whose standard library the shared cache holds),
    `go list -deps` with older ones (the same module loading and vendor checks, without compiling their
    standard library again)."""
    args = ["build", "./..."] if "1.27." in str(go_bin) else ["list", "-deps", "./..."]
    return go(go_bin, args, root, env).returncode == 0


def facts_of(root: Path, env: dict[str, str]) -> Facts:
    return collect_sync(str(root), ProbeOptions(), RealSystem(env=env, well_known_go=()))


def apply(fix: Fix) -> None:
    for path in {e.path for e in fix.edits}:
        text = Path(path).read_text()
        Path(path).write_text(apply_edits(text, [(e.range, e.new_text) for e in fix.edits if e.path == path]))


@pytest.fixture(name="app")
def app_fixture(tmp_path: Path, gocache: Path):
    """``app(version, **env)``: tmp/app requiring example.com/dep v1.0.0, tidied (go.sum and module cache filled)."""

    def make(version: str, **env_extra: str) -> tuple[Path, Path, dict[str, str]]:
        proxy = tmp_path / "proxy"
        goproxy.add_module(proxy, "example.com/dep", "v1.0.0", files={"dep.go": "package dep\n\nconst V = 1\n"})
        root = tmp_path / "app"
        root.mkdir()
        (root / "go.mod").write_text("module example.com/app\n\ngo 1.21\n\nrequire example.com/dep v1.0.0\n")
        (root / "main.go").write_text(MAIN)
        go_bin = testbed.go_root(version) / "bin"
        env = testbed.isolated_env(tmp_path, [go_bin], GOPROXY=goproxy.proxy_url(proxy), GONOSUMDB="example.com",
                                   GOCACHE=gocache, **env_extra)
        assert go(go_bin, ["mod", "tidy"], root, env, GOFLAGS="-mod=mod").returncode == 0
        return root, go_bin, env

    return make


def write(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)


def module(path: str, go_line: str = "1.21", body: str = "", name: str = "") -> dict[str, str]:
    """The files of a module ``example.com/<name>`` (default: the last element of ``path``) in directory
    ``<path>``: go.mod and one package file."""
    name = name or path.rsplit("/", 1)[-1]
    return {f"{path}/go.mod": f"module example.com/{name}\n\ngo {go_line}\n",
            f"{path}/{name}.go": body or f"package {name}\n"}


@pytest.fixture(name="tool")
def tool_fixture(tmp_path: Path, gocache: Path):
    """``tool(version, **env)``: (go bin directory, isolated environment, tmp/ws) — no module proxy needed."""

    def make(version: str, **env_extra: str) -> tuple[Path, dict[str, str], Path]:
        go_bin = testbed.go_root(version) / "bin"
        ws = tmp_path / "ws"
        ws.mkdir(exist_ok=True)
        return go_bin, testbed.isolated_env(tmp_path, [go_bin], GOCACHE=gocache, **env_extra), ws

    return make


def backticked(message: str) -> str:
    """The go command's own words a finding quotes: the first `…` part."""
    return message.split("`", 2)[1]
