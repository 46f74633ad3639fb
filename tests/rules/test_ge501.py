"""GE501 vendor-inconsistent: modules.txt against go.mod, checked against the real go command's own error, for
go 1.21, 1.22 and 1.27; the offered `go mod vendor` clears it and the build passes after it."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import goproxy
import pytest
import realgo
import testbed
from realgo import MAIN, builds, facts_of, go

from goenv_lsp.engine import evaluate
from goenv_lsp.model import Applicability, CommandKind, Severity
from goenv_lsp.rules.ge5_workspace.ge501_vendor_inconsistent import check as RULE
from goenv_lsp.semantics.modules import scopes
from goenv_lsp.semantics.vendor import build_mode, disagreements, inconsistent_vendoring_error

gocache_fixture = realgo.gocache_fixture  # a fixture (registered by its own name)

pytestmark = pytest.mark.realgo


def predicted(facts) -> str:
    [scope] = scopes(facts)
    mode = build_mode(facts, scope)
    assert mode is not None and mode.mode == "vendor"
    return inconsistent_vendoring_error(mode.vendor_dir, disagreements(facts, scope, mode) or [], mode.workspace)


@pytest.fixture
def vendored_app(tmp_path: Path, gocache: Path):
    """A module vendoring example.com/dep v1.1.0 from an offline proxy; then `go get` raised it to v1.2.0 and
    a replace sent it to a local fork — both without `go mod vendor` after."""

    def make(version: str) -> tuple[Path, Path, dict[str, str]]:
        proxy = tmp_path / "proxy"
        for v in ("v1.1.0", "v1.2.0"):
            goproxy.add_module(proxy, "example.com/dep", v, files={"dep.go": "package dep\n\nconst V = 1\n"})
        app = tmp_path / "app"
        app.mkdir()
        (app / "go.mod").write_text("module example.com/app\n\ngo 1.21\n\nrequire example.com/dep v1.1.0\n")
        (app / "main.go").write_text(MAIN)
        fork = tmp_path / "fork"
        fork.mkdir()
        (fork / "go.mod").write_text("module example.com/dep\n\ngo 1.21\n")
        (fork / "dep.go").write_text("package dep\n\nconst V = 2\n")
        go_bin = testbed.go_root(version) / "bin"
        env = testbed.isolated_env(tmp_path, [go_bin], GOPROXY=goproxy.proxy_url(proxy), GONOSUMDB="example.com",
                                   GOFLAGS="", GOCACHE=gocache)
        for args in (["mod", "tidy"], ["mod", "vendor"]):
            assert go(go_bin, args, app, env, GOFLAGS="-mod=mod" if args[1] == "tidy" else "").returncode == 0
        assert go(go_bin, ["list", "-deps", "./..."], app, env).returncode == 0  # consistent: loads from vendor/
        return app, go_bin, env

    return make


@pytest.mark.parametrize("version", ["1.21.13", "1.22.10", "1.27.3"])
def test_real_go_reports_what_the_rule_predicts_and_go_mod_vendor_clears_it(vendored_app, version: str) -> None:
    app, go_bin, env = vendored_app(version)
    assert go(go_bin, ["get", "example.com/dep@v1.2.0"], app, env, GOFLAGS="-mod=mod").returncode == 0
    assert go(go_bin, ["mod", "edit", "-replace=example.com/dep=../fork"], app, env).returncode == 0

    build = go(go_bin, ["build", "./..."], app, env)
    facts = facts_of(app, env)
    assert build.returncode == 1
    assert build.stderr == predicted(facts) + "\n"
    assert build.stderr.splitlines()[1:4] == [
        "\texample.com/dep@v1.2.0: is explicitly required in go.mod, but not marked as explicit in vendor/modules.txt",
        "\texample.com/dep: is replaced in go.mod, but not marked as replaced in vendor/modules.txt",
        "\texample.com/dep@v1.1.0: is marked as explicit in vendor/modules.txt, but not explicitly required in go.mod",
    ]
    findings = evaluate(facts, rules=[RULE])
    assert [(f.location.path, f.location.range.start.line, f.severity) for f in findings] == [
        (str(app / "go.mod"), 4, Severity.ERROR), (str(app / "go.mod"), 6, Severity.ERROR),
        (str(app / "vendor" / "modules.txt"), 0, Severity.ERROR)]
    fix = findings[0].fixes[0]
    assert (fix.applicability, fix.command.kind, fix.command.argv[1:], fix.command.cwd) == (
        Applicability.UNSAFE, CommandKind.SYNC_VENDOR, ("mod", "vendor"), str(app))

    ran = subprocess.run(fix.command.argv, cwd=fix.command.cwd, env=env, capture_output=True, text=True, timeout=180)
    assert ran.returncode == 0, ran.stderr
    assert builds(go_bin, app, env)
    assert evaluate(facts_of(app, env), rules=[RULE]) == []


def test_real_empty_vendor_directory(vendored_app) -> None:
    app, go_bin, env = vendored_app("1.27.3")
    for item in sorted((app / "vendor").rglob("*"), reverse=True):
        item.rmdir() if item.is_dir() else item.unlink()
    (app / "vendor" / ".gitkeep").write_text("")
    build = go(go_bin, ["build", "./..."], app, env)
    facts = facts_of(app, env)
    assert build.stderr == predicted(facts) + "\n"
    assert "example.com/dep@v1.1.0: is explicitly required in go.mod, but not marked as explicit" in build.stderr
    [finding] = evaluate(facts, rules=[RULE])
    assert (finding.location.path, finding.location.range.start.line) == (str(app / "go.mod"), 4)


@pytest.mark.parametrize("version", ["1.21.13"])
def test_real_replacement_changed_after_vendoring(vendored_app, version: str) -> None:
    """Go 1.21 reports a changed replacement from go.mod and again from each modules.txt line recording it (the
    module's and the wildcard one), 1.22+ once."""
    app, go_bin, env = vendored_app(version)
    fork2 = app.parent / "fork2"
    shutil.copytree(app.parent / "fork", fork2)
    assert go(go_bin, ["mod", "edit", "-replace=example.com/dep=../fork"], app, env).returncode == 0
    assert go(go_bin, ["mod", "vendor"], app, env).returncode == 0
    assert go(go_bin, ["list", "-deps", "./..."], app, env).returncode == 0
    assert go(go_bin, ["mod", "edit", "-replace=example.com/dep=../fork2"], app, env).returncode == 0
    build = go(go_bin, ["build", "./..."], app, env)
    facts = facts_of(app, env)
    assert build.stderr == predicted(facts) + "\n"
    assert len(build.stderr.splitlines()) == (8 if version == "1.21.13" else 6)
    findings = evaluate(facts, rules=[RULE])
    assert [(f.location.path, f.location.range.start.line) for f in findings][:1] == [(str(app / "go.mod"), 6)]
    assert len(findings) == (3 if version == "1.21.13" else 1)


def test_real_workspace_vendoring(vendored_app) -> None:
    """Go 1.22+: `go work vendor` writes the vendor/ beside go.work; a stale one names go work vendor."""
    app, go_bin, env = vendored_app("1.27.3")
    shutil.rmtree(app / "vendor")
    work = app.parent
    (work / "go.work").write_text("go 1.21\n\nuse ./app\n")
    assert go(go_bin, ["work", "vendor"], work, env).returncode == 0
    assert (work / "vendor" / "modules.txt").read_text().startswith("## workspace\n")
    assert go(go_bin, ["list", "-deps", "./..."], app, env).returncode == 0
    assert go(go_bin, ["get", "example.com/dep@v1.2.0"], app, env, GOFLAGS="-mod=mod").returncode == 0
    build = go(go_bin, ["build", "./..."], work / "app", env)
    facts = facts_of(work, env)
    [scope] = scopes(facts)
    mode = build_mode(facts, scope)
    assert (mode.mode, mode.workspace, mode.vendor_dir) == ("vendor", True, str(work))
    assert build.stderr == inconsistent_vendoring_error(str(work), disagreements(facts, scope, mode), True) + "\n"
    assert build.stderr.rstrip().endswith("go work vendor")
    assert "not explicitly required in a go.mod" in build.stderr
    findings = evaluate(facts, rules=[RULE])
    command = findings[0].fixes[0].command
    assert (command.argv[1:], command.cwd) == (("work", "vendor"), str(work))
    assert subprocess.run(command.argv, cwd=command.cwd, env=env, capture_output=True, timeout=180).returncode == 0
    assert go(go_bin, ["build", "./..."], app, env).returncode == 0
    assert evaluate(facts_of(work, env), rules=[RULE]) == []


def test_real_workspace_vendoring_with_a_module_replacement(tmp_path: Path, gocache: Path) -> None:
    """A directory replacement in a workspace module is recorded relative to go.work (canonicalizeReplacePath)."""
    go_bin = testbed.go_root("1.27.3") / "bin"
    env = testbed.isolated_env(tmp_path, [go_bin], GOCACHE=gocache)
    work = tmp_path / "ws"
    for fork in ("fork", "fork2"):
        (work / "libs" / fork).mkdir(parents=True)
        (work / "libs" / fork / "go.mod").write_text("module example.com/dep\n\ngo 1.21\n")
        (work / "libs" / fork / "dep.go").write_text("package dep\n\nconst V = 1\n")
    (work / "svc").mkdir()
    (work / "svc" / "go.mod").write_text("module example.com/svc\n\ngo 1.21\n\nrequire example.com/dep v1.0.0\n\n"
                                         "replace example.com/dep => ../libs/fork\n")
    (work / "svc" / "main.go").write_text(MAIN)
    (work / "go.work").write_text("go 1.21\n\nuse ./svc\n")
    assert go(go_bin, ["work", "vendor"], work, env).returncode == 0
    assert "# example.com/dep v1.0.0 => ./libs/fork\n" in (work / "vendor" / "modules.txt").read_text()
    assert evaluate(facts_of(work, env), rules=[RULE]) == []
    assert go(go_bin, ["mod", "edit", "-replace=example.com/dep=../libs/fork2"], work / "svc", env).returncode == 0
    build = go(go_bin, ["build", "./..."], work, env)  # in the go.work's directory: its paths are relative to it
    facts = facts_of(work, env)
    [scope] = scopes(facts)
    mode = build_mode(facts, scope)
    assert build.stderr == inconsistent_vendoring_error(str(work), disagreements(facts, scope, mode), True) + "\n"
    [finding] = evaluate(facts, rules=[RULE])
    assert (finding.location.path, finding.location.range.start.line) == (str(work / "svc" / "go.mod"), 6)


def test_real_go_line_before_1_14_with_explicit_vendor_mode(tmp_path: Path, gocache: Path) -> None:
    """go 1.13 in go.mod: checkVendorConsistency only compares versions (a hand-made modules.txt of that era)."""
    go_bin = testbed.go_root("1.27.3") / "bin"
    env = testbed.isolated_env(tmp_path, [go_bin], GOCACHE=gocache, GOFLAGS="-mod=vendor")
    app = tmp_path / "app"
    (app / "vendor").mkdir(parents=True)
    (app / "go.mod").write_text("module example.com/app\n\ngo 1.13\n\nrequire example.com/dep v1.2.0\n")
    (app / "main.go").write_text(MAIN)
    (app / "vendor" / "modules.txt").write_text("# example.com/dep v1.1.0\nexample.com/dep\n")
    build = go(go_bin, ["build", "./..."], app, env)
    facts = facts_of(app, env)
    assert build.stderr == predicted(facts) + "\n"
    assert "example.com/dep@v1.2.0: is explicitly required in go.mod, but vendor/modules.txt indicates " \
           "example.com/dep@v1.1.0" in build.stderr
    [finding] = evaluate(facts, rules=[RULE])
    assert finding.location.range.start.line == 4
