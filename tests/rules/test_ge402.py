"""GE402 goproxy-invalid with the real go: the rule quotes go's own rejection, and its fix makes go accept the list."""

from __future__ import annotations

from pathlib import Path

import ge4real
import goproxy
import pytest
import testbed


@pytest.mark.realgo
def test_capitals(tmp_path: Path) -> None:
    m = ge4real.machine(tmp_path, GOPROXY=None, GONOSUMDB="example.com")
    proxy = goproxy.proxy_url(m.proxy)
    testbed.write_goenv(m.env, GOPROXY=f"{proxy},Direct")
    said = m.go_run("mod", "download", "example.com/lib@v1.0.0").stderr
    assert said == "go: example.com/lib@v1.0.0: invalid proxy URL missing scheme: Direct\n"
    [finding] = m.findings("GE402")
    assert "`go: <module>@<version>: invalid proxy URL missing scheme: Direct`" in finding.message
    [fix] = finding.fixes
    m.apply(fix)
    assert m.findings("GE402") == []
    assert m.go_run("env", "GOPROXY").stdout == f"{proxy},direct\n"
    assert m.go_run("mod", "download", "example.com/lib@v1.0.0").returncode == 0


@pytest.mark.realgo
def test_direct_with_a_slash_is_a_host(tmp_path: Path) -> None:
    """`direct/` is accepted as https://direct/: the error is a lookup of the host "direct" (here without a DNS
    server answering, so only the URL go builds is asserted)."""
    m = ge4real.machine(tmp_path, GOPROXY="direct/", GONOSUMDB="example.com")
    said = m.go_run("mod", "download", "example.com/lib@v1.0.0").stderr
    assert said.startswith('go: example.com/lib@v1.0.0: Get "https://direct/example.com/lib/@v/v1.0.0.info": ')
    [finding] = m.findings("GE402")
    assert "the entry 'direct/' (the keyword `direct`?) is invalid: it is the proxy https://direct/" in finding.message
    assert finding.fixes == ()  # set in the environment


def test_no_fix_writes_back_a_redacted_part() -> None:
    """A GOPROXY URL with a key-like path segment is redacted in the facts: a rewrite would write the placeholder."""
    import sys

    sys.path.insert(0, str(Path(__file__).parent / "goldens"))
    import golden

    from goenv_lsp.engine import evaluate
    from goenv_lsp.probe.fake import FakeSystem
    from goenv_lsp.rules import by_code

    data = golden.machine_data(Path(__file__).parent / "goldens" / "GE402" / "keyword-in-capitals")
    data["files"]["/home/dev/.config/go/env"] = "GOPROXY=https://goproxy.corp.com/k/Zx81kQp02LmT7vRy9WqB3c,Direct\n"
    [finding] = evaluate(golden.machine_facts(data, FakeSystem.from_data(data)), rules=[by_code("GE402")])
    assert "Direct" in finding.message and finding.fixes == ()


@pytest.mark.realgo
def test_entries_after_off_do_not_crash_it(tmp_path: Path) -> None:
    """`off,https://…` (seen in pasted reports): the entries after `off` are GE403's; GE402 judges the used ones."""
    m = ge4real.machine(tmp_path, GOPROXY="off,https://proxy.golang.org")
    assert m.go_run("env", "GOPROXY").stdout == "off,https://proxy.golang.org\n"
    assert m.findings("GE402") == []  # a crash would be a GE000 finding here
    assert len(m.findings("GE403")) == 1
