"""GE104 goroot-mismatch: GOROOT names another Go tree than the go that runs."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
import testbed
from factsbuilder import HOME, ROOT, env_file, go_binary, healthy
from fixhelp import apply_json_fix, removes_lines

from goenv_lsp.engine import evaluate
from goenv_lsp.facts import PathInfo
from goenv_lsp.model import Location, Range, Related, Severity
from goenv_lsp.rules.ge1_toolchain.ge104_goroot_mismatch import check as GE104

GOENV = f"{HOME}/.config/go/env"
GO124 = "/usr/local/go1.24.11"
OLD_TREE = "/sdk/go1.22.10"
COPY_TREE = "/opt/go-copy"
CACHED = f"{HOME}/go/pkg/mod/golang.org/toolchain@v0.0.1-go1.27.3.linux-amd64"
PATHS = {
    OLD_TREE: PathInfo("dir", True, "go1.22.10", OLD_TREE),
    COPY_TREE: PathInfo("dir", True, "go1.24.11", COPY_TREE),
    GO124: PathInfo("dir", True, "go1.24.11", GO124),
    "/opt/go124-link": PathInfo("dir", True, "go1.24.11", GO124),
    "/srv/files": PathInfo("dir", False, None, "/srv/files"),
    "/nonexistent": PathInfo("missing"),
}
MODULE_LINE = Location(f"{ROOT}/go.mod", Range.of(0, 7, 22))


def run(facts):
    return evaluate(facts, rules=[GE104])


def go124_with(goroot: str | None = None, goenv_goroot: str | None = None, **changes):
    """go 1.24.11 first on PATH; GOROOT from the environment or the GOENV file."""
    env = {"HOME": HOME} | ({"GOROOT": goroot} if goroot else {})
    user = env_file(GOENV, **({"GOROOT": goenv_goroot} if goenv_goroot else {}))
    return healthy(**{"go_binaries": (go_binary("1.24.11", root=GO124),), "env": env, "user_env_file": user,
                      "paths": PATHS, **changes})


def test_goroot_of_another_version() -> None:
    [finding] = run(go124_with(OLD_TREE))
    assert (finding.code, finding.name, finding.severity) == ("GE104", "goroot-mismatch", Severity.ERROR)
    assert finding.message == (
        f"GOROOT={OLD_TREE} from the environment variable GOROOT is go1.22.10, but the go that runs "
        f"({GO124}/bin/go) is go1.24.11: builds fail with `compile: version \"go1.22.10\" does not match go tool "
        "version \"go1.24.11\"`")
    assert finding.location == MODULE_LINE
    assert finding.fixes == () and finding.related == ()


def test_goroot_from_the_goenv_file() -> None:
    [finding] = run(go124_with(goenv_goroot=OLD_TREE))
    assert f"from GOENV file {GOENV}:1 is go1.22.10" in finding.message
    assert finding.location == Location(GOENV, Range.of(0, 0, len(f"GOROOT={OLD_TREE}")))
    assert finding.fixes == (removes_lines(GOENV, 0, key="GOROOT"),)
    assert finding.related == (Related(MODULE_LINE, "the module built with it"),)


def test_a_copy_of_the_same_version() -> None:
    [finding] = run(go124_with(COPY_TREE))
    assert finding.severity is Severity.WARNING
    assert finding.message == (f"GOROOT={COPY_TREE} from the environment variable GOROOT is another copy than the "
                               f"go that runs ({GO124}/bin/go, root {GO124}); it works only while both stay the "
                               "same version")


def test_goroot_in_the_toolchain_cache() -> None:
    [finding] = run(go124_with(goenv_goroot=CACHED))
    assert finding.severity is Severity.WARNING
    assert finding.message == (
        f"GOROOT={CACHED} from GOENV file {GOENV}:1 points into the module cache's downloaded toolchain go1.27.3; "
        "it stays pinned to that toolchain whatever PATH, go.mod or GOTOOLCHAIN say")
    assert finding.fixes == (removes_lines(GOENV, 0, key="GOROOT"),)


def test_windows_toolchain_cache_path() -> None:
    cached = r"C:\Users\me\go\pkg\mod\golang.org\toolchain@v0.0.1-go1.27.3.windows-amd64"
    [finding] = run(go124_with(cached))
    assert "downloaded toolchain go1.27.3" in finding.message


def test_goroot_is_the_running_go_s_own_tree() -> None:
    assert run(go124_with(GO124)) == []
    assert run(go124_with(GO124 + "/")) == []


def test_goroot_is_a_symlink_to_the_running_go_s_tree() -> None:
    assert run(go124_with("/opt/go124-link")) == []


@pytest.mark.parametrize("goroot", ["/srv/files", "/nonexistent", "/not/inspected", "relative"])
def test_not_a_go_tree_is_ge103_s_case(goroot: str) -> None:
    assert run(go124_with(goroot)) == []


def test_goroot_in_go_env_is_ignored() -> None:
    assert run(go124_with(goroot_env_file=env_file("/x/go.env", GOROOT=OLD_TREE))) == []


def test_an_empty_environment_variable_counts_as_unset() -> None:
    facts = go124_with(goenv_goroot=OLD_TREE, env={"GOROOT": ""})
    [finding] = run(facts)
    assert finding.location.path == GOENV


def test_no_go_on_path() -> None:
    assert run(go124_with(OLD_TREE, go_binaries=(go_binary("1.24.11", path_index=None, origins=("GOROOT",)),))) == []


@pytest.mark.parametrize("unknown", [{"env": None}, {"paths": None}, {"go_binaries": None}])
def test_unknown_facts_yield_nothing(unknown: dict) -> None:
    assert run(go124_with(OLD_TREE, **unknown)) == []


def test_unknown_goenv_file_yields_nothing() -> None:
    assert run(go124_with(goenv_goroot=OLD_TREE, user_env_file=None, unknown=("goenv",))) == []


# --- real toolchains


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    ws = tmp_path / "ws"
    ws.mkdir()
    (ws / "go.mod").write_text("module example.com/app\n\ngo 1.22.0\n")
    return ws


def ge104(report: dict) -> dict:
    [finding] = [f for f in report["findings"] if f["code"] == "GE104"]
    return finding


@pytest.mark.realgo
def test_real_goroot_of_another_version(workspace: Path, go122: Path, go124: Path, go_env: testbed.EnvFactory,
                                        check_real) -> None:
    env = go_env([go124 / "bin"], GOROOT=go122)
    real = subprocess.run(["go", "env", "GOVERSION", "GOROOT"], env=env, capture_output=True, text=True, timeout=60)
    assert real.stdout == f"go1.24.11\n{go122}\n"  # the probes still work: only builds break
    (workspace / "main.go").write_text("package main\n\nfunc main() {}\n")
    build = subprocess.run(["go", "build", "-o", os.devnull, "."], cwd=workspace, env=env, capture_output=True,
                           text=True, timeout=120)  # fails at once: every compile of the standard library refuses
    assert build.returncode == 1
    compile_error = 'compile: version "go1.22.10" does not match go tool version "go1.24.11"'
    assert compile_error in build.stderr.splitlines()
    code, report = check_real(workspace, env)
    assert code == 1
    finding = ge104(report)
    assert finding["severity"] == "error"
    assert f"`{compile_error}`" in finding["message"]


@pytest.mark.realgo
def test_real_goroot_is_a_copy_of_the_same_tree(workspace: Path, tmp_path: Path, go124: Path,
                                                go_env: testbed.EnvFactory, check_real) -> None:
    copy = tmp_path / "copy" / "go"
    shutil.copytree(go124, copy, symlinks=True, copy_function=_link_or_copy)
    _, report = check_real(workspace, go_env([go124 / "bin"], GOROOT=copy))
    finding = ge104(report)
    assert finding["severity"] == "warning"
    assert finding["message"].startswith(f"GOROOT={copy} from the environment variable GOROOT is another copy")


@pytest.mark.realgo
def test_real_goroot_in_the_toolchain_cache(workspace: Path, tmp_path: Path, go127: Path,
                                            go_env: testbed.EnvFactory, check_real) -> None:
    env = go_env([go127 / "bin"])
    cached = Path(env["GOMODCACHE"]) / "golang.org" / "toolchain@v0.0.1-go1.27.3.linux-amd64"
    cached.parent.mkdir(parents=True)
    cached.symlink_to(go127)
    testbed.write_goenv(env, GOROOT=str(cached))
    _, report = check_real(workspace, env)
    finding = ge104(report)
    assert finding["severity"] == "warning"
    assert "points into the module cache's downloaded toolchain go1.27.3" in finding["message"]
    assert (finding["path"], finding["range"]["start"]) == ("~/.config/go/env", {"line": 0, "character": 0})
    [fix] = finding["fixes"]
    apply_json_fix(fix, workspace, env["HOME"])
    assert "GE104" not in {f["code"] for f in check_real(workspace, env)[1]["findings"]}


def _link_or_copy(src: str, dst: str) -> None:
    """A cheap copy of a 250 MB tree: hard links where the file system allows them."""
    try:
        Path(dst).hardlink_to(src)
    except OSError:
        shutil.copy2(src, dst)
