"""GE001 probe-failed: a go or gopls that hangs, crashes, fails or prints something else than a go command."""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

import pytest
import testbed
from factsbuilder import ROOT, go_binary, gopls, healthy

from goenv_lsp.engine import evaluate
from goenv_lsp.facts import PathInfo, ProbeRun, Status
from goenv_lsp.model import Location, Range, Severity
from goenv_lsp.rules import Rule
from goenv_lsp.rules.ge0_internal.ge001_probe_failed import check as GE001
from goenv_lsp.rules.ge1_toolchain.ge103_goroot_invalid import check as GE103
from goenv_lsp.rules.ge1_toolchain.ge113_gotoolchain_invalid import check as GE113
from goenv_lsp.rules.ge2_modules.ge201_gopath_invalid import check as GE201

GO = "/usr/local/go1.27.3/bin/go"
MODULE_LINE = Location(f"{ROOT}/go.mod", Range.of(0, 7, 22))
VERSION = (GO, "version")
ENV_JSON = (GO, "env", "-json")


def run(facts):
    return evaluate(facts, rules=[GE001])


def go_with(version_run: ProbeRun | None = None, env_run: ProbeRun | None = None, **changes):
    binary = go_binary()
    binary = replace(binary, version_run=version_run or ProbeRun(VERSION, Status.OK, 0),
                     env_run=env_run or ProbeRun(ENV_JSON, Status.OK, 0), **changes)
    return healthy(go_binaries=(binary,))


def test_healthy() -> None:
    assert run(healthy()) == []


def test_timed_out_go_on_path_is_an_error() -> None:
    [finding] = run(go_with(ProbeRun(VERSION, Status.TIMED_OUT, None, "", "killed after 5 s"),
                            status=Status.TIMED_OUT))
    assert (finding.code, finding.name, finding.severity) == ("GE001", "probe-failed", Severity.ERROR)
    assert finding.message == f"`{GO} version` did not finish and was killed (killed after 5 s)"
    assert finding.location == MODULE_LINE
    assert finding.fixes == ()


def test_a_failing_go_off_path_is_a_warning() -> None:
    binary = replace(go_binary(path_index=None, origins=("go.goroot",)),
                     env_run=ProbeRun(ENV_JSON, Status.FAILED, 1, "", "go: something odd\nsecond line"))
    [finding] = run(healthy(go_binaries=(binary,)))
    assert finding.severity is Severity.WARNING
    assert finding.message == f"`{GO} env -json` failed with exit status 1: go: something odd"


def test_crashed() -> None:
    [finding] = run(go_with(ProbeRun(VERSION, Status.CRASHED, -11, "", "")))
    assert finding.message == f"`{GO} version` crashed (signal 11)"


def test_crashed_with_output() -> None:
    [finding] = run(go_with(env_run=ProbeRun(ENV_JSON, Status.CRASHED, -6, "", "SIGABRT: abort\nPC=0x0")))
    assert finding.message == f"`{GO} env -json` crashed (signal 6): SIGABRT: abort"


def test_not_executable() -> None:
    [finding] = run(go_with(ProbeRun(VERSION, Status.NOT_EXECUTABLE, None, "", "[Errno 8] Exec format error")))
    assert finding.message == f"`{GO} version` cannot be executed: [Errno 8] Exec format error"


def test_env_json_that_is_not_json() -> None:
    [finding] = run(go_with(env_run=ProbeRun(ENV_JSON, Status.MALFORMED, 0, "GOPATH=/x\n")))
    assert finding.message == f"`{GO} env -json` printed output that is not a go environment in JSON"


def test_the_command_is_shown_as_typed() -> None:
    """`go -C DIR env -json AR CC …` is what ran; `go env -json` is what a person types."""
    argv = (GO, "-C", ROOT, "env", "-json", "AR", "CC", "GOROOT")
    [finding] = run(go_with(env_run=ProbeRun(argv, Status.FAILED, 2, "", "go: boom")))
    assert finding.message == f"`{GO} env -json` failed with exit status 2: go: boom"


def test_only_the_first_failing_run_of_a_binary_is_reported() -> None:
    timed_out = ProbeRun(VERSION, Status.TIMED_OUT, None, "", "killed after 5 s")
    [finding] = run(go_with(timed_out, replace(timed_out, argv=ENV_JSON)))
    assert finding.message.startswith(f"`{GO} version`")


@pytest.mark.parametrize(("stderr", "variable", "value", "explained_by"), [
    ("go: cannot find GOROOT directory: /nonexistent", "GOROOT", "/nonexistent", GE103),
    ("go: GOPATH entry cannot start with shell metacharacter '~': \"~/go\"", "GOPATH", "~/go", GE201),
    ("go: GOPATH entry is relative; must be absolute path: \"go\".", "GOPATH", "go", GE201),
    ('go: invalid GOTOOLCHAIN "\\"auto\\""', "GOTOOLCHAIN", '"auto"', GE113),
])
def test_failures_another_rule_explains(stderr: str, variable: str, value: str, explained_by: Rule) -> None:
    facts = go_with(ProbeRun(VERSION, Status.FAILED, 2, "", stderr + "\n"),
                    ProbeRun(ENV_JSON, Status.FAILED, 2, "", stderr + "\n"), status=Status.FAILED)
    facts = replace(facts, env={**facts.env, variable: value},
                    path_info={**facts.path_info, "/nonexistent": PathInfo("missing")})
    assert [f.code for f in evaluate(facts, rules=[GE001, explained_by])] == [explained_by.code]
    [alone] = run(facts)  # the engine drops GE001 because of the other rule's finding, not GE001 itself
    assert alone.message == f"`{GO} version` failed with exit status 2: {stderr}"


def test_a_failure_no_other_rule_explains_stays_next_to_one_that_does() -> None:
    """GOPATH='~/go' explains go's failure, not a gopls whose build info cannot be read."""
    stderr = "go: GOPATH entry cannot start with shell metacharacter '~': \"~/go\"\n"
    facts = go_with(ProbeRun(VERSION, Status.FAILED, 2, "", stderr), status=Status.FAILED)
    path = "/home/dev/go/bin/gopls"
    broken = replace(gopls(), status=Status.FAILED,
                     run=ProbeRun((GO, "version", "-m", path), Status.FAILED, 1, "", f"{path}: not executable file"))
    facts = replace(facts, env={**facts.env, "GOPATH": "~/go"}, gopls=(broken,))
    found = {f.code: f.message for f in evaluate(facts, rules=[GE001, GE201])}
    assert sorted(found) == ["GE001", "GE201"]
    assert found["GE001"].startswith(f"cannot read the build info of gopls at {path}:")


def test_a_go_copied_out_of_its_tree_is_reported() -> None:
    stderr = "go: cannot find GOROOT directory: 'go' binary is trimmed and GOROOT is not set\n"
    [finding] = run(go_with(ProbeRun(VERSION, Status.FAILED, 2, "", stderr), status=Status.FAILED))
    assert finding.message == f"`{GO} version` failed with exit status 2: {stderr.strip()}"


def test_stderr_warning_with_valid_output() -> None:
    warning = "warning: both GOPATH and GOROOT are the same directory (/usr/local/go1.27.3)\n"
    assert run(go_with(ProbeRun(VERSION, Status.OK, 0, "go version go1.27.3 linux/amd64\n", warning))) == []


def test_unprobed_binaries_are_not_failures() -> None:
    for status in (Status.SKIPPED, Status.MISSING, Status.NOT_EXECUTABLE):
        binary = replace(go_binary(), status=status, version_run=None, env_run=None, version=None, env=None)
        assert run(healthy(go_binaries=(binary,))) == []


def test_gopls_build_info_unreadable() -> None:
    path = "/home/dev/go/bin/gopls"
    broken = replace(gopls(), status=Status.FAILED,
                     run=ProbeRun((GO, "version", "-m", path), Status.FAILED, 1, "", f"{path}: not executable file"))
    [finding] = run(healthy(gopls=(broken,)))
    assert finding.severity is Severity.INFO
    assert finding.message == (f"cannot read the build info of gopls at {path}: `{GO} version -m {path}` failed with "
                               f"exit status 1: {path}: not executable file")


def test_unknown_facts_yield_nothing() -> None:
    assert run(healthy(go_binaries=None, gopls=None)) == []


# --- real faults (hanging, crashing, garbage-printing go programs: tests/faults/test_fault_matrix.py)


def ge001(report: dict) -> list[dict]:
    return [f for f in report["findings"] if f["code"] == "GE001"]


@pytest.mark.realgo
def test_a_script_named_go_is_never_run(workspace: Path, tmp_path: Path, go_env: testbed.EnvFactory,
                                        check_real) -> None:
    """A go that is a script is not the go command: it is reported, not run (docs/security.md)."""
    marker = tmp_path / "ran"
    bin_dir = tmp_path / "fakebin"
    bin_dir.mkdir()
    (bin_dir / "go").write_text(f"#!/bin/sh\ntouch {marker}\nsleep 60\n")
    (bin_dir / "go").chmod(0o755)
    _, report = check_real(workspace, go_env([bin_dir]), "--probe-timeout", "0.5")
    assert not marker.exists()
    assert ge001(report) == []
    assert [(f["code"], f["message"]) for f in report["findings"] if f["code"] in ("GE003", "GE101")] == [
        ("GE003", f"{bin_dir}/go (PATH) is not the go command (a script (#!/bin/sh)): goenv-lsp did not run it")]


@pytest.mark.realgo
def test_real_go_copied_out_of_its_tree(workspace: Path, tmp_path: Path, go127: Path, go_env: testbed.EnvFactory,
                                        check_real) -> None:
    lone = tmp_path / "lone"
    lone.mkdir()
    shutil.copy2(go127 / "bin/go", lone / "go")
    code, report = check_real(workspace, go_env([lone]))
    assert code == 1
    [finding] = ge001(report)
    assert finding["message"] == (f"`{lone}/go env -json` failed with exit status 2: go: cannot find GOROOT "
                                  "directory: 'go' binary is trimmed and GOROOT is not set")
    assert "GE101" not in {f["code"] for f in report["findings"]}
