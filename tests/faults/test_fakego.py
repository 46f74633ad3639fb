"""fakego is a go as far as goenv-lsp can tell: build info ``path cmd/go`` (as the real `go version -m` reads
it), and in healthy mode the answers go 1.27.3 gives."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from faults import fakego
from faults.harness import machine

SAME_AS_REAL = ("GOPATH", "GOMODCACHE", "GOCACHE", "GOENV", "GOFLAGS", "GOMOD", "GOWORK", "GOVERSION", "GOOS",
                "GOARCH", "GOHOSTOS", "GOHOSTARCH", "GOTOOLCHAIN", "GOPROXY", "GOBIN", "GO111MODULE", "GOEXE")


def run(argv: list[str | Path], env: dict[str, str]) -> str:
    return subprocess.run(list(map(str, argv)), env=env, capture_output=True, text=True, check=True,
                          timeout=60).stdout


def test_build_info_says_cmd_go(tmp_path: Path, fakego_bin: Path, go127: Path) -> None:
    m = machine(tmp_path)
    shown = run([go127 / "bin" / "go", "version", "-m", fakego_bin], m.env)
    assert shown.splitlines()[:3] == [f"{fakego_bin}: go1.27.3", "\tpath\tcmd/go", "\tbuild\tFAKEGO=faults"]
    assert "\tmod\t" not in shown  # like the real cmd/go, which is in the standard library


def test_healthy_answers_as_go_1_27_3(tmp_path: Path, fakego_bin: Path, go127: Path) -> None:
    m = machine(tmp_path)
    fake = fakego.install(fakego_bin, m.home / "sdk" / "fake" / "bin", "healthy")
    real = go127 / "bin" / "go"
    assert run([fake, "version"], m.env) == run([real, "version"], m.env)
    for binary in (fake, real):
        assert run([fake, "version", "-m", binary], m.env) == run([real, "version", "-m", binary], m.env)
    names = ["-C", m.workspace, "env", "-json", *SAME_AS_REAL]
    assert json.loads(run([fake, *names], m.env)) == json.loads(run([real, *names], m.env))
    roots = json.loads(run([fake, "env", "-json", "GOROOT", "GOTOOLDIR"], m.env))
    assert roots == {"GOROOT": str(fake.parent.parent), "GOTOOLDIR": str(fake.parent.parent / "pkg/tool/linux_amd64")}
