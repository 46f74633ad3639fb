"""GE610 goos-goarch-not-host: GOOS/GOARCH left set to another platform (cross-compile leftovers)."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
import testbed
from factsbuilder import HOME, env_file, go_binary, healthy
from fixhelp import apply_json_fix
from ge6help import codes, go, only

from goenv_lsp.engine import evaluate
from goenv_lsp.model import Severity
from goenv_lsp.rules.ge6_platform.ge610_goos_goarch_not_host import check as GE610

GOENV = f"{HOME}/.config/go/env"


def run(env: dict[str, str] | None = None, **go_env: str):
    facts = healthy(go_binaries=(go_binary(**{"GOOS": "linux", "GOARCH": "amd64", "CGO_ENABLED": "0", **go_env}),),
                    env={"PATH": "/usr/local/go1.27.3/bin:/usr/bin", "HOME": HOME, **(env or {})},
                    user_env_file=env_file(path=GOENV))
    return evaluate(facts, rules=[GE610])


def test_goos_left_set() -> None:
    [finding] = run({"GOOS": "windows"}, GOOS="windows")
    assert finding.message == ("GOOS=windows from the environment variable GOOS, but this go runs on linux: every "
                               "build targets windows/amd64, `go run` and `go test` fail with `exec format error`, "
                               f"`go install` puts programs in {HOME}/go/bin/windows_amd64, off PATH, cgo is off, "
                               "gopls analyses the files for windows, not this machine's")


def test_an_unsupported_pair_is_an_error() -> None:
    [finding] = run({"GOARCH": "arm64"}, GOOS="darwin", GOARCH="wasm")
    assert finding.severity is Severity.ERROR
    assert finding.message.endswith("every build fails with `go: unsupported GOOS/GOARCH pair darwin/wasm`")


def test_host_values_and_unset_are_quiet() -> None:
    assert run({"GOOS": "linux", "GOARCH": "amd64"}) == []
    assert run() == []


@pytest.mark.realgo
def test_real_goos_in_the_goenv_file(workspace: Path, go127: Path, go_env: testbed.EnvFactory, check_real) -> None:
    env = go_env([go127 / "bin"])
    subprocess.run(["go", "env", "-w", "GOOS=windows"], env=env, check=True, timeout=60)
    (workspace / "main.go").write_text("package main\n\nfunc main() {}\n")
    ran = go(env, workspace, "run", ".")
    assert ran.returncode == 1 and ran.stderr.endswith("exec format error\n")  # fork/exec …/exe/app.exe
    finding = only(check_real(workspace, env)[1], "GE610")
    assert (finding["path"], finding["range"]["start"]) == ("~/.config/go/env", {"line": 0, "character": 0})
    assert finding["message"].startswith("GOOS=windows from GOENV file ~/.config/go/env:1, but this go runs on linux")
    [fix] = finding["fixes"]
    apply_json_fix(fix, workspace, env["HOME"])
    assert go(env, workspace, "run", ".").returncode == 0
    assert "GE610" not in codes(check_real(workspace, env)[1])


@pytest.mark.realgo
def test_real_unsupported_pair(workspace: Path, go127: Path, go_env: testbed.EnvFactory, check_real) -> None:
    env = go_env([go127 / "bin"], GOOS="plan10")
    built = go(env, workspace, "build", ".")
    assert (built.returncode, built.stderr) == (2, "go: unsupported GOOS/GOARCH pair plan10/amd64\n")
    finding = only(check_real(workspace, env)[1], "GE610")
    assert finding["severity"] == "error"
    assert finding["message"].endswith("every build fails with `go: unsupported GOOS/GOARCH pair plan10/amd64`")
