"""GE509 go-work-go-too-old against the real go command (wording of 1.21, 1.24 and 1.27), and the raised go
line lets the workspace build."""

from __future__ import annotations

import pytest
import realgo
from realgo import apply, backticked, facts_of, go, module, write

from goenv_lsp.engine import evaluate
from goenv_lsp.rules.ge5_workspace.ge509_go_work_go_too_old import check as GE509

tool_fixture, gocache_fixture = realgo.tool_fixture, realgo.gocache_fixture  # fixtures (by their own names)

pytestmark = pytest.mark.realgo


@pytest.mark.parametrize(("version", "work"), [("1.21.13", "go 1.21\n\nuse ./a\n"), ("1.24.11", "use ./a\n"),
                                               ("1.27.3", "go 1.21.0\n\nuse ./a\n")])
def test_real_go_work_older_than_its_module(tool, version: str, work: str) -> None:
    go_bin, env, ws = tool(version)
    write(ws, {"go.work": work, **module("a", go_line="1.21.5")})
    build = go(go_bin, ["build", "./..."], ws, env)
    [finding] = evaluate(facts_of(ws, env), rules=[GE509])
    assert build.returncode == 1
    assert build.stderr.startswith(backticked(finding.message) + ";")
    apply(finding.fixes[0])
    assert go(go_bin, ["build", "./..."], ws / "a", env).returncode == 0
    assert evaluate(facts_of(ws, env), rules=[GE509]) == []
