"""goenv-lsp run as a user runs it, on a machine a test builds: an isolated environment whose PATH holds only
directories the test made, and a marker in that environment that finds every process a run leaves behind."""

from __future__ import annotations

import contextlib
import ctypes
import functools
import json
import os
import queue
import signal
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import testbed

REPO = Path(__file__).resolve().parents[2]
MARK = "FAULT_MATRIX_MARK"  # not GO*: facts keep GO* variables
_PR_CAPBSET_DROP = 24
_DAC_CAPS = (1, 2)  # CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH: what lets root read a chmod 000 directory


@dataclass
class Machine:
    tmp: Path
    home: Path
    workspace: Path
    env: dict[str, str]  # non-UTF-8 bytes as surrogate escapes (os.fsencode gives them back)
    marker: str
    locked: list[Path] = field(default_factory=list)

    def path(self, *dirs: Path | str) -> None:
        self.env["PATH"] = os.pathsep.join(map(str, dirs))

    def lock(self, directory: Path) -> None:
        """chmod 000 (``unlock`` restores it, so the test tree can be removed)."""
        directory.chmod(0)
        self.locked.append(directory)

    def unlock(self) -> None:
        for directory in self.locked:
            directory.chmod(0o700)


def machine(tmp: Path, workspace_name: str = "ws", go_line: str = "1.27.3") -> Machine:
    """HOME, GOPATH, GOCACHE, GOENV, XDG dirs and TMPDIR under ``tmp/home`` (testbed.isolated_env),
    GOTOOLCHAIN=local, no PATH yet, and a workspace whose go.mod has ``go_line``."""
    env = testbed.isolated_env(tmp, [])
    marker = f"goenv-lsp-fault-{uuid.uuid4().hex}"
    env.update(PATH="", **{MARK: marker})
    workspace = tmp / workspace_name
    workspace.mkdir()
    (workspace / "go.mod").write_text(f"module example.com/app\n\ngo {go_line}\n")
    return Machine(tmp, Path(env["HOME"]), workspace, env, marker)


@dataclass
class Outcome:
    code: int
    stdout: str
    stderr: str
    seconds: float
    leftovers: list[int]  # processes holding the marker after the run (killed since)

    @functools.cached_property
    def report(self) -> dict:
        return json.loads(self.stdout)

    def findings(self, code: str | None = None) -> list[dict]:
        return [f for f in self.report["findings"] if code is None or f["code"] == code]

    def describe(self) -> str:
        found = "\n".join(f"  {f['code']} [{f['severity']}] {f['message']}" for f in self.findings()) \
            if self.code in (0, 1) and self.stdout.startswith("{") else self.stdout[:2000]
        return f"exit {self.code} after {self.seconds:.1f} s\nfindings:\n{found}\nstderr:\n{self.stderr[-3000:]}"


def check(m: Machine, probe_timeout: float, *, without_dac: bool = False) -> Outcome:
    """``goenv-lsp check WORKSPACE --format json`` from the workspace; ``without_dac``: as root, without the
    capabilities that let root read what chmod forbids (``_drop_dac``)."""
    drop = _drop_dac if without_dac and os.geteuid() == 0 else None  # others are held to chmod anyway
    argv = [sys.executable, "-m", "goenv_lsp", "check", m.workspace, "--format", "json", "--test-no-well-known",
            "--probe-timeout", f"{probe_timeout:g}"]
    env = {**m.env, "PYTHONPATH": str(REPO)}
    started = time.monotonic()
    proc = subprocess.Popen(argv, cwd=m.workspace, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, preexec_fn=drop)
    try:
        out, err = proc.communicate(timeout=probe_timeout * 2 + 30)
    except subprocess.TimeoutExpired:
        proc.kill()
        out, err = proc.communicate()
    seconds = time.monotonic() - started
    return Outcome(proc.returncode, out.decode("utf-8", "replace"), err.decode("utf-8", "replace"), seconds,
                   leftovers(m.marker))


def leftovers(marker: str, grace: float = 1.0) -> list[int]:
    """Live processes with ``marker`` in their environment, given ``grace`` seconds to go; they are killed."""
    deadline = time.monotonic() + grace
    while (found := marked(marker)) and time.monotonic() < deadline:
        time.sleep(0.02)
    for pid in found:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
    return found


def marked(marker: str) -> list[int]:
    needle = f"{MARK}={marker}".encode()
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            with contextlib.suppress(OSError):
                state = (entry / "stat").read_bytes().rsplit(b")", 1)[1].split()[0]
                if state not in (b"Z", b"X") and needle in (entry / "environ").read_bytes():
                    found.append(int(entry.name))
    return found


def _drop_dac() -> None:  # in the child, before exec: the bounding set limits what exec gives root back
    libc = ctypes.CDLL(None, use_errno=True)
    for cap in _DAC_CAPS:
        if libc.prctl(_PR_CAPBSET_DROP, cap, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP)")


@functools.cache
def unreadable_dirs_work() -> str | None:
    """None when a chmod 000 directory stops a ``check`` run (``without_dac`` when root); else why not.

    Running as another uid (``subprocess`` ``user=``) would need the interpreter and the test tree readable
    by that uid, and the interpreter may live under a 0700 /root; root without CAP_DAC_OVERRIDE and
    CAP_DAC_READ_SEARCH is held to the owner bits of its own files instead, which is what a test needs."""
    with tempfile.TemporaryDirectory() as tmp:
        locked = Path(tmp, "locked")
        locked.mkdir(mode=0)
        try:
            probe = subprocess.run([sys.executable, "-c", f"import os; os.listdir({str(locked)!r})"],
                                   capture_output=True, text=True, preexec_fn=_drop_dac if os.geteuid() == 0 else None)
        except (OSError, subprocess.SubprocessError) as exc:
            return f"cannot drop CAP_DAC_OVERRIDE/CAP_DAC_READ_SEARCH for the run ({exc}): root reads anything"
        finally:
            locked.chmod(0o700)
    if "PermissionError" not in probe.stderr:
        return "a chmod 000 directory stays readable here even without the DAC capabilities"
    return None


def lsp_session(m: Machine, probe_timeout: float, until: Callable[[dict], bool], wait: float) -> list[dict]:
    """Start ``goenv-lsp --stdio`` in the machine's environment, open the workspace (``probe_timeout`` from a
    goenv-lsp.toml), read messages until one satisfies ``until`` (or ``wait`` seconds), then shut it down."""
    (m.workspace / "goenv-lsp.toml").write_text(f"probe_timeout = {probe_timeout}\n")
    proc = subprocess.Popen([sys.executable, "-m", "goenv_lsp", "--stdio", "--test-no-well-known"],
                            cwd=m.workspace, env={**m.env, "PYTHONPATH": str(REPO)}, stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    assert proc.stdin is not None and proc.stdout is not None
    stdin, stdout = proc.stdin, proc.stdout

    def send(message: dict) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode()
        stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        stdin.flush()

    def read_frames() -> None:  # a thread: the server may say nothing, and a read would wait forever
        while True:
            length = 0
            while (line := stdout.readline()) not in (b"\r\n", b""):
                name, _, value = line.decode("ascii").partition(":")
                length = int(value) if name.lower() == "content-length" else length
            if not length:
                inbox.put(None)
                return
            inbox.put(json.loads(stdout.read(length)))

    inbox: queue.Queue[dict | None] = queue.Queue()
    threading.Thread(target=read_frames, daemon=True).start()
    messages: list[dict] = []
    try:
        send({"id": 1, "method": "initialize", "params": {"processId": None, "capabilities": {},
                                                         "rootUri": m.workspace.as_uri()}})
        send({"method": "initialized", "params": {}})
        deadline = time.monotonic() + wait
        while (left := deadline - time.monotonic()) > 0:
            try:
                message = inbox.get(timeout=left)
            except queue.Empty:
                break
            if message is None:
                break
            messages.append(message)
            if until(message):
                break
        send({"id": 2, "method": "shutdown"})
        send({"method": "exit"})
        proc.wait(10)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    return messages
