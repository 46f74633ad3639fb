"""GE412 nosumdb-narrower-than-noproxy: GONOSUMDB does not default to GONOPROXY (go 1.27.3), and GE410's finding on
the require line makes GE412's redundant."""

from __future__ import annotations

import sys
from pathlib import Path

import ge4real
import pytest

from goenv_lsp.engine import evaluate
from goenv_lsp.probe.fake import FakeSystem
from goenv_lsp.rules import by_code

sys.path.insert(0, str(Path(__file__).parent / "goldens"))
import golden


def test_ge410_on_the_require_line_says_more() -> None:
    data = golden.machine_data(Path(__file__).parent / "goldens" / "GE412" / "explained-by-ge410")
    facts = golden.machine_facts(data, FakeSystem.from_data(data))
    assert [f.code for f in evaluate(facts, rules=[by_code("GE412")])] == ["GE412"]
    assert [f.code for f in evaluate(facts, rules=[by_code("GE410"), by_code("GE412")])] == ["GE410"]


@pytest.mark.realgo
def test_gonosumdb_does_not_follow_gonoproxy(tmp_path: Path) -> None:
    """Both default to GOPRIVATE, neither to the other: with GONOPROXY alone, go's GONOSUMDB is empty (and a path
    outside GONOSUMDB is looked up in the checksum database: tests/rules/test_ge410.py)."""
    m = ge4real.machine(tmp_path, GONOPROXY="git.corp.com")
    assert m.go_run("env", "GONOPROXY", "GONOSUMDB", "GOPRIVATE").stdout == "git.corp.com\n\n\n"
    [finding] = m.findings("GE412")
    assert finding.message.startswith("the environment variable GONOPROXY sends git.corp.com to the origin, but "
                                      "GONOSUMDB (unset, as GOPRIVATE) does not cover it")
    m.env.pop("GONOPROXY")
    m.env["GOPRIVATE"] = "git.corp.com"
    assert m.go_run("env", "GONOPROXY", "GONOSUMDB").stdout == "git.corp.com\ngit.corp.com\n"
    assert m.findings("GE412") == []
