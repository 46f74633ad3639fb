"""GE411 module-pattern-never-matches, end to end with go 1.27.3: GOPRIVATE=https://git.corp.com/acme/* (written
with `go env -w`) leaves git.corp.com/acme/lib public — its checksum lookup fails — and the offered fix, run as the
user would run it, makes the same download succeed and the finding go away."""

from __future__ import annotations

import subprocess
from pathlib import Path

import goproxy
import pytest
import testbed

from goenv_lsp.engine import evaluate
from goenv_lsp.rules import by_code

GE411 = by_code("GE411")


@pytest.mark.realgo
def test_the_fix_makes_the_module_private(tmp_path: Path, workspace: Path, go127: Path, probe_real) -> None:
    proxy = tmp_path / "proxy"
    goproxy.add_module(proxy, "git.corp.com/acme/lib", "v1.0.0")
    go = go127 / "bin" / "go"
    # a checksum database at an address that refuses connections: a module it is asked about fails to download;
    # GONOPROXY=none keeps private modules on the file proxy (GONOSUMDB still defaults to GOPRIVATE)
    env = testbed.isolated_env(tmp_path, [go.parent], GOPROXY=goproxy.proxy_url(proxy),
                               GOSUMDB="sum.golang.org http://127.0.0.1:1", GONOPROXY="none")

    def download() -> subprocess.CompletedProcess[str]:
        return subprocess.run([str(go), "mod", "download", "git.corp.com/acme/lib@v1.0.0"], cwd=workspace, env=env,
                              capture_output=True, text=True, timeout=60)

    subprocess.run([str(go), "env", "-w", "GOPRIVATE=https://git.corp.com/acme/*"], env=env, check=True, timeout=60)
    failed = download()
    assert failed.returncode == 1
    assert failed.stderr == ("go: git.corp.com/acme/lib@v1.0.0: verifying go.mod: git.corp.com/acme/lib@v1.0.0/go.mod: "
                             'Get "http://127.0.0.1:1/lookup/git.corp.com/acme/lib@v1.0.0": dial tcp 127.0.0.1:1: '
                             "connect: connection refused\n")

    [finding] = evaluate(probe_real(workspace, env), rules=[GE411])
    goenv = Path(env["GOENV"])
    assert (finding.location.path, finding.location.range.start.line) == (str(goenv), 0)
    assert "the pattern 'https://git.corp.com/acme/*' never matches a module path" in finding.message
    [fix] = finding.fixes
    assert fix.command.argv == (str(go), "env", "-w", "GOPRIVATE=git.corp.com/acme/*")
    subprocess.run(fix.command.argv, env=env, check=True, timeout=60)

    assert goenv.read_text() == "GOPRIVATE=git.corp.com/acme/*\n"
    assert evaluate(probe_real(workspace, env), rules=[GE411]) == []
    assert download().returncode == 0
