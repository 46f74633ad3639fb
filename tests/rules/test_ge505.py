"""GE505 gowork-off against the real go command: with GOWORK=off in the GOENV file the workspace's go.work is
ignored (a module importing its sibling no longer builds); removing the line restores it."""

from __future__ import annotations

import pytest
import realgo
import testbed
from realgo import apply, facts_of, go, module, write

from goenv_lsp.engine import evaluate
from goenv_lsp.model import Severity
from goenv_lsp.rules.ge5_workspace.ge505_gowork_off import check as GE505

tool_fixture, gocache_fixture = realgo.tool_fixture, realgo.gocache_fixture  # fixtures (by their own names)

pytestmark = pytest.mark.realgo
USES_B = 'package a\n\nimport "example.com/b"\n\nvar V = b.V\n'


def test_real_gowork_off_in_the_goenv_file(tool) -> None:
    go_bin, env, ws = tool("1.27.3")
    write(ws, {"go.work": "go 1.21\n\nuse (\n\t./a\n\t./b\n)\n", **module("a", body=USES_B),
               **module("b", body="package b\n\nconst V = 1\n")})
    assert go(go_bin, ["build", "./..."], ws / "a", env).returncode == 0  # the workspace provides example.com/b
    goenv = testbed.write_goenv(env, GOWORK="off")
    assert go(go_bin, ["env", "GOWORK"], ws / "a", env).stdout == "off\n"
    build = go(go_bin, ["build", "./..."], ws / "a", env)
    assert build.returncode == 1 and "example.com/b" in build.stderr  # no required module provides it
    [finding] = evaluate(facts_of(ws, env), rules=[GE505])
    assert (finding.location.path, finding.severity) == (str(goenv), Severity.WARNING)
    assert f"ignores {ws / 'go.work'}" in finding.message
    apply(finding.fixes[0])
    assert go(go_bin, ["build", "./..."], ws / "a", env).returncode == 0
    assert evaluate(facts_of(ws, env), rules=[GE505]) == []


def test_real_gowork_off_in_the_environment_is_information(tool) -> None:
    _, env, ws = tool("1.27.3", GOWORK="off")
    write(ws, {"go.work": "go 1.21\n\nuse ./a\n", **module("a")})
    [finding] = evaluate(facts_of(ws, env), rules=[GE505])
    assert (finding.location.path, finding.severity, finding.fixes) == (str(ws / "go.work"), Severity.INFO, ())
