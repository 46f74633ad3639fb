"""GE612 tool-foreign-platform: programs in the install directory built for another OS or architecture."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import testbed
from factsbuilder import HOME, healthy
from ge6help import codes, go, module, only

from goenv_lsp.engine import evaluate
from goenv_lsp.facts import GoBinDir, GoTool, PathKind
from goenv_lsp.model import Severity
from goenv_lsp.rules.ge6_platform.ge612_tool_foreign_platform import check as GE612

BIN = f"{HOME}/go/bin"


def tool(name: str, goos: str | None, goarch: str | None, version: str | None = "v1.0.0") -> GoTool:
    return GoTool(name, f"{BIN}/{name}", f"{BIN}/{name}", f"example.com/cmd/{name}", version, "go1.27.3", goos,
                  goarch)


def run(*tools: GoTool, os: str = "linux", arch: str = "amd64"):
    return evaluate(healthy(os=os, arch=arch, go_bin_dirs=(GoBinDir(BIN, "GOPATH", PathKind.DIR, tools),)),
                    rules=[GE612])


def test_another_os_is_an_error_with_the_reinstall_command() -> None:
    [finding] = run(tool("a", "darwin", "arm64"))
    assert finding.severity is Severity.ERROR
    assert finding.message == (f"a (darwin/arm64) in {BIN} is built for another platform than this machine "
                               "(linux/amd64), which cannot run it (`exec format error`); reinstall: "
                               "`go install example.com/cmd/a@v1.0.0`")


def test_emulated_is_info_and_32_bit_on_64_bit_is_native() -> None:
    [finding] = run(tool("a", "darwin", "amd64"), tool("b", "darwin", "arm64"), os="darwin", arch="arm64")
    assert finding.severity is Severity.INFO
    assert finding.message.startswith(f"a (darwin/amd64) in {BIN} is built for amd64, not this machine's arm64")
    assert run(tool("a", "linux", "386"), tool("b", "linux", "amd64")) == []
    assert run(tool("a", "linux", "arm"), os="linux", arch="arm64") == []


def test_unknown_settings_or_platform_are_quiet() -> None:
    assert run(tool("a", None, None)) == []
    assert evaluate(healthy(arch=None, go_bin_dirs=(GoBinDir(BIN, "GOPATH", PathKind.DIR, (tool("a", "windows",
                                                                                               "amd64"),)),)),
                    rules=[GE612]) == []


def test_a_devel_build_is_rebuilt_from_source() -> None:
    [finding] = run(tool("a", "windows", "amd64", "(devel)"))
    assert finding.message.endswith("reinstall: rebuild a from its source")


@pytest.mark.realgo
def test_real_cross_builds_in_gopath_bin(workspace: Path, tmp_path: Path, go127: Path, go_env: testbed.EnvFactory,
                                         check_real, probe_real) -> None:
    env = go_env([go127 / "bin", tmp_path / "home/go/bin"])
    source = module(tmp_path / "hello")
    gobin = Path(env["GOPATH"]) / "bin"
    # `go install` with GOOS set keeps cross-compiled programs out of bin itself (cmd/go load.go) …
    assert go(env, source, "install", ".", GOOS="windows").returncode == 0
    assert sorted(p.relative_to(gobin).as_posix() for p in gobin.rglob("*") if p.is_file()) == \
        ["windows_amd64/hello.exe"]
    gobin_set = go(env, source, "install", ".", GOOS="windows", GOBIN=str(gobin))
    assert gobin_set.stderr == "go: cannot install cross-compiled binaries when GOBIN is set\n"
    # … so a foreign program in bin was put there by hand: built with `go build -o`, copied, synced
    assert go(env, source, "build", "-o", str(gobin / "hello-arm"), ".", GOARCH="arm64").returncode == 0
    shutil.copy(gobin / "windows_amd64/hello.exe", gobin / "hello-win")
    facts = probe_real(workspace, env)
    [found] = facts.go_bin_dirs
    assert {(t.name, t.goos, t.goarch) for t in found.tools} == {("hello-arm", "linux", "arm64"),
                                                                 ("hello-win", "windows", "amd64")}
    finding = only(check_real(workspace, env)[1], "GE612")
    assert finding["severity"] == "error"
    assert finding["message"] == ("hello-arm (linux/arm64), hello-win (windows/amd64) in ~/go/bin are built for "
                                  "another platform than this machine (linux/amd64), which cannot run them (`exec "
                                  "format error`); reinstall: rebuild hello-arm from its source; rebuild hello-win "
                                  "from its source")
    (gobin / "hello-arm").unlink()
    (gobin / "hello-win").unlink()
    assert "GE612" not in codes(check_real(workspace, env)[1])
