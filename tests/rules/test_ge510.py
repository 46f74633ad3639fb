"""GE510 module-vendor-ignored against the real go command: in workspace mode a module's own vendor/ is not
read (offline, the build fails to find the dependency), with GOWORK=off it is."""

from __future__ import annotations

import shutil
import subprocess

import pytest
import realgo
from realgo import facts_of, go

from goenv_lsp.engine import evaluate
from goenv_lsp.model import Severity
from goenv_lsp.rules.ge5_workspace.ge510_module_vendor_ignored import check as GE510

app_fixture, gocache_fixture = realgo.app_fixture, realgo.gocache_fixture  # fixtures (by their own names)

pytestmark = pytest.mark.realgo


def test_real_module_vendor_is_ignored_in_workspace_mode(app) -> None:
    root, go_bin, env = app("1.27.3")
    assert go(go_bin, ["mod", "vendor"], root, env).returncode == 0
    subprocess.run(["chmod", "-R", "u+w", env["GOMODCACHE"]], check=True)
    shutil.rmtree(env["GOMODCACHE"])
    env["GOPROXY"] = "off"
    assert go(go_bin, ["build", "./..."], root, env).returncode == 0  # alone: from its vendor/
    work = root.parent
    (work / "go.work").write_text("go 1.21\n\nuse ./app\n")
    build = go(go_bin, ["build", "./..."], root, env)
    assert build.returncode == 1 and "GOPROXY=off" in build.stderr  # the module cache, not vendor/
    assert go(go_bin, ["build", "./..."], root, env, GOWORK="off").returncode == 0
    [finding] = evaluate(facts_of(work, env), rules=[GE510])
    assert (finding.location.path, finding.severity) == (str(root / "vendor" / "modules.txt"), Severity.INFO)
    assert "from the module cache" in finding.message
