"""GE507 module-not-in-workspace against the real go command: go's own words, and the inserted `use` line makes
the module build in the workspace."""

from __future__ import annotations

import pytest
import realgo
from realgo import apply, facts_of, go, module, write

from goenv_lsp.engine import evaluate
from goenv_lsp.rules.ge5_workspace.ge507_module_not_in_workspace import GO_SAYS
from goenv_lsp.rules.ge5_workspace.ge507_module_not_in_workspace import check as GE507

tool_fixture, gocache_fixture = realgo.tool_fixture, realgo.gocache_fixture  # fixtures (by their own names)

pytestmark = pytest.mark.realgo


@pytest.mark.parametrize("version", ["1.21.13", "1.27.3"])
def test_real_module_left_out_of_go_work(tool, version: str) -> None:
    go_bin, env, ws = tool(version)
    write(ws, {"go.work": "go 1.21\n\nuse ./api\n", **module("api"), **module("worker")})
    listed = go(go_bin, ["list"], ws / "worker", env)
    assert " ".join(listed.stderr.split()) == GO_SAYS
    [finding] = evaluate(facts_of(ws, env), rules=[GE507])
    assert f"`{GO_SAYS}`" in finding.message
    assert (finding.location.path, finding.location.range.start.line) == (str(ws / "worker" / "go.mod"), 0)
    apply(finding.fixes[0])
    assert (ws / "go.work").read_text() == "go 1.21\nuse ./worker\n\nuse ./api\n"
    assert go(go_bin, ["build", "./..."], ws / "worker", env).returncode == 0
    assert evaluate(facts_of(ws, env), rules=[GE507]) == []
