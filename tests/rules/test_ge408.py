"""GE408 goproxy-direct-only: with GOPROXY=direct the real go ignores the file proxy that has the module and goes
to the origin (here: no network, so the origin's lookup fails), and checksums are still looked up."""

from __future__ import annotations

from pathlib import Path

import ge4real
import pytest


@pytest.mark.realgo
def test_direct_goes_to_the_origin(tmp_path: Path) -> None:
    m = ge4real.machine(tmp_path, modules=("example.com/lib",), GONOSUMDB="example.com")
    proxy = m.env["GOPROXY"]
    m.env["GOPROXY"] = "direct"
    said = m.go_run("mod", "download", "example.com/lib@v1.0.0").stderr
    assert said.startswith('go: example.com/lib@v1.0.0: unrecognized import path "example.com/lib": https fetch: ')
    [finding] = m.findings("GE408")
    assert finding.message.startswith("the environment variable GOPROXY is `direct`: every module is cloned")
    m.env["GOPROXY"] = proxy
    assert m.go_run("mod", "download", "example.com/lib@v1.0.0").returncode == 0
    assert m.findings("GE408") == []
