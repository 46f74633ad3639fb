"""goenv_lsp.probe.collect against real Go toolchains: what the probes learn, and that they never switch."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
import testbed

from goenv_lsp.facts import Facts, Module, PathInfo, Status
from goenv_lsp.files.go_mod import ModFileFacts, mod_file
from goenv_lsp.files.goenv_file import user_env_file, user_env_known
from goenv_lsp.files.goroot_env import goroot_env_file
from goenv_lsp.semantics.go_env import user_setting
from goenv_lsp.semantics.selection import running_go, toolchain_decision

pytestmark = pytest.mark.realgo

RULES = {"GE001", "GE101", "GE102", "GE103", "GE104", "GE110", "GE111", "GE112", "GE113", "GE201"}


def root_go_mod(facts: Facts, workspace: Path) -> ModFileFacts | None:
    return mod_file(facts, str(workspace / "go.mod"))


def test_healthy_setup(workspace: Path, go127: Path, go_env: testbed.EnvFactory, probe_real, check_real) -> None:
    """go 1.27.3 on PATH, go.mod go 1.27.3, GOTOOLCHAIN unset (auto from go.env): nothing to report."""
    env = go_env([go127 / "bin"], GOTOOLCHAIN=None)
    facts = probe_real(workspace, env)
    [go] = facts.go_binaries
    assert (go.path, go.real_path, go.origins, go.path_index) == (str(go127 / "bin/go"), str(go127 / "bin/go"),
                                                                  ("PATH",), 0)
    assert (go.status, go.version, go.shim) == (Status.OK, "go1.27.3", None)
    assert go.version_run is None  # GOVERSION says it: one process per go
    assert (go.own_root, go.own_root_version) == (str(go127), "go1.27.3")
    assert go.goroot == str(go127)
    assert go.env["GOMOD"] == str(workspace / "go.mod")
    assert go.env["GOTOOLCHAIN"] == "local"  # what the probe forced, not the user's setting
    assert go.env_run.argv[1:5] == ("-C", str(workspace), "env", "-json") and go.env["GOVERSION"] == "go1.27.3"
    assert facts.modules == (Module(dir=str(workspace), go_mod=str(workspace / "go.mod"), go_work=None),)
    assert root_go_mod(facts, workspace).go.value == "1.27.3"
    assert facts.files_of("go.work") == ()  # looked for, none found
    assert goroot_env_file(facts, go.goroot).path == str(go127 / "go.env")
    user = user_env_file(facts)
    assert user.path == env["GOENV"] and user.status is Status.MISSING
    setting = user_setting(facts, "GOTOOLCHAIN")
    assert (setting.value, setting.source) == ("auto", "$GOROOT/go.env")
    goroot = facts.path_info[str(go127)]  # a GOROOT, its VERSION, its permission bits as stat gives them
    assert goroot == PathInfo("dir", True, "go1.27.3", str(go127), mode=go127.stat().st_mode & 0o7777,
                              writable=os.access(go127, os.W_OK | os.X_OK))
    _, report = check_real(workspace, env)
    assert [f for f in report["findings"] if f["code"] in RULES] == []


def test_probes_never_switch_toolchains(workspace: Path, go122: Path, go_env: testbed.EnvFactory,
                                        probe_real) -> None:
    """GOTOOLCHAIN=auto with go.mod go 1.27.3 would download (and fail offline); the probes run go 1.22.10."""
    env = go_env([go122 / "bin"], GOTOOLCHAIN="auto")
    real = subprocess.run(["go", "env", "-json"], cwd=workspace, env=env, capture_output=True, text=True, timeout=60)
    assert real.returncode == 1 and "toolchain not available" in real.stderr
    facts = probe_real(workspace, env)
    [go] = facts.go_binaries
    assert (go.status, go.version, go.env["GOVERSION"]) == (Status.OK, "go1.22.10", "go1.22.10")
    assert facts.env["GOTOOLCHAIN"] == "auto"  # the user's value is kept for the rules
    assert toolchain_decision(facts, root_go_mod(facts, workspace)).chosen == "go1.27.3"


def test_several_gos_and_the_goroot_variable(workspace: Path, go122: Path, go124: Path, go127: Path,
                                             go_env: testbed.EnvFactory, probe_real) -> None:
    env = go_env([go122 / "bin", "/nonexistent/bin", go127 / "bin"], GOROOT=go124)
    facts = probe_real(workspace, env)
    by_version = {go.version: go for go in facts.go_binaries}
    assert set(by_version) == {"go1.22.10", "go1.27.3", "go1.24.11"}
    assert [(go.origins, go.path_index) for go in (by_version["go1.22.10"], by_version["go1.27.3"],
                                                   by_version["go1.24.11"])] == [
        (("PATH",), 0), (("PATH",), 2), (("GOROOT",), None)]
    assert running_go(facts) is by_version["go1.22.10"]
    assert by_version["go1.22.10"].goroot == str(go124)  # each go reports the GOROOT it was told
    assert by_version["go1.22.10"].own_root == str(go122)
    assert facts.path_info[str(go124)].version == "go1.24.11"
    assert facts.path_entries[1] == "/nonexistent/bin"


def test_go_through_a_symlink(workspace: Path, tmp_path: Path, go127: Path, go_env: testbed.EnvFactory,
                              probe_real) -> None:
    links = tmp_path / "links"
    links.mkdir()
    (links / "go").symlink_to(go127 / "bin/go")
    facts = probe_real(workspace, go_env([links, go127 / "bin"]))
    [go] = facts.go_binaries  # the same binary twice on PATH is one candidate
    assert (go.path, go.real_path, go.path_index) == (str(links / "go"), str(go127 / "bin/go"), 0)
    assert go.own_root == str(go127)


def test_goenv_file_is_read(workspace: Path, go127: Path, go_env: testbed.EnvFactory, probe_real) -> None:
    env = go_env([go127 / "bin"], GOTOOLCHAIN=None)
    goenv = testbed.write_goenv(env, GOFLAGS="-mod=mod", GOTOOLCHAIN='"auto"')
    facts = probe_real(workspace, env)
    user = user_env_file(facts)
    assert (user.path, user.kind, user.status) == (str(goenv), "goenv", Status.OK)
    assert [(e.key, e.value, e.line) for e in user.entries] == [
        ("GOFLAGS", "-mod=mod", 0), ("GOTOOLCHAIN", '"auto"', 1)]
    assert toolchain_decision(facts, root_go_mod(facts, workspace)).mode == "invalid"


def test_goenv_off(workspace: Path, go127: Path, go_env: testbed.EnvFactory, probe_real) -> None:
    facts = probe_real(workspace, go_env([go127 / "bin"], GOENV="off"))
    # GOENV=off: the GOENV file was looked for and there is none (a known absence, not unknown)
    assert (user_env_file(facts), user_env_known(facts), facts.files_of("goenv")) == (None, True, ())
    assert user_setting(facts, "GOTOOLCHAIN").value == "local"  # from the environment of the test bed


def test_go_work_is_found(workspace: Path, go127: Path, go_env: testbed.EnvFactory, probe_real) -> None:
    (workspace / "go.work").write_text("go 1.27.3\n\nuse .\n")
    work = str(workspace / "go.work")
    facts = probe_real(workspace, go_env([go127 / "bin"]))
    assert facts.modules == (Module(dir=str(workspace), go_mod=str(workspace / "go.mod"), go_work=work),)
    found = mod_file(facts, work)
    assert (found.path, found.kind, found.go.value) == (work, "go.work", "1.27.3")
    [go] = facts.go_binaries
    assert go.env["GOWORK"] == work  # what go itself says
    facts = probe_real(workspace, go_env([go127 / "bin"], GOWORK="off"))
    assert facts.modules == (Module(dir=str(workspace), go_mod=str(workspace / "go.mod"), go_work=None),)
    [go] = facts.go_binaries
    assert go.env["GOWORK"] == "off"


def test_toolchain_on_path_is_found(workspace: Path, tmp_path: Path, go122: Path, go127: Path,
                                    go_env: testbed.EnvFactory, probe_real) -> None:
    tcbin = tmp_path / "tcbin"
    tcbin.mkdir()
    (tcbin / "go1.27.3").symlink_to(go127 / "bin/go")
    facts = probe_real(workspace, go_env([go122 / "bin", tcbin], GOTOOLCHAIN=None))
    assert facts.toolchains == {"go1.27.3": str(tcbin / "go1.27.3")}


def test_toolchain_in_the_module_cache_is_found(workspace: Path, go122: Path, go127: Path,
                                                go_env: testbed.EnvFactory, probe_real) -> None:
    env = go_env([go122 / "bin"], GOTOOLCHAIN=None)
    cached = Path(env["GOMODCACHE"]) / "golang.org" / "toolchain@v0.0.1-go1.27.3.linux-amd64"
    cached.parent.mkdir(parents=True)
    cached.symlink_to(go127)
    facts = probe_real(workspace, env)
    assert facts.toolchains == {"go1.27.3": str(cached)}


def test_no_go_on_path(workspace: Path, go_env: testbed.EnvFactory, probe_real) -> None:
    facts = probe_real(workspace, go_env([]))
    assert facts.go_binaries == ()  # the host's own installs (a distro go in /usr/lib) are not the test's
    assert running_go(facts) is None
    assert root_go_mod(facts, workspace).go.value == "1.27.3"  # found without asking a go


def test_gopath_values_are_inspected(workspace: Path, tmp_path: Path, go127: Path, go_env: testbed.EnvFactory,
                                     probe_real) -> None:
    gopath = tmp_path / "gp"
    gopath.mkdir()
    facts = probe_real(workspace, go_env([go127 / "bin"], GOPATH=f"{gopath}{os.pathsep}{tmp_path}/missing"))
    assert facts.path_info[str(gopath)].kind == "dir"
    assert facts.path_info[f"{tmp_path}/missing"].kind == "missing"
