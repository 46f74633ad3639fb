"""GE132 toolchain-selection-fails against the real go command: the finding quotes the error every command in the
module stops with, and removing the toolchain line lets it run."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
import testbed
from fixhelp import apply_edits

from goenv_lsp.engine import evaluate
from goenv_lsp.rules import by_code

pytestmark = pytest.mark.realgo


@pytest.mark.parametrize("version", ["1.22.10", "1.27.3"])
@pytest.mark.parametrize(("lines", "gotoolchain", "error"), [
    ("go 1.21.0\n\ntoolchain go1.21.x\n", None, 'go: invalid toolchain "go1.21.x" in go.mod'),
    ("go 2.0\n", "auto", 'go: invalid GOTOOLCHAIN "go2.0"'),
    ("go 1.21.0\n", "go2.0+auto", 'go: invalid GOTOOLCHAIN "go2.0"'),
])
def test_the_go_command_stops_as_predicted(tmp_path: Path, version: str, lines: str, gotoolchain: str | None,
                                           error: str, probe_real) -> None:
    gobin = testbed.go_root(version) / "bin"
    app = tmp_path / "app"
    app.mkdir()
    (app / "go.mod").write_text(f"module example.com/app\n\n{lines}")
    env = testbed.isolated_env(tmp_path, [gobin], GOTOOLCHAIN=gotoolchain)  # None: auto from go.env
    ran = subprocess.run([str(gobin / "go"), "list", "-m"], cwd=app, env=env, capture_output=True, text=True,
                         timeout=60)
    assert (ran.returncode, ran.stderr.strip()) == (1, error)
    [finding] = evaluate(probe_real(app, env), rules=[by_code("GE132")])
    assert f"`{error}`" in finding.message
    if finding.fixes:  # the toolchain line: remove it and the module loads
        [fix] = finding.fixes
        go_mod = app / "go.mod"
        go_mod.write_text(apply_edits(go_mod.read_text(), [(e.range, e.new_text) for e in fix.edits]))
        ran = subprocess.run([str(gobin / "go"), "list", "-m"], cwd=app, env=env, capture_output=True, text=True,
                             timeout=60)
        assert (ran.returncode, ran.stdout) == (0, "example.com/app\n")
        assert evaluate(probe_real(app, env), rules=[by_code("GE132")]) == []
