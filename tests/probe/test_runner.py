"""goenv_lsp.probe.runner: no shell, a timeout that kills the whole process group, cancellation that
leaves nothing behind, failures as statuses, GOTOOLCHAIN=local always, and a concurrency cap."""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import os
import signal
import sys
import time
from pathlib import Path

import pytest
import testbed

from goenv_lsp.facts import Status
from goenv_lsp.probe import runner as runner_module
from goenv_lsp.probe.runner import Runner

# the host tools only (sh, echo, env, sleep …): never a system bin directory, which may hold a go
ENV = {"PATH": str(testbed.host_bin()), "LANG": "C.UTF-8"}


def script(tmp_path: Path, name: str, body: str) -> str:
    path = tmp_path / name
    path.write_text("#!/bin/sh\n" + body)
    path.chmod(0o755)
    return str(path)


def _stat(pid: int) -> list[str] | None:
    """Fields of /proc/<pid>/stat after the command name: [state, ppid, pgrp, …]; None when gone."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (FileNotFoundError, ProcessLookupError):
        return None


def running(pids: list[int]) -> list[int]:
    """The pids still running (a zombie waiting for its reaper is not), given a moment to die after SIGKILL."""
    for _ in range(200):
        left = [pid for pid in pids if (_stat(pid) or ["Z"])[0] != "Z"]
        if not left:
            break
        time.sleep(0.01)
    return left


def group(pgid: int) -> list[int]:
    return [int(entry.name) for entry in Path("/proc").iterdir() if entry.name.isdigit()
            and (_stat(int(entry.name)) or ["", "", ""])[2] == str(pgid)]


@pytest.fixture
def pids(tmp_path: Path):
    """A file the test scripts append their process ids to; whatever is still running is killed afterwards."""
    path = tmp_path / "pids"
    yield path
    for pid in path.read_text().split() if path.exists() else ():
        with contextlib.suppress(ProcessLookupError):
            os.kill(int(pid), signal.SIGKILL)


def recorded(pids: Path) -> list[int]:
    return [int(pid) for pid in pids.read_text().split()]


# a shell that starts a child in the background and waits: killing only the shell would orphan the sleep
def sleeper(tmp_path: Path, pids: Path) -> str:
    return script(tmp_path, "sleeper", f"echo $$ >> {pids}\nsleep 60 &\necho $! >> {pids}\nwait\n")


async def test_success_captures_both_streams() -> None:
    runner = Runner(ENV)
    run = await runner.run(["sh", "-c", "echo out; echo err >&2"])
    assert (run.argv, run.status, run.exit_code, run.stdout, run.stderr) == (
        ("sh", "-c", "echo out; echo err >&2"), Status.OK, 0, "out\n", "err\n")
    assert run.duration_ms > 0
    assert runner.count == 1


async def test_non_zero_exit_is_failed() -> None:
    run = await Runner(ENV).run(["sh", "-c", "echo nope >&2; exit 3"])
    assert (run.status, run.exit_code, run.stderr) == (Status.FAILED, 3, "nope\n")


async def test_killed_by_a_signal_is_crashed() -> None:
    run = await Runner(ENV).run(["sh", "-c", "kill -SEGV $$"])
    assert (run.status, run.exit_code) == (Status.CRASHED, -11)


async def test_runs_in_the_given_directory(tmp_path: Path) -> None:
    run = await Runner(ENV).run(["realpath", "."], cwd=str(tmp_path))
    assert run.stdout == f"{os.path.realpath(tmp_path)}\n"


async def test_no_shell_is_involved(tmp_path: Path) -> None:
    run = await Runner(ENV).run(["echo", "$HOME; rm -rf /"], cwd=str(tmp_path))
    assert run.stdout == "$HOME; rm -rf /\n"


async def test_timeout_kills_the_process_group(tmp_path: Path, pids: Path) -> None:
    run = await Runner(ENV, timeout=0.3).run([sleeper(tmp_path, pids)])
    assert (run.status, run.exit_code, run.stdout) == (Status.TIMED_OUT, None, "")
    assert run.stderr == "killed after 0.3 s"
    assert len(recorded(pids)) == 2
    assert running(recorded(pids)) == []


async def test_timeout_when_a_child_keeps_the_output_open(tmp_path: Path, pids: Path) -> None:
    """The command exits at once but leaves a child holding stdout: still killed at the timeout."""
    exe = script(tmp_path, "daemonish", f"sleep 60 &\necho $! >> {pids}\necho started\n")
    run = await Runner(ENV, timeout=0.3).run([exe])
    assert run.status is Status.TIMED_OUT
    assert running(recorded(pids)) == []


async def test_cancellation_kills_the_process_group(tmp_path: Path, pids: Path) -> None:
    task = asyncio.create_task(Runner(ENV, timeout=30).run([sleeper(tmp_path, pids)]))
    while not pids.exists() or len(pids.read_text().split()) < 2:  # both processes have started
        await asyncio.sleep(0.01)
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    assert len(recorded(pids)) == 2
    assert running(recorded(pids)) == []


async def test_cancellation_while_the_process_starts(tmp_path: Path, pids: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """Cancelled after the fork but before asyncio has connected the pipes: the group is still killed."""
    spawned: asyncio.Future[int] = asyncio.get_running_loop().create_future()
    real_spawn = asyncio.create_subprocess_exec

    async def slow_spawn(*args, **kwargs):
        proc = await real_spawn(*args, **kwargs)
        spawned.set_result(proc.pid)
        await asyncio.sleep(0.2)  # still inside create_subprocess_exec when the cancellation comes
        return proc

    monkeypatch.setattr(runner_module.asyncio, "create_subprocess_exec", slow_spawn)
    task = asyncio.create_task(Runner(ENV, timeout=30).run([sleeper(tmp_path, pids)]))
    pgid = await spawned
    while len(group(pgid)) < 2:  # the shell and its sleep
        await asyncio.sleep(0.01)
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    assert running(group(pgid)) == []


async def test_missing_program(tmp_path: Path) -> None:
    runner = Runner(ENV)
    run = await runner.run([str(tmp_path / "no-such-go"), "version"])
    assert (run.status, run.exit_code) == (Status.MISSING, None)
    assert "No such file or directory" in run.stderr
    assert runner.count == 0


async def test_missing_working_directory_is_a_failure_not_a_missing_program(tmp_path: Path) -> None:
    run = await Runner(ENV).run(["/bin/echo"], cwd=str(tmp_path / "gone"))
    assert run.status is Status.FAILED


async def test_file_without_exec_permission(tmp_path: Path) -> None:
    exe = tmp_path / "go"
    exe.write_text("#!/bin/sh\necho hi\n")
    exe.chmod(0o644)
    run = await Runner(ENV).run([str(exe), "version"])
    assert run.status is Status.NOT_EXECUTABLE
    assert "Permission denied" in run.stderr


async def test_executable_that_is_not_a_program(tmp_path: Path) -> None:
    exe = tmp_path / "go"
    exe.write_bytes(b"\x7fELF garbage, not for this machine")
    exe.chmod(0o755)
    run = await Runner(ENV).run([str(exe), "version"])
    assert run.status is Status.NOT_EXECUTABLE
    assert "Exec format error" in run.stderr


async def test_a_directory_is_not_executable(tmp_path: Path) -> None:
    assert (await Runner(ENV).run([str(tmp_path)])).status is Status.NOT_EXECUTABLE


@pytest.mark.parametrize("callers_value", ["auto", "path", "go1.27.3+auto", "", None])
async def test_gotoolchain_is_always_local(callers_value: str | None) -> None:
    env = {**ENV, "GOFLAGS": "-mod=mod"} | ({"GOTOOLCHAIN": callers_value} if callers_value is not None else {})
    run = await Runner(env).run(["sh", "-c", 'echo "$GOTOOLCHAIN $GOFLAGS"'])
    assert run.stdout == "local -mod=mod\n"
    assert env.get("GOTOOLCHAIN") == callers_value  # the caller's mapping is left alone


async def test_only_the_given_environment_is_passed() -> None:
    run = await Runner({"PATH": str(testbed.host_bin())}).run(["env"])
    assert sorted(line.split("=", 1)[0] for line in run.stdout.splitlines()) == ["GOTOOLCHAIN", "PATH"]


async def test_extra_env_is_added_for_one_run_but_never_lifts_gotoolchain_local() -> None:
    runner = Runner(ENV)
    run = await runner.run(["sh", "-c", 'echo "$GOTOOLCHAIN $GOFLAGS"'],
                           extra_env={"GOFLAGS": "-mod=mod", "GOTOOLCHAIN": "auto"})
    assert run.stdout == "local -mod=mod\n"
    again = await runner.run(["sh", "-c", 'echo "$GOTOOLCHAIN ${GOFLAGS:-unset}"'])
    assert again.stdout == "local unset\n"  # the extra variables were for that run only


async def test_a_user_command_keeps_the_users_gotoolchain() -> None:
    runner = Runner({**ENV, "GOTOOLCHAIN": "go1.27.3+auto"}, force_local_toolchain=False)
    run = await runner.run(["sh", "-c", 'echo "$GOTOOLCHAIN"'])
    assert run.stdout == "go1.27.3+auto\n"
    run = await runner.run(["sh", "-c", 'echo "$GOTOOLCHAIN"'], extra_env={"GOTOOLCHAIN": "path"})
    assert run.stdout == "path\n"


async def test_timeout_given_per_run(tmp_path: Path, pids: Path) -> None:
    runner = Runner(ENV, timeout=30)
    run = await runner.run([sleeper(tmp_path, pids)], timeout=0.3)
    assert (run.status, run.stderr) == (Status.TIMED_OUT, "killed after 0.3 s")
    assert running(recorded(pids)) == []
    assert runner.timeout == 30  # the runner's own timeout is unchanged


def intervals(log: Path) -> list[tuple[float, float]]:
    """(start, end) per job from lines "<job> start|end <seconds since the epoch>"."""
    times: dict[str, dict[str, float]] = {}
    for line in log.read_text().splitlines():
        job, event, stamp = line.split()
        times.setdefault(job, {})[event] = float(stamp)
    return sorted((t["start"], t["end"]) for t in times.values())


def most_at_once(spans: list[tuple[float, float]]) -> int:
    events = sorted([(start, 1) for start, _ in spans] + [(end, -1) for _, end in spans])
    running = peak = 0
    for _, step in events:  # at equal times an end (-1) sorts before a start (+1)
        running += step
        peak = max(peak, running)
    return peak


@pytest.mark.parametrize("cap", [1, 2])
async def test_concurrency_cap(tmp_path: Path, cap: int) -> None:
    log = tmp_path / "log"
    job = tmp_path / "job.py"  # time stamps from Python: the host tools have no `date`
    job.write_text("import sys, time\n"
                   f"log = {str(log)!r}\n"
                   "with open(log, 'a') as f: f.write(f'{sys.argv[1]} start {time.time()}\\n')\n"
                   "time.sleep(0.2)\n"
                   "with open(log, 'a') as f: f.write(f'{sys.argv[1]} end {time.time()}\\n')\n")
    runner = Runner(ENV, max_concurrency=cap)
    runs = await asyncio.gather(*(runner.run([sys.executable, str(job), str(n)]) for n in range(4)))
    assert [r.status for r in runs] == [Status.OK] * 4
    spans = intervals(log)
    assert len(spans) == 4
    assert most_at_once(spans) <= cap
    if cap == 1:
        assert all(end <= next_start for (_, end), (next_start, _) in itertools.pairwise(spans))


async def test_output_is_capped(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(runner_module, "MAX_OUTPUT", 10)
    run = await Runner(ENV).run(["sh", "-c", "printf '%0200d' 0; printf '%0200d' 0 >&2"])
    assert (run.status, run.stdout, run.stderr) == (Status.OK, "0" * 10, "0" * 10)


async def test_invalid_utf8_is_replaced() -> None:
    run = await Runner(ENV).run(["printf", "go\\377\\n"])
    assert run.stdout == "go\ufffd\n"
