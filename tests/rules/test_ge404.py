"""GE404 gosumdb-invalid with the real go: `sum.golang.org+URL` is a malformed verifier id; the fix's
`sum.golang.org URL` is accepted (the download then reaches that URL: here a port that refuses connections)."""

from __future__ import annotations

from pathlib import Path

import ge4real
import pytest
import testbed


@pytest.mark.realgo
def test_url_joined_with_plus(tmp_path: Path) -> None:
    m = ge4real.machine(tmp_path)
    testbed.write_goenv(m.env, GOSUMDB="sum.golang.org+http://127.0.0.1:1")
    said = m.go_run("mod", "download", "example.com/lib@v1.0.0").stderr
    assert said == "go: example.com/lib@v1.0.0: verifying go.mod: invalid GOSUMDB: malformed verifier id\n"
    [finding] = m.findings("GE404")
    assert "`verifying go.mod: invalid GOSUMDB: malformed verifier id`" in finding.message
    [fix] = finding.fixes
    m.apply(fix)
    assert m.findings("GE404") == []
    said = m.go_run("mod", "download", "example.com/lib@v1.0.0").stderr
    assert 'Get "http://127.0.0.1:1/lookup/example.com/lib@v1.0.0"' in said and "connection refused" in said
