"""GE407 goflags-insecure with the real go: `go get` fails with the message the finding quotes, `go mod download`
ignores the flag, and the fix leaves the other flags."""

from __future__ import annotations

from pathlib import Path

import ge4real
import pytest
import testbed


@pytest.mark.realgo
@pytest.mark.parametrize("version", ["1.22.10", "1.27.3"])
def test_go_get_fails(tmp_path: Path, version: str) -> None:
    m = ge4real.machine(tmp_path, version, GONOSUMDB="example.com")
    testbed.write_goenv(m.env, GOFLAGS="-insecure -modcacherw")
    assert m.go_run("get", "example.com/lib@v1.0.0").stderr == \
        "go: -insecure flag is no longer supported; use GOINSECURE instead\n"
    assert m.go_run("mod", "download", "example.com/lib@v1.0.0").returncode == 0
    [finding] = m.findings("GE407")
    assert "`go: -insecure flag is no longer supported; use GOINSECURE instead`" in finding.message
    [fix] = finding.fixes
    m.apply(fix)
    assert m.findings("GE407") == []
    assert m.go_run("env", "GOFLAGS").stdout == "-modcacherw\n"
    assert m.go_run("get", "example.com/lib@v1.0.0").returncode == 0
