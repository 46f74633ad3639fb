"""goenv_lsp.probe.runner: no shell, a timeout that kills the whole process group, cancellation that
leaves nothing behind, failures as statuses, GOTOOLCHAIN=local always, and a concurrency cap."""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import os
import signal
import subprocess
import sys
import time
import uuid
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


def marked(marker: str) -> list[int]:
    """Live processes whose environment or command line holds ``marker``, given a moment to die."""
    def scan() -> list[int]:
        found = []
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit() or (_stat(int(entry.name)) or ["Z"])[0] == "Z":
                continue
            with contextlib.suppress(OSError):
                if marker.encode() in (entry / "environ").read_bytes() + (entry / "cmdline").read_bytes():
                    found.append(int(entry.name))
        return found

    for _ in range(200):
        if not (left := scan()):
            break
        time.sleep(0.01)
    return left


@pytest.fixture
def marker():
    """A string to put in a run's environment; processes still holding it are killed afterwards."""
    mark = f"goenv-lsp-test-{uuid.uuid4().hex}"
    yield mark
    for pid in marked(mark):
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)


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


async def test_cancellation_right_after_the_start(tmp_path: Path, pids: Path, marker: str) -> None:
    """Cancelled at its first wait, before the process has done anything: the process still goes."""
    task = asyncio.create_task(Runner({**ENV, "MARK": marker}, timeout=30).run([sleeper(tmp_path, pids)]))
    await asyncio.sleep(0)  # the process starts; the run now waits for it
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    await asyncio.sleep(0.3)  # had it survived, its shell would have started its sleep by now
    assert marked(marker) == []


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


# a go that leaves a process in another session: the process group kill alone would miss it
SETSID_CHILD_HOLDS_STDOUT = """
import os, time
if os.fork() == 0:
    os.setsid()
    time.sleep(60)
time.sleep(60)
"""
DAEMON_HOLDS_STDERR = """
import os, sys, time
if os.fork() == 0:
    os.setsid()
    if os.fork() == 0:
        os.dup2(os.open(os.devnull, os.O_WRONLY), 1)
        time.sleep(60)
    os._exit(0)
print("started")
"""
SETSID_CHILD_HOLDS_NOTHING = """
import os, time
if os.fork() == 0:
    os.setsid()
    null = os.open(os.devnull, os.O_WRONLY)
    os.dup2(null, 1)
    os.dup2(null, 2)
    time.sleep(60)
time.sleep(60)
"""
FORKS_ON_AND_ON = """
import os, time
for _ in range(300):
    if os.fork() == 0:
        os.setsid()
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, 1)
        os.dup2(null, 2)
        time.sleep(60)
        os._exit(0)
    time.sleep(0.005)
time.sleep(60)
"""


def python_script(tmp_path: Path, source: str) -> list[str]:
    path = tmp_path / "fake_go.py"
    path.write_text(source)
    return [sys.executable, str(path)]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the process table is read from /proc")
@pytest.mark.parametrize("source", [SETSID_CHILD_HOLDS_STDOUT, DAEMON_HOLDS_STDERR, SETSID_CHILD_HOLDS_NOTHING,
                                    FORKS_ON_AND_ON],
                         ids=["setsid-child-holds-stdout", "daemon-holds-stderr", "setsid-child-holds-nothing",
                              "forks-on-and-on"])
async def test_timeout_leaves_no_process_in_any_session(tmp_path: Path, marker: str, source: str) -> None:
    started = time.monotonic()
    run = await Runner({**ENV, "MARK": marker}, timeout=0.5).run(python_script(tmp_path, source))
    elapsed = time.monotonic() - started
    assert (run.status, run.stderr) == (Status.TIMED_OUT, "killed after 0.5 s")
    assert marked(marker) == []
    assert elapsed < 0.5 + 3


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the process table is read from /proc")
async def test_cancellation_leaves_no_process_in_any_session(tmp_path: Path, marker: str) -> None:
    task = asyncio.create_task(Runner({**ENV, "MARK": marker}, timeout=30).run(
        python_script(tmp_path, SETSID_CHILD_HOLDS_STDOUT)))
    while len(marked_now(marker)) < 2:  # the script and its setsid child
        await asyncio.sleep(0.01)
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    assert marked(marker) == []


def marked_now(marker: str) -> list[int]:
    return [int(pid.name) for pid in Path("/proc").iterdir() if pid.name.isdigit() and _holds(pid, marker)]


def _holds(entry: Path, marker: str) -> bool:
    try:
        return marker.encode() in (entry / "environ").read_bytes()
    except OSError:
        return False


async def test_a_process_that_is_not_ours_survives(tmp_path: Path, marker: str) -> None:
    """Same program, same user, its own session, started before the run: not the run's to kill."""
    bystander = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"], start_new_session=True,
                                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env={**ENV, "MARK": marker})
    try:
        run = await Runner({**ENV, "MARK": marker}, timeout=0.3).run(
            python_script(tmp_path, SETSID_CHILD_HOLDS_STDOUT))
        assert run.status is Status.TIMED_OUT
        assert bystander.poll() is None
        assert marked_now(marker) == [bystander.pid]
    finally:
        bystander.kill()
        bystander.wait()


@pytest.mark.skipif(not hasattr(os, "waitid"), reason="the fallback waits with waitid")
async def test_without_pidfd_and_proc_the_process_group_is_killed(tmp_path: Path, pids: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """Elsewhere (no /proc, no pidfd): the exit is seen by a thread, and the process group is killed."""
    monkeypatch.setattr(runner_module, "_PROC_TABLE", False)
    monkeypatch.delattr(runner_module.os, "pidfd_open", raising=False)
    runner = Runner(ENV, timeout=0.3)
    assert (await runner.run(["sh", "-c", "echo out; exit 3"])).stdout == "out\n"
    run = await runner.run([sleeper(tmp_path, pids)])
    assert run.status is Status.TIMED_OUT
    assert running(recorded(pids)) == []
