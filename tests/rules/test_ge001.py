"""GE001 probe-failed: a go or gopls that hangs, crashes, fails or prints something else than a go command."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import time
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
    assert finding.message == f"`{GO} env -json` printed output that is not JSON"


def test_version_output_that_is_not_a_go_s() -> None:
    [finding] = run(go_with(ProbeRun(VERSION, Status.OK, 0, "Python 3.11.7\n"), status=Status.MALFORMED))
    assert finding.severity is Severity.WARNING
    assert finding.message == f"{GO} does not answer like a go command: `go version` printed 'Python 3.11.7'"


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


# --- real faults: fake go commands first on PATH


def fake_go(tmp_path: Path, script: str) -> Path:
    bin_dir = tmp_path / "fakebin"
    bin_dir.mkdir(exist_ok=True)
    go = bin_dir / "go"
    go.write_text("#!/bin/sh\n" + script)
    go.chmod(0o755)
    return bin_dir


def ge001(report: dict) -> list[dict]:
    return [f for f in report["findings"] if f["code"] == "GE001"]


def running(pids: list[int]) -> list[int]:
    """The pids still running (a zombie waiting for its reaper is not), given a moment to die after SIGKILL."""
    def state(pid: int) -> str:
        try:
            return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except FileNotFoundError:
            return "gone"

    for _ in range(200):
        left = [pid for pid in pids if state(pid) not in ("Z", "gone")]
        if not left:
            break
        time.sleep(0.01)
    return left


@pytest.mark.realgo
def test_real_hanging_go_is_killed(workspace: Path, tmp_path: Path, go_env: testbed.EnvFactory, check_real) -> None:
    pids = tmp_path / "pids"
    bin_dir = fake_go(tmp_path, f"echo $$ >> {pids}\nsleep 60 &\necho $! >> {pids}\nwait\n")
    started = time.monotonic()
    try:
        code, report = check_real(workspace, go_env([bin_dir]), "--probe-timeout", "0.5")
        elapsed = time.monotonic() - started
        recorded = [int(pid) for pid in pids.read_text().split()]
        assert len(recorded) == 4  # go version and go env -json, each a shell and its sleep
        assert running(recorded) == []
    finally:  # never leave a sleeper behind, even when the test fails
        for pid in pids.read_text().split() if pids.exists() else ():
            with contextlib.suppress(ProcessLookupError):
                os.kill(int(pid), signal.SIGKILL)
    assert code == 1
    [finding] = ge001(report)
    assert finding["severity"] == "error"
    assert finding["message"] == f"`{bin_dir}/go version` did not finish and was killed (killed after 0.5 s)"
    assert elapsed < 20  # killed, not waited for (the probes alone would take 60 s)


@pytest.mark.realgo
def test_real_crashing_go(workspace: Path, tmp_path: Path, go_env: testbed.EnvFactory, check_real) -> None:
    bin_dir = fake_go(tmp_path, "kill -SEGV $$\n")
    code, report = check_real(workspace, go_env([bin_dir]))
    assert code == 1
    [finding] = ge001(report)
    assert finding["message"] == f"`{bin_dir}/go version` crashed (signal 11)"


@pytest.mark.realgo
def test_real_go_printing_garbage(workspace: Path, tmp_path: Path, go_env: testbed.EnvFactory, probe_real,
                                  check_real) -> None:
    bin_dir = fake_go(tmp_path, "echo 'Hello from a stranger'\n")
    facts = probe_real(workspace, go_env([bin_dir]))
    [go] = facts.go_binaries
    assert (go.status, go.version, go.env) == (Status.MALFORMED, None, None)
    assert go.env_run.status is Status.MALFORMED
    code, report = check_real(workspace, go_env([bin_dir]))
    assert code == 1
    [finding] = ge001(report)
    assert finding["message"] == f"`{bin_dir}/go env -json` printed output that is not JSON"


@pytest.mark.realgo
def test_real_go_warning_on_stderr(workspace: Path, tmp_path: Path, go127: Path, go_env: testbed.EnvFactory,
                                   check_real) -> None:
    bin_dir = fake_go(tmp_path, f'echo "warning: something to say" >&2\nexec {go127}/bin/go "$@"\n')
    _, report = check_real(workspace, go_env([bin_dir], GOTOOLCHAIN=None))
    assert ge001(report) == []
    assert {f["code"] for f in report["findings"]} & {"GE101", "GE110", "GE111"} == set()


@pytest.mark.realgo
def test_real_go_copied_out_of_its_tree(workspace: Path, tmp_path: Path, go127: Path, go_env: testbed.EnvFactory,
                                        check_real) -> None:
    lone = tmp_path / "lone"
    lone.mkdir()
    shutil.copy2(go127 / "bin/go", lone / "go")
    code, report = check_real(workspace, go_env([lone]))
    assert code == 1
    [finding] = ge001(report)
    assert finding["message"] == (f"`{lone}/go version` failed with exit status 2: go: cannot find GOROOT directory: "
                                  "'go' binary is trimmed and GOROOT is not set")
    assert "GE101" not in {f["code"] for f in report["findings"]}
