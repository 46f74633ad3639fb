"""GE511 vendored-go-too-new against the real go command (1.21 and 1.27, GOTOOLCHAIN local and auto: go never
switches for it): the rule quotes go's error on the modules.txt line."""

from __future__ import annotations

from pathlib import Path

import pytest
import realgo
import testbed
from realgo import MAIN, backticked, facts_of, go

from goenv_lsp.engine import evaluate
from goenv_lsp.rules.ge5_workspace.ge511_vendored_go_too_new import check as GE511

gocache_fixture = realgo.gocache_fixture  # a fixture (registered by its own name)

pytestmark = pytest.mark.realgo


@pytest.mark.parametrize(("version", "toolchain"), [("1.21.13", "local"), ("1.27.3", "auto")])
def test_real_vendored_module_needs_a_newer_go(tmp_path: Path, gocache: Path, version: str, toolchain: str) -> None:
    go_bin = testbed.go_root(version) / "bin"
    env = testbed.isolated_env(tmp_path, [go_bin], GOCACHE=gocache, GOTOOLCHAIN=toolchain)
    app = tmp_path / "app"
    (app / "vendor" / "example.com" / "dep").mkdir(parents=True)
    (app / "go.mod").write_text("module example.com/app\n\ngo 1.21\n\nrequire example.com/dep v1.0.0\n")
    (app / "main.go").write_text(MAIN)
    (app / "vendor" / "modules.txt").write_text("# example.com/dep v1.0.0\n## explicit; go 1.30\nexample.com/dep\n")
    (app / "vendor" / "example.com" / "dep" / "dep.go").write_text("package dep\n\nconst V = 1\n")
    build = go(go_bin, ["build", "./..."], app, env)
    [finding] = evaluate(facts_of(app, env), rules=[GE511])
    assert build.stderr.strip() == backticked(finding.message)
    assert (finding.location.path, finding.location.range.start.line) == (str(app / "vendor" / "modules.txt"), 0)
