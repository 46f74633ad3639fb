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
import platform
import re
import sys

from goenv_lsp.probe.discover import DiscoveryOptions, discover
from goenv_lsp.probe.system import System

# platform.machine() spellings → GOARCH
_ARCHES = {"x86_64": "amd64", "amd64": "amd64", "x64": "amd64", "i386": "386", "i486": "386", "i586": "386",
           "i686": "386", "x86": "386", "aarch64": "arm64", "arm64": "arm64", "armv6l": "arm", "armv7l": "arm",
           "armv8l": "arm", "ppc64le": "ppc64le", "ppc64": "ppc64", "s390x": "s390x", "riscv64": "riscv64",
           "loongarch64": "loong64", "mips64": "mips64"}

MAX_GO_FILES = 2000  # .go files examined for `import "C"`
MAX_CGO_FILES = 20  # cgo files named
HEAD_BYTES = 16 << 10  # the import block of a Go file is near its top
_WALK = DiscoveryOptions(max_dirs=5000, max_seconds=2.0)

# go/build's syslist (Go 1.27): file name suffixes _GOOS / _GOARCH constrain a file
KNOWN_OS = frozenset((
    "aix", "android", "darwin", "dragonfly", "freebsd", "hurd", "illumos", "ios", "js", "linux",
    "nacl", "netbsd", "openbsd", "plan9", "solaris", "wasip1", "windows", "zos",
))
KNOWN_ARCH = frozenset((
    "386", "amd64", "amd64p32", "arm", "armbe", "arm64", "arm64be", "loong64", "mips", "mipsle",
    "mips64", "mips64le", "mips64p32", "mips64p32le", "ppc", "ppc64", "ppc64le", "riscv", "riscv64",
    "s390", "s390x", "sparc", "sparc64", "wasm",
))
# `go tool dist list` of Go 1.22.10 and 1.27.3 together (freebsd/riscv64 and windows/arm left, openbsd/riscv64
# came)
PORTS = frozenset((
    "aix/ppc64", "android/386", "android/amd64", "android/arm", "android/arm64", "darwin/amd64",
    "darwin/arm64", "dragonfly/amd64", "freebsd/386", "freebsd/amd64", "freebsd/arm", "freebsd/arm64",
    "freebsd/riscv64", "illumos/amd64", "ios/amd64", "ios/arm64", "js/wasm", "linux/386", "linux/amd64",
    "linux/arm", "linux/arm64", "linux/loong64", "linux/mips", "linux/mips64", "linux/mips64le",
    "linux/mipsle", "linux/ppc64", "linux/ppc64le", "linux/riscv64", "linux/s390x", "netbsd/386",
    "netbsd/amd64", "netbsd/arm", "netbsd/arm64", "openbsd/386", "openbsd/amd64", "openbsd/arm",
    "openbsd/arm64", "openbsd/ppc64", "openbsd/riscv64", "plan9/386", "plan9/amd64", "plan9/arm",
    "solaris/amd64", "wasip1/wasm", "windows/386", "windows/amd64", "windows/arm", "windows/arm64",
))
# platforms a machine also runs: 386 on amd64 Linux and Windows, amd64 on arm64 macOS (Rosetta 2) and Windows
EMULATED = frozenset({("linux", "amd64", "386"), ("windows", "amd64", "386"), ("darwin", "arm64", "amd64"),
                      ("windows", "arm64", "amd64"), ("windows", "arm64", "386")})
_IMPORT_C = re.compile(rb'^import\s+"C"', re.M)
_IMPORT_GROUP = re.compile(rb"^import\s*\((.*?)\)", re.M | re.S)
_C_SPEC = re.compile(rb'^\s*"C"\s*(?://.*)?$', re.M)
_IGNORE = re.compile(rb"^//go:build\s+ignore\s*$", re.M)
_NO_CGO = re.compile(rb"^//go:build\s.*!\s*cgo\b", re.M)


def host_arch() -> str:
    """GOARCH of this machine (not of the Python running this)."""
    machine = platform.machine().lower()
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


def matches_platform(name: str, goos: str, goarch: str) -> bool:
    """go/build goodOSArchFile: does a file name's _GOOS/_GOARCH suffix admit this platform?"""
    stem = name.split(".", 1)[0]
    if "_" not in stem:
        return True
    parts = stem[stem.index("_"):].split("_")
    if parts and parts[-1] == "test":
        parts = parts[:-1]

    def tag(value: str) -> bool:  # matchTag: android satisfies linux, illumos solaris, ios darwin
        return value in (goos, goarch) or value == {"android": "linux", "illumos": "solaris",
                                                    "ios": "darwin"}.get(goos)

    if len(parts) >= 2 and parts[-2] in KNOWN_OS and parts[-1] in KNOWN_ARCH:
        return tag(parts[-2]) and tag(parts[-1])
    if parts and (parts[-1] in KNOWN_OS or parts[-1] in KNOWN_ARCH):
        return tag(parts[-1])
    return True


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


def runs_on(goos: str, goarch: str, host_os: str, host_arch: str) -> bool:
    """Can a program built for goos/goarch run on this machine (natively or in its emulation)?"""
    return goos == host_os and (goarch == host_arch or (host_os, host_arch, goarch) in EMULATED)
