"""GE513 goflags-modfile against the real go command: the errors the rule quotes are go's own, and after the
offered fix go builds and the finding is gone."""

from __future__ import annotations

import pytest
import realgo
import testbed
from realgo import apply, builds, facts_of, go

from goenv_lsp.engine import evaluate
from goenv_lsp.model import Severity
from goenv_lsp.rules.ge5_workspace.ge513_goflags_modfile import check as GE513

app_fixture, gocache_fixture = realgo.app_fixture, realgo.gocache_fixture  # fixtures (by their own names)

pytestmark = pytest.mark.realgo


def test_real_relative_modfile_in_the_goenv_file(app) -> None:
    root, go_bin, env = app("1.22.10")
    goenv = testbed.write_goenv(env, GOFLAGS="-trimpath -modfile=tools.mod")
    assert go(go_bin, ["list", "-m"], root, env).stderr == "go: open tools.mod: no such file or directory\n"
    [finding] = evaluate(facts_of(root, env), rules=[GE513])
    assert (finding.location.path, finding.location.range.start.line, finding.severity) == \
        (str(goenv), 0, Severity.WARNING)
    assert "every go command reads and writes tools.mod (a file opened relative to the directory" in finding.message
    apply(finding.fixes[0])
    assert goenv.read_text() == "GOFLAGS=-trimpath\n"
    assert builds(go_bin, root, env)
    assert evaluate(facts_of(root, env), rules=[GE513]) == []


def test_real_no_mod_extension_and_workspace(app) -> None:
    root, go_bin, env = app("1.27.3", GOFLAGS="-modfile=alt")
    [finding] = evaluate(facts_of(root, env), rules=[GE513])
    error = go(go_bin, ["build", "./..."], root, env).stderr.strip()
    assert error == "go: -modfile=alt: file does not have .mod extension"
    assert f"`{error}`" in finding.message and finding.location.path == str(root / "go.mod")
    (root / "go.work").write_text("go 1.21\n\nuse .\n")
    env["GOFLAGS"] = "-modfile=alt.mod"
    error = go(go_bin, ["build", "./..."], root, env).stderr.strip()
    assert error == "go: -modfile cannot be used in workspace mode"
    [finding] = evaluate(facts_of(root, env), rules=[GE513])
    assert f"`{error}`" in finding.message and finding.severity is Severity.ERROR
    del env["GOFLAGS"]
    assert builds(go_bin, root, env)
    assert evaluate(facts_of(root, env), rules=[GE513]) == []
