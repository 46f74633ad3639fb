"""Build fakego (fakego/main.go) into a binary whose build info says ``path cmd/go``, and install copies.

`go build` refuses a module named ``cmd/go`` (its packages clash with the standard library's cmd/go), so
fakego is built as module ``xmd/go`` and the modinfo text in the binary's build-info blob is patched with
same-length bytes: ``path xmd/go`` becomes ``path cmd/go`` and its ``mod xmd/go (devel)`` line (the real
cmd/go has none: it is in the standard library) becomes a ``build FAKEGO=faults`` line. Lengths are
unchanged, so the blob's varint lengths, its sentinels and the program itself stay valid. Built once per
source hash into the test bed cache (its own GOCACHE there too).
"""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import testbed

SOURCE = Path(__file__).resolve().parent / "fakego" / "main.go"
_GO_MOD = "module xmd/go\n\ngo 1.27\n"  # go 1.27: no DefaultGODEBUG build setting, as in the real cmd/go
_PATCHES = ((b"path\txmd/go\n", b"path\tcmd/go\n"), (b"mod\txmd/go\t(devel)\t\n", b"build\tFAKEGO=faults\n"))


def build(go_root: Path) -> Path:
    """The patched fakego executable (cached); ``go_root`` is the toolchain that builds it."""
    recipe = repr((_GO_MOD, _PATCHES, str(go_root))).encode()
    key = hashlib.sha256(SOURCE.read_bytes() + recipe).hexdigest()[:12]

    def make(tmp: Path) -> None:
        src = tmp / "src"
        src.mkdir()
        shutil.copy(SOURCE, src / "main.go")
        (src / "go.mod").write_text(_GO_MOD)
        env = testbed.isolated_env(tmp / "build", [go_root / "bin"], GOCACHE=testbed.CACHE / "gocache-fakego",
                                   CGO_ENABLED="0", GOFLAGS="")
        exe = tmp / "go"
        testbed._run([str(go_root / "bin" / "go"), "build", "-trimpath", "-buildvcs=false", "-o", str(exe), "."],
                     cwd=src, env=env)
        exe.write_bytes(patched(exe.read_bytes()))
        exe.chmod(0o755)
        shown = testbed._run([str(go_root / "bin" / "go"), "version", "-m", str(exe)], env=env)
        if "\tpath\tcmd/go\n" not in shown or "\tmod\t" in shown:
            raise testbed.TestbedError(f"fakego's build info was not patched as expected:\n{shown}")
        shutil.rmtree(tmp / "build")
        shutil.rmtree(src)

    return testbed._cached(f"fakego-{key}", make) / "go"


def patched(data: bytes) -> bytes:
    """Both copies of the modinfo text patched: the build-info blob's and the runtime's (runtime/debug)."""
    for old, new in _PATCHES:
        if len(old) != len(new) or data.count(old) != 2:
            raise testbed.TestbedError(f"fakego: expected {old!r} twice in the binary, found it {data.count(old)} "
                                       "times")
        data = data.replace(old, new)
    return data


def install(fakego: Path, bin_dir: Path, mode: str) -> Path:
    """A copy of fakego as ``bin_dir/go`` that behaves as ``mode`` ("slow 1.5": a mode and its number)."""
    bin_dir.mkdir(parents=True, exist_ok=True)
    exe = bin_dir / "go"
    shutil.copy(fakego, exe)
    exe.chmod(0o755)
    (bin_dir / "go.mode").write_text(mode + "\n")
    return exe
