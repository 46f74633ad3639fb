"""GE502 mod-vendor-without-vendor and GE503 mod-flag-in-workspace, against the real go command: its error is
what the rules predict, and after the offered fix go builds and the finding is gone."""

from __future__ import annotations

import subprocess
from pathlib import Path

import goproxy
import pytest
import testbed
from fixhelp import apply_edits

from goenv_lsp.engine import evaluate
from goenv_lsp.model import Fix
from goenv_lsp.probe import ProbeOptions, collect_sync
from goenv_lsp.probe.system import RealSystem
from goenv_lsp.rules.ge5_workspace.ge502_mod_vendor_without_vendor import check as GE502
from goenv_lsp.rules.ge5_workspace.ge503_mod_flag_in_workspace import check as GE503
from goenv_lsp.semantics.modules import scopes
from goenv_lsp.semantics.vendor import build_mode, disagreements, inconsistent_vendoring_error

MAIN = 'package main\n\nimport "example.com/dep"\n\nfunc main() { _ = dep.V }\n'


@pytest.fixture(scope="module")
def gocache(tmp_path_factory) -> Path:
    """One build cache for the file's tests: the standard library is compiled once per Go version."""
    return tmp_path_factory.mktemp("gocache")


def go(go_bin: Path, args: list[str], cwd: Path, env: dict[str, str], **extra: str) -> subprocess.CompletedProcess:
    return subprocess.run([str(go_bin / "go"), *args], cwd=cwd, env={**env, **extra}, capture_output=True, text=True,
                          timeout=180)


def facts_of(root: Path, env: dict[str, str]):
    return collect_sync(str(root), ProbeOptions(), RealSystem(env=env, well_known_go=()))


def apply(fix: Fix) -> None:
    for path in {e.path for e in fix.edits}:
        text = Path(path).read_text()
        Path(path).write_text(apply_edits(text, [(e.range, e.new_text) for e in fix.edits if e.path == path]))


@pytest.fixture
def app(tmp_path: Path, gocache: Path):
    """A module requiring example.com/dep from an offline proxy, tidied (go.sum and the module cache filled)."""

    def make(version: str, **env_extra: str) -> tuple[Path, Path, dict[str, str]]:
        proxy = tmp_path / "proxy"
        goproxy.add_module(proxy, "example.com/dep", "v1.0.0", files={"dep.go": "package dep\n\nconst V = 1\n"})
        root = tmp_path / "app"
        root.mkdir()
        (root / "go.mod").write_text("module example.com/app\n\ngo 1.21\n\nrequire example.com/dep v1.0.0\n")
        (root / "main.go").write_text(MAIN)
        go_bin = testbed.go_root(version) / "bin"
        env = testbed.isolated_env(tmp_path, [go_bin], GOPROXY=goproxy.proxy_url(proxy), GONOSUMDB="example.com",
                                   GOCACHE=gocache, **env_extra)
        assert go(go_bin, ["mod", "tidy"], root, env, GOFLAGS="-mod=mod").returncode == 0
        return root, go_bin, env

    return make


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
    assert go(go_bin, ["build", "./..."], root, env).returncode == 0
    assert evaluate(facts_of(root, env), rules=[GE502]) == []


def test_real_goflags_in_the_environment_go_mod_vendor_clears_it(app) -> None:
    root, go_bin, env = app("1.22.10", GOFLAGS="-mod=vendor")
    assert "go: inconsistent vendoring in" in go(go_bin, ["build", "./..."], root, env).stderr
    [finding] = evaluate(facts_of(root, env), rules=[GE502])
    assert (finding.location.path, finding.location.range.start.line) == (str(root / "go.mod"), 0)
    command = finding.fixes[-1].command
    assert command.argv[1:] == ("mod", "vendor")
    assert subprocess.run(command.argv, cwd=command.cwd, env=env, capture_output=True, timeout=180).returncode == 0
    assert go(go_bin, ["build", "./..."], root, env).returncode == 0
    assert evaluate(facts_of(root, env), rules=[GE502]) == []


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
    assert go(go_bin, ["build", "./..."], root, env).returncode == 0
    assert evaluate(facts_of(work, env), rules=[GE503]) == []
