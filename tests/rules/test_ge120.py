"""GE120 gopls-not-found: a Go workspace without gopls."""

from __future__ import annotations

import json
import shutil
from dataclasses import replace
from pathlib import Path

import factsbuilder as fb
import pytest
import testbed

from goenv_lsp.engine import evaluate
from goenv_lsp.facts import Facts, GoplsBinary, Status
from goenv_lsp.files.go_mod import ModFileFacts
from goenv_lsp.model import Applicability, CommandKind, CommandSpec, Finding, Location, Range, Severity
from goenv_lsp.rules.ge1_toolchain.ge120_gopls_not_found import check as GE120

MODULE_LINE = Location(f"{fb.ROOT}/go.mod", Range.of(0, 7, 22))
NOT_FOUND = "gopls not found on PATH, in GOBIN or in GOPATH/bin"


def findings(facts: Facts) -> list[Finding]:
    return evaluate(facts, rules=[GE120])


def without_gopls(go: str = "1.27.3", gotoolchain: str = "", **changes) -> Facts:
    if gotoolchain:
        changes["user_env_file"] = fb.env_file(GOTOOLCHAIN=gotoolchain)
    go_env = fb.env_file(f"/usr/local/go{go}/go.env", GOTOOLCHAIN="auto")  # the go.env of the go that runs
    return fb.healthy(**{"go_binaries": (fb.go_binary(go),), "gopls": (), "go_mod": fb.go_mod(go),
                         "goroot_env_file": go_env, **changes})


def install(go: str, gopls: str) -> CommandSpec:
    return CommandSpec(CommandKind.INSTALL_GOPLS,
                       (f"/usr/local/go{go}/bin/go", "install", f"golang.org/x/tools/gopls@{gopls}"), fb.ROOT)


# ---------------------------------------------------------------------------------------------------------------
# recorded facts
# ---------------------------------------------------------------------------------------------------------------

def test_gopls_present_is_quiet() -> None:
    assert findings(fb.healthy()) == []


def test_no_gopls_in_a_module_warns_on_the_module_line_with_the_install_command() -> None:
    [finding] = findings(without_gopls())
    assert (finding.code, finding.name, finding.severity) == ("GE120", "gopls-not-found", Severity.WARNING)
    assert finding.location == MODULE_LINE
    assert finding.module is None  # machine-wide
    assert finding.message == f"{NOT_FOUND}; install it with `go install golang.org/x/tools/gopls@v0.23.0`"
    [fix] = finding.fixes
    assert fix.title == "Run `go install golang.org/x/tools/gopls@v0.23.0`"
    assert fix.applicability is Applicability.UNSAFE and fix.edits == ()
    assert fix.command == install("1.27.3", "v0.23.0")


def test_go_1_22_with_gotoolchain_local_installs_v0_16_2() -> None:
    [finding] = findings(without_gopls("1.22.10", gotoolchain="local"))
    assert finding.message.endswith("`go install golang.org/x/tools/gopls@v0.16.2`")
    assert finding.fixes[0].command == install("1.22.10", "v0.16.2")


def test_go_1_22_with_gotoolchain_auto_installs_v0_17_1() -> None:
    [finding] = findings(without_gopls("1.22.10"))  # go.env: GOTOOLCHAIN=auto
    assert finding.fixes[0].command == install("1.22.10", "v0.17.1")


def test_go_1_18_installs_the_last_gopls_for_it() -> None:
    [finding] = findings(without_gopls("1.18.10", gotoolchain="local"))
    assert finding.fixes[0].command == install("1.18.10", "v0.14.2")


def test_hint_says_when_the_local_go_cannot_build_the_release() -> None:
    [finding] = findings(without_gopls("1.26rc1", gotoolchain="local"))
    assert finding.message == (f"{NOT_FOUND}; install it with `go install golang.org/x/tools/gopls@v0.22.0` (it needs "
                               "Go 1.26.0 to build: allow GOTOOLCHAIN=auto)")


def test_configured_gopls_that_does_not_exist() -> None:
    missing = GoplsBinary("/opt/tools/gopls", "/opt/tools/gopls", ("go.alternateTools.gopls",), Status.MISSING)
    [finding] = findings(without_gopls(gopls=(missing,)))
    assert finding.message == ("gopls configured at /opt/tools/gopls does not exist; install it with "
                               "`go install golang.org/x/tools/gopls@v0.23.0`")
    assert finding.location == MODULE_LINE
    assert finding.fixes[0].command == install("1.27.3", "v0.23.0")


def test_configured_gopls_missing_but_another_found_is_quiet() -> None:
    missing = GoplsBinary("/opt/tools/gopls", "/opt/tools/gopls", ("go.alternateTools.gopls",), Status.MISSING)
    assert findings(without_gopls(gopls=(missing, fb.gopls()))) == []


@pytest.mark.parametrize("status", [Status.SKIPPED, Status.MALFORMED, Status.FAILED])
def test_gopls_found_but_not_understood_still_counts_as_found(status: Status) -> None:
    assert findings(without_gopls(gopls=(replace(fb.gopls(), status=status, built_with=None),))) == []


def test_go_work_without_go_mod_is_a_go_workspace_too() -> None:
    [finding] = findings(without_gopls(go_mod=None, go_work=fb.go_work(uses=())))
    assert finding.location == Location(f"{fb.ROOT}/go.work")  # the go.work the root is in: its start


def test_not_a_go_workspace_is_quiet() -> None:
    assert findings(without_gopls(go_mod=None, go_work=None)) == []


def test_unknown_gopls_facts_give_nothing() -> None:
    assert findings(without_gopls(gopls=None)) == []
    assert findings(Facts()) == []


def test_without_a_go_on_path_there_is_no_install_command() -> None:
    [finding] = findings(without_gopls(go_binaries=()))
    assert finding.message == NOT_FOUND and finding.fixes == ()


def test_malformed_go_mod_still_anchors_on_its_module_line() -> None:
    broken = replace(fb.go_mod(), status=Status.MALFORMED)
    [finding] = findings(without_gopls(go_mod=broken))
    assert finding.location == MODULE_LINE


def test_unreadable_go_mod_anchors_on_its_start() -> None:
    unreadable = ModFileFacts(path=f"{fb.ROOT}/go.mod", kind="go.mod", status=Status.UNREADABLE)
    [finding] = findings(without_gopls(go_mod=unreadable))
    assert finding.location == Location(f"{fb.ROOT}/go.mod")


# ---------------------------------------------------------------------------------------------------------------
# real toolchains
# ---------------------------------------------------------------------------------------------------------------

def module_workspace(tmp_path: Path, go_line: str = "1.27.3") -> Path:
    ws = tmp_path / "ws"
    ws.mkdir()
    (ws / "go.mod").write_text(f"module example.com/app\n\ngo {go_line}\n")
    return ws


@pytest.mark.realgo
def test_no_gopls_anywhere(go127: Path, go_env: testbed.EnvFactory, check_real, tmp_path: Path) -> None:
    ws = module_workspace(tmp_path)
    code, report = check_real(ws, go_env([go127 / "bin"]))
    assert code == 1
    [finding] = [f for f in report["findings"] if f["code"] == "GE120"]
    assert finding["severity"] == "warning" and finding["path"] == "go.mod"
    assert finding["range"] == {"start": {"line": 0, "character": 7}, "end": {"line": 0, "character": 22}}
    assert finding["message"] == f"{NOT_FOUND}; install it with `go install golang.org/x/tools/gopls@v0.23.0`"
    [fix] = finding["fixes"]
    assert fix["applicability"] == "unsafe" and fix["edits"] == []
    assert fix["command"]["argv"] == [f"{go127}/bin/go", "install", "golang.org/x/tools/gopls@v0.23.0"]


@pytest.mark.realgo
def test_gopls_in_gopath_bin_is_found(go122: Path, debian_gopls: Path, go_env: testbed.EnvFactory, probe_real,
                                      tmp_path: Path) -> None:
    env = go_env([go122 / "bin"])  # go 1.22 leaves GOBIN empty
    gopath_bin = Path(env["GOPATH"]) / "bin"
    gopath_bin.mkdir(parents=True)
    shutil.copy2(debian_gopls, gopath_bin / "gopls")
    facts = probe_real(module_workspace(tmp_path, "1.22.10"), env)
    [gopls] = facts.gopls
    assert (gopls.path, gopls.origins, gopls.status) == (str(gopath_bin / "gopls"), ("GOPATH/bin",), Status.OK)
    assert findings(facts) == []


@pytest.mark.realgo
def test_gopls_in_gopath_bin_with_go_1_27(go127: Path, debian_gopls: Path, go_env: testbed.EnvFactory, probe_real,
                                          tmp_path: Path) -> None:
    env = go_env([go127 / "bin"])
    gopath_bin = Path(env["GOPATH"]) / "bin"
    gopath_bin.mkdir(parents=True)
    shutil.copy2(debian_gopls, gopath_bin / "gopls")
    facts = probe_real(module_workspace(tmp_path), env)
    [gopls] = facts.gopls
    # go 1.27's `go env GOBIN` reports $GOPATH/bin when GOBIN is unset, so both origins name it
    assert "GOPATH/bin" in gopls.origins
    assert findings(facts) == []


@pytest.mark.realgo
def test_gopls_in_gobin_from_the_environment_is_found(go127: Path, debian_gopls: Path, go_env: testbed.EnvFactory,
                                                      probe_real, tmp_path: Path) -> None:
    gobin = tmp_path / "gobin"
    gobin.mkdir()
    shutil.copy2(debian_gopls, gobin / "gopls")
    facts = probe_real(module_workspace(tmp_path), go_env([go127 / "bin"], GOBIN=gobin))
    [gopls] = facts.gopls
    assert (gopls.path, gopls.origins) == (str(gobin / "gopls"), ("GOBIN",))
    assert findings(facts) == []


@pytest.mark.realgo
def test_gopls_in_gobin_from_the_goenv_file_is_found(go122: Path, debian_gopls: Path, go_env: testbed.EnvFactory,
                                                     probe_real, tmp_path: Path) -> None:
    gobin = tmp_path / "gobin"
    gobin.mkdir()
    shutil.copy2(debian_gopls, gobin / "gopls")
    env = go_env([go122 / "bin"])
    testbed.write_goenv(env, GOBIN=str(gobin))
    facts = probe_real(module_workspace(tmp_path, "1.22.10"), env)
    assert [g.origins for g in facts.gopls] == [("GOBIN",)]
    assert findings(facts) == []


@pytest.mark.realgo
def test_alternate_tools_gopls_that_does_not_exist(go127: Path, go_env: testbed.EnvFactory, probe_real,
                                                   tmp_path: Path) -> None:
    ws = module_workspace(tmp_path)
    (ws / ".vscode").mkdir()
    (ws / ".vscode/settings.json").write_text(json.dumps({"go.alternateTools": {"gopls": "~/tools/gopls"}}))
    env = go_env([go127 / "bin"])
    [finding] = findings(probe_real(ws, env))
    assert finding.message == (f"gopls configured at {env['HOME']}/tools/gopls does not exist; install it with "
                               "`go install golang.org/x/tools/gopls@v0.23.0`")


@pytest.mark.realgo
def test_outside_a_module_no_gopls_is_fine(go127: Path, go_env: testbed.EnvFactory, probe_real,
                                           tmp_path: Path) -> None:
    (tmp_path / "plain").mkdir()
    facts = probe_real(tmp_path / "plain", go_env([go127 / "bin"]))
    assert facts.gopls == () and facts.files_of("go.mod") == () and facts.modules == ()
    assert findings(facts) == []
