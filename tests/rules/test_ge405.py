"""GE405 checksum-db-off with the real go: GOSUMDB=off makes a toolchain download fail with the message the finding
quotes (a fake golang.org/toolchain module on a file proxy; `|off` keeps go from skipping the check for a lone
file:// GOPROXY)."""

from __future__ import annotations

from pathlib import Path

import ge4real
import goproxy
import pytest
import testbed


@pytest.mark.realgo
def test_toolchain_download_fails(tmp_path: Path) -> None:
    m = ge4real.machine(tmp_path, GOTOOLCHAIN="go1.99.0", GOPROXY=None)
    goproxy.add_module(m.proxy, "golang.org/toolchain", "v0.0.1-go1.99.0.linux-amd64",
                       go_mod="module golang.org/toolchain\n")
    m.env["GOPROXY"] = goproxy.proxy_url(m.proxy) + "|off"
    testbed.write_goenv(m.env, GOSUMDB="off")
    said = m.go_run("version").stderr
    assert said.endswith("go: download go1.99.0: golang.org/toolchain@v0.0.1-go1.99.0.linux-amd64: verifying module: "
                         "checksum database disabled by GOSUMDB=off\n")
    m.env["GOTOOLCHAIN"] = "local"
    [finding] = m.findings("GE405")
    assert "(`verifying module: checksum database disabled by GOSUMDB=off`)" in finding.message
    [fix] = finding.fixes
    m.apply(fix)
    assert m.findings("GE405") == []
    assert m.go_run("env", "GOSUMDB").stdout == "sum.golang.org\n"
