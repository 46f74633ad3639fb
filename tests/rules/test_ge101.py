"""GE101 go-not-found: no go on PATH (with hints where Go is installed anyway)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
import testbed
from factsbuilder import ROOT, go_binary, healthy

from goenv_lsp.engine import evaluate
from goenv_lsp.facts import Origin, Status
from goenv_lsp.model import Location, Range, Severity
from goenv_lsp.probe import ProbeOptions, collect_sync
from goenv_lsp.probe.fake import FakeSystem
from goenv_lsp.rules.ge0_internal.ge003_binary_skipped import check as GE003
from goenv_lsp.rules.ge1_toolchain.ge101_go_not_found import check as GE101

MODULE_LINE = Location(f"{ROOT}/go.mod", Range.of(0, 7, 22))


def run(facts):
    return evaluate(facts, rules=[GE101])


def test_healthy_go_on_path() -> None:
    assert run(healthy()) == []


def test_no_go_anywhere() -> None:
    [finding] = run(healthy(go_binaries=()))
    assert (finding.code, finding.name, finding.severity) == ("GE101", "go-not-found", Severity.ERROR)
    assert finding.message == "go not found on PATH /usr/local/go1.27.3/bin:/usr/bin"
    assert finding.location == MODULE_LINE
    assert finding.fixes == ()


def test_no_go_and_no_go_mod_is_a_workspace_finding() -> None:
    [finding] = run(healthy(go_binaries=(), go_mod=None))
    assert finding.location == Location(None)


def test_empty_path() -> None:
    [finding] = run(healthy(go_binaries=(), path_entries=()))
    assert finding.message == "go not found on PATH (empty)"


def test_hint_names_a_go_installed_elsewhere() -> None:
    installed = go_binary("1.24.11", root="/usr/local/go", path_index=None, origins=("well-known",))
    [finding] = run(healthy(go_binaries=(installed,)))
    assert finding.severity is Severity.ERROR
    assert finding.message.startswith("go not found on PATH /usr/local/go1.27.3/bin:/usr/bin; ")
    assert "Go is installed but not on PATH: /usr/local/go/bin/go (go1.24.11) — add its bin directory" in \
        finding.message


def test_hint_names_the_goroot_variable_s_go() -> None:
    at_goroot = go_binary("1.27.3", path_index=None, origins=("GOROOT",))
    [finding] = run(healthy(go_binaries=(at_goroot,)))
    assert "not on PATH: /usr/local/go1.27.3/bin/go (go1.27.3)" in finding.message


def test_hint_with_unknown_version_and_no_missing_paths() -> None:
    broken = replace(go_binary(root="/opt/go", path_index=None, origins=("well-known",)), version=None,
                     status=Status.FAILED)
    gone = replace(go_binary(root="/gone", path_index=None, origins=("go.goroot",)), status=Status.MISSING)
    [finding] = run(healthy(go_binaries=(broken, gone)))
    assert "/opt/go/bin/go (version unknown)" in finding.message
    assert "/gone" not in finding.message


def test_a_go_found_where_installers_put_it_is_read_not_run() -> None:
    """Only to say what to add to PATH: its VERSION file tells the version; nothing is executed."""
    fake = FakeSystem("linux", {"HOME": "/home/dev", "PATH": "/usr/bin"})
    fake.add_go("/usr/local/go", "1.27.3")
    fake.add_file("/work/app/go.mod", "module example.com/app\n\ngo 1.27.3\n")
    facts = collect_sync("/work/app", ProbeOptions(), fake)
    [binary] = facts.go_binaries
    assert (binary.status, binary.version, binary.origins, fake.run_count) == (Status.SKIPPED, "go1.27.3",
                                                                               (Origin.WELL_KNOWN,), 0)
    [finding] = run(facts)
    assert finding.message.endswith("Go is installed but not on PATH: /usr/local/go/bin/go (go1.27.3) — add its "
                                    "bin directory to PATH")
    assert evaluate(facts, rules=[GE003]) == []  # skipped, but not a workspace binary


def test_only_an_editor_sdk_works() -> None:
    sdk = go_binary("1.27.3", root="/sdk/go1.27.3", path_index=None, origins=("go.goroot",))
    [finding] = run(healthy(go_binaries=(sdk,)))
    assert finding.severity is Severity.WARNING
    assert finding.message.startswith("no go on PATH; only the editor's configured SDK /sdk/go1.27.3/bin/go "
                                      "(go1.27.3) works")
    assert finding.location == MODULE_LINE


@pytest.mark.parametrize("status", [Status.FAILED, Status.TIMED_OUT, Status.CRASHED, Status.MALFORMED])
def test_a_go_on_path_that_fails_is_found(status: Status) -> None:
    """Not "not found": GE001, GE103 or GE201 say why it fails."""
    assert run(healthy(go_binaries=(replace(go_binary(), status=status),))) == []


def test_unknown_binaries_yield_nothing() -> None:
    assert run(healthy(go_binaries=None)) == []


# --- real toolchains


def ge101(report: dict) -> list[dict]:
    return [f for f in report["findings"] if f["code"] == "GE101"]


@pytest.mark.realgo
def test_real_path_without_go(workspace: Path, go_env: testbed.EnvFactory, check_real) -> None:
    code, report = check_real(workspace, go_env([]))
    assert code == 1
    [finding] = ge101(report)
    assert finding["severity"] == "error"
    assert finding["message"].startswith(f"go not found on PATH {testbed.host_bin()}")
    assert finding["path"] == "go.mod"
    assert finding["range"] == {"start": {"line": 0, "character": 7}, "end": {"line": 0, "character": 22}}


@pytest.mark.realgo
def test_real_path_without_go_and_without_go_mod(tmp_path: Path, go_env: testbed.EnvFactory, check_real) -> None:
    code, report = check_real(tmp_path, go_env([]))
    assert code == 1
    [finding] = ge101(report)
    assert finding["path"] is None


@pytest.mark.realgo
def test_real_goroot_variable_names_an_installed_go(workspace: Path, go127: Path, go_env: testbed.EnvFactory,
                                                    probe_real) -> None:
    [finding] = run(probe_real(workspace, go_env([], GOROOT=go127)))
    assert finding.severity is Severity.ERROR
    assert finding.message == (f"go not found on PATH {testbed.host_bin()}; Go is installed but not on PATH: "
                               f"{go127}/bin/go (go1.27.3) — add its bin directory to PATH")


@pytest.mark.realgo
def test_real_failing_go_on_path_is_not_reported_missing(workspace: Path, go127: Path, go_env: testbed.EnvFactory,
                                                         check_real) -> None:
    code, report = check_real(workspace, go_env([go127 / "bin"], GOROOT="/nonexistent"))
    assert code == 1
    assert ge101(report) == []
    assert "GE103" in {f["code"] for f in report["findings"]}


@pytest.mark.parametrize(("status", "real", "why"), [
    (Status.NOT_EXECUTABLE, "/opt/go/bin/go", "not executable (chmod +x it, or reinstall Go)"),
    (Status.UNREADABLE, "/opt/go/bin/go", "a directory"),
    (Status.MISSING, "/opt/go-removed/bin/go", "a dangling symbolic link (to /opt/go-removed/bin/go, which does "
                                               "not exist)"),
])
def test_a_go_on_path_that_cannot_run_is_named(status: Status, real: str, why: str) -> None:
    """The shell passes over it, so go is not found: say which file is in the way."""
    blocked = replace(go_binary(), path="/opt/go/bin/go", real_path=real, origins=(Origin.PATH,), path_index=None,
                      status=status, version=None, env=None)
    [finding] = run(healthy(go_binaries=(blocked,), path_entries=("/opt/go/bin", "/usr/bin")))
    assert finding.message == f"go not found on PATH /opt/go/bin:/usr/bin; /opt/go/bin/go is {why}"
