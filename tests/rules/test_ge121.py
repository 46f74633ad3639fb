"""GE121 gopls-built-with-old-go: gopls was compiled by a Go older than the module or the go in use."""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

import factsbuilder as fb
import pytest
import testbed

from goenv_lsp.engine import evaluate
from goenv_lsp.facts import Facts, Status
from goenv_lsp.model import Applicability, CommandKind, CommandSpec, Finding, Location, Range, Severity
from goenv_lsp.rules.ge1_toolchain.ge121_gopls_built_with_old_go import check as GE121

GO_MOD = f"{fb.ROOT}/go.mod"
GO_LINE = Range.of(2, 3, 9)  # "1.27.3" in `go 1.27.3`
DEBIAN = "/usr/bin/gopls"
BEFORE_1_21 = ("(a gopls built before Go 1.21 rejects such go lines: `invalid go version … must match format "
               "1.23`)")


def findings(facts: Facts) -> list[Finding]:
    return evaluate(facts, rules=[GE121])


def with_gopls(built_with: str | None, version: str | None = None, go: str = "1.27.3", go_line: str | None = None,
               gotoolchain: str = "", **changes) -> Facts:
    gopls = replace(fb.gopls(built_with or "", version, path=DEBIAN, origins=("PATH",)), built_with=built_with)
    if gotoolchain:
        changes["user_env_file"] = fb.env_file(GOTOOLCHAIN=gotoolchain)
    go_env = fb.env_file(f"/usr/local/go{go}/go.env", GOTOOLCHAIN="auto")  # the go.env of the go that runs
    return fb.healthy(**{"go_binaries": (fb.go_binary(go),), "gopls": (gopls,),
                         "go_mod": fb.go_mod(go if go_line is None else go_line), "goroot_env_file": go_env,
                         **changes})


def install(go: str, gopls: str) -> CommandSpec:
    return CommandSpec(CommandKind.INSTALL_GOPLS,
                       (f"/usr/local/go{go}/bin/go", "install", f"golang.org/x/tools/gopls@{gopls}"), fb.ROOT)


# ---------------------------------------------------------------------------------------------------------------
# recorded facts
# ---------------------------------------------------------------------------------------------------------------

def test_gopls_built_with_the_go_in_use_is_quiet() -> None:
    assert findings(fb.healthy()) == []


def test_debian_gopls_built_with_go_1_19_warns_on_the_go_line() -> None:
    [finding] = findings(with_gopls("go1.19.5"))
    assert (finding.code, finding.name, finding.severity) == ("GE121", "gopls-built-with-old-go", Severity.WARNING)
    assert finding.location == Location(GO_MOD, GO_LINE)
    assert finding.module == GO_MOD
    assert finding.message == (f"gopls at {DEBIAN} was built with go1.19.5, older than the module's go 1.27.3 "
                               f"{BEFORE_1_21} and the go on PATH (1.27.3); rebuild it: "
                               "`go install golang.org/x/tools/gopls@v0.23.0`, then put /home/dev/go/bin before "
                               "/usr/bin on PATH")
    [fix] = finding.fixes
    assert fix.title == "Run `go install golang.org/x/tools/gopls@v0.23.0`"
    assert fix.applicability is Applicability.UNSAFE and fix.edits == ()
    assert fix.command == install("1.27.3", "v0.23.0")


@pytest.mark.parametrize("version", ["(devel)", "master", "", None, "v0.0.0-20220330174940-8e193c2ba95e",
                                     "v0.16.2"],
                         ids=["devel", "master", "empty", "no-mod-line", "pseudo-version", "release"])
def test_any_gopls_version_form_is_judged_by_its_build_go_alone(version: str | None) -> None:
    [finding] = findings(with_gopls("go1.17.9", version))
    assert finding.message.startswith(f"gopls at {DEBIAN} was built with go1.17.9, older than the module's go 1.27.3")
    assert finding.fixes[0].command == install("1.27.3", "v0.23.0")


def test_devel_build_go_is_read_by_its_language_version() -> None:
    devel = "devel go1.21-b35ee3b0467 Tue Jul 11 20:46:12 2023 +0000"
    [finding] = findings(with_gopls(devel, go="1.22.10"))
    assert finding.message.startswith(f"gopls at {DEBIAN} was built with {devel}, older than the module's go "
                                      "1.22.10 and the go on PATH (1.22.10)")
    assert "before Go 1.21" not in finding.message


@pytest.mark.parametrize("built_with", ["devel go1.27-abc1234 Mon Aug 3 10:00:00 2026 +0000",
                                        "go1.28-devel_abc1234 Mon Aug 3 10:00:00 2026 +0000",
                                        "go1.27.0", "go1.27.3 X:boringcrypto"])
def test_same_or_newer_language_version_is_quiet(built_with: str) -> None:
    assert findings(with_gopls(built_with)) == []


@pytest.mark.parametrize("built_with", [None, "", "unknown", "gccgo"])
def test_unknown_build_go_gives_nothing(built_with: str | None) -> None:
    assert findings(with_gopls(built_with)) == []


def test_only_the_go_on_path_is_newer() -> None:
    [finding] = findings(with_gopls("go1.26.5", go_line="1.25.0"))
    assert finding.location == Location(GO_MOD, GO_LINE)
    assert finding.message == (f"gopls at {DEBIAN} was built with go1.26.5, older than the go on PATH (1.27.3); "
                               "rebuild it: `go install golang.org/x/tools/gopls@v0.23.0`, then put "
                               "/home/dev/go/bin before /usr/bin on PATH")


def test_only_the_go_line_is_newer_asks_for_a_newer_go_not_a_rebuild_with_the_old_one() -> None:
    # behaviour change (issue 7): rebuilding with the go 1.26.5 on PATH could never satisfy go 1.27.3
    [finding] = findings(with_gopls("go1.26.5", go="1.26.5", go_line="1.27.3"))
    assert finding.message == (f"gopls at {DEBIAN} was built with go1.26.5, older than the module's go 1.27.3; put "
                               "a Go >= 1.27.3 first on PATH and rebuild gopls with it")
    assert finding.fixes == ()


def test_old_build_and_old_go_line_has_no_format_note() -> None:
    [finding] = findings(with_gopls("go1.17.9", go="1.19.13", go_line="1.19"))
    assert "before Go 1.21" not in finding.message
    assert "older than the module's go 1.19 and the go on PATH (1.19.13)" in finding.message


def test_go_work_line_governs_in_workspace_mode() -> None:
    [finding] = findings(with_gopls("go1.26.5", go="1.26.5", go_line="1.25.0", go_work=fb.go_work("1.27.3")))
    assert finding.location == Location(f"{fb.ROOT}/go.work", Range.of(0, 3, 9))
    assert finding.module == f"{fb.ROOT}/go.work"
    assert "the module's go 1.27.3" in finding.message


def test_go_mod_without_a_go_line_anchors_on_the_module_line() -> None:
    [finding] = findings(with_gopls("go1.19.5", go_mod=fb.go_mod(None)))
    assert finding.location == Location(GO_MOD, Range.of(0, 7, 22))
    assert "module's" not in finding.message and "the go on PATH (1.27.3)" in finding.message


def test_without_go_mod_the_finding_is_on_the_workspace() -> None:
    [finding] = findings(with_gopls("go1.19.5", go_mod=None))
    assert finding.location == Location(None)


def test_go_1_22_with_gotoolchain_local_rebuilds_with_v0_16_2() -> None:
    [finding] = findings(with_gopls("go1.19.5", go="1.22.10", gotoolchain="local"))
    assert finding.message.endswith("; rebuild it: `go install golang.org/x/tools/gopls@v0.16.2`, then put "
                                    "/home/dev/go/bin before /usr/bin on PATH")
    assert finding.fixes[0].command == install("1.22.10", "v0.16.2")


def test_go_1_22_with_gotoolchain_auto_rebuilds_with_v0_17_1() -> None:
    [finding] = findings(with_gopls("go1.19.5", go="1.22.10", gotoolchain="auto"))
    assert finding.fixes[0].command == install("1.22.10", "v0.17.1")


def test_release_candidate_that_cannot_build_any_supporting_gopls_says_so() -> None:
    [finding] = findings(with_gopls("go1.19.5", go="1.26rc1", go_line="1.26rc1", gotoolchain="local"))
    assert finding.message.endswith("; rebuild it: `go install golang.org/x/tools/gopls@v0.22.0` (it needs Go "
                                    "1.26.0 to build: allow GOTOOLCHAIN=auto), then put /home/dev/go/bin before "
                                    "/usr/bin on PATH")


def test_without_a_go_on_path_only_the_go_line_counts_and_there_is_no_fix() -> None:
    [finding] = findings(with_gopls("go1.19.5", go_binaries=()))
    assert finding.message == (f"gopls at {DEBIAN} was built with go1.19.5, older than the module's go 1.27.3 "
                               f"{BEFORE_1_21}")
    assert finding.fixes == ()


def test_only_the_old_gopls_is_reported() -> None:
    facts = with_gopls("go1.19.5")
    facts = replace(facts, gopls=(*facts.gopls, fb.gopls()))
    [finding] = findings(facts)
    assert finding.message.startswith(f"gopls at {DEBIAN} ")


GOOD = fb.gopls(path="/home/dev/go/bin/gopls", origins=("PATH", "GOPATH/bin"))


def test_old_gopls_shadowed_by_a_good_one_earlier_on_path_is_quiet() -> None:
    # behaviour change (issue 7): the Debian gopls later on PATH never runs
    facts = with_gopls("go1.19.5", path_entries=("/usr/local/go1.27.3/bin", "/home/dev/go/bin", "/usr/bin"))
    assert findings(replace(facts, gopls=(GOOD, *facts.gopls))) == []


def test_old_gopls_first_on_path_is_judged_and_the_shadowed_good_one_is_related() -> None:
    facts = with_gopls("go1.19.5", path_entries=("/usr/local/go1.27.3/bin", "/usr/bin", "/home/dev/go/bin"))
    [finding] = findings(replace(facts, gopls=(*facts.gopls, GOOD)))
    assert finding.message.startswith(f"gopls at {DEBIAN} (first on PATH) was built with go1.19.5, older than ")
    assert finding.message.endswith("rebuild it: `go install golang.org/x/tools/gopls@v0.23.0`, then put "
                                    "/home/dev/go/bin before /usr/bin on PATH")
    assert [r.message for r in finding.related] == [
        "/home/dev/go/bin/gopls (built with go1.27.3) is not used: /usr/bin/gopls comes first"]


def test_install_dir_earlier_on_path_needs_no_path_advice() -> None:
    facts = with_gopls("go1.19.5", path_entries=("/usr/local/go1.27.3/bin", "/home/dev/go/bin", "/usr/bin"))
    [finding] = findings(facts)
    assert finding.message.endswith("rebuild it: `go install golang.org/x/tools/gopls@v0.23.0`")


def test_gobin_is_where_go_install_puts_it() -> None:
    facts = with_gopls("go1.19.5", user_env_file=fb.env_file(GOBIN="/opt/tools"))
    [finding] = findings(facts)
    assert finding.message.endswith(", then put /opt/tools before /usr/bin on PATH")


def test_vscode_runs_the_gopath_bin_gopls_before_the_path_one() -> None:
    good = fb.gopls(path="/home/dev/go/bin/gopls", origins=("GOPATH/bin",))  # not on PATH
    facts = with_gopls("go1.19.5", vscode=fb.settings(go_goroot="/usr/local/go1.27.3"))
    assert findings(replace(facts, gopls=(*facts.gopls, good))) == []
    facts = with_gopls("go1.19.5", user_settings={"go.toolsManagement.autoUpdate": True})
    assert findings(replace(facts, gopls=(*facts.gopls, good))) == []


def test_vscode_with_the_old_gopls_only_on_path_installs_where_vscode_looks_first() -> None:
    facts = with_gopls("go1.19.5", vscode=fb.settings(go_goroot="/usr/local/go1.27.3"))
    [finding] = findings(facts)
    assert finding.message.endswith("rebuild it: `go install golang.org/x/tools/gopls@v0.23.0`")


def test_configured_gopls_is_the_one_judged() -> None:
    old = fb.gopls("go1.19.5", None, path="/opt/old/gopls", origins=("go.alternateTools.gopls",))
    facts = fb.healthy(gopls=(old, fb.gopls(path="/usr/local/go1.27.3/bin/gopls", origins=("PATH",))))
    [finding] = findings(facts)
    assert finding.message.startswith("gopls at /opt/old/gopls (go.alternateTools.gopls) was built with go1.19.5")
    assert finding.message.endswith(", then point go.alternateTools.gopls at /home/dev/go/bin/gopls")


def test_configured_gopls_that_does_not_exist_falls_back_to_path() -> None:
    missing = replace(fb.gopls(path="/opt/none/gopls", origins=("go.alternateTools.gopls",)), status=Status.MISSING,
                      built_with=None)
    facts = with_gopls("go1.19.5")
    [finding] = findings(replace(facts, gopls=(missing, *facts.gopls)))
    assert finding.message.startswith(f"gopls at {DEBIAN} was built with go1.19.5")
    assert finding.related == ()


def test_unknown_facts_give_nothing() -> None:
    assert findings(fb.healthy(gopls=None)) == []
    assert findings(fb.healthy(gopls=())) == []
    assert findings(Facts()) == []


# ---------------------------------------------------------------------------------------------------------------
# real toolchains and gopls binaries
# ---------------------------------------------------------------------------------------------------------------

def module_workspace(tmp_path: Path, go_line: str) -> Path:
    ws = tmp_path / "ws"
    ws.mkdir()
    (ws / "go.mod").write_text(f"module example.com/app\n\ngo {go_line}\n")
    return ws


def gopls_dir(tmp_path: Path, exe: Path) -> Path:
    """A PATH directory holding ``exe`` under the name gopls (a symlink, as a package manager might make)."""
    bin_dir = tmp_path / "gopls-bin"
    bin_dir.mkdir()
    (bin_dir / "gopls").symlink_to(exe)
    return bin_dir


@pytest.mark.realgo
def test_debian_gopls_with_go_1_27_and_a_go_1_27_module(go127: Path, debian_gopls: Path,
                                                         go_env: testbed.EnvFactory, check_real,
                                                         tmp_path: Path) -> None:
    ws = module_workspace(tmp_path, "1.27.3")
    code, report = check_real(ws, go_env([go127 / "bin", debian_gopls.parent]))
    assert code == 1
    [finding] = [f for f in report["findings"] if f["code"] == "GE121"]
    assert finding["severity"] == "warning" and finding["path"] == "go.mod"
    assert finding["range"] == {"start": {"line": 2, "character": 3}, "end": {"line": 2, "character": 9}}
    assert finding["message"] == (f"gopls at {debian_gopls} was built with go1.19.5, older than the module's go "
                                  f"1.27.3 {BEFORE_1_21} and the go on PATH (1.27.3); rebuild it: "
                                  "`go install golang.org/x/tools/gopls@v0.23.0`, then put ~/go/bin before "
                                  f"{debian_gopls.parent} on PATH")  # go install writes to GOPATH/bin
    [fix] = finding["fixes"]
    assert fix == {"title": "Run `go install golang.org/x/tools/gopls@v0.23.0`", "applicability": "unsafe",
                   "edits": [], "command": {"argv": [f"{go127}/bin/go", "install", "golang.org/x/tools/gopls@v0.23.0"],
                                            "cwd": fix["command"]["cwd"], "env": {}}}
    assert fix["command"]["cwd"] in (".", str(ws))


@pytest.mark.realgo
def test_debian_gopls_build_info_has_no_module_version(go127: Path, debian_gopls: Path,
                                                       go_env: testbed.EnvFactory, probe_real,
                                                       tmp_path: Path) -> None:
    facts = probe_real(module_workspace(tmp_path, "1.27.3"), go_env([go127 / "bin", debian_gopls.parent]))
    [gopls] = facts.gopls
    assert (gopls.built_with, gopls.module_version, gopls.origins) == ("go1.19.5", None, ("PATH",))


@pytest.mark.realgo
def test_ecy_devel_gopls_with_go_1_27(go127: Path, ecy_gopls: Path, go_env: testbed.EnvFactory, probe_real,
                                      tmp_path: Path) -> None:
    bin_dir = gopls_dir(tmp_path, ecy_gopls)
    ws = module_workspace(tmp_path, "1.27.3")
    facts = probe_real(ws, go_env([go127 / "bin", bin_dir]))
    [gopls] = facts.gopls
    assert (gopls.built_with, gopls.module_version, gopls.path) == ("go1.17.9", "(devel)", str(bin_dir / "gopls"))
    [finding] = findings(facts)
    assert finding.location == Location(str(ws / "go.mod"), GO_LINE)
    assert finding.message.startswith(f"gopls at {bin_dir}/gopls was built with go1.17.9, older than the module's "
                                      "go 1.27.3")
    assert finding.fixes[0].command.argv == (f"{go127}/bin/go", "install", "golang.org/x/tools/gopls@v0.23.0")


@pytest.mark.realgo
def test_debian_gopls_with_go_1_22_and_gotoolchain_local_in_the_goenv_file(
        go122: Path, debian_gopls: Path, go_env: testbed.EnvFactory, probe_real, tmp_path: Path) -> None:
    env = go_env([go122 / "bin", debian_gopls.parent], GOTOOLCHAIN=None)
    testbed.write_goenv(env, GOTOOLCHAIN="local")
    ws = module_workspace(tmp_path, "1.22.10")
    [finding] = findings(probe_real(ws, env))
    assert finding.message.endswith("older than the module's go 1.22.10 (a gopls built before Go 1.21 rejects such "
                                    "go lines: `invalid go version … must match format 1.23`) and the go on PATH "
                                    "(1.22.10); rebuild it: `go install golang.org/x/tools/gopls@v0.16.2`, then put "
                                    f"{env['GOPATH']}/bin before {debian_gopls.parent} on PATH")
    assert finding.fixes[0].command.argv == (f"{go122}/bin/go", "install", "golang.org/x/tools/gopls@v0.16.2")


@pytest.mark.realgo
def test_debian_gopls_with_go_1_22_and_the_default_gotoolchain_auto(
        go122: Path, debian_gopls: Path, go_env: testbed.EnvFactory, probe_real, tmp_path: Path) -> None:
    env = go_env([go122 / "bin", debian_gopls.parent], GOTOOLCHAIN=None)  # $GOROOT/go.env: GOTOOLCHAIN=auto
    [finding] = findings(probe_real(module_workspace(tmp_path, "1.22.10"), env))
    assert finding.fixes[0].command.argv == (f"{go122}/bin/go", "install", "golang.org/x/tools/gopls@v0.17.1")


@pytest.mark.realgo
def test_gopls_copied_into_gopath_bin_is_checked_too(go127: Path, debian_gopls: Path, go_env: testbed.EnvFactory,
                                                     probe_real, tmp_path: Path) -> None:
    env = go_env([go127 / "bin"])
    gopath_bin = Path(env["GOPATH"]) / "bin"
    gopath_bin.mkdir(parents=True)
    shutil.copy2(debian_gopls, gopath_bin / "gopls")
    [finding] = findings(probe_real(module_workspace(tmp_path, "1.27.3"), env))
    assert finding.message.startswith(f"gopls at {gopath_bin}/gopls was built with go1.19.5")


@pytest.fixture(scope="module")
def stub_gopls_0_23(go127: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A gopls v0.23.0 built with go1.27.3 (a stub main module: see tests/rules/test_ge122.py)."""
    cache = tmp_path_factory.getbasetemp() / "stub-gopls-gocache"
    return testbed.build_stub_gopls(go127, tmp_path_factory.mktemp("stub-gopls-23"), "v0.23.0", cache)


def bin_dir_with(tmp_path: Path, name: str, exe: Path) -> Path:
    found = tmp_path / name
    found.mkdir()
    shutil.copy2(exe, found / "gopls")
    return found


@pytest.mark.realgo
def test_debian_gopls_shadowed_by_a_good_gopls_is_quiet_and_the_other_order_is_not(
        go127: Path, debian_gopls: Path, stub_gopls_0_23: Path, go_env: testbed.EnvFactory, check_real,
        tmp_path: Path) -> None:
    ws = module_workspace(tmp_path, "1.27.3")
    good = bin_dir_with(tmp_path, "good", stub_gopls_0_23)
    _, report = check_real(ws, go_env([go127 / "bin", good, debian_gopls.parent]))
    assert [f for f in report["findings"] if f["code"] in ("GE120", "GE121", "GE122")] == []

    _, report = check_real(ws, go_env([go127 / "bin", debian_gopls.parent, good]))
    [finding] = [f for f in report["findings"] if f["code"] in ("GE120", "GE121", "GE122")]
    assert finding["code"] == "GE121"
    assert finding["message"] == (f"gopls at {debian_gopls} (first on PATH) was built with go1.19.5, older than the "
                                  f"module's go 1.27.3 {BEFORE_1_21} and the go on PATH (1.27.3); rebuild it: "
                                  "`go install golang.org/x/tools/gopls@v0.23.0`, then put "
                                  f"~/go/bin before {debian_gopls.parent} on PATH")  # the report abbreviates HOME
    assert [r["message"] for r in finding["related"]] == [
        f"{good}/gopls (built with go1.27.3) is not used: {debian_gopls} comes first"]
