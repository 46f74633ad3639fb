"""Platforms as the go command knows them: go/build's GOOS/GOARCH lists, the ports `go tool dist list` names,
file-name constraints, and what a machine can run."""

from __future__ import annotations

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
# 32-bit programs a 64-bit CPU runs natively (a 32-bit userland on a 64-bit kernel, e.g. Raspberry Pi OS, is normal)
NATIVE_32_BIT = frozenset({("amd64", "386"), ("arm64", "arm")})
# platforms a machine also runs: 386 on amd64 Linux and Windows, amd64 on arm64 macOS (Rosetta 2) and Windows
EMULATED = frozenset({("linux", "amd64", "386"), ("windows", "amd64", "386"), ("darwin", "arm64", "amd64"),
                      ("windows", "arm64", "amd64"), ("windows", "arm64", "386")})


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


def runs_on(goos: str, goarch: str, host_os: str, host_arch: str) -> bool:
    """Can a program built for goos/goarch run on this machine (natively or in its emulation)?"""
    return goos == host_os and (goarch == host_arch or (host_os, host_arch, goarch) in EMULATED)
