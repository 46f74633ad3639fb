"""goenv_lsp.probe.drive: the collector without asyncio (one-shot commands). The runner's own tests run again
under the driver, where they need nothing from asyncio; then what only the driver does: its concurrency cap,
the cancellation of what is left when the main coroutine ends, errors through ``gather``, and a whole
``collect_sync`` that never imports asyncio."""

from __future__ import annotations

import inspect
import itertools
import json
import subprocess
import sys
from pathlib import Path

import pytest
import test_runner as base
import testbed
from test_runner import ENV, marker, pids, recorded, running, sleeper  # noqa: F401 - fixtures too

from goenv_lsp.facts import Status
from goenv_lsp.probe import drive
from goenv_lsp.probe.runner import Runner

REPO = Path(__file__).resolve().parents[2]
# every runner test that waits only for its runs (the others need asyncio tasks: cancellation, gather)
UNDER_THE_DRIVER = [
    ("test_success_captures_both_streams", {}), ("test_non_zero_exit_is_failed", {}),
    ("test_killed_by_a_signal_is_crashed", {}), ("test_runs_in_the_given_directory", {}),
    ("test_no_shell_is_involved", {}), ("test_timeout_kills_the_process_group", {}),
    ("test_timeout_when_a_child_keeps_the_output_open", {}), ("test_missing_program", {}),
    ("test_missing_working_directory_is_a_failure_not_a_missing_program", {}),
    ("test_file_without_exec_permission", {}), ("test_executable_that_is_not_a_program", {}),
    ("test_a_directory_is_not_executable", {}),
    *(("test_gotoolchain_is_always_local", {"callers_value": v}) for v in ("auto", "", None)),
    ("test_only_the_given_environment_is_passed", {}),
    ("test_extra_env_is_added_for_one_run_but_never_lifts_gotoolchain_local", {}),
    ("test_a_user_command_keeps_the_users_gotoolchain", {}), ("test_timeout_given_per_run", {}),
    ("test_output_is_capped", {}), ("test_invalid_utf8_is_replaced", {}),
    *(("test_timeout_leaves_no_process_in_any_session", {"source": s}) for s in (
        base.SETSID_CHILD_HOLDS_STDOUT, base.DAEMON_HOLDS_STDERR, base.SETSID_CHILD_HOLDS_NOTHING,
        base.FORKS_ON_AND_ON)),
    ("test_a_process_that_is_not_ours_survives", {}),
    ("test_without_pidfd_and_proc_the_process_group_is_killed", {}),
]


@pytest.mark.parametrize(("name", "given"), UNDER_THE_DRIVER,
                         ids=[f"{n}-{i}" for i, (n, _) in enumerate(UNDER_THE_DRIVER)])
def test_the_runner_tests_pass_under_the_driver(name: str, given: dict, request: pytest.FixtureRequest) -> None:
    test = getattr(base, name)
    for mark in getattr(test, "pytestmark", ()):
        if mark.name == "skipif" and mark.args and mark.args[0]:
            pytest.skip(mark.kwargs.get("reason", ""))
    kwargs = {p: given[p] if p in given else request.getfixturevalue(p) for p in inspect.signature(test).parameters}
    drive.run(test(**kwargs))


@pytest.mark.parametrize("cap", [1, 2])
def test_the_concurrency_cap_under_the_driver(tmp_path: Path, cap: int) -> None:
    log = tmp_path / "log"
    job = tmp_path / "job.py"
    job.write_text("import sys, time\n"
                   f"log = {str(log)!r}\n"
                   "with open(log, 'a') as f: f.write(f'{sys.argv[1]} start {time.time()}\\n')\n"
                   "time.sleep(0.2)\n"
                   "with open(log, 'a') as f: f.write(f'{sys.argv[1]} end {time.time()}\\n')\n")
    runner = Runner(ENV, max_concurrency=cap)
    runs = drive.run(drive.gather(*(runner.run([sys.executable, str(job), str(n)]) for n in range(4))))
    assert [r.status for r in runs] == [Status.OK] * 4
    spans = base.intervals(log)
    assert len(spans) == 4 and base.most_at_once(spans) == cap  # never more, and the cap is used
    if cap == 1:
        assert all(end <= next_start for (_, end), (next_start, _) in itertools.pairwise(spans))


def test_what_is_left_when_the_main_coroutine_ends_is_cancelled_and_killed(tmp_path: Path,
                                                                            request: pytest.FixtureRequest) -> None:
    """As asyncio.run: a run started alongside and never awaited is cancelled, its process tree killed."""
    pid_file = request.getfixturevalue("pids")
    left: list[object] = []

    async def main() -> None:
        left.append(drive.start(Runner(ENV, timeout=30).run([sleeper(tmp_path, pid_file)])))
        # another run waits until the sleeper and its child have written their pids
        await Runner(ENV, timeout=20).run(["sh", "-c", f'until [ "$(cat {pid_file} 2>/dev/null | wc -l)" -ge 2 ]; '
                                                      "do sleep 0.01; done"])

    drive.run(main())
    assert len(recorded(pid_file)) == 2
    assert running(recorded(pid_file)) == []
    [task] = left
    assert task.done() and isinstance(task.error, drive.Cancelled)


def test_an_error_comes_out_of_gather_and_run() -> None:
    async def fails() -> None:
        raise ValueError("boom")

    async def main() -> list[object]:
        return await drive.gather(Runner(ENV).run(["true"]), fails())

    with pytest.raises(ValueError, match="boom"):
        drive.run(main())
    assert not drive.active()


@pytest.mark.realgo
def test_collect_sync_never_imports_asyncio(workspace: Path, go127: Path, go_env: testbed.EnvFactory) -> None:
    """A fresh interpreter collects the facts of a module with a real go; asyncio stays out of sys.modules."""
    env = go_env([go127 / "bin"])
    code = ("import sys, json\n"
            "from goenv_lsp.probe import ProbeOptions, collect_sync\n"
            "from goenv_lsp.probe.system import RealSystem\n"
            f"facts = collect_sync({str(workspace)!r}, ProbeOptions(login_shell=True), RealSystem(well_known_go=()))\n"
            "print(json.dumps([[b.status, b.version] for b in facts.go_binaries] + ['asyncio' in sys.modules]))\n")
    proc = subprocess.run([sys.executable, "-c", code], env={**env, "PYTHONPATH": str(REPO), "SHELL": "/bin/sh"},
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout) == [["ok", "go1.27.3"], False]


def test_a_cancelled_run_is_killed_and_its_awaiter_told(tmp_path: Path, request: pytest.FixtureRequest) -> None:
    pid_file = request.getfixturevalue("pids")

    async def main() -> None:
        task = drive.start(Runner(ENV, timeout=30).run([sleeper(tmp_path, pid_file)]))
        await Runner(ENV, timeout=20).run(["sh", "-c", f'until [ "$(cat {pid_file} 2>/dev/null | wc -l)" -ge 2 ]; '
                                                      "do sleep 0.01; done"])
        task.cancel()
        with pytest.raises(drive.Cancelled):
            await task

    drive.run(main())
    assert len(recorded(pid_file)) == 2
    assert running(recorded(pid_file)) == []


def test_a_run_cancelled_before_it_starts_starts_no_process() -> None:
    runner = Runner(ENV)

    async def main() -> None:
        task = drive.start(runner.run(["sleep", "30"]))
        task.cancel()
        with pytest.raises(drive.Cancelled):
            await task

    drive.run(main())
    assert runner.count == 0
