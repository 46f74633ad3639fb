"""How the probe finds gopls binaries and reads their build info, with real go toolchains and real binaries.

gopls itself is never executed: its build info comes from `go version -m`, run by the go on PATH. Debian's
gopls (GOPATH-mode build, no mod line) and ECY's ("(devel)") carry no release version; stub binaries built
here offline as module golang.org/x/tools/gopls from a tagged git repository stand in for `go install`ed
releases (Go ≥ 1.24 stamps the tag as the module version).
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import testbed

from goenv_lsp.engine import evaluate
from goenv_lsp.facts import Facts, Status
from goenv_lsp.semantics.binaries import running_go

pytestmark = pytest.mark.realgo

OWN_RULES = {"GE002", "GE003", "GE120", "GE121", "GE122", "GE301", "GE302"}


@pytest.fixture(scope="module")
def stub_latest(go127: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A stand-in for `go install golang.org/x/tools/gopls@v0.23.0` with go 1.27.3."""
    cache = tmp_path_factory.getbasetemp() / "stub-gopls-gocache"
    return testbed.build_stub_gopls(go127, tmp_path_factory.mktemp("stub-latest"), "v0.23.0", cache)


@pytest.fixture(scope="module")
def stub_untagged(go127: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    cache = tmp_path_factory.getbasetemp() / "stub-gopls-gocache"
    return testbed.build_stub_gopls(go127, tmp_path_factory.mktemp("stub-untagged"), None, cache)


def module_workspace(tmp_path: Path, go_line: str = "1.27.3") -> Path:
    ws = tmp_path / "ws"
    ws.mkdir()
    (ws / "go.mod").write_text(f"module example.com/app\n\ngo {go_line}\n")
    return ws


def put(exe: Path, directory: Path, name: str = "gopls", link: bool = False) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    target = directory / name
    if link:
        target.symlink_to(exe)
    else:
        shutil.copy2(exe, target)
    return target


def codes(facts: Facts) -> set[str]:
    return {f.code for f in evaluate(facts)}


def test_debian_gopls_build_info(go127: Path, debian_gopls: Path, go_env: testbed.EnvFactory, probe_real,
                                 tmp_path: Path) -> None:
    facts = probe_real(module_workspace(tmp_path), go_env([go127 / "bin", debian_gopls.parent]))
    [gopls] = facts.gopls
    assert (gopls.path, gopls.real_path, gopls.origins) == (str(debian_gopls), str(debian_gopls), ("PATH",))
    assert gopls.status is Status.OK
    assert (gopls.built_with, gopls.module_path, gopls.module_version) == ("go1.19.5", "golang.org/x/tools/gopls",
                                                                           None)
    assert gopls.run is None  # read from its file: no process, not even `go version -m`


def test_ecy_gopls_symlinked_as_gopls(go127: Path, ecy_gopls: Path, go_env: testbed.EnvFactory, probe_real,
                                      tmp_path: Path) -> None:
    link = put(ecy_gopls, tmp_path / "bin", link=True)
    facts = probe_real(module_workspace(tmp_path), go_env([go127 / "bin", tmp_path / "bin"]))
    [gopls] = facts.gopls
    assert (gopls.path, gopls.real_path) == (str(link), str(ecy_gopls))
    assert (gopls.built_with, gopls.module_path, gopls.module_version) == ("go1.17.9", "golang.org/x/tools/gopls",
                                                                           "(devel)")


def test_tagged_build_carries_the_release_version(go127: Path, stub_latest: Path, go_env: testbed.EnvFactory,
                                                  probe_real, tmp_path: Path) -> None:
    put(stub_latest, tmp_path / "bin")
    [gopls] = probe_real(module_workspace(tmp_path), go_env([go127 / "bin", tmp_path / "bin"])).gopls
    assert (gopls.built_with, gopls.module_version) == ("go1.27.3", "v0.23.0")


def test_untagged_build_carries_a_pseudo_version(go127: Path, stub_untagged: Path, go_env: testbed.EnvFactory,
                                                 probe_real, tmp_path: Path) -> None:
    put(stub_untagged, tmp_path / "bin")
    facts = probe_real(module_workspace(tmp_path), go_env([go127 / "bin", tmp_path / "bin"]))
    [gopls] = facts.gopls
    assert gopls.module_version.startswith("v0.0.0-") and len(gopls.module_version.split("-")) == 3
    assert not codes(facts) & {"GE120", "GE121", "GE122"}  # built with the go in use; release unknown


def test_an_older_go_on_path_does_not_limit_what_is_read(go122: Path, stub_latest: Path,
                                                         go_env: testbed.EnvFactory, probe_real,
                                                         tmp_path: Path) -> None:
    put(stub_latest, tmp_path / "bin")
    [gopls] = probe_real(module_workspace(tmp_path, "1.22.10"), go_env([go122 / "bin", tmp_path / "bin"])).gopls
    assert (gopls.built_with, gopls.module_version) == ("go1.27.3", "v0.23.0")


def test_one_binary_found_two_ways_is_one_entry(go122: Path, debian_gopls: Path, go_env: testbed.EnvFactory,
                                                probe_real, tmp_path: Path) -> None:
    gopath_bin = tmp_path / "home/go/bin"
    env = go_env([go122 / "bin", gopath_bin])
    assert Path(env["GOPATH"]) / "bin" == gopath_bin
    put(debian_gopls, gopath_bin)
    [gopls] = probe_real(module_workspace(tmp_path, "1.22.10"), env).gopls
    assert gopls.origins == ("PATH", "GOPATH/bin")


def test_first_gopls_on_path_and_shadowed_ones_are_all_probed(go127: Path, debian_gopls: Path, ecy_gopls: Path,
                                                              go_env: testbed.EnvFactory, probe_real,
                                                              tmp_path: Path) -> None:
    put(ecy_gopls, tmp_path / "first", link=True)
    facts = probe_real(module_workspace(tmp_path), go_env([go127 / "bin", tmp_path / "first", debian_gopls.parent]))
    assert [(g.path, g.built_with) for g in facts.gopls] == [(str(tmp_path / "first/gopls"), "go1.17.9"),
                                                             (str(debian_gopls), "go1.19.5")]
    # only the first runs (issue 7): the shadowed Debian gopls is related information, not a finding
    [finding] = [f for f in evaluate(facts) if f.code == "GE121"]
    assert finding.message.startswith(f"gopls at {tmp_path / 'first/gopls'} (first on PATH) was built with go1.17.9")
    assert [r.message for r in finding.related] == [
        f"{debian_gopls} (built with go1.19.5) is not used: {tmp_path / 'first/gopls'} comes first"]


def test_gopls_is_never_executed(go127: Path, go_env: testbed.EnvFactory, probe_real, tmp_path: Path) -> None:
    marker = tmp_path / "executed"
    script = tmp_path / "bin/gopls"
    script.parent.mkdir()
    script.write_text(f'#!/bin/sh\ntouch "{marker}"\n')
    script.chmod(0o755)
    facts = probe_real(module_workspace(tmp_path), go_env([go127 / "bin", tmp_path / "bin"]))
    assert not marker.exists()
    [gopls] = facts.gopls
    assert (gopls.status, gopls.built_with, gopls.problem) == (Status.MALFORMED, None, "a script (#!/bin/sh)")
    assert not codes(facts) & {"GE120", "GE121", "GE122"}  # found, but nothing known about its build


def test_gopls_is_read_without_any_go(debian_gopls: Path, go_env: testbed.EnvFactory, probe_real,
                                      tmp_path: Path) -> None:
    # the isolated PATH holds no go (a host's /usr/bin/go is never on it): the build info is read all the same;
    # it is older than the module's go line, which needs no go to know
    facts = probe_real(module_workspace(tmp_path), go_env([debian_gopls.parent]))
    assert running_go(facts) is None
    [gopls] = facts.gopls
    assert (gopls.status, gopls.built_with, gopls.run) == (Status.OK, "go1.19.5", None)
    [finding] = [f for f in evaluate(facts) if f.code in ("GE120", "GE121", "GE122")]
    assert finding.code == "GE121" and "older than the module's go 1.27.3" in finding.message
    assert "the go on PATH" not in finding.message


def test_alternate_tools_gopls_under_the_workspace_folder(go127: Path, debian_gopls: Path,
                                                          go_env: testbed.EnvFactory, probe_real,
                                                          tmp_path: Path) -> None:
    ws = module_workspace(tmp_path)
    (ws / ".vscode").mkdir()
    (ws / ".vscode/settings.json").write_text(
        json.dumps({"go.alternateTools": {"gopls": "${workspaceFolder}/../tools/gopls"}}))
    put(debian_gopls, tmp_path / "tools")
    [gopls] = probe_real(ws, go_env([go127 / "bin"])).gopls
    assert (gopls.path, gopls.origins, gopls.built_with) == (str(tmp_path / "tools/gopls"),
                                                             ("go.alternateTools.gopls",), "go1.19.5")


def test_healthy_setup_is_quiet(go127: Path, stub_latest: Path, go_env: testbed.EnvFactory, probe_real,
                                check_real, tmp_path: Path) -> None:
    """go 1.27.3 on PATH, a go 1.27.3 module, go.goroot naming that go, the editor's GOFLAGS the terminal's too,
    gopls v0.23.0 built with it and installed into GOPATH/bin, which is on PATH (else GE601: the shell could not
    run it)."""
    env = go_env([go127 / "bin", tmp_path / "home/go/bin"])
    testbed.write_goenv(env, GOFLAGS="-mod=mod")  # what the editor's tools get too (else GE304)
    put(stub_latest, Path(env["GOPATH"]) / "bin")
    ws = module_workspace(tmp_path)
    (ws / "main.go").write_text("package main\n\nfunc main() {}\n")
    (ws / ".vscode").mkdir()
    (ws / ".vscode/settings.json").write_text(
        f'{{\n  // the project SDK\n  "go.goroot": "{go127}",\n  "go.toolsEnvVars": {{"GOFLAGS": "-mod=mod"}},\n}}\n')
    (ws / ".idea").mkdir()
    (ws / ".idea/workspace.xml").write_text(
        f'<project version="4">\n  <component name="GOROOT" url="file://{go127}" />\n</project>\n')
    facts = probe_real(ws, env)
    assert [f for f in evaluate(facts) if f.code in OWN_RULES] == []
    code, report = check_real(ws, env)
    assert (code, report["findings"]) == (0, [])  # no noise from any rule either
