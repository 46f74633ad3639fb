"""GE130 dependency-needs-newer-go against the real go command: a dependency whose cached go.mod needs a newer Go
than the local toolchain, or than the main module's go line, with modules served offline by a file:// proxy."""

from __future__ import annotations

import subprocess
from pathlib import Path

import goproxy
import pytest
import testbed
from fixhelp import apply_edits, apply_json_fix

from goenv_lsp.engine import evaluate
from goenv_lsp.model import Applicability, Finding
from goenv_lsp.rules import by_code

pytestmark = pytest.mark.realgo

DEP = "example.com/Dep"  # upper case: the cache escapes it as example.com/!dep


_BUILD_CACHE: list[Path] = []


@pytest.fixture(scope="module", autouse=True)
def build_cache(tmp_path_factory) -> None:
    """One GOCACHE for the go commands of this module: the standard library is compiled once, not per test."""
    _BUILD_CACHE[:] = [tmp_path_factory.mktemp("gocache")]


def go(gobin: Path, args: list[str], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess:
    env = {**env, "GOCACHE": str(_BUILD_CACHE[0])}
    return subprocess.run([str(gobin / "go"), *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=120)


@pytest.fixture
def project(tmp_path: Path, go127: Path) -> Path:
    """A module requiring example.com/Dep v1.1.0 (go 1.23.0) with go 1.22; v1.0.0 (go 1.21) and v1.1.0 are both in
    the module cache and go.sum lists v1.1.0, as after `go get -u` with a newer Go."""
    proxy = tmp_path / "proxy"
    goproxy.add_module(proxy, DEP, "v1.0.0", go_mod=f"module {DEP}\n\ngo 1.21\n")
    goproxy.add_module(proxy, DEP, "v1.1.0", go_mod=f"module {DEP}\n\ngo 1.23.0\n")
    app = tmp_path / "app"
    app.mkdir()
    (app / "app.go").write_text(f'package app\n\nimport _ "{DEP}"\n')  # a library: builds without compiling runtime
    env = testbed.isolated_env(tmp_path, [go127 / "bin"], GOPROXY=goproxy.proxy_url(proxy), GONOSUMDB="example.com")
    for version in ("v1.0.0", "v1.1.0"):
        assert go(go127 / "bin", ["mod", "download", f"{DEP}@{version}"], app, env).returncode == 0
    (app / "go.mod").write_text(f"module example.com/app\n\ngo 1.22\n\nrequire {DEP} v1.1.0\n")
    assert go(go127 / "bin", ["mod", "tidy"], app, env).returncode == 0  # writes go.sum (and raises the go line)
    (app / "go.mod").write_text(f"module example.com/app\n\ngo 1.22\n\nrequire {DEP} v1.1.0\n")
    return app


def ge130(probe_real, app: Path, env: dict[str, str]) -> list[Finding]:
    return evaluate(probe_real(app, env), rules=[by_code("GE130")])


def apply(finding: Finding, index: int) -> None:
    fix = finding.fixes[index]
    by_path: dict[str, list] = {}
    for edit in fix.edits:
        by_path.setdefault(edit.path, []).append((edit.range, edit.new_text))
    for path, edits in by_path.items():
        Path(path).write_text(apply_edits(Path(path).read_text(), edits))


def test_local_go_too_old_the_downgrade_fix_builds(project: Path, tmp_path: Path, go122: Path, probe_real) -> None:
    """go 1.22.10 with GOTOOLCHAIN=local and GOPROXY=off: the finding on the require line quotes go build's own
    error; applying the fix (v1.0.0 and its go.sum lines from the cache) makes go build pass and clears it."""
    env = testbed.isolated_env(tmp_path, [go122 / "bin"], GONOSUMDB="example.com")
    built = go(go122 / "bin", ["build", "./..."], project, env)
    wording = "go: example.com/Dep@v1.1.0 requires go >= 1.23.0 (running go 1.22.10; GOTOOLCHAIN=local)"
    assert (built.returncode, built.stderr.strip()) == (1, wording)
    [finding] = ge130(probe_real, project, env)
    assert (finding.code, finding.severity, finding.location.path) == ("GE130", "error", str(project / "go.mod"))
    assert (finding.location.range.start.line, finding.location.range.start.character) == (4, 24)
    assert f"`{wording}`" in finding.message
    [fix] = finding.fixes
    assert (fix.title, fix.applicability) == ("Require v1.0.0, the newest cached version that fits go 1.22 "
                                              "(go 1.21; downgrades example.com/Dep)", Applicability.UNSAFE)
    apply(finding, 0)
    assert (project / "go.mod").read_text().endswith(f"require {DEP} v1.0.0\n")
    built = go(go122 / "bin", ["build", "./..."], project, env)
    assert (built.returncode, built.stderr) == (0, "")
    assert ge130(probe_real, project, env) == []
    assert go(go122 / "bin", ["mod", "verify"], project, env).stdout == "all modules verified\n"


def test_module_go_line_behind_the_raise_fix_builds(project: Path, tmp_path: Path, go127: Path, probe_real) -> None:
    """go 1.27.3 runs, go.mod says go 1.22, the dependency go 1.23.0: go build wants go mod tidy; the safe fix
    raises the go line to the dependency's, as go mod tidy would."""
    env = testbed.isolated_env(tmp_path, [go127 / "bin"], GONOSUMDB="example.com")
    built = go(go127 / "bin", ["build", "./..."], project, env)
    assert (built.returncode, built.stderr) == (1, "go: updates to go.mod needed; to update it:\n\tgo mod tidy\n")
    [finding] = ge130(probe_real, project, env)
    assert "`go: updates to go.mod needed; to update it: go mod tidy`" in finding.message
    assert [(f.title, f.applicability) for f in finding.fixes] == [
        ("Raise the go line to 1.23.0 (what `go mod tidy` does)", Applicability.SAFE),
        ("Require v1.0.0, the newest cached version that fits go 1.22 (go 1.21; downgrades example.com/Dep)",
         Applicability.UNSAFE)]
    apply(finding, 0)
    assert go(go127 / "bin", ["build", "./..."], project, env).returncode == 0
    assert ge130(probe_real, project, env) == []


def test_a_newer_go_elsewhere_is_named(project: Path, tmp_path: Path, go122: Path, go127: Path,
                                       probe_real) -> None:
    """Not only the downgrade: a go on PATH behind the running one satisfies the dependency, and the message says
    to put it first."""
    env = testbed.isolated_env(tmp_path, [go122 / "bin", go127 / "bin"], GONOSUMDB="example.com")
    [finding] = ge130(probe_real, project, env)
    assert f"{go127 / 'bin' / 'go'} (go1.27.3) satisfies it: put its directory first on PATH" in finding.message
    env_first = testbed.isolated_env(tmp_path, [go127 / "bin", go122 / "bin"], GONOSUMDB="example.com")
    [behind] = ge130(probe_real, project, env_first)  # go 1.27.3 first: only the go line is behind
    assert behind.message.startswith("example.com/Dep@v1.1.0 needs go 1.23.0 (its cached go.mod says `go 1.23.0`), "
                                     "newer than the go 1.22 of go.mod")


def test_as_a_new_user_with_the_cli(project: Path, tmp_path: Path, go122: Path, check_real) -> None:
    """`goenv-lsp check --format json`, as a user runs it: GE130 on go.mod line 5, and its fix, applied from the
    JSON as an editor would, makes the offline build pass; the next check is clean of it."""
    env = testbed.isolated_env(tmp_path, [go122 / "bin"], GONOSUMDB="example.com")
    code, report = check_real(project, env)
    [finding] = [f for f in report["findings"] if f["code"] == "GE130"]
    assert (code, finding["path"], finding["range"]["start"]) == (
        1, "go.mod", {"line": 4, "character": 24})
    [fix] = finding["fixes"]
    assert [e["path"] for e in fix["edits"]] == ["go.mod", "go.sum"]
    apply_json_fix(fix, project, env["HOME"])
    assert go(go122 / "bin", ["build", "./..."], project, env).returncode == 0
    _, report = check_real(project, env)
    assert [f for f in report["findings"] if f["code"] == "GE130"] == []


def test_workspace_mode_wording(project: Path, tmp_path: Path, go122: Path, go127: Path, probe_real) -> None:
    """Under a go.work the go command words it `module X@V requires go >= …`; a go line behind is no error there
    (go 1.27.3 builds)."""
    (project / "go.work").write_text("go 1.22\n\nuse .\n")
    env = testbed.isolated_env(tmp_path, [go122 / "bin"], GONOSUMDB="example.com")
    built = go(go122 / "bin", ["build", "./..."], project, env)
    assert built.stderr.strip() == ("go: module example.com/Dep@v1.1.0 requires go >= 1.23.0 (running go 1.22.10; "
                                    "GOTOOLCHAIN=local)")
    [finding] = ge130(probe_real, project, env)
    assert f"`{built.stderr.strip()}`" in finding.message
    newer = testbed.isolated_env(tmp_path, [go127 / "bin"], GONOSUMDB="example.com")
    assert go(go127 / "bin", ["build", "./..."], project, newer).returncode == 0
    assert ge130(probe_real, project, newer) == []


def test_a_toolchain_at_hand_is_used_instead_of_a_downgrade(tmp_path: Path, go122: Path, go124: Path, go127: Path,
                                                            probe_real) -> None:
    """go 1.22.10 with GOTOOLCHAIN=local in the GOENV file, a go1.24.11 on PATH (as golang.org/dl installs it) and a
    dependency that needs go 1.24.11: the fix raises the go line and allows switching; go build then runs
    go1.24.11 and passes, offline."""
    proxy = tmp_path / "proxy"
    goproxy.add_module(proxy, DEP, "v1.2.0", go_mod=f"module {DEP}\n\ngo 1.24.11\n")
    app = tmp_path / "app"
    app.mkdir()
    (app / "app.go").write_text(f'package app\n\nimport _ "{DEP}"\n')
    text = f"module example.com/app\n\ngo 1.22\n\nrequire {DEP} v1.2.0\n"
    (app / "go.mod").write_text(text)
    newer = testbed.isolated_env(tmp_path, [go127 / "bin"], GOPROXY=goproxy.proxy_url(proxy), GONOSUMDB="example.com")
    assert go(go127 / "bin", ["mod", "tidy"], app, newer).returncode == 0
    (app / "go.mod").write_text(text)
    tools = tmp_path / "sdk"
    tools.mkdir()
    (tools / "go1.24.11").symlink_to(go124 / "bin" / "go")
    env = testbed.isolated_env(tmp_path, [go122 / "bin", tools], GOTOOLCHAIN=None, GONOSUMDB="example.com")
    testbed.write_goenv(env, GOTOOLCHAIN="local")
    [finding] = ge130(probe_real, app, env)
    assert f"go1.24.11 is at hand ({tools / 'go1.24.11'})" in finding.message
    fix = finding.fixes[0]
    assert fix.title == ("Raise the go line to 1.24.11 and run `go env -w GOTOOLCHAIN=auto`: the go command then uses "
                         "go1.24.11")
    apply(finding, 0)
    assert subprocess.run(fix.command.argv, cwd=fix.command.cwd, env=env, timeout=60).returncode == 0
    built = go(go122 / "bin", ["build", "./..."], app, env)
    assert (built.returncode, built.stderr) == (0, "")
    ran = go(go122 / "bin", ["env", "GOVERSION"], app, env)
    assert ran.stdout.strip() == "go1.24.11"
    assert ge130(probe_real, app, env) == []
