"""The executable build-info reader (``goenv_lsp.parsers.buildinfo``), seeded with small real Go binaries (ELF, PE,
Mach-O) built by the test bed's Go, and mutated where the reader looks: headers, tables, the build-info blob."""

from __future__ import annotations

import os
import random
import subprocess
import zlib
from functools import cache

from ..checks import require, same
from ..runner import REPO
from . import Target

GO_VERSION = "1.27.3"
BIN_DIR = REPO / ".cache" / "fuzz" / "bin"
PLATFORMS = (("linux", "amd64"), ("windows", "amd64"), ("darwin", "arm64"), ("linux", "386"))
MAGIC = b"\xff Go buildinf:"
GUARD = "unreadable build information"  # read_build_info's last-resort catch: a crash behind it
WORDS = (0, 1, 0x7F, 0x80, 0xFF, 0xFFFF, 0x7FFFFFFF, 0xFFFFFFFF, 0x10000, 40, 56, 64)
MAIN = 'package main\n\nimport "os"\n\nfunc main() { os.Exit(len(os.Args)) }\n'


def _build(goos: str, goarch: str) -> bytes:
    """A small program built for one platform (cached: Go builds are reproducible)."""
    exe = BIN_DIR / f"hello-{goos}-{goarch}"
    if not exe.is_file():
        import testbed  # tests/ is on sys.path (pytest puts it there, and so does python -m tests.fuzz)

        root = testbed.go_root(GO_VERSION)
        src = BIN_DIR / "src"
        src.mkdir(parents=True, exist_ok=True)
        (src / "go.mod").write_text("module example.com/hello\n\ngo 1.22\n")
        (src / "main.go").write_text(MAIN)
        env = {"PATH": os.environ.get("PATH", ""), "HOME": str(BIN_DIR), "GOCACHE": str(BIN_DIR / "gocache"),
               "GOPATH": str(BIN_DIR / "gopath"), "GOTOOLCHAIN": "local", "GOFLAGS": "-mod=mod", "GOOS": goos,
               "GOARCH": goarch, "CGO_ENABLED": "0", "GOPROXY": "off"}
        subprocess.run([str(root / "bin" / "go"), "build", "-trimpath", "-buildvcs=false", "-ldflags=-s -w",
                        "-o", str(exe), "."], cwd=src, env=env, check=True, capture_output=True, timeout=300)
    return exe.read_bytes()


@cache
def seeds() -> tuple[bytes, ...]:
    return tuple(_build(goos, goarch) for goos, goarch in PLATFORMS)


def _hot(data: bytes | bytearray, rng: random.Random) -> int:
    """An offset where the reader looks: the headers, the end (ELF section headers), around the blob."""
    magic = data.find(MAGIC)
    windows = [(0, 512), (max(0, len(data) - 4096), len(data))]
    if magic >= 0:
        windows.append((magic, magic + 512))
    start, end = rng.choice(windows)
    return rng.randrange(start, max(start + 1, min(end, len(data))))


def mutate_executable(rng: random.Random, data: bytes) -> bytes | None:
    """A few damaged words or bytes where they matter, the length kept (or cut)."""
    if not data:
        return None
    out = bytearray(data)
    for _ in range(rng.choice((1, 1, 2, 3, 5))):
        if not out:
            break
        at = _hot(out, rng)
        roll = rng.random()
        if roll < 0.4:
            out[at] ^= 1 << rng.randrange(8)
        elif roll < 0.8:
            width = rng.choice((2, 4, 8))
            word = (rng.choice(WORDS) if rng.random() < 0.7 else rng.randrange(len(data) + 1)) % (1 << 8 * width)
            out[at:at + width] = word.to_bytes(width, rng.choice(("little", "big")))[:len(out) - at]
        elif roll < 0.95:
            out[at] = rng.randrange(256)
        else:
            del out[at:]
    return bytes(out)


def run(data: bytes | str) -> object:
    from goenv_lsp.parsers.buildinfo import ExecutableInfo, read_build_info
    from goenv_lsp.parsers.goversion import BuildInfo

    assert isinstance(data, bytes)
    size = len(data) if zlib.crc32(data[:4096]) % 8 else len(data) + 1000  # sometimes a file that reads short

    def read_at(offset: int, length: int) -> bytes:
        require(offset >= 0 and length >= 0, f"read_at({offset}, {length})")
        return data[offset:offset + length]

    info = read_build_info(read_at, size)
    require(isinstance(info, ExecutableInfo), f"returned {type(info).__name__}")
    require(info.format in (None, "elf", "mach-o", "pe"), f"format {info.format!r}")
    require(not info.problem.startswith(GUARD), f"the reader raised: {info.problem}")
    require((info.build is None) == bool(info.problem), f"build {info.build!r} with problem {info.problem!r}")
    if info.build is not None:
        require(isinstance(info.build, BuildInfo) and info.build.go_version.startswith(("go", "devel")), "build")
    same(read_build_info(read_at, size), info, "the build info")
    return info


def target() -> Target:
    return Target("buildinfo", run, seeds, structured=mutate_executable, max_len=4 << 20,
                  tokens=(MAGIC, b"\x7fELF", b"MZ", b"PE\0\0", b"\xcf\xfa\xed\xfe", b"\xca\xfe\xba\xbe"))

