"""GE502 mod-vendor-without-vendor against the real go command: its error is what the rule predicts, and after
the offered fix go builds and the finding is gone."""

from __future__ import annotations

import subprocess

import pytest
import realgo
import testbed
from fixhelp import apply_json_fix
from realgo import apply, builds, facts_of, go

from goenv_lsp.engine import evaluate
from goenv_lsp.rules.ge5_workspace.ge502_mod_vendor_without_vendor import check as GE502
from goenv_lsp.semantics.modules import scopes
from goenv_lsp.semantics.vendor import build_mode, disagreements, inconsistent_vendoring_error

app_fixture, gocache_fixture = realgo.app_fixture, realgo.gocache_fixture  # fixtures (by their own names)

pytestmark = pytest.mark.realgo


def test_real_goflags_in_the_goenv_file(app) -> None:
    root, go_bin, env = app("1.27.3")
    goenv = testbed.write_goenv(env, GOFLAGS="-trimpath -mod=vendor")
    build = go(go_bin, ["build", "./..."], root, env)
    facts = facts_of(root, env)
    [scope] = scopes(facts)
    mode = build_mode(facts, scope)
    assert build.stderr == inconsistent_vendoring_error(str(root), disagreements(facts, scope, mode), False) + "\n"
    [finding] = evaluate(facts, rules=[GE502])
    assert (finding.location.path, finding.location.range.start.line) == (str(goenv), 0)
    assert "example.com/dep@v1.0.0: is explicitly required in go.mod, but not marked as explicit" in finding.message
    apply(finding.fixes[0])
    assert goenv.read_text() == "GOFLAGS=-trimpath\n"
    assert builds(go_bin, root, env)
    assert evaluate(facts_of(root, env), rules=[GE502]) == []


def test_real_goflags_in_the_environment_go_mod_vendor_clears_it(app) -> None:
    root, go_bin, env = app("1.22.10", GOFLAGS="-mod=vendor")
    assert "go: inconsistent vendoring in" in go(go_bin, ["build", "./..."], root, env).stderr
    [finding] = evaluate(facts_of(root, env), rules=[GE502])
    assert (finding.location.path, finding.location.range.start.line) == (str(root / "go.mod"), 0)
    command = finding.fixes[-1].command
    assert command.argv[1:] == ("mod", "vendor")
    assert subprocess.run(command.argv, cwd=command.cwd, env=env, capture_output=True, timeout=180).returncode == 0
    assert builds(go_bin, root, env)
    assert evaluate(facts_of(root, env), rules=[GE502]) == []


def test_real_cli_as_a_new_user(app, check_real) -> None:
    """`goenv-lsp check`: GOFLAGS=-mod=vendor from `go env -w`, the finding on that GOENV line, its fix works."""
    root, go_bin, env = app("1.27.3")
    testbed.write_goenv(env, GOFLAGS="-mod=vendor")
    code, report = check_real(root, env)
    [finding] = [f for f in report["findings"] if f["code"] == "GE502"]
    assert (code, finding["path"], finding["range"]["start"]) == (1, "~/.config/go/env", {"line": 0, "character": 0})
    apply_json_fix(finding["fixes"][0], root, env["HOME"])
    assert builds(go_bin, root, env)
    assert not {f["code"] for f in check_real(root, env)[1]["findings"]} & {"GE501", "GE502"}
