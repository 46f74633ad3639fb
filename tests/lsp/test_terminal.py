"""`goenv-lsp` typed in a terminal prints a short usage and exits 2 instead of waiting for JSON-RPC; `--stdio`
serves even there; a pipe (what editors give it) is served without flags; stderr carries WARNING and above
unless --log-level asks for more."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import sysconfig
import time
import tty
from pathlib import Path

import pytest
from lsp_harness import REPO, fake_machine, fake_server, write_workspace  # type: ignore[import-not-found]

SCRIPT = Path(sysconfig.get_path("scripts")) / "goenv-lsp"  # the console script of this environment's install
PROMPTLY = 20  # seconds: it must not wait for input at all; a server waiting for JSON-RPC never ends


def environment(tmp_path: Path) -> dict[str, str]:
    home = tmp_path / "home"
    home.mkdir(exist_ok=True)
    return {"PATH": os.path.dirname(sys.executable), "HOME": str(home), "PYTHONPATH": str(REPO), "LANG": "C.UTF-8"}


def frame(message: dict) -> bytes:
    body = json.dumps(message).encode()
    return b"Content-Length: %d\r\n\r\n" % len(body) + body


def session_bytes(ws: Path) -> bytes:
    """initialize, initialized, shutdown, exit: a whole session, sent at once."""
    return b"".join(frame(m) for m in (
        {"jsonrpc": "2.0", "id": 1, "method": "initialize",
         "params": {"processId": None, "rootUri": ws.as_uri(), "capabilities": {}}},
        {"jsonrpc": "2.0", "method": "initialized", "params": {}},
        {"jsonrpc": "2.0", "id": 2, "method": "shutdown"}, {"jsonrpc": "2.0", "method": "exit"}))


def responses(stdout: bytes) -> dict[object, dict]:
    found = {}
    while b"\r\n\r\n" in stdout:
        header, rest = stdout.split(b"\r\n\r\n", 1)
        length = int(header.split(b":")[1])
        message = json.loads(rest[:length])
        stdout = rest[length:]
        if "id" in message and "method" not in message:
            found[message["id"]] = message
    return found


def on_a_terminal(argv: list[str], env: dict[str, str], data: bytes = b"") -> subprocess.CompletedProcess:
    """``argv`` with a pseudo-terminal (raw: bytes pass as they are) on stdin, pipes for stdout and stderr."""
    controller, terminal = os.openpty()
    tty.setraw(terminal)
    try:
        proc = subprocess.Popen(argv, stdin=terminal, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
        os.close(terminal)
        terminal = -1
        if data:
            os.write(controller, data)
        try:
            out, err = proc.communicate(timeout=PROMPTLY)
        except subprocess.TimeoutExpired:
            proc.kill()
            out, err = proc.communicate()
            pytest.fail(f"{argv} still running after {PROMPTLY} s on a terminal; stderr: {err[-2000:]!r}")
        return subprocess.CompletedProcess(argv, proc.returncode, out, err)
    finally:
        os.close(controller)
        if terminal >= 0:
            os.close(terminal)


@pytest.mark.parametrize("argv", [[str(SCRIPT)], [sys.executable, "-m", "goenv_lsp"]], ids=["script", "module"])
def test_bare_goenv_lsp_on_a_terminal_prints_usage_and_exits_2(tmp_path, argv):
    assert SCRIPT.exists(), f"no console script {SCRIPT}: is goenv-lsp installed in this environment?"
    began = time.monotonic()
    result = on_a_terminal(argv, environment(tmp_path))
    print(f"{argv[-1]} on a terminal: usage and exit {result.returncode} after {time.monotonic() - began:.2f} s")
    usage = result.stderr.decode()
    assert result.returncode == 2 and result.stdout == b"", usage
    assert usage.startswith("goenv-lsp is a language server: your editor starts it")
    for line in ("goenv-lsp --stdio", "goenv-lsp check ", "goenv-lsp explain ", "goenv-lsp triage ",
                 "goenv-lsp --help "):
        assert f"\n  {line}" in usage, line
    assert len(usage.splitlines()) < 20 and "INFO" not in usage and "Traceback" not in usage


def test_stdio_serves_on_a_terminal_too(tmp_path):
    ws = write_workspace(tmp_path / "ws", "1.22.10")
    argv = [str(SCRIPT), *fake_server(fake_machine(tmp_path))[2:], "--stdio"]
    result = on_a_terminal(argv, environment(tmp_path), session_bytes(ws))
    answered = responses(result.stdout)
    assert answered[1]["result"]["serverInfo"]["name"] == "goenv-lsp" and answered[2]["result"] is None
    assert list(answered) == [1, 2]  # sent at once, answered in order: `initialize` first (it waits for nothing)
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("level", [None, "info"])
def test_a_pipe_is_served_without_flags_and_stderr_has_warnings_only(tmp_path, level):
    ws = write_workspace(tmp_path / "ws", "1.22.10")
    argv = [str(SCRIPT), *fake_server(fake_machine(tmp_path))[2:], *(["--log-level", level] if level else [])]
    result = subprocess.run(argv, input=session_bytes(ws), capture_output=True, env=environment(tmp_path),
                            timeout=60)
    answered = responses(result.stdout)
    assert answered[1]["result"]["serverInfo"]["name"] == "goenv-lsp" and answered[2]["result"] is None
    assert list(answered) == [1, 2]  # sent at once, answered in order: `initialize` first (it waits for nothing)
    assert result.returncode == 0
    stderr = result.stderr.decode()
    if level is None:
        assert " INFO " not in stderr and " DEBUG " not in stderr, stderr
    else:  # asked for: the serving line is there (so the default's silence is the level, not an empty log)
        assert " INFO goenv_lsp.lsp.server: goenv-lsp " in stderr, stderr
