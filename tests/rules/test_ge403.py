"""GE403 goproxy-entries-unused with the real go: after `off` the file proxy that has the module is never asked."""

from __future__ import annotations

from pathlib import Path

import ge4real
import goproxy
import pytest


@pytest.mark.realgo
def test_entries_after_off_are_never_used(tmp_path: Path) -> None:
    m = ge4real.machine(tmp_path, GONOSUMDB="example.com")
    proxy = goproxy.proxy_url(m.proxy)
    m.env["GOPROXY"] = f"off,{proxy}"
    said = m.go_run("mod", "download", "example.com/lib@v1.0.0").stderr
    assert said == "go: example.com/lib@v1.0.0: module lookup disabled by GOPROXY=off\n"
    [finding] = m.findings("GE403")
    assert finding.message == (f"the environment variable GOPROXY: the go command stops at `off`, so {proxy} is "
                               "never used")
    m.env["GOPROXY"] = f"{proxy},off"
    assert m.go_run("mod", "download", "example.com/lib@v1.0.0").returncode == 0
    assert m.findings("GE403") == []
