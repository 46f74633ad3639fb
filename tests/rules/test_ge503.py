"""GE503 mod-flag-in-workspace against the real go command (1.21: only readonly; 1.22+: readonly or vendor): the
rule quotes go's first line, and dropping -mod from the GOENV file lets the workspace build."""

from __future__ import annotations

import pytest
import realgo
import testbed
from realgo import apply, builds, facts_of, go

from goenv_lsp.engine import evaluate
from goenv_lsp.rules.ge5_workspace.ge503_mod_flag_in_workspace import check as GE503

app_fixture, gocache_fixture = realgo.app_fixture, realgo.gocache_fixture  # fixtures (by their own names)

pytestmark = pytest.mark.realgo


@pytest.mark.parametrize(("version", "flag", "allowed"), [("1.21.13", "vendor", "readonly"),
                                                          ("1.22.10", "mod", "readonly or vendor")])
def test_real_mod_flag_rejected_in_workspace(app, version: str, flag: str, allowed: str) -> None:
    root, go_bin, env = app(version)
    work = root.parent
    (work / "go.work").write_text("go 1.21\n\nuse ./app\n")
    goenv = testbed.write_goenv(env, GOFLAGS=f"-mod={flag}")
    build = go(go_bin, ["build", "./..."], root, env)
    says = f'go: -mod may only be set to {allowed} when in workspace mode, but it is set to "{flag}"'
    assert build.stderr.splitlines()[0] == says
    [finding] = evaluate(facts_of(work, env), rules=[GE503])
    assert f"`{says}`" in finding.message
    assert (finding.location.path, finding.module) == (str(goenv), str(work / "go.work"))
    apply(finding.fixes[0])
    assert builds(go_bin, root, env)
    assert evaluate(facts_of(work, env), rules=[GE503]) == []
