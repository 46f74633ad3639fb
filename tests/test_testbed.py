"""The test bed itself: real toolchains and gopls binaries, run in isolated environments."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
import testbed

pytestmark = pytest.mark.realgo


def run(cmd: list[str | Path], env: dict[str, str]) -> str:
    proc = subprocess.run([str(c) for c in cmd], env=env, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


TOOLCHAINS = [("go122", "1.22.10"), ("go124", "1.24.11"), ("go127", "1.27.3")]


@pytest.mark.parametrize(("fixture", "version"), TOOLCHAINS)
def test_go_version_and_env(
    fixture: str, version: str, request: pytest.FixtureRequest, go_env: testbed.EnvFactory, tmp_path: Path
) -> None:
    root: Path = request.getfixturevalue(fixture)
    env = go_env([root / "bin"])
    assert run(["go", "version"], env) == f"go version go{version} linux/amd64\n"
    goenv = json.loads(run(["go", "env", "-json"], env))
    assert goenv["GOROOT"] == str(root)
    assert goenv["GOVERSION"] == f"go{version}"
    assert goenv["GOTOOLCHAIN"] == "local"
    assert goenv["GOPROXY"] == "off"
    assert goenv["GOENV"] == env["GOENV"]
    for key in ("GOPATH", "GOCACHE", "GOMODCACHE"):
        assert Path(goenv[key]).is_relative_to(tmp_path), key


def test_default_layout_needs_no_overrides(go122: Path, go_env: testbed.EnvFactory) -> None:
    """Dropping GOPATH/GOCACHE/GOENV/GOMODCACHE gives the same values: they are Go's defaults."""
    keys = ["GOPATH", "GOCACHE", "GOENV", "GOMODCACHE"]
    full = go_env([go122 / "bin"])
    bare = go_env([go122 / "bin"], **dict.fromkeys(keys))
    assert not set(keys) & set(bare)
    assert run(["go", "env", *keys], bare) == "".join(f"{full[k]}\n" for k in keys)


def test_write_goenv_is_read_by_go(go127: Path, go_env: testbed.EnvFactory) -> None:
    env = go_env([go127 / "bin"], GOPROXY=None)
    testbed.write_goenv(env, GOPROXY="https://example.invalid", GOFLAGS="-mod=mod")
    assert run(["go", "env", "GOPROXY", "GOFLAGS"], env) == "https://example.invalid\n-mod=mod\n"


def test_debian_gopls_build_info(go127: Path, debian_gopls: Path, go_env: testbed.EnvFactory) -> None:
    assert debian_gopls.is_relative_to(testbed.CACHE)
    out = run(["go", "version", "-m", debian_gopls], go_env([go127 / "bin"]))
    assert out.startswith(f"{debian_gopls}: go1.19.5\n")
    assert "\tpath\tgolang.org/x/tools/gopls\n" in out


def test_ecy_gopls_build_info(go127: Path, ecy_gopls: Path, go_env: testbed.EnvFactory) -> None:
    assert os.access(ecy_gopls, os.X_OK)
    out = run(["go", "version", "-m", ecy_gopls], go_env([go127 / "bin"]))
    assert out.startswith(f"{ecy_gopls}: go1.17.9\n")
    assert "\tmod\tgolang.org/x/tools/gopls\t(devel)" in out


def test_env_is_isolated(go_env: testbed.EnvFactory, tmp_path: Path) -> None:
    env = go_env(["/opt/x"], EXTRA="1", LANG=None)
    assert env["PATH"] == f"/opt/x:{testbed.host_bin()}"  # never a system bin directory
    assert env["EXTRA"] == "1" and "LANG" not in env
    assert "GOFLAGS" not in env and "GOROOT" not in env
    assert env["HOME"] != os.environ.get("HOME")
    assert os.environ.get("HOME", "\0") not in env.values()
    for key in ("HOME", "GOPATH", "GOCACHE", "GOENV", "TMPDIR", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"):
        assert Path(env[key]).is_relative_to(tmp_path), key
    leaked = {k for k, v in os.environ.items() if env.get(k) == v}
    assert leaked <= {"LANG", "GOTOOLCHAIN", "GOPROXY"}  # only if the outer env happens to match


def test_host_bin_has_the_host_tools_but_never_go_or_gopls(go_env: testbed.EnvFactory) -> None:
    host = testbed.host_bin()
    assert host.is_relative_to(testbed.CACHE)
    for tool in ("sh", "git", "env", "cat"):
        assert (host / tool).exists(), tool
    assert not (host / "go").exists() and not (host / "gopls").exists()
    env = go_env([])
    assert env["PATH"] == str(host)
    # Debian's golang-go and gopls may sit in /usr/bin: an isolated PATH must not find them
    assert shutil.which("go", path=env["PATH"]) is None and shutil.which("gopls", path=env["PATH"]) is None
    assert shutil.which("sh", path=env["PATH"]) is not None
