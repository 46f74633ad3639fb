"""Running the collector's coroutines without asyncio, for one-shot commands (importing asyncio costs about
20 ms, more than a `go env`). The language server runs the same coroutines on its event loop.

Inside ``run`` the only things that wait are the processes the runner starts (``wait_child``) and the
coroutines waiting for each other (``gather``, ``start``); both are requests a coroutine yields to this
driver, which waits for the processes with one selector. Outside ``run`` the helpers are asyncio's.
"""

from __future__ import annotations

import os
import selectors
import threading
import time
from collections import deque
from collections.abc import Awaitable, Callable, Coroutine, Generator
from typing import Any, Protocol

_local = threading.local()  # the driver of this thread, if one runs (the server's loop thread has none)


def _current() -> _Driver | None:
    return getattr(_local, "driver", None)


class Child(Protocol):
    """A started process as the driver waits for it (``runner._DrivenChild``)."""

    fds: tuple[int, ...]  # its two output pipes, then its pidfd (-1: none)

    def readable(self, fd: int) -> bool: ...  # read what ``fd`` has; True: nothing more will come
    def poll_exit(self) -> None: ...  # without a pidfd: look whether it has exited
    @property
    def done(self) -> bool: ...  # exited and both pipes at their end


class Cancelled(BaseException):
    """A driven task was cancelled (asyncio's CancelledError where the driver runs)."""


class _Request:
    __slots__ = ("arg", "op")

    def __init__(self, op: str, arg: Any):
        self.op, self.arg = op, arg

    def __await__(self) -> Generator[_Request, Any, Any]:
        return (yield self)


class Task:
    """A coroutine the driver runs; ``await`` it for its result."""

    def __init__(self, coro: Coroutine[Any, Any, Any]):
        self.coro = coro
        self.finished = False
        self.cancelling = False  # cancelled while ready: told at its next wait
        self.value: Any = None
        self.error: BaseException | None = None
        self.waiters: list[Callable[[], None]] = []

    def done(self) -> bool:
        return self.finished

    def cancel(self) -> None:
        driver = _current()
        if not self.finished and driver is not None:
            driver.cancel(self)

    def __await__(self) -> Generator[_Request, Any, Any]:
        return (yield _Request("join", self))


def active() -> bool:
    return _current() is not None


def run(coro: Coroutine[Any, Any, Any]) -> Any:
    """``asyncio.run`` for coroutines that wait only through this module and the runner."""
    if _current() is not None:
        raise RuntimeError("drive.run inside drive.run")
    driver = _local.driver = _Driver()
    try:
        return driver.run(coro)
    finally:
        _local.driver = None
        driver.selector.close()


async def gather(*aws: Awaitable[Any]) -> list[Any]:
    if _current() is None:
        import asyncio

        return list(await asyncio.gather(*aws))
    return await _Request("gather", aws)  # type: ignore[no-any-return]


def start(coro: Coroutine[Any, Any, Any]) -> Any:
    """Run ``coro`` alongside (asyncio.ensure_future); the handle has ``done``, ``cancel`` and is awaitable."""
    driver = _current()
    if driver is None:
        import asyncio

        return asyncio.ensure_future(coro)
    return driver.spawn(coro)


async def wait_child(child: Child, timeout: float) -> bool:
    """Wait until ``child`` is done; False when ``timeout`` came first."""
    return await _Request("child", (child, time.monotonic() + timeout))  # type: ignore[no-any-return]


async def slot(key: object, cap: int) -> None:
    """Take one of ``cap`` slots named by ``key`` (a runner's concurrency cap); give it back with ``release``."""
    await _Request("slot", (key, cap))


def release(key: object) -> None:
    driver = _current()
    assert driver is not None
    driver.release(key)


class _Driver:
    def __init__(self) -> None:
        self.ready: deque[tuple[Task, Any, BaseException | None]] = deque()
        self.selector = selectors.DefaultSelector()
        self.children: dict[Task, tuple[Child, float]] = {}  # tasks waiting for a process, with its deadline
        self.slots: dict[object, int] = {}
        self.slot_waiters: dict[object, deque[tuple[Task, int]]] = {}
        self.blocked: dict[Task, Callable[[], None]] = {}  # how to stop waiting, for a cancellation
        self.tasks: list[Task] = []

    def run(self, coro: Coroutine[Any, Any, Any]) -> Any:
        root = self.spawn(coro)
        while not root.finished:
            while self.ready:
                self.step(*self.ready.popleft())
            if not root.finished:
                if not self.children:
                    raise RuntimeError("drive: every coroutine waits and no process runs")
                self.wait()
        self.cancel_the_rest()
        if root.error is not None:
            raise root.error
        return root.value

    def cancel_the_rest(self) -> None:
        """As asyncio.run: every task still unfinished is cancelled (its processes killed), again until none
        is left; one never started ends without running."""
        for _ in range(100):
            left = [t for t in self.tasks if not t.finished]
            if not left:
                return
            self.ready.clear()
            for task in left:
                stop = self.blocked.pop(task, None)
                if stop is not None:
                    stop()
                self.ready.append((task, None, Cancelled()))
            while self.ready:
                self.step(*self.ready.popleft())
        raise RuntimeError("drive: a task does not end when cancelled")

    def spawn(self, coro: Coroutine[Any, Any, Any]) -> Task:
        task = Task(coro)
        self.tasks.append(task)
        self.ready.append((task, None, None))
        return task

    def step(self, task: Task, value: Any, error: BaseException | None) -> None:
        if task.finished:
            return
        try:
            request = task.coro.throw(error) if error is not None else task.coro.send(value)
        except StopIteration as stop:
            self.finish(task, stop.value, None)
        except BaseException as exc:
            self.finish(task, None, exc)
        else:
            self.block(task, request)

    def finish(self, task: Task, value: Any, error: BaseException | None) -> None:
        task.finished, task.value, task.error = True, value, error
        for wake in task.waiters:
            wake()

    def block(self, task: Task, request: Any) -> None:
        if task.cancelling:  # cancelled while it was ready: its wait ends at once
            task.cancelling = False
            self.ready.append((task, None, Cancelled()))
            return
        if not isinstance(request, _Request):
            self.ready.append((task, None, RuntimeError(f"drive: cannot wait for {request!r}")))
            return
        if request.op == "join":
            self.join(task, [request.arg], lambda values: values[0])
        elif request.op == "gather":
            self.join(task, [a if isinstance(a, Task) else self.spawn(a) for a in request.arg], list)
        elif request.op == "child":
            self.children[task] = request.arg
            for fd in request.arg[0].fds:
                if fd >= 0:
                    self.selector.register(fd, selectors.EVENT_READ, request.arg[0])
            self.blocked[task] = lambda: self.unwatch(task)
        elif request.op == "slot":
            key, cap = request.arg
            if self.slots.get(key, 0) < cap:
                self.slots[key] = self.slots.get(key, 0) + 1
                self.ready.append((task, None, None))
            else:
                waiters = self.slot_waiters.setdefault(key, deque())
                waiters.append((task, cap))
                self.blocked[task] = lambda: waiters.remove((task, cap))

    def join(self, task: Task, others: list[Task], result: Callable[[list[Any]], Any]) -> None:
        def wake() -> None:
            if task in self.blocked and all(o.finished for o in others):
                del self.blocked[task]
                failed = next((o.error for o in others if o.error is not None), None)
                self.ready.append((task, None if failed else result([o.value for o in others]), failed))

        self.blocked[task] = lambda: None
        for other in others:
            other.waiters.append(wake)
        wake()

    def release(self, key: object) -> None:
        waiters = self.slot_waiters.get(key)
        if waiters:
            task, _ = waiters.popleft()
            self.blocked.pop(task, None)
            self.ready.append((task, None, None))  # the slot passes to it
        else:
            self.slots[key] -= 1

    def cancel(self, task: Task) -> None:
        stop = self.blocked.pop(task, None)
        if stop is None:
            task.cancelling = True
        else:
            stop()
            self.ready.append((task, None, Cancelled()))

    def unwatch(self, task: Task) -> None:
        child, _ = self.children.pop(task)
        for fd in child.fds:
            if fd >= 0 and fd in self.selector.get_map():
                self.selector.unregister(fd)

    def wait(self) -> None:
        """Until some process is done or past its deadline; its task is then ready."""
        deadline = min(d for _, d in self.children.values())
        polling = any(c.fds[-1] < 0 for c, _ in self.children.values())  # no pidfd: look for the exit
        timeout = max(0.0, deadline - time.monotonic())
        for key, _ in self.selector.select(min(timeout, 0.01) if polling else timeout):
            if key.data.readable(key.fd):  # at its end (a pipe) or exited (the pidfd)
                self.selector.unregister(key.fd)
        now = time.monotonic()
        for task, (child, until) in list(self.children.items()):
            if child.fds[-1] < 0:
                child.poll_exit()
            if child.done or now >= until:
                self.blocked.pop(task, None)
                self.unwatch(task)
                self.ready.append((task, child.done, None))


def pidfd(pid: int) -> int:
    """A pidfd for ``pid``, or -1 (no pidfd before Linux 5.3, nor elsewhere)."""
    try:
        return os.pidfd_open(pid)
    except (AttributeError, OSError):
        return -1
