"""GE131 goproxy-off-uncached against the real go command: GOPROXY=off and requirements missing from the module
cache; quiet once they are cached, when vendored, for GOPRIVATE paths and directory replacements."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import goproxy
import pytest
import testbed

from goenv_lsp.engine import evaluate
from goenv_lsp.model import Finding
from goenv_lsp.rules import by_code

pytestmark = pytest.mark.realgo

LIB = "example.com/Lib"


_BUILD_CACHE: list[Path] = []


@pytest.fixture(scope="module", autouse=True)
def build_cache(tmp_path_factory) -> None:
    """One GOCACHE for the go commands of this module: the standard library is compiled once, not per test."""
    _BUILD_CACHE[:] = [tmp_path_factory.mktemp("gocache")]


def go(gobin: Path, args: list[str], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess:
    env = {**env, "GOCACHE": str(_BUILD_CACHE[0])}
    return subprocess.run([str(gobin / "go"), *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=120)


def ge131(probe_real, app: Path, env: dict[str, str]) -> list[Finding]:
    return evaluate(probe_real(app, env), rules=[by_code("GE131")])


@pytest.fixture
def project(tmp_path: Path, go127: Path) -> tuple[Path, str]:
    """A module requiring example.com/Lib v1.2.0 with a complete go.sum, made with a file:// proxy and a module
    cache that is then thrown away: this machine has never downloaded it. Returns (module dir, proxy URL)."""
    proxy = tmp_path / "proxy"
    goproxy.add_module(proxy, LIB, "v1.2.0")
    app = tmp_path / "app"
    app.mkdir()
    (app / "app.go").write_text(f'package app\n\nimport _ "{LIB}"\n')  # a library: builds without compiling runtime
    (app / "go.mod").write_text(f"module example.com/app\n\ngo 1.27.3\n\nrequire {LIB} v1.2.0\n")
    elsewhere = testbed.isolated_env(tmp_path / "other", [go127 / "bin"], GOPROXY=goproxy.proxy_url(proxy),
                                     GONOSUMDB="example.com")
    assert go(go127 / "bin", ["mod", "tidy"], app, elsewhere).returncode == 0
    return app, goproxy.proxy_url(proxy)


def test_uncached_requirement_with_goproxy_off(project: tuple[Path, str], tmp_path: Path, go127: Path,
                                               probe_real) -> None:
    app, proxy = project
    env = testbed.isolated_env(tmp_path, [go127 / "bin"], GONOSUMDB="example.com", GOFLAGS="-mod=mod")
    built = go(go127 / "bin", ["build", "./..."], app, env)
    assert built.returncode == 1 and "app.go:3:8: module lookup disabled by GOPROXY=off" in built.stderr
    listed = go(go127 / "bin", ["mod", "download"], app, env)
    assert listed.stderr == f"go: {LIB}@v1.2.0: module lookup disabled by GOPROXY=off\n"
    [finding] = ge131(probe_real, app, env)
    assert (finding.code, finding.severity, finding.location.path) == ("GE131", "error", str(app / "go.mod"))
    assert (finding.location.range.start.line, finding.location.range.start.character) == (4, 24)
    assert finding.message == (f"{LIB}@v1.2.0 is not in the module cache and GOPROXY=off (the environment variable "
                               "GOPROXY) forbids downloading it: builds that import it fail with `module lookup "
                               "disabled by GOPROXY=off`")
    # once downloaded (here from the file:// proxy) the offline build works and the finding clears
    assert go(go127 / "bin", ["mod", "download"], app, {**env, "GOPROXY": proxy}).returncode == 0
    assert go(go127 / "bin", ["build", "./..."], app, env).returncode == 0
    assert ge131(probe_real, app, env) == []


def test_vendored_modules_need_no_cache(project: tuple[Path, str], tmp_path: Path, go127: Path,
                                        probe_real) -> None:
    app, proxy = project
    vendoring = testbed.isolated_env(tmp_path / "vendoring", [go127 / "bin"], GOPROXY=proxy, GONOSUMDB="example.com")
    assert go(go127 / "bin", ["mod", "vendor"], app, vendoring).returncode == 0
    env = testbed.isolated_env(tmp_path, [go127 / "bin"])
    assert go(go127 / "bin", ["build", "./..."], app, env).returncode == 0  # GOPROXY=off, empty module cache
    assert ge131(probe_real, app, env) == []
    assert [f.location.range.start.line for f in ge131(probe_real, app, {**env, "GOFLAGS": "-mod=mod"})] == [4]


def test_private_and_directory_replacements_are_not_proxied(project: tuple[Path, str], tmp_path: Path, go127: Path,
                                                             probe_real) -> None:
    """A directory replacement is never fetched; GOPRIVATE paths are fetched directly even with GOPROXY=off
    (modfetch: the implicit "noproxy" entry comes first; not run here, it would go to the network)."""
    app, _ = project
    local = tmp_path / "lib"
    local.mkdir()
    (local / "go.mod").write_text(f"module {LIB}\n\ngo 1.21\n")
    (local / "p.go").write_text("package p\n")
    with (app / "go.mod").open("a") as go_mod:
        go_mod.write(f"\nreplace {LIB} => ../lib\n")
    env = testbed.isolated_env(tmp_path, [go127 / "bin"])
    assert go(go127 / "bin", ["build", "./..."], app, env).returncode == 0
    assert ge131(probe_real, app, env) == []
    (app / "go.mod").write_text(f"module example.com/app\n\ngo 1.27.3\n\nrequire {LIB} v1.2.0\n")
    shutil.rmtree(local)
    assert ge131(probe_real, app, {**env, "GOPRIVATE": "example.com"}) == []
    assert len(ge131(probe_real, app, {**env, "GOPRIVATE": "example.org"})) == 1
