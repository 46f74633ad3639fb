"""Installing goenv-lsp as the README says: `make dist` builds the sdist and the wheel; `pip install <wheel>`
into a fresh virtualenv and `pipx install <wheel>` / `pipx install <checkout>` give a working `goenv-lsp`
(not an editable install of this checkout). The version lives in one place, goenv_lsp.__version__; the VS Code
extension's package.json carries the same.

The builds run on a copy of the sources (so that concurrent runs never share build/ or dist/), offline (build
and setuptools come with the test extra); the installs fetch the dependencies through pip's configured index.
Timings on the project's machine kind: make dist ≈ 3 s, pip install ≈ 10 s, each pipx install ≈ 15 s.
"""

from __future__ import annotations

import glob
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import tarfile
import time
import zipfile
from pathlib import Path

import pytest
import testbed

import goenv_lsp

ROOT = Path(__file__).resolve().parent.parent
VERSION = goenv_lsp.__version__
WHEEL_NAME = f"goenv_lsp-{VERSION}-py3-none-any.whl"
SDIST_NAME = f"goenv_lsp-{VERSION}.tar.gz"
SOURCES = ("Makefile", "pyproject.toml", "README.md", "goenv_lsp")
PIP_CACHE = ROOT / ".cache" / "pip-dist-tests"

pytestmark = pytest.mark.timeout(600)


def _readme_commands() -> list[str]:
    """The commands of the README's install block (the one marked as tested here), comments dropped."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"<!-- tested: tests/test_dist.py -->\n```sh\n(.*?)```", text, re.S)
    assert block, "README.md: the install block marked <!-- tested: tests/test_dist.py -->"
    return [line.split("#")[0].strip() for line in block.group(1).splitlines() if line.split("#")[0].strip()]


README_COMMANDS = _readme_commands()


def _readme_argv(prefix: str, cwd: Path) -> list[str]:
    """The README command starting with ``prefix``, its globs expanded in ``cwd`` as a shell would."""
    [command] = [c for c in README_COMMANDS if c.startswith(prefix)]
    argv = []
    for word in shlex.split(command):
        matches = sorted(glob.glob(word, root_dir=cwd)) if glob.has_magic(word) else [word]
        assert matches, f"{word} matches nothing in {cwd}"
        argv += matches
    return argv


def _copy_sources(dest: Path) -> Path:
    dest.mkdir(parents=True)
    for name in SOURCES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, dest / name, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
        else:
            shutil.copy2(source, dest / name)
    return dest


def _run(argv: list[str | Path], env: dict[str, str], timeout: float = 300, **kwargs) -> subprocess.CompletedProcess:
    start = time.monotonic()
    proc = subprocess.run([os.fspath(a) for a in argv], env=env, capture_output=True, text=True, timeout=timeout,
                          **kwargs)
    print(f"{' '.join(map(str, argv[:3]))}…: {time.monotonic() - start:.1f} s", file=sys.stderr)
    return proc


def _pip_env(tmp: Path, *path_dirs: Path, **extra: str | Path) -> dict[str, str]:
    """A from-scratch environment that keeps pip's index configuration (PIP_* variables, /etc/pip.conf)."""
    pip = {k: v for k, v in os.environ.items() if k.startswith("PIP_") and k != "PIP_REQUIRE_VIRTUALENV"}
    return testbed.isolated_env(tmp, list(path_dirs), PIP_CACHE_DIR=PIP_CACHE, **pip, **extra)


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """`make dist` in a copy of the checkout (with this test run's Python and its build/setuptools)."""
    src = _copy_sources(tmp_path_factory.mktemp("dist") / "src")
    env = {**os.environ, "PIP_NO_INDEX": "1"}  # offline: nothing may be fetched
    proc = _run(["make", "-C", src, "-o", ".cache/venv/.installed", "dist", f"PY={sys.executable}"], env)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert sorted(p.name for p in (src / "dist").iterdir()) == [WHEEL_NAME, SDIST_NAME]
    return src


@pytest.fixture(scope="module")
def wheel(dist: Path) -> Path:
    return dist / "dist" / WHEEL_NAME


def _tiny_workspace(tmp: Path) -> Path:
    ws = tmp / "ws"
    ws.mkdir()
    (ws / "go.mod").write_text("module example.com/tiny\n\ngo 1.22.x\n")
    return ws


def _check_installed(goenv_lsp_exe: Path, python: Path | None, tmp: Path, env: dict[str, str]) -> None:
    """--version, rules and a check of a broken go.mod, with nothing but the installed command."""
    version = _run([goenv_lsp_exe, "--version"], env)
    assert (version.returncode, version.stdout.strip()) == (0, f"goenv-lsp {VERSION}"), version.stderr
    rules = _run([goenv_lsp_exe, "rules"], env)
    assert rules.returncode == 0, rules.stderr
    assert re.search(r"^GE002\s+malformed-file\s", rules.stdout, re.M), rules.stdout[:500]
    ws = _tiny_workspace(tmp)
    check = _run([goenv_lsp_exe, "check", ws, "--format", "json"], env, cwd=ws)
    assert check.returncode == 1, check.stdout + check.stderr  # findings
    codes = {f["code"] for f in json.loads(check.stdout)["findings"]}
    assert "GE002" in codes, codes
    if python is not None:  # a regular install: the package is the venv's copy, not this checkout
        where = _run([python, "-c", "import goenv_lsp; print(goenv_lsp.__file__)"], env, cwd=tmp)
        assert where.returncode == 0, where.stderr
        location = Path(where.stdout.strip())
        assert location.is_relative_to(python.parent.parent), location
        assert not location.is_relative_to(ROOT), location


def test_readme_install_block_is_what_is_tested() -> None:
    assert README_COMMANDS == ["pipx install .", "make dist", "pipx install dist/goenv_lsp-*-py3-none-any.whl",
                               "pip install dist/goenv_lsp-*-py3-none-any.whl", "goenv-lsp --version"]


def test_versions_agree() -> None:
    """One version: goenv_lsp.__version__ (pyproject reads it); the extension's package.json has the same."""
    pyproject = (ROOT / "pyproject.toml").read_text()
    assert 'dynamic = ["version"]' in pyproject
    assert 'version = { attr = "goenv_lsp.__version__" }' in pyproject
    package = json.loads((ROOT / "vscode-extension" / "package.json").read_text())
    lock = json.loads((ROOT / "vscode-extension" / "package-lock.json").read_text())
    assert package["version"] == VERSION, "vscode-extension/package.json: set its version to goenv_lsp.__version__"
    assert lock["version"] == lock["packages"][""]["version"] == VERSION, "run npm install in vscode-extension"


def test_make_dist_builds_sdist_and_wheel(dist: Path) -> None:
    with zipfile.ZipFile(dist / "dist" / WHEEL_NAME) as whl:
        names = set(whl.namelist())
        metadata = whl.read(f"goenv_lsp-{VERSION}.dist-info/METADATA").decode()
        entry_points = whl.read(f"goenv_lsp-{VERSION}.dist-info/entry_points.txt").decode()
    assert {"goenv_lsp/__init__.py", "goenv_lsp/cli.py", "goenv_lsp/lsp/server.py"} <= names
    assert any(re.fullmatch(r"goenv_lsp/data/[^/]+\.toml", n) for n in names), "the rule data ships"
    assert not [n for n in names if n.startswith(("tests/", "bench/", "examples/", "vscode-extension/"))]
    assert f"\nVersion: {VERSION}\n" in metadata
    assert "\nRequires-Python: >=3.10\n" in metadata
    assert "goenv-lsp = goenv_lsp.cli:entry" in entry_points
    with tarfile.open(dist / "dist" / SDIST_NAME) as sdist:
        members = set(sdist.getnames())
    assert {f"goenv_lsp-{VERSION}/pyproject.toml", f"goenv_lsp-{VERSION}/goenv_lsp/__init__.py"} <= members


def test_pip_install_wheel_into_a_fresh_venv(wheel: Path, tmp_path: Path) -> None:
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", venv], check=True)
    env = _pip_env(tmp_path)
    _, *args = _readme_argv("pip install", wheel.parent.parent)  # dist/goenv_lsp-…whl
    install = _run([venv / "bin" / "pip", *args, "--quiet"], env, cwd=wheel.parent.parent)
    assert install.returncode == 0, install.stdout + install.stderr
    _check_installed(venv / "bin" / "goenv-lsp", venv / "bin" / "python", tmp_path, _pip_env(tmp_path))


@pytest.fixture(scope="module")
def pipx(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """pipx itself, installed with pip into a virtualenv of its own."""
    tools = tmp_path_factory.mktemp("pipx-tool")
    subprocess.run([sys.executable, "-m", "venv", tools / "venv"], check=True)
    install = _run([tools / "venv" / "bin" / "pip", "install", "--quiet", "pipx"], _pip_env(tools))
    if install.returncode != 0:
        pytest.skip(f"pipx cannot be installed with pip here: {install.stderr[-500:]}")
    return tools / "venv" / "bin" / "pipx"


@pytest.mark.parametrize("what", ["dist/", "."])
def test_pipx_install(what: str, pipx: Path, dist: Path, tmp_path: Path) -> None:
    """`pipx install dist/<wheel>` and `pipx install .` in a checkout: goenv-lsp on PATH in PIPX_BIN_DIR."""
    home, bin_dir = tmp_path / "pipx-home", tmp_path / "pipx-bin"
    python_dir = tmp_path / "python"
    python_dir.mkdir()
    (python_dir / "python3").symlink_to(sys._base_executable)  # pipx's venvs are made from a plain Python
    env = _pip_env(tmp_path, bin_dir, python_dir, PIPX_HOME=home, PIPX_BIN_DIR=bin_dir,
                   PIPX_MAN_DIR=tmp_path / "pipx-man", PIPX_DEFAULT_PYTHON=python_dir / "python3")
    _, *args = _readme_argv(f"pipx install {what}", dist)
    install = _run([pipx, *args], env, cwd=dist)
    assert install.returncode == 0, install.stdout + install.stderr
    exe = bin_dir / "goenv-lsp"
    assert exe.is_file()
    _check_installed(exe, home / "venvs" / "goenv-lsp" / "bin" / "python", tmp_path, _pip_env(tmp_path))
