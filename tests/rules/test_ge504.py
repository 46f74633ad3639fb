"""GE504 go-work-use-missing against the real go command: it quotes go's own error, on the `use` line, and the
fix (dropping the line) makes the workspace build again."""

from __future__ import annotations

import pytest
import realgo
from fixhelp import apply_json_fix
from realgo import apply, backticked, facts_of, go, module, write

from goenv_lsp.engine import evaluate
from goenv_lsp.rules.ge5_workspace.ge504_go_work_use_missing import check as GE504

tool_fixture, gocache_fixture = realgo.tool_fixture, realgo.gocache_fixture  # fixtures (by their own names)

pytestmark = pytest.mark.realgo


@pytest.mark.parametrize("version", ["1.21.13", "1.27.3"])
def test_real_use_of_a_missing_directory(tool, version: str) -> None:
    go_bin, env, ws = tool(version)
    write(ws, {"go.work": "go 1.21\n\nuse (\n\t./a\n\t./missing\n)\n", **module("a")})
    build = go(go_bin, ["build", "./..."], ws, env)
    assert build.returncode == 1
    [finding] = evaluate(facts_of(ws, env), rules=[GE504])
    assert backticked(finding.message) == build.stderr.strip()
    assert build.stderr.strip() == ("go: cannot load module missing listed in go.work file: open missing/go.mod: "
                                    "no such file or directory")
    assert (finding.location.path, finding.location.range.start.line) == (str(ws / "go.work"), 4)
    apply(finding.fixes[0])
    assert (ws / "go.work").read_text() == "go 1.21\n\nuse (\n\t./a\n)\n"
    assert go(go_bin, ["build", "./..."], ws / "a", env).returncode == 0
    assert evaluate(facts_of(ws, env), rules=[GE504]) == []


def test_real_use_of_a_directory_without_go_mod(tool) -> None:
    go_bin, env, ws = tool("1.24.11")
    write(ws, {"go.work": "go 1.21\n\nuse ./a\nuse ./docs\n", **module("a"), "docs/README.md": "# docs\n"})
    build = go(go_bin, ["build", "./..."], ws, env)
    [finding] = evaluate(facts_of(ws, env), rules=[GE504])
    assert backticked(finding.message) == build.stderr.strip()
    apply(finding.fixes[0])
    assert go(go_bin, ["build", "./..."], ws / "a", env).returncode == 0


def test_real_cli_as_a_new_user(tool, check_real) -> None:
    """`goenv-lsp check`: the finding on the `use` line, and its JSON fix applied makes go work again."""
    go_bin, env, ws = tool("1.27.3")
    write(ws, {"go.work": "go 1.21\n\nuse ./a\nuse ./missing\n", **module("a")})
    code, report = check_real(ws, env)
    [finding] = [f for f in report["findings"] if f["code"] == "GE504"]
    assert (code, finding["path"], finding["range"]["start"]) == (1, "go.work", {"line": 3, "character": 4})
    apply_json_fix(finding["fixes"][0], ws, env["HOME"])
    assert go(go_bin, ["build", "./..."], ws / "a", env).returncode == 0
    assert "GE504" not in {f["code"] for f in check_real(ws, env)[1]["findings"]}
