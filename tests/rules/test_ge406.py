"""GE406 checks-skipped-broadly: GONOSUMDB=* skips the checksum lookup for a public github.com module too (the real
go downloads it although the checksum database refuses connections)."""

from __future__ import annotations

from pathlib import Path

import ge4real
import pytest


@pytest.mark.realgo
def test_wildcard_skips_public_modules(tmp_path: Path) -> None:
    m = ge4real.machine(tmp_path, modules=("github.com/public/lib",), GOSUMDB="sum.golang.org http://127.0.0.1:1")
    assert m.go_run("mod", "download", "github.com/public/lib@v1.0.0").returncode == 1  # looked up: refused
    assert m.findings("GE406") == []
    m.env["GONOSUMDB"] = "*"
    assert m.go_run("mod", "download", "github.com/public/lib@v1.0.0").returncode == 0  # not looked up at all
    [finding] = m.findings("GE406")
    assert finding.message == ("the environment variable GONOSUMDB: `*` covers public modules, which are never "
                               "checked against the checksum database")
