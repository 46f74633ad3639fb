"""GE401 proxy-settings-empty with the real go: an empty GOPROXY line in the GOENV file, and a GOROOT without
go.env (GOPROXY and GOSUMDB both empty)."""

from __future__ import annotations

import os
from pathlib import Path

import ge4real
import pytest
import testbed

from goenv_lsp.model import Severity

EMPTY = "go: example.com/lib@v1.0.0: GOPROXY list is not the empty string, but contains no entries\n"


@pytest.mark.realgo
def test_empty_line_in_goenv_file(tmp_path: Path) -> None:
    m = ge4real.machine(tmp_path, GOPROXY=None, GONOSUMDB="example.com")
    testbed.write_goenv(m.env, GOPROXY="")
    assert m.go_run("mod", "download", "example.com/lib@v1.0.0").stderr == EMPTY
    [finding] = m.findings("GE401")
    assert finding.severity is Severity.ERROR
    assert (finding.location.path, finding.location.range.start.line) == (m.env["GOENV"], 0)
    assert "`go: GOPROXY list is not the empty string, but contains no entries`" in finding.message
    [fix] = finding.fixes
    m.apply(fix)  # the line goes: go.env's default is back
    assert Path(m.env["GOENV"]).read_text() == ""
    assert m.findings("GE401") == []
    assert m.go_run("env", "GOPROXY").stdout == "https://proxy.golang.org,direct\n"


@pytest.mark.realgo
def test_goroot_without_go_env(tmp_path: Path) -> None:
    """GOROOT names a copy of the tree (symbolic links) without go.env: no defaults at all."""
    real_root = testbed.go_root("1.27.3")
    stripped = tmp_path / "goroot"
    stripped.mkdir()
    for entry in os.listdir(real_root):
        if entry != "go.env":
            (stripped / entry).symlink_to(real_root / entry)
    m = ge4real.machine(tmp_path, GOPROXY=None, GOROOT=stripped, GONOSUMDB="example.com")
    assert m.go_run("env", "GOPROXY", "GOSUMDB").stdout == "\n\n"
    assert m.go_run("mod", "download", "example.com/lib@v1.0.0").stderr == EMPTY
    [finding] = m.findings("GE401")
    assert finding.message.startswith(f"GOPROXY and GOSUMDB are empty: {stripped / 'go.env'} is missing")
    [fix] = finding.fixes
    m.apply(fix)
    assert m.findings("GE401") == []
    assert m.go_run("env", "GOPROXY", "GOSUMDB").stdout == "https://proxy.golang.org,direct\nsum.golang.org\n"
