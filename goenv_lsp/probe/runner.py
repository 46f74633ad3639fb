"""The one way goenv-lsp starts a process: no shell, a timeout, kill on timeout or cancel,
a concurrency cap, and ``GOTOOLCHAIN=local`` always, so a probe never downloads or switches
toolchains. Failures come back as a status in ``ProbeRun``; nothing here raises for them."""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import time
from collections.abc import Mapping, Sequence

from goenv_lsp.facts import ProbeRun, Status
from goenv_lsp.redact import redact_credentials

DEFAULT_TIMEOUT = 5.0
MAX_OUTPUT = 4 * 1024 * 1024  # bytes kept from each stream


class Runner:
    def __init__(self, env: Mapping[str, str], timeout: float = DEFAULT_TIMEOUT, max_concurrency: int = 4,
                 force_local_toolchain: bool = True):
        # Probes never switch or download toolchains. Commands the user runs from a fix (go install,
        # go env -w) pass force_local_toolchain=False so they behave as in the user's terminal.
        self.env = {**env, "GOTOOLCHAIN": "local"} if force_local_toolchain else dict(env)
        self.force_local = force_local_toolchain
        self.timeout = timeout
        self._slots = asyncio.Semaphore(max_concurrency)
        self.count = 0  # processes started, for tests and benchmarks

    async def run(self, argv: Sequence[str], cwd: str | None = None, *, extra_env: Mapping[str, str] | None = None,
                  timeout: float | None = None) -> ProbeRun:
        env = {**self.env, **(extra_env or {})}
        if self.force_local:
            env["GOTOOLCHAIN"] = "local"  # extra variables never lift the probe's GOTOOLCHAIN=local
        async with self._slots:
            return await self._run(tuple(argv), cwd, env, self.timeout if timeout is None else timeout)

    async def _run(self, argv: tuple[str, ...], cwd: str | None, env: dict[str, str], timeout: float) -> ProbeRun:
        started = time.monotonic()

        def result(status: Status, code: int | None = None, out: bytes = b"", err: bytes = b"") -> ProbeRun:
            return ProbeRun(argv, status, code, _decode(out), _decode(err),
                            round((time.monotonic() - started) * 1000, 1))

        spawn = asyncio.ensure_future(asyncio.create_subprocess_exec(
            *argv, cwd=cwd, env=env, stdin=asyncio.subprocess.DEVNULL,
            stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
            start_new_session=True,  # its own process group, so a kill takes its children too
        ))
        try:
            proc = await asyncio.shield(spawn)
        except asyncio.CancelledError:
            # cancelled while the process was starting: asyncio would kill only the leader and then wait
            # for its pipes, which a child holds open; let it start, then kill the whole group
            with contextlib.suppress(Exception):
                await _kill(await spawn)
            raise
        except FileNotFoundError as exc:
            missing = exc.filename in (None, argv[0]) or (cwd is None or os.path.isdir(cwd))
            return result(Status.MISSING if missing else Status.FAILED, err=str(exc).encode())
        except PermissionError as exc:
            return result(Status.NOT_EXECUTABLE, err=str(exc).encode())
        except OSError as exc:  # ENOEXEC (not a binary for this machine), E2BIG, …
            return result(Status.NOT_EXECUTABLE, err=str(exc).encode())
        self.count += 1
        try:
            out, err = await asyncio.wait_for(_communicate(proc), timeout)
        except asyncio.TimeoutError:
            await _kill(proc)
            return result(Status.TIMED_OUT, err=f"killed after {timeout:g} s".encode())
        except BaseException:  # cancelled: leave no process behind
            await _kill(proc)
            raise
        code = proc.returncode
        if code is not None and code < 0:
            return result(Status.CRASHED, code, out, err)
        return result(Status.OK if code == 0 else Status.FAILED, code, out, err)


async def _communicate(proc: asyncio.subprocess.Process) -> tuple[bytes, bytes]:
    async def read(stream: asyncio.StreamReader | None) -> bytes:
        data = b""
        while stream is not None:
            chunk = await stream.read(65536)
            if not chunk:
                break
            if len(data) < MAX_OUTPUT:
                data += chunk[: MAX_OUTPUT - len(data)]
        return data

    out, err = await asyncio.gather(read(proc.stdout), read(proc.stderr))
    await proc.wait()
    return out, err


async def _kill(proc: asyncio.subprocess.Process) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(proc.pid, signal.SIGKILL)
    with contextlib.suppress(ProcessLookupError):
        proc.kill()
    with contextlib.suppress(Exception):
        await asyncio.wait_for(proc.wait(), 2)


def _decode(data: bytes) -> str:
    return redact_credentials(data.decode("utf-8", errors="replace"))
