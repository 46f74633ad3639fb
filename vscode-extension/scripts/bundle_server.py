#!/usr/bin/env python3
"""Fills vscode-extension/bundled/libs with the goenv-lsp wheel and its dependencies (`pip install --target`),
for one VS Code target:

    python scripts/bundle_server.py --target universal  [--wheel dist/goenv_lsp-….whl] [--out bundled/libs]
    python scripts/bundle_server.py --target linux-x64  …

`universal` holds pure Python only: watchfiles (Rust) is left out, and the server then relies on the editor's
file watchers (see goenv_lsp/probe/watch.py). A platform target adds the watchfiles wheel for that platform;
watchfiles publishes abi3 wheels (cp310-abi3), so one directory serves every CPython from 3.10 on. PyYAML's
optional C speedups are compiled per CPython minor version, so they are left out everywhere: PyYAML then runs
its own pure-Python code, which is what it does whenever libyaml is missing.

Without --wheel, the wheel `make dist` built for this checkout's version is used (dist/ at the repository root).
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
EXTENSION = HERE.parent
REPO = EXTENSION.parent
OLDEST_PYTHON = "3.10"  # requires-python of pyproject.toml; abi3 wheels built for it run on every later CPython
COMPILED = "watchfiles"
# VS Code target -> the wheel platform tag pip resolves for it (PyPI has watchfiles wheels for all of these)
PLATFORMS = {
    "linux-x64": "manylinux2014_x86_64",
    "linux-arm64": "manylinux2014_aarch64",
    "alpine-x64": "musllinux_1_1_x86_64",
    "alpine-arm64": "musllinux_1_1_aarch64",
    "darwin-x64": "macosx_10_12_x86_64",
    "darwin-arm64": "macosx_11_0_arm64",
    "win32-x64": "win_amd64",
    "win32-arm64": "win_arm64",
}
# universal: pure Python only, but pip needs some platform to pick PyYAML's wheel (whose C part is dropped)
UNIVERSAL_PLATFORM = PLATFORMS["linux-x64"]
NATIVE_SUFFIXES = (".so", ".pyd", ".dylib", ".dll")


def version() -> str:
    text = (REPO / "goenv_lsp" / "__init__.py").read_text()
    match = re.search(r'^__version__ = "([^"]+)"$', text, re.M)
    if match is None:
        raise SystemExit("goenv_lsp/__init__.py has no __version__")
    return match.group(1)


def requirements(wheel: Path) -> list[str]:
    """The wheel's Requires-Dist lines outside extras."""
    with zipfile.ZipFile(wheel) as archive:
        name = next(n for n in archive.namelist() if n.endswith(".dist-info/METADATA"))
        metadata = archive.read(name).decode()
    return [line.split(":", 1)[1].strip() for line in metadata.splitlines()
            if line.startswith("Requires-Dist:") and "extra ==" not in line]


def project_name(requirement: str) -> str:
    return re.split(r"[\s<>=!~;\[(]", requirement, maxsplit=1)[0].lower().replace("_", "-")


def missing_for_oldest(libs: Path, excluded: frozenset[str]) -> list[str]:
    """Requirements of the installed distributions that hold on the oldest supported Python (and on no extra)
    but are not installed."""
    try:
        from packaging.markers import Marker
        from packaging.requirements import Requirement
    except ImportError:  # pip's own copy
        from pip._vendor.packaging.markers import Marker  # type: ignore[no-redef]
        from pip._vendor.packaging.requirements import Requirement  # type: ignore[no-redef]
    environment = {"python_version": OLDEST_PYTHON, "python_full_version": f"{OLDEST_PYTHON}.0", "extra": ""}
    installed, wanted = set(), []
    for metadata in libs.glob("*.dist-info/METADATA"):
        text = metadata.read_text(encoding="utf-8")
        installed.add(project_name(re.search(r"^Name: (.+)$", text, re.M).group(1)))
        for line in re.findall(r"^Requires-Dist: (.+)$", text, re.M):
            requirement = Requirement(line)
            if requirement.marker is None or Marker(str(requirement.marker)).evaluate(environment):
                wanted.append(requirement)
    return sorted({str(r).split(";")[0].strip() for r in wanted if project_name(r.name) not in installed | excluded})


def pip(*args: str) -> None:
    subprocess.run([sys.executable, "-m", "pip", "--disable-pip-version-check", "install", "--quiet",
                    "--no-compile", *args], check=True)


def bundle(wheel: Path, out: Path, target: str) -> None:
    excluded = frozenset({COMPILED} if target == "universal" else ())
    reqs = [r for r in requirements(wheel) if project_name(r) not in excluded]
    platform = UNIVERSAL_PLATFORM if target == "universal" else PLATFORMS[target]
    with tempfile.TemporaryDirectory(prefix="goenv-lsp-bundle-") as tmp:
        staging = Path(tmp) / "libs"
        pip("--target", str(staging), "--no-deps", str(wheel))
        wheels = ("--only-binary=:all:", "--platform", platform, "--python-version", OLDEST_PYTHON,
                  "--implementation", "cp")
        pip("--target", str(staging), *wheels, *reqs)
        # pip evaluates markers for the Python running it, not for --python-version: add what the oldest
        # supported Python needs on top (tomli, exceptiongroup …), until nothing is missing
        while missing := missing_for_oldest(staging, excluded):
            pip("--target", str(staging), *wheels, *missing)
        prune(staging, keep_native=() if target == "universal" else (COMPILED,))
        if out.exists():
            shutil.rmtree(out)
        out.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(str(staging), str(out))


def prune(libs: Path, keep_native: tuple[str, ...]) -> None:
    """Console scripts (their shebang is this machine's Python), caches, and every compiled file outside
    ``keep_native`` packages."""
    shutil.rmtree(libs / "bin", ignore_errors=True)
    for cache in list(libs.rglob("__pycache__")):
        shutil.rmtree(cache)
    for file in list(libs.rglob("*")):
        native = file.is_file() and file.name.endswith(NATIVE_SUFFIXES)
        if native and file.relative_to(libs).parts[0] not in keep_native:
            file.unlink()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--target", choices=["universal", *PLATFORMS], default="universal")
    parser.add_argument("--wheel", type=Path, help="the goenv-lsp wheel (default: the one `make dist` built)")
    parser.add_argument("--out", type=Path, default=EXTENSION / "bundled" / "libs")
    args = parser.parse_args(argv)
    wheel = args.wheel or REPO / "dist" / f"goenv_lsp-{version()}-py3-none-any.whl"
    if not wheel.is_file():
        parser.error(f"{wheel} does not exist: run `make dist` first, or pass --wheel")
    bundle(wheel.resolve(), args.out.resolve(), args.target)
    print(f"bundled goenv-lsp {version()} for {args.target} into {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
