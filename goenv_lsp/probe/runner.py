"""The one way goenv-lsp starts a process: no shell, a timeout, kill on timeout or cancel,
a concurrency cap, and ``GOTOOLCHAIN=local`` always, so a probe never downloads or switches
toolchains. Failures come back as a status in ``ProbeRun``; nothing here raises for them.

Nothing a run starts outlives it. The process is not reaped until the run is over, so its pid and process
group stay ours; at a timeout or cancellation everything that is ours is frozen, then killed: on Linux the
process tree below it (a ``setsid`` child too), every process holding the write end of its stdout or
stderr (a double-forked daemon too) and its process group; elsewhere its process group.

On the language server's event loop a run waits with asyncio; under ``drive.run`` (one-shot commands, which
do not import asyncio) with the driver's selector, to the same rules."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from goenv_lsp.facts import ProbeRun, Status
from goenv_lsp.probe import drive
from goenv_lsp.redact import redact_text

if TYPE_CHECKING:
    import asyncio

DEFAULT_TIMEOUT = 5.0
MAX_OUTPUT = 4 * 1024 * 1024  # bytes kept from each stream
KILL_WAIT = 2.0  # seconds a killed process is given to disappear
_PROC_TABLE = sys.platform.startswith("linux") and os.path.isdir("/proc/self/fd")


class Runner:
    def __init__(self, env: Mapping[str, str], timeout: float = DEFAULT_TIMEOUT, max_concurrency: int = 4,
                 force_local_toolchain: bool = True):
        # Probes never switch or download toolchains. Commands the user runs from a fix (go install,
        # go env -w) pass force_local_toolchain=False so they behave as in the user's terminal.
        self.env = {**env, "GOTOOLCHAIN": "local"} if force_local_toolchain else dict(env)
        self.force_local = force_local_toolchain
        self.timeout = timeout
        self.max_concurrency = max_concurrency
        self._semaphore: asyncio.Semaphore | None = None  # made on first use: asyncio only where it runs
        self.count = 0  # processes started, for tests and benchmarks

    async def run(self, argv: Sequence[str], cwd: str | None = None, *, extra_env: Mapping[str, str] | None = None,
                  timeout: float | None = None, clean_env: bool = False) -> ProbeRun:
        """``clean_env``: run with ``extra_env`` alone instead of this process's environment (the login shell
        probe starts its shell as a fresh login would)."""
        env = dict(extra_env or {}) if clean_env else {**self.env, **(extra_env or {})}
        if self.force_local:
            env["GOTOOLCHAIN"] = "local"  # extra variables never lift the probe's GOTOOLCHAIN=local
        timeout = self.timeout if timeout is None else timeout
        if drive.active():
            await drive.slot(self, self.max_concurrency)
            try:
                return await self._run(tuple(argv), cwd, env, timeout)
            finally:
                drive.release(self)
        if self._semaphore is None:
            import asyncio

            self._semaphore = asyncio.Semaphore(self.max_concurrency)
        async with self._semaphore:
            return await self._run(tuple(argv), cwd, env, timeout)

    async def _run(self, argv: tuple[str, ...], cwd: str | None, env: dict[str, str], timeout: float) -> ProbeRun:
        started = time.monotonic()

        def result(status: Status, code: int | None = None, out: bytes = b"", err: bytes = b"") -> ProbeRun:
            return ProbeRun(argv, status, code, _decode(out), _decode(err),
                            round((time.monotonic() - started) * 1000, 1))

        try:
            child: _Child | _DrivenChild = _DrivenChild(argv, cwd, env) if drive.active() else _Child(argv, cwd, env)
        except FileNotFoundError as exc:
            missing = exc.filename in (None, argv[0]) or (cwd is None or os.path.isdir(cwd))
            return result(Status.MISSING if missing else Status.FAILED, err=str(exc).encode())
        except OSError as exc:  # EACCES, ENOEXEC (not a binary for this machine), E2BIG, …
            return result(Status.NOT_EXECUTABLE, err=str(exc).encode())
        self.count += 1
        try:
            finished = await child.finish(timeout)
            if not finished:
                await child.kill()
                return result(Status.TIMED_OUT, err=f"killed after {timeout:g} s".encode())
            child.kill_group()  # what it left in its process group (a background job) goes with it
        except BaseException:  # cancelled: leave no process behind
            await child.kill()
            raise
        finally:
            child.close()
        code = child.proc.returncode
        out, err = bytes(child.out.data), bytes(child.err.data)
        if code is not None and code < 0:
            return result(Status.CRASHED, code, out, err)
        return result(Status.OK if code == 0 else Status.FAILED, code, out, err)


def _spawn(argv: Sequence[str], cwd: str | None, env: Mapping[str, str]) -> tuple[subprocess.Popen[bytes], int, int]:
    """The process in its own session and process group, and the read ends of its stdout and stderr."""
    out_r, out_w = os.pipe()
    err_r, err_w = os.pipe()
    try:
        proc = subprocess.Popen(argv, cwd=cwd, env=env, stdin=subprocess.DEVNULL, stdout=out_w, stderr=err_w,
                                start_new_session=True)
    except BaseException:
        os.close(out_r)
        os.close(err_r)
        raise
    finally:
        os.close(out_w)
        os.close(err_w)
    return proc, out_r, err_r


class _Buffer:
    """The read end of one output pipe and what was read from it (up to MAX_OUTPUT kept)."""

    def __init__(self, fd: int):
        self.fd, self.data, self.ended = fd, bytearray(), False
        self.link = f"pipe:[{os.fstat(fd).st_ino}]"  # how /proc/<pid>/fd/* names it
        os.set_blocking(fd, False)

    def read(self) -> bool:
        """What the pipe holds now; True at its end."""
        try:
            chunk = os.read(self.fd, 65536)
        except BlockingIOError:
            return False
        except OSError:
            chunk = b""
        if not chunk:
            self.ended = True
        elif len(self.data) < MAX_OUTPUT:
            self.data += chunk[: MAX_OUTPUT - len(self.data)]
        return self.ended

    def close(self) -> None:
        if self.fd >= 0:
            os.close(self.fd)
            self.fd = -1


class _Pipe(_Buffer):
    """A pipe drained by the event loop as data comes."""

    def __init__(self, loop: asyncio.AbstractEventLoop, fd: int):
        super().__init__(fd)
        self.loop = loop
        self.eof: asyncio.Future[None] = loop.create_future()
        loop.add_reader(fd, self._readable)

    def _readable(self) -> None:
        if self.read():
            self.close()

    def close(self) -> None:
        if self.fd >= 0:
            self.loop.remove_reader(self.fd)
        super().close()
        if not self.eof.done():
            self.eof.set_result(None)


class _Started:
    """What both kinds of child share: the process, not reaped before ``close``, and its two pipes."""

    proc: subprocess.Popen[bytes]
    out: _Buffer
    err: _Buffer

    def kill_group(self) -> None:
        if hasattr(os, "killpg") and self.proc.returncode is None:  # not reaped: the group id is still ours
            with contextlib.suppress(OSError):
                os.killpg(self.proc.pid, signal.SIGKILL)

    def _first_round(self) -> tuple[set[str], list[_Handle]]:
        """Every signal of the first round, before any wait (a second cancellation cannot stop it)."""
        links = {self.out.link, self.err.link}
        killed = _freeze_and_kill(self.proc.pid, links) if _PROC_TABLE else []
        self.kill_group()
        with contextlib.suppress(OSError):
            if os.name == "nt":
                self.proc.kill()
            else:  # not reaped yet, so the pid is still this process
                os.kill(self.proc.pid, signal.SIGKILL)
        return links, killed

    def _reap(self, exited: bool) -> None:
        if exited:
            with contextlib.suppress(OSError, subprocess.TimeoutExpired):
                self.proc.wait(1)  # it has exited: this only reaps it
        else:
            self.proc.poll()  # still dying (uncommon: a process in the kernel); Popen reaps it later


class _DrivenChild(_Started):
    """One started process under ``drive.run``: the driver's selector watches its pipes and its pidfd (without
    one, ``waitid(WNOWAIT)`` is polled), so it is reaped only in ``close``, as ``_Child``."""

    def __init__(self, argv: Sequence[str], cwd: str | None, env: Mapping[str, str]):
        self.proc, out_r, err_r = _spawn(argv, cwd, env)
        self.out, self.err = _Buffer(out_r), _Buffer(err_r)
        self._pidfd = drive.pidfd(self.proc.pid)
        self.fds = (out_r, err_r, self._pidfd)
        self.exited = False

    def readable(self, fd: int) -> bool:
        if fd == self._pidfd:
            self.exited = True
            return True
        return (self.out if fd == self.out.fd else self.err).read()

    def poll_exit(self) -> None:
        if self.exited:
            return
        if not hasattr(os, "waitid"):
            self.exited = self.proc.poll() is not None  # Windows: no process groups to keep
            return
        with contextlib.suppress(OSError):
            self.exited = os.waitid(os.P_PID, self.proc.pid, os.WEXITED | os.WNOHANG | os.WNOWAIT) is not None

    @property
    def done(self) -> bool:
        return self.exited and self.out.ended and self.err.ended

    async def finish(self, timeout: float) -> bool:
        return await drive.wait_child(self, timeout)

    async def kill(self) -> None:
        """``_Child.kill``, waiting without an event loop."""
        links, killed = self._first_round()
        for again in (True, True, False):
            if not killed:
                break
            _gone_sync(killed)
            killed = _freeze_and_kill(self.proc.pid, links) if again else []
        deadline = time.monotonic() + KILL_WAIT
        while not self.exited and time.monotonic() < deadline:
            if self._pidfd >= 0:
                self._wait_pidfd(deadline - time.monotonic())
            else:
                self.poll_exit()
                if not self.exited:
                    time.sleep(0.005)

    def _wait_pidfd(self, timeout: float) -> None:
        import select

        if select.select([self._pidfd], [], [], max(0.0, timeout))[0]:
            self.exited = True

    def close(self) -> None:
        self.out.close()
        self.err.close()
        if self._pidfd >= 0:
            os.close(self._pidfd)
            self._pidfd = -1
        self._reap(self.exited)


class _Child(_Started):
    """One started process. Its exit is seen without reaping it (a pidfd, else ``waitid(WNOWAIT)`` in a
    thread), so its pid and process group cannot be reused by another process before ``close``."""

    out: _Pipe
    err: _Pipe

    def __init__(self, argv: Sequence[str], cwd: str | None, env: Mapping[str, str]):
        import asyncio

        self.loop = asyncio.get_running_loop()
        self.proc, out_r, err_r = _spawn(argv, cwd, env)
        self.out, self.err = _Pipe(self.loop, out_r), _Pipe(self.loop, err_r)
        self.exited: asyncio.Future[None] = self.loop.create_future()
        self._pidfd = drive.pidfd(self.proc.pid)
        if self._pidfd >= 0:
            self.loop.add_reader(self._pidfd, self._on_exit)
        else:
            threading.Thread(target=self._wait_in_thread, daemon=True).start()

    def _wait_in_thread(self) -> None:
        with contextlib.suppress(OSError):
            if hasattr(os, "waitid"):
                os.waitid(os.P_PID, self.proc.pid, os.WEXITED | os.WNOWAIT)
            else:
                self.proc.wait()  # Windows: no process groups to keep
        with contextlib.suppress(RuntimeError):  # the loop is closed: nobody waits any more
            self.loop.call_soon_threadsafe(self._on_exit)

    def _on_exit(self) -> None:
        if self._pidfd >= 0:
            self.loop.remove_reader(self._pidfd)
        if not self.exited.done():
            self.exited.set_result(None)

    async def finish(self, timeout: float) -> bool:
        """Wait for the exit and the end of both pipes; False when the timeout came first."""
        import asyncio

        waits = {self.exited, self.out.eof, self.err.eof}
        done, _ = await asyncio.wait(waits, timeout=timeout)
        return len(done) == len(waits)

    async def kill(self) -> None:
        """Kill it and everything of ours (module docstring), again until nothing is left. Every signal
        of the first round is sent before the first wait, so a second cancellation cannot stop that."""
        import asyncio

        links, killed = self._first_round()
        for again in (True, True, False):  # look again after each round, three rounds at most
            if not killed:
                break
            await _gone(killed)
            killed = _freeze_and_kill(self.proc.pid, links) if again else []
        with contextlib.suppress(asyncio.TimeoutError):
            await asyncio.wait_for(asyncio.shield(self.exited), KILL_WAIT)

    def close(self) -> None:
        self.out.close()
        self.err.close()
        if self._pidfd >= 0:
            if not self.exited.done():
                self.loop.remove_reader(self._pidfd)
            os.close(self._pidfd)
            self._pidfd = -1
        self._reap(self.exited.done())


# -- Linux: the processes that are ours ------------------------------------------------------------
@dataclass(frozen=True)
class _Proc:
    ppid: int
    pgrp: int
    start: int  # clock ticks after boot: with the pid, names one process
    dead: bool  # a zombie


def _stat(pid: int) -> _Proc | None:
    try:
        with open(f"/proc/{pid}/stat", "rb") as handle:
            fields = handle.read().rsplit(b")", 1)[1].split()  # after the command name, which may hold anything
        return _Proc(int(fields[1]), int(fields[2]), int(fields[19]), fields[0] in (b"Z", b"X"))
    except (OSError, IndexError, ValueError):
        return None


def _processes(since: int) -> dict[int, _Proc]:
    """The processes started at or after ``since``: everything of ours started after the leader (a process that
    was running before cannot be its child, nor have received its pipes), and the scan stays short."""
    table = {}
    for name in os.listdir("/proc"):
        if name.isdigit() and (found := _stat(int(name))) is not None and found.start >= since:
            table[int(name)] = found
    return table


def _writers(pids: Iterable[int], links: set[str]) -> set[int]:
    """The processes with one of these pipes open for writing (we hold only the read ends)."""
    found = set()
    for pid in pids:
        with contextlib.suppress(OSError):
            for fd in os.listdir(f"/proc/{pid}/fd"):
                with contextlib.suppress(OSError, ValueError):
                    if os.readlink(f"/proc/{pid}/fd/{fd}") in links and _writable(pid, fd):
                        found.add(pid)
                        break
    return found


def _writable(pid: int, fd: str) -> bool:
    with open(f"/proc/{pid}/fdinfo/{fd}") as handle:
        for line in handle:
            if line.startswith("flags:"):
                return bool(int(line.split()[1], 8) & (os.O_WRONLY | os.O_RDWR))
    return False


def _ours(table: dict[int, _Proc], leader: int, links: set[str]) -> set[int]:
    """The leader, its process group, the writers of its pipes, and every descendant of those."""
    children: dict[int, list[int]] = {}
    for pid, found in table.items():
        children.setdefault(found.ppid, []).append(pid)
    roots = {leader} | {pid for pid, found in table.items() if found.pgrp == leader} | _writers(table, links)
    seen: set[int] = set()
    stack = [pid for pid in roots if pid in table]
    while stack:
        pid = stack.pop()
        if pid not in seen:
            seen.add(pid)
            stack.extend(children.get(pid, ()))
    return {pid for pid in seen if pid != os.getpid() and not table[pid].dead}


class _Handle:
    """A process named by pid and start time, signalled through a pidfd when there is one (never a
    process that took over the pid)."""

    def __init__(self, pid: int, start: int, fd: int):
        self.pid, self.start, self.fd = pid, start, fd

    @classmethod
    def open(cls, pid: int, start: int) -> _Handle | None:
        fd = -1
        try:
            fd = os.pidfd_open(pid)
        except ProcessLookupError:
            return None
        except (AttributeError, OSError):
            pass  # no pidfd: the start time check alone
        found = _stat(pid)
        if found is None or found.start != start:  # the pid is another process's now
            if fd >= 0:
                os.close(fd)
            return None
        return cls(pid, start, fd)

    def send(self, sig: int) -> None:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            if self.fd >= 0:
                signal.pidfd_send_signal(self.fd, sig)
            elif not self.gone():
                os.kill(self.pid, sig)

    def gone(self) -> bool:
        found = _stat(self.pid)
        return found is None or found.start != self.start or found.dead

    def close(self) -> None:
        if self.fd >= 0:
            os.close(self.fd)
            self.fd = -1


def _freeze_and_kill(leader: int, links: set[str]) -> list[_Handle]:
    """Stop every process of ours, looking again until no new one appears (a stopped process cannot
    fork, so none escapes), then kill them all. Returns them, to wait for."""
    leader_stat = _stat(leader)  # not reaped yet: it is there, as a zombie at least
    if leader_stat is None:
        return []
    held: dict[int, _Handle] = {}
    for _ in range(100):
        table = _processes(leader_stat.start)
        new = [pid for pid in _ours(table, leader, links) if pid not in held]
        if not new:
            break
        for pid in new:
            handle = _Handle.open(pid, table[pid].start)
            if handle is not None:
                held[pid] = handle
                handle.send(signal.SIGSTOP)
    for handle in held.values():
        handle.send(signal.SIGKILL)
    return list(held.values())


def _gone_sync(handles: list[_Handle]) -> None:
    try:
        deadline = time.monotonic() + KILL_WAIT
        while any(not h.gone() for h in handles) and time.monotonic() < deadline:
            time.sleep(0.01)
    finally:
        for handle in handles:
            handle.close()


async def _gone(handles: list[_Handle]) -> None:
    import asyncio

    try:
        deadline = time.monotonic() + KILL_WAIT
        while any(not h.gone() for h in handles) and time.monotonic() < deadline:
            await asyncio.sleep(0.01)
    finally:
        for handle in handles:
            handle.close()


def _decode(data: bytes) -> str:
    return redact_text(data.decode("utf-8", errors="replace"))  # what a process prints may hold secrets
