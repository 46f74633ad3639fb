"""GE801 on the version managers' files (the lead's tests/rules/test_ge801.py covers the rule itself): a
`.tool-versions`, `.go-version` or mise config with an older Go in a go 1.27 module, on real files probed by the
real collector; the Go that file selects (the testbed's 1.22.10, placed as asdf keeps it) really fails there, and
the quick fix clears the finding."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
import testbed
from managerhelp import asdf, workspace
from realgo import apply, facts_of

from goenv_lsp.engine import evaluate
from goenv_lsp.model import Applicability, Range
from goenv_lsp.rules.ge8_versions.ge801_go_version_lags import check as GE801

pytestmark = pytest.mark.realgo


@pytest.mark.parametrize(("name", "text", "range_", "fixed"), [
    (".tool-versions", "nodejs 22.1.0\ngolang 1.22.10\n", Range.of(1, 7, 14), "nodejs 22.1.0\ngolang 1.27.3\n"),
    (".go-version", "1.22.10\n", Range.of(0, 0, 7), "1.27.3\n"),
    ("mise.toml", '[tools]\ngo = "1.22"\n', Range.of(1, 6, 10), '[tools]\ngo = "1.27"\n'),
])
def test_real_version_file_older_than_the_go_line(tmp_path: Path, name: str, text: str, range_: Range,
                                                   fixed: str) -> None:
    home = tmp_path / "home"
    shims = asdf(home, "1.22.10")
    ws = workspace(tmp_path / "ws", "1.27.3", {name: text})
    env = testbed.isolated_env(tmp_path, [shims, testbed.go_root("1.27.3") / "bin"])
    [finding] = evaluate(facts_of(ws, env), rules=[GE801])
    assert (finding.location.path, finding.location.range) == (str(ws / name), range_)
    assert "older than `go 1.27.3`" in finding.message
    # the Go that file selects cannot build the module without switching toolchains
    selected = home / ".asdf/installs/golang/1.22.10/go/bin/go"
    build = subprocess.run([str(selected), "build", "./..."], cwd=ws, env=env, capture_output=True, text=True)
    assert build.returncode == 1
    assert "go: go.mod requires go >= 1.27.3 (running go 1.22.10; GOTOOLCHAIN=local)" in build.stderr
    [fix] = finding.fixes
    assert fix.applicability is Applicability.SAFE
    apply(fix)
    assert (ws / name).read_text() == fixed
    assert evaluate(facts_of(ws, env), rules=[GE801]) == []


def test_real_newer_patch_is_fine(tmp_path: Path) -> None:
    ws = workspace(tmp_path / "ws", "1.27.3", {".tool-versions": "golang 1.27.4\n"})
    env = testbed.isolated_env(tmp_path, [testbed.go_root("1.27.3") / "bin"])
    assert evaluate(facts_of(ws, env), rules=[GE801]) == []
