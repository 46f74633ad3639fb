"""GE508 go-work-empty against the real go command: its error, and the `use` lines the fix inserts."""

from __future__ import annotations

import pytest
import realgo
from realgo import apply, backticked, facts_of, go, module, write

from goenv_lsp.engine import evaluate
from goenv_lsp.rules.ge5_workspace.ge508_go_work_empty import check as GE508

tool_fixture, gocache_fixture = realgo.tool_fixture, realgo.gocache_fixture  # fixtures (by their own names)

pytestmark = pytest.mark.realgo


def test_real_empty_go_work(tool) -> None:
    go_bin, env, ws = tool("1.27.3")
    write(ws, {"go.work": "go 1.21\n", **module("api"), **module("worker")})
    build = go(go_bin, ["build"], ws, env)
    [finding] = evaluate(facts_of(ws, env), rules=[GE508])
    assert build.stderr.strip() == backticked(finding.message)
    apply(finding.fixes[0])
    assert (ws / "go.work").read_text() == "go 1.21\nuse ./api\nuse ./worker\n"
    assert all(go(go_bin, ["build", "./..."], ws / m, env).returncode == 0 for m in ("api", "worker"))
    assert evaluate(facts_of(ws, env), rules=[GE508]) == []
