"""The machine's own architecture, and the workspace's cgo sources — without running anything.

``host_arch`` asks the OS, not the Python build: an x86-64 Python under Rosetta 2 reports ``x86_64`` from
``platform.machine()`` while the Mac is arm64 (``sysctl.proc_translated`` says so). On Windows
``PROCESSOR_ARCHITEW6432`` (set for an emulated 32-bit process) wins over ``PROCESSOR_ARCHITECTURE``; whether
an x64 process on Windows on Arm sees ARM64 there is not verified, so that case may read as amd64 (the rules
then stay quiet rather than wrong).
"""

from __future__ import annotations

import dataclasses
import os
import re
import sys

from goenv_lsp.probe.discover import DiscoveryOptions, discover
from goenv_lsp.probe.system import System
from goenv_lsp.semantics.platform import matches_platform

# platform.machine() spellings → GOARCH
_ARCHES = {"x86_64": "amd64", "amd64": "amd64", "x64": "amd64", "i386": "386", "i486": "386", "i586": "386",
           "i686": "386", "x86": "386", "aarch64": "arm64", "arm64": "arm64", "armv6l": "arm", "armv7l": "arm",
           "armv8l": "arm", "ppc64le": "ppc64le", "ppc64": "ppc64", "s390x": "s390x", "riscv64": "riscv64",
           "loongarch64": "loong64", "mips64": "mips64"}

MAX_GO_FILES = 2000  # .go files examined for `import "C"`
MAX_CGO_FILES = 20  # cgo files named
HEAD_BYTES = 16 << 10  # the import block of a Go file is near its top
_WALK = DiscoveryOptions(max_dirs=5000, max_seconds=2.0)

_IMPORT_C = re.compile(rb'^import\s+"C"', re.M)
_IMPORT_GROUP = re.compile(rb"^import\s*\((.*?)\)", re.M | re.S)
_C_SPEC = re.compile(rb'^\s*"C"\s*(?://.*)?$', re.M)
_IGNORE = re.compile(rb"^//go:build\s+ignore\s*$", re.M)
_NO_CGO = re.compile(rb"^//go:build\s.*!\s*cgo\b", re.M)


def machine_name() -> str:
    """``platform.machine()``: on POSIX what it reads (``uname -m``) without importing platform at start-up."""
    if hasattr(os, "uname"):
        return os.uname().machine
    import platform

    return platform.machine()


def host_arch() -> str:
    """GOARCH of this machine (not of the Python running this)."""
    machine = machine_name().lower()
    if sys.platform == "darwin" and machine == "x86_64" and _translated():
        return "arm64"
    if sys.platform == "win32":
        machine = (os.environ.get("PROCESSOR_ARCHITEW6432") or os.environ.get("PROCESSOR_ARCHITECTURE")
                   or machine).lower()
    return _ARCHES.get(machine, machine)


def _translated() -> bool:
    """Does this process run under Rosetta 2 (macOS sysctl ``sysctl.proc_translated``)?"""
    try:
        import ctypes
        import ctypes.util

        libc = ctypes.CDLL(ctypes.util.find_library("c"))
        value, size = ctypes.c_int(0), ctypes.c_size_t(ctypes.sizeof(ctypes.c_int))
        if libc.sysctlbyname(b"sysctl.proc_translated", ctypes.byref(value), ctypes.byref(size), None, 0) != 0:
            return False
        return value.value == 1
    except (OSError, AttributeError, TypeError):
        return False


def cgo_files(system: System, root: str, options: DiscoveryOptions, goos: str, goarch: str,
              skip: tuple[str, ...] = ()) -> tuple[str, ...]:
    """The workspace's non-test .go files for this platform that import "C" (test files cannot use cgo).

    Approximate: file-name constraints are applied, `//go:build` lines other than `ignore` are not, and a
    package with a `//go:build !cgo` file (a pure-Go fallback) is left out."""
    from goenv_lsp.files import GO_SOURCES

    walk = dataclasses.replace(options, max_dirs=min(options.max_dirs, _WALK.max_dirs),
                               max_seconds=min(options.max_seconds, _WALK.max_seconds))
    found = discover(system, root, [GO_SOURCES], walk, skip).files.get("go", [])
    result, fallback_dirs = [], set()
    for path in found[:MAX_GO_FILES]:
        name = system.paths.basename(path)
        if name.endswith("_test.go") or name.startswith(("_", ".")) or not matches_platform(name, goos, goarch):
            continue
        head = system.read_head(path, HEAD_BYTES)
        if _NO_CGO.search(head):
            fallback_dirs.add(system.paths.dirname(path))
        elif imports_c(head) and not _IGNORE.search(head):
            result.append(path)
    # a package with a `//go:build !cgo` file has a pure-Go fallback: without cgo it still builds
    return tuple(p for p in result if system.paths.dirname(p) not in fallback_dirs)[:MAX_CGO_FILES]


def imports_c(source: bytes) -> bool:
    """Does this Go source import "C" (alone, or in an import group)?"""
    return bool(_IMPORT_C.search(source)) or any(_C_SPEC.search(group.group(1))
                                                  for group in _IMPORT_GROUP.finditer(source))
