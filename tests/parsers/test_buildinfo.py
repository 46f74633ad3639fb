"""goenv_lsp.parsers.buildinfo: Go build information read from executables' bytes, never running them.

The oracle is always the real thing: each toolchain's own ``go version -m`` on the same file. Cross builds
are made once per session (tiny stdlib-only module, CGO_ENABLED=0, hermetic env) and spread over the three
testbed toolchains, so three linkers' layouts are covered.
"""

from __future__ import annotations

import errno
import os
import random
import re
import shutil
import struct
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest
import testbed  # type: ignore[import-not-found]

from goenv_lsp.parsers.buildinfo import MAGIC, ExecutableInfo, read_build_info, read_file_build_info
from goenv_lsp.parsers.goversion import BuildInfo, parse_build_info

pytestmark = pytest.mark.realgo

TOOLCHAINS = ("go122", "go124", "go127")


@dataclass(frozen=True)
class Target:
    name: str
    toolchain: str  # fixture name
    goos: str
    goarch: str
    fmt: str
    flags: tuple[str, ...] = ()


# Cheaper (older) toolchains get more targets: a cold build of each is most of this file's time.
TARGETS = (
    Target("linux-amd64", "go127", "linux", "amd64", "elf"),
    Target("linux-amd64-stripped", "go127", "linux", "amd64", "elf", ("-ldflags=-s -w",)),
    Target("darwin-arm64", "go127", "darwin", "arm64", "mach-o"),
    Target("linux-386", "go122", "linux", "386", "elf"),
    Target("linux-arm", "go122", "linux", "arm", "elf"),
    Target("darwin-amd64", "go122", "darwin", "amd64", "mach-o"),
    Target("windows-386", "go122", "windows", "386", "pe"),
    Target("linux-s390x", "go124", "linux", "s390x", "elf"),  # big-endian, 64-bit
    Target("windows-amd64", "go124", "windows", "amd64", "pe"),
)
BY_NAME = {t.name: t for t in TARGETS}


# -- helpers -------------------------------------------------------------------------------------------------


def go_env(tmp: Path, goroot: Path, **extra: str) -> dict[str, str]:
    return testbed.isolated_env(tmp, [goroot / "bin"], CGO_ENABLED="0", GOFLAGS=None, **extra)


def go_version_m(goroot: Path, tmp: Path, *files: Path) -> dict[Path, BuildInfo | None]:
    """What `go version -m` of this toolchain prints for each file, through parse_build_info."""
    proc = subprocess.run([str(goroot / "bin/go"), "version", "-m", *map(str, files)], env=go_env(tmp, goroot),
                          capture_output=True, timeout=60)
    found = split_version_m(proc.stdout.decode("utf-8", "replace"), files)
    return {f: parse_build_info(found[f]) if f in found else None for f in files}


def split_version_m(output: str, files: tuple[Path, ...] | list[Path]) -> dict[Path, str]:
    """The output of one `go version -m` run, per file (a file's text starts with "FILE: ")."""
    starts = {f"{f}: ": f for f in files}
    found: dict[Path, str] = {}
    current: Path | None = None
    for line in output.split("\n"):  # Go separates its lines with "\n" only
        current = next((f for prefix, f in starts.items() if line.startswith(prefix)), current)
        if current is not None:
            found[current] = found.get(current, "") + line + "\n"
    return found


def counting(data: bytes | bytearray) -> tuple[Callable[[int, int], bytes], list[int]]:
    """An in-memory read_at and the number of bytes it has returned so far."""
    total = [0]

    def read_at(offset: int, length: int) -> bytes:
        chunk = bytes(data[offset:offset + length])
        total[0] += len(chunk)
        return chunk

    return read_at, total


def read_bytes(data: bytes) -> ExecutableInfo:
    return read_build_info(counting(data)[0], len(data))


def read_prefix(data: bytes, length: int) -> ExecutableInfo:
    """``data[:length]`` read without copying it."""
    return read_build_info(lambda offset, size: data[offset:min(offset + size, length)], length)


def assert_clean_failure(info: ExecutableInfo) -> None:
    """No build information, a reason, and not the catch-all for bugs."""
    assert info.build is None and info.problem
    assert not info.problem.startswith("unreadable build information"), info.problem


# -- session builds ------------------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def goroots(go122: Path, go124: Path, go127: Path) -> dict[str, Path]:
    return {"go122": go122, "go124": go124, "go127": go127}


@pytest.fixture(scope="session")
def built(goroots: dict[str, Path], tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Every TARGETS binary, built once per session, in parallel (one GOCACHE per toolchain)."""
    src = tmp_path_factory.mktemp("hello")
    (src / "go.mod").write_text("module example.com/hello\n\ngo 1.21\n")
    (src / "main.go").write_text("package main\n\nfunc main() {}\n")
    out = tmp_path_factory.mktemp("built")

    def build(target: Target) -> Path:
        goroot, exe = goroots[target.toolchain], out / target.name
        env = go_env(tmp_path_factory.mktemp(f"env-{target.name}"), goroot, GOOS=target.goos,
                     GOARCH=target.goarch, GOCACHE=str(tmp_path_factory.getbasetemp() / f"gocache-{target.toolchain}"))
        cmd = [str(goroot / "bin/go"), "build", "-buildvcs=false", *target.flags, "-o", str(exe), "."]
        proc = subprocess.run(cmd, cwd=src, env=env, capture_output=True, text=True, timeout=300)
        assert proc.returncode == 0, f"{target.name}: {proc.stderr}"
        return exe

    def job(names: tuple[str, ...]) -> list[Path]:  # sequential within a job: the stripped build reuses the cache
        return [build(BY_NAME[n]) for n in names]

    jobs = [(t.name,) for t in TARGETS if not t.name.startswith("linux-amd64")]
    jobs.insert(0, ("linux-amd64", "linux-amd64-stripped"))
    with ThreadPoolExecutor(max_workers=max(2, min(4, os.cpu_count() or 2))) as pool:
        paths = [p for group in pool.map(job, jobs) for p in group]
    return {p.name: p for p in paths}


@pytest.fixture(scope="session")
def oracle(goroots: dict[str, Path], built: dict[str, Path],
           tmp_path_factory: pytest.TempPathFactory) -> dict[str, BuildInfo | None]:
    """`go version -m` of each built binary, by the toolchain that built it (one run per toolchain)."""
    result: dict[str, BuildInfo | None] = {}
    for toolchain in TOOLCHAINS:
        files = [built[t.name] for t in TARGETS if t.toolchain == toolchain]
        got = go_version_m(goroots[toolchain], tmp_path_factory.mktemp("oracle"), *files)
        result.update({f.name: info for f, info in got.items()})
    return result


# -- real toolchains and gopls -------------------------------------------------------------------------------


@pytest.mark.parametrize("toolchain", TOOLCHAINS)
def test_toolchain_go_and_gofmt(toolchain: str, goroots: dict[str, Path], tmp_path: Path) -> None:
    goroot = goroots[toolchain]
    version = (goroot / "VERSION").read_text().splitlines()[0]
    exes = [goroot / "bin/go", goroot / "bin/gofmt"]
    expected = go_version_m(goroot, tmp_path, *exes)
    for exe in exes:
        info = read_file_build_info(str(exe))
        assert info.format == "elf" and info.problem == ""
        assert info.build is not None
        assert info.build.path == f"cmd/{exe.name}"
        assert info.build.go_version == version
        assert info.build == expected[exe]


def test_gopls_binaries(debian_gopls: Path, ecy_gopls: Path, go127: Path, tmp_path: Path) -> None:
    expected = go_version_m(go127, tmp_path, debian_gopls, ecy_gopls)
    debian, ecy = read_file_build_info(str(debian_gopls)).build, read_file_build_info(str(ecy_gopls)).build
    assert debian == expected[debian_gopls] and ecy == expected[ecy_gopls]
    assert debian is not None and ecy is not None
    assert (debian.go_version, debian.path, debian.module_version) == ("go1.19.5", "golang.org/x/tools/gopls", None)
    assert (ecy.go_version, ecy.path, ecy.module_path, ecy.module_version) == (
        "go1.17.9", "golang.org/x/tools/gopls", "golang.org/x/tools/gopls", "(devel)")
    # ECY's is a go1.17 build: the blob holds pointers (flags bit 1 clear), the pre-1.18 path is exercised
    data = ecy_gopls.read_bytes()
    at = data.find(MAGIC)
    assert at % 16 == 0 and data[at + 15] & 2 == 0 and data[at + 14] == 8


def test_go_binary_read_with_bounded_io(go127: Path) -> None:
    exe = go127 / "bin/go"
    data = exe.read_bytes()
    assert len(data) > 10 << 20
    read_at, total = counting(data)
    info = read_build_info(read_at, len(data))
    assert info.build is not None and info.build.path == "cmd/go"
    assert total[0] < 64 << 10, f"read {total[0]} of {len(data)} bytes"


# -- cross builds --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", [t.name for t in TARGETS])
def test_cross_built(name: str, built: dict[str, Path], oracle: dict[str, BuildInfo | None]) -> None:
    target, exe = BY_NAME[name], built[name]
    expected = oracle[name]
    assert expected is not None
    info = read_file_build_info(str(exe))
    assert (info.format, info.problem) == (target.fmt, "")
    assert info.build == expected
    settings = dict(info.build.settings)
    assert (settings["GOOS"], settings["GOARCH"]) == (target.goos, target.goarch)
    assert info.build.path == info.build.module_path == "example.com/hello"
    read_at, total = counting(exe.read_bytes())
    read_build_info(read_at, exe.stat().st_size)
    assert total[0] < 256 << 10


def test_stripped_keeps_section_headers(built: dict[str, Path]) -> None:
    """-s -w drops the symbol table and DWARF; the section headers (and .go.buildinfo) stay."""
    data = built["linux-amd64-stripped"].read_bytes()
    shoff, shnum = struct.unpack_from("<Q", data, 0x28)[0], struct.unpack_from("<H", data, 0x3C)[0]
    assert shoff and shnum and b".go.buildinfo\0" in data
    assert b".symtab\0" not in data and b".symtab\0" in built["linux-amd64"].read_bytes()
    build = read_bytes(data).build
    assert build is not None and ("-ldflags", '"-s -w"') in build.settings  # a quoted value, as go prints it


def test_elf_without_section_headers_falls_back_to_the_data_segment(built: dict[str, Path], go124: Path,
                                                                   go127: Path, tmp_path: Path) -> None:
    """Section headers removed (as sstrip does): the first writable PT_LOAD is searched, as go 1.24 does."""
    for name, wide in (("linux-amd64-stripped", True), ("linux-arm", False)):
        data = bytearray(built[name].read_bytes())
        if wide:
            struct.pack_into("<Q", data, 0x28, 0)  # e_shoff
            struct.pack_into("<HHH", data, 0x3A, 0, 0, 0)  # e_shentsize, e_shnum, e_shstrndx
        else:
            struct.pack_into("<I", data, 0x20, 0)
            struct.pack_into("<HHH", data, 0x2E, 0, 0, 0)
        exe = tmp_path / f"{name}-noshdr"
        exe.write_bytes(bytes(data))
        info = read_file_build_info(str(exe))
        assert info.build is not None
        assert info.build == go_version_m(go124, tmp_path, exe)[exe] == read_file_build_info(str(built[name])).build
        assert go_version_m(go127, tmp_path, exe)[exe] is None  # go 1.27 dropped that fallback


def test_macho_without_buildinfo_section_falls_back_to_data_segment(built: dict[str, Path], go124: Path,
                                                                    tmp_path: Path) -> None:
    """No __go_buildinfo section: the first read-write segment is searched, as go 1.24 does. That is
    __DATA_CONST (no blob) unless it is made read-only, then __DATA (the blob at its start)."""
    data = built["darwin-arm64"].read_bytes()
    at = data.find(b"__go_buildinfo\0")
    assert 0 < at < 0x1000  # in the load commands
    renamed = data[:at] + b"__go_elsewhere\0" + data[at + 15:]
    const = renamed.find(b"__DATA_CONST\0") - 8  # its segment command
    assert struct.unpack_from("<I", renamed, const)[0] == 0x19
    read_only = bytearray(renamed)
    struct.pack_into("<ii", read_only, const + 56, 1, 1)  # maxprot, initprot
    for name, variant, readable in (("renamed", renamed, False), ("read-only", bytes(read_only), True)):
        exe = tmp_path / name
        exe.write_bytes(variant)
        info = read_file_build_info(str(exe))
        assert info.build == go_version_m(go124, tmp_path, exe)[exe]
        assert (info.build is not None) == readable, info.problem
    assert info.build == read_file_build_info(str(built["darwin-arm64"])).build


def fat(arches: list[bytes], wide: bool = False) -> bytes:
    """A universal binary of thin Mach-O files (fat_header + fat_arch[64] entries, big-endian, 16 KiB aligned)."""
    entry = 32 if wide else 20
    offset = align = 1 << 14
    header = struct.pack(">II", 0xCAFEBABF if wide else 0xCAFEBABE, len(arches))
    body = b""
    for thin in arches:
        cputype, subtype = struct.unpack_from("<ii", thin, 4)
        fields = (cputype, subtype, offset, len(thin), 14)
        header += struct.pack(">iiQQII", *fields, 0) if wide else struct.pack(">iiIII", *fields)
        body += b"\0" * (offset - align - len(body)) + thin
        offset += -(-len(thin) // align) * align
    assert len(header) == 8 + entry * len(arches)
    return header.ljust(align, b"\0") + body


@pytest.mark.parametrize("wide", [False, True], ids=["fat32", "fat64"])
def test_universal_macho(wide: bool, built: dict[str, Path], go124: Path, tmp_path: Path) -> None:
    amd64, arm64 = built["darwin-amd64"].read_bytes(), built["darwin-arm64"].read_bytes()
    for first, second, arch in ((amd64, arm64, "amd64"), (arm64, amd64, "arm64")):
        exe = tmp_path / f"universal-{arch}"
        exe.write_bytes(fat([first, second], wide))
        info = read_file_build_info(str(exe))
        assert info.format == "mach-o" and info.build is not None
        assert dict(info.build.settings)["GOARCH"] == arch  # the first architecture's
        assert info.build == read_bytes(first).build
        if not wide:  # go reads fat32 only
            assert info.build == go_version_m(go124, tmp_path, exe)[exe]


# -- synthetic ELF files: the pre-1.18 pointer format and the differential test -------------------------------

BASE, DATA = 0x10000, 0x100  # load address of the file; file offset of the blob
SENTINEL_START = bytes.fromhex("3077af0c9274080241e1c107e6d618e6")
SENTINEL_END = bytes.fromhex("f932433186182072008242104116d8f2")
MODINFO = (b"path\texample.com/old/cmd/tool\n"
           b"mod\texample.com/old\tv1.2.3\th1:abc=\n"
           b"dep\texample.com/dep\tv0.1.0\th1:dep=\n"
           b"dep\texample.com/rep\tv0.2.0\n=>\t../rep\t\t\n"
           b"build\t-ldflags=\"-X main.v=\\u00e9 \\x00\\t\"\n"
           b"build\t\"we ird\"=`raw value`\n"
           b"build\tCGO_ENABLED=0\n"
           b"build\tGOOS=linux\n")


def uvarint(n: int) -> bytes:
    out = b""
    while n >= 0x80:
        out, n = out + bytes([n & 0x7F | 0x80]), n >> 7
    return out + bytes([n])


def inline_blob(version: bytes, modinfo: bytes) -> bytes:
    return MAGIC + bytes([8, 2]) + bytes(16) + uvarint(len(version)) + version + uvarint(len(modinfo)) + modinfo


def pointer_blob(version: bytes, modinfo: bytes, ptr: int, big: bool) -> bytes:
    """Pre-1.18: header → two Go string headers (data, len) → the strings, all at BASE + DATA onwards."""
    word = (">" if big else "<") + ("Q" if ptr == 8 else "I")
    headers = BASE + DATA + 32
    strings = headers + 4 * ptr
    header = (MAGIC + bytes([ptr, 1 if big else 0]) + struct.pack(word, headers) +
              struct.pack(word, headers + 2 * ptr)).ljust(32, b"\0")
    string_headers = b"".join(struct.pack(word, v) for v in (strings, len(version), strings + len(version),
                                                            len(modinfo)))
    return header + string_headers + version + modinfo


def synth_elf(blob: bytes, big: bool, wide: bool, sections: bool = True) -> bytes:
    """ELF header, one RW PT_LOAD mapping the whole file at BASE, the blob at DATA, optional section headers
    (null, .go.buildinfo, .shstrtab)."""
    e = ">" if big else "<"
    ehsize, phsize, shsize = (64, 56, 64) if wide else (52, 32, 40)
    names = b"\0.go.buildinfo\0.shstrtab\0"
    names_at = DATA + len(blob)
    shoff = -(-(names_at + len(names)) // 8) * 8 if sections else 0
    total = shoff + 3 * shsize if sections else names_at
    ident = b"\x7fELF" + bytes([2 if wide else 1, 2 if big else 1, 1]) + bytes(9)
    header = struct.pack(e + ("HHIQQQIHHHHHH" if wide else "HHIIIIIHHHHHH"), 2, 62 if wide else 3, 1, BASE,
                         ehsize, shoff, 0, ehsize, phsize, 1, shsize if sections else 0, 3 if sections else 0,
                         2 if sections else 0)
    if wide:
        phdr = struct.pack(e + "IIQQQQQQ", 1, 6, 0, BASE, BASE, total, total, 0x1000)
    else:
        phdr = struct.pack(e + "IIIIIIII", 1, 0, BASE, BASE, total, total, 6, 0x1000)
    out = (ident + header + phdr).ljust(DATA, b"\0") + blob + (names if sections else b"")
    if sections:
        shdr = e + ("IIQQQQIIQQ" if wide else "IIIIIIIIII")
        out = out.ljust(shoff, b"\0") + struct.pack(shdr, *[0] * 10)
        out += struct.pack(shdr, 1, 1, 3, BASE + DATA, DATA, len(blob), 0, 0, 16, 0)
        out += struct.pack(shdr, 15, 3, 0, 0, names_at, len(names), 0, 0, 1, 0)
    assert len(out) == total
    return out


POINTER_CASES = [(True, False, True), (False, True, True), (True, False, False), (False, False, False),
                 (True, True, True)]


@pytest.mark.parametrize(("big", "wide", "sections"), POINTER_CASES,
                         ids=["be32", "le64", "be32-noshdr", "le32-noshdr", "be64"])
def test_pointer_format(big: bool, wide: bool, sections: bool, go124: Path, tmp_path: Path) -> None:
    blob = pointer_blob(b"go1.17.13", SENTINEL_START + MODINFO + SENTINEL_END, 8 if wide else 4, big)
    exe = tmp_path / "old"
    exe.write_bytes(synth_elf(blob, big, wide, sections))
    info = read_file_build_info(str(exe))
    assert info.format == "elf" and info.build is not None, info.problem
    assert info.build == go_version_m(go124, tmp_path, exe)[exe]
    assert info.build == BuildInfo("go1.17.13", "example.com/old/cmd/tool", "example.com/old", "v1.2.3", (
        ("-ldflags", '"-X main.v=é \\x00\\t"'), ("\"we ird\"", '"raw value"'), ("CGO_ENABLED", "0"),
        ("GOOS", "linux")))


def test_pointer_format_unframed_modinfo_and_bad_pointers() -> None:
    """As Go: modinfo without its sentinels is dropped; an unreadable version means no build info."""
    info = read_bytes(synth_elf(pointer_blob(b"go1.16", MODINFO, 4, False), False, False))
    assert info.build == BuildInfo("go1.16")
    blob = bytearray(pointer_blob(b"go1.16", MODINFO, 4, False))
    struct.pack_into("<I", blob, 16, 0xDEAD0000)  # version string header pointer: unmapped
    assert_clean_failure(read_bytes(synth_elf(bytes(blob), False, False)))
    blob[14] = 3  # pointer size
    assert "3-byte pointers" in read_bytes(synth_elf(bytes(blob), False, False)).problem


ALPHABET = b'"`\\\t\n= x0u7U\xff\xc3\xa9\r-=/'


def differential_mutants(rng: random.Random) -> list[bytes]:
    """Small ELF files whose modinfo (mostly) or blob header (sometimes) is damaged in place."""
    modinfo = SENTINEL_START + MODINFO + SENTINEL_END
    seeds = [synth_elf(inline_blob(b"go1.22.1", modinfo), False, True),
             synth_elf(pointer_blob(b"go1.17.9", modinfo, 4, True), True, False)]
    mutants = []
    for seed in seeds:
        text_at = seed.find(modinfo)
        for i in range(300):
            data = bytearray(seed)
            lo, hi = (text_at, text_at + len(modinfo)) if i % 6 else (DATA + 14, DATA + 48)
            for _ in range(rng.randrange(1, 4)):
                data[rng.randrange(lo, hi)] = rng.choice(ALPHABET) if i % 6 else rng.randrange(256)
            mutants.append(bytes(data))
    return mutants


def test_differential_against_go_version_m(go124: Path, tmp_path: Path) -> None:
    """600 damaged files through one `go version -m DIR`: the same BuildInfo (or none) for every one."""
    folder = tmp_path / "mutants"
    folder.mkdir()
    mutants = differential_mutants(random.Random(1234))
    files = []
    for i, data in enumerate(mutants):
        files.append(folder / f"m{i:04d}")
        files[-1].write_bytes(data)
    proc = subprocess.run([str(go124 / "bin/go"), "version", "-m", str(folder)], env=go_env(tmp_path, go124),
                          capture_output=True, timeout=60)
    found = split_version_m(proc.stdout.decode("utf-8", "replace"), files)
    agreed = both = 0
    for path, data in zip(files, mutants, strict=True):
        ours = read_bytes(data).build
        theirs = parse_build_info(found[path]) if path in found else None
        assert ours == theirs, f"{path.name}: {data[DATA:DATA + 600]!r}"
        agreed, both = agreed + 1, both + (ours is not None)
    assert agreed == len(mutants) and both > len(mutants) // 3  # many mutants still parse: the test has teeth


# -- not Go, not executables, damaged ------------------------------------------------------------------------


def test_host_executables_are_not_go() -> None:
    for exe in (os.path.realpath(shutil.which("sh") or "/bin/sh"), os.path.realpath(sys.executable)):
        info = read_file_build_info(exe)
        assert info.format in ("elf", "mach-o"), (exe, info)
        assert_clean_failure(info)
        assert "without Go build information" in info.problem, info.problem


def test_not_executables(tmp_path: Path) -> None:
    script, empty, text = tmp_path / "script", tmp_path / "empty", tmp_path / "text"
    script.write_text("#!/bin/sh\necho hi\n")
    empty.write_bytes(b"")
    text.write_text("MZ is not always a PE file\n")
    java = tmp_path / "A.class"
    java.write_bytes(bytes.fromhex("cafebabe00000041") + bytes(64))
    cases = {script: (None, "a script (#!/bin/sh)"), empty: (None, "empty file"),
             tmp_path: (None, "not a regular file (a directory)"),
             java: (None, "not an executable (no ELF, Mach-O or PE header)"),
             tmp_path / "missing": (None, f"cannot read: {os.strerror(errno.ENOENT)}")}
    for path, expected in cases.items():
        info = read_file_build_info(str(path))
        assert (info.format, info.problem) == expected and info.build is None
    info = read_file_build_info(str(text))
    assert info.format == "pe"
    assert_clean_failure(info)


def test_fifo_does_not_block(tmp_path: Path) -> None:
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    results: list[ExecutableInfo] = []
    thread = threading.Thread(target=lambda: results.append(read_file_build_info(str(fifo))), daemon=True)
    thread.start()
    thread.join(5)
    assert not thread.is_alive(), "reading a FIFO blocked"
    assert results == [ExecutableInfo(None, None, "not a regular file (a FIFO)")]


def test_random_bytes() -> None:
    rng = random.Random(7)
    magics = [b"", b"\x7fELF\x01\x01\x01", b"\x7fELF\x02\x02\x01", b"MZ", b"\xcf\xfa\xed\xfe", b"\xfe\xed\xfa\xce",
              b"\xca\xfe\xba\xbe\x00\x00\x00\x01", b"#!"]
    for i in range(2000):
        data = magics[i % len(magics)] + rng.randbytes(rng.choice([0, 1, 15, 60, 200, 5000]))
        info = read_bytes(data)
        assert_clean_failure(info)


def prefix_lengths(data: bytes) -> list[int]:
    blob = data.find(MAGIC)
    return sorted({*range(0, 80), *range(blob - 20, blob + 600, 7), *range(0, len(data), len(data) // 97),
                   len(data) - 1})


@pytest.mark.parametrize("name", ["linux-386", "darwin-amd64", "windows-amd64"])
def test_truncated_builds(name: str, built: dict[str, Path]) -> None:
    """A prefix gives either "truncated" or (headers and blob intact, the rest unread) the whole information."""
    data = built[name].read_bytes()
    full = read_bytes(data).build
    assert full is not None
    for length in prefix_lengths(data):
        info = read_prefix(data, length)
        if info.build is not None:
            assert info.build == full and length > data.find(MAGIC)
        else:
            assert info.problem.startswith("truncated") or (length < 4 and info.format is None), (length, info)


def test_truncated_go_binary(go124: Path) -> None:
    """An ELF keeps its section headers at the end: every prefix is truncated, wherever it is cut."""
    data = (go124 / "bin/go").read_bytes()
    for length in prefix_lengths(data):
        info = read_prefix(data, length)
        assert info.build is None
        assert info.problem.startswith("truncated") if length >= 4 else info.format is None, (length, info)


def interesting_ranges(data: bytes, fmt: str) -> list[tuple[int, int]]:
    """Header tables and the blob, where damage reaches the parser."""
    blob = data.find(MAGIC)
    ranges = [(0, 0x1000 if fmt == "mach-o" else 0x400), (blob, blob + 0x200)]
    if fmt == "elf":
        shoff = struct.unpack_from("<I", data, 0x20)[0]
        ranges.append((shoff, len(data)))
    return ranges


@pytest.mark.parametrize("name", ["linux-arm", "darwin-arm64", "windows-386"])
def test_mutations_never_raise(name: str, built: dict[str, Path]) -> None:
    """1,000 random byte mutations of headers and blob: always an ExecutableInfo, quickly, bounded reads."""
    target, data = BY_NAME[name], bytearray(built[name].read_bytes())
    ranges = interesting_ranges(bytes(data), target.fmt)
    rng = random.Random(name)
    values = [0, 1, 2, 0x10, 0x7F, 0x80, 0xFF]
    slowest = 0.0
    for _ in range(1000):
        saved = []
        for _ in range(rng.randrange(1, 5)):
            lo, hi = rng.choice(ranges)
            pos = rng.randrange(lo, hi)
            saved.append((pos, data[pos]))
            data[pos] = rng.choice(values) if rng.random() < 0.5 else rng.randrange(256)
        read_at, total = counting(data)
        start = time.perf_counter()
        info = read_build_info(read_at, len(data))
        slowest = max(slowest, time.perf_counter() - start)
        assert isinstance(info, ExecutableInfo)
        assert info.build is not None or info.problem
        assert not info.problem.startswith("unreadable build information"), info.problem
        assert total[0] <= 16 << 20
        for pos, byte in reversed(saved):
            data[pos] = byte
    assert slowest < 1.0, f"slowest call {slowest:.3f} s"


def test_hostile_counts_and_offsets() -> None:
    """Headers claiming huge tables, offsets past EOF, a blob whose string lengths point far away."""
    elf = bytearray(synth_elf(inline_blob(b"go1.22.1", b""), False, True))
    cases = []
    for field, fmt, value in ((0x20, "<Q", 1 << 62), (0x38, "<H", 0xFFFF), (0x3C, "<H", 0xFFFF),
                              (0x28, "<Q", len(elf) + 1), (0x3E, "<H", 7)):
        damaged = bytearray(elf)
        struct.pack_into(fmt, damaged, field, value)
        cases.append(bytes(damaged))
    huge = bytearray(elf)
    huge[DATA + 32:DATA + 42] = b"\xff" * 9 + b"\x01"  # version length 2**64 - 1
    cases.append(bytes(huge))
    fat_loop = struct.pack(">IIiiIII", 0xCAFEBABE, 1, 7, 3, 0, 4096, 12).ljust(4096, b"\0")  # arch = itself
    cases.append(fat_loop)
    for data in cases:
        read_at, total = counting(data)
        info = read_build_info(read_at, len(data))
        assert_clean_failure(info)
        assert total[0] <= 1 << 20
    assert read_bytes(elf).build == BuildInfo("go1.22.1")
    assert re.match(r"malformed|truncated", read_bytes(cases[1]).problem)


def test_an_elf_with_no_program_headers_of_size_zero() -> None:
    """Found by the fuzzer: e_phnum = 0 with e_phentsize = 0 raised inside the reader (a range of step 0)."""
    import struct

    header = b"\x7fELF\x02\x01\x01" + b"\x00" * 9  # 64-bit, little-endian
    header += struct.pack("<HHIQQQIHHHHHH", 2, 62, 1, 0x401000, 64, 0, 0, 64, 0, 0, 64, 0, 0)
    info = read_build_info(lambda offset, length: header[offset:offset + length], len(header))
    assert info.format == "elf" and info.build is None
    assert not info.problem.startswith("unreadable build information"), info.problem
