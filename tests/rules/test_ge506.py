"""GE506 gowork-pinned against the real go command: a relative GOWORK, a missing one, and one go.work pinned
for every project in the GOENV file (removing it lets the project use its own go.work again)."""

from __future__ import annotations

import pytest
import realgo
import testbed
from realgo import apply, backticked, facts_of, go, module, write

from goenv_lsp.engine import evaluate
from goenv_lsp.model import Severity
from goenv_lsp.rules.ge5_workspace.ge506_gowork_pinned import check as GE506

tool_fixture, gocache_fixture = realgo.tool_fixture, realgo.gocache_fixture  # fixtures (by their own names)

pytestmark = pytest.mark.realgo


def test_real_relative_gowork(tool) -> None:
    go_bin, env, ws = tool("1.27.3", GOWORK="go.work")
    write(ws, module(".", name="app"))
    ran = go(go_bin, ["env", "GOWORK"], ws, env)
    [finding] = evaluate(facts_of(ws, env), rules=[GE506])
    assert (ran.returncode, ran.stderr.strip()) == (1, backticked(finding.message))
    assert finding.severity is Severity.ERROR


def test_real_missing_gowork_file(tool) -> None:
    go_bin, env, ws = tool("1.21.13")
    missing = ws.parent / "gone" / "go.work"
    env["GOWORK"] = str(missing)
    write(ws, module(".", name="app"))
    build = go(go_bin, ["build", "./..."], ws, env)
    [finding] = evaluate(facts_of(ws, env), rules=[GE506])
    assert build.stderr.strip() == backticked(finding.message) == f"go: reading go.work: open {missing}: no such " \
                                                                   "file or directory"


def test_real_gowork_pinned_in_the_goenv_file(tool) -> None:
    go_bin, env, ws = tool("1.27.3")
    other = ws.parent / "platform"
    write(other, {"go.work": "go 1.21\n\nuse ./svc\n", **module("svc")})
    write(ws, module(".", name="app"))
    goenv = testbed.write_goenv(env, GOWORK=str(other / "go.work"))
    build = go(go_bin, ["build", "./..."], ws, env)
    assert "does not contain modules listed in go.work" in build.stderr
    [finding] = evaluate(facts_of(ws, env), rules=[GE506])
    assert (finding.location.path, finding.severity) == (str(goenv), Severity.WARNING)
    apply(finding.fixes[0])
    assert go(go_bin, ["build", "./..."], ws, env).returncode == 0
    assert evaluate(facts_of(ws, env), rules=[GE506]) == []
