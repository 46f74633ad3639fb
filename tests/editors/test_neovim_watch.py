"""The issue's "done when" in Neovim: a go.mod edited outside the editor updates the diagnostics within a second.
Neovim on Linux registers no file watchers, so the server watches the workspace itself. Headless Neovim 0.7
and 0.11 with main.go open — go.mod in no buffer, as when `git pull` or `go get` in a terminal rewrites it —
on a real toolchain (go 1.22 on PATH, GOTOOLCHAIN=local): the test lowers go.mod's go line (GE110 goes) and
raises it again (GE110 is back), and prints how long each took. The bound asserted is generous (5 s); the
issue's target is 1 s."""

from __future__ import annotations

import json
import subprocess
import time
from pathlib import Path

import pytest
import testbed
from editor_harness import EDITORS, HERE, REPO, SERVER_CMD  # type: ignore[import-not-found]

pytestmark = [pytest.mark.realgo, pytest.mark.editor]
NVIMS = [("debian_nvim", "0.7."), ("pip_nvim", "0.11.")]
BOUND = 5.0  # seconds; the target is 1 s (the delays are printed)


def wait_file(path: Path, proc: subprocess.Popen, timeout: float = 40) -> None:
    deadline = time.monotonic() + timeout
    while not path.exists():
        if proc.poll() is not None or time.monotonic() > deadline:
            return
        time.sleep(0.01)


@pytest.mark.parametrize(("fixture", "version"), NVIMS)
def test_go_mod_edited_outside_the_editor(fixture: str, version: str, request: pytest.FixtureRequest,
                                          tmp_path: Path, go122: Path, go_env: testbed.EnvFactory) -> None:
    exe = request.getfixturevalue(fixture)
    ws = tmp_path / "ws"
    ws.mkdir()
    gomod = ws / "go.mod"
    gomod.write_text("module example.com/ws\n\ngo 1.27.3\n")
    (ws / "main.go").write_text("package main\n\nfunc main() {}\n")
    env = go_env([go122 / "bin"], GOTOOLCHAIN=None)
    testbed.write_goenv(env, GOTOOLCHAIN="local")
    out, log, ready = tmp_path / "editor-result.json", tmp_path / "server.log", tmp_path / "ready"
    home = Path(env["HOME"])
    env = {**env, "PYTHONPATH": str(REPO), "XDG_DATA_HOME": str(home / ".local/share"),
           "XDG_STATE_HOME": str(home / ".local/state"), "GOENV_LSP_OUT": str(out),
           "GOENV_LSP_CMD": json.dumps([*SERVER_CMD, "--log-file", str(log)]), "GOENV_LSP_EDITORS": str(EDITORS),
           "GOENV_LSP_EXPECT": "GE110", "GOENV_LSP_READY": str(ready), "GOENV_LSP_GOMOD": str(gomod)}
    argv = ["timeout", "-k", "2", "60", str(exe), "--headless", "--clean", "-u", str(HERE / "nvim_watch_scenario.lua"),
            str(ws / "main.go")]
    written: dict[int, float] = {}
    with subprocess.Popen(argv, env=env, cwd=ws, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) as proc:
        for n, line in ((1, "go 1.22.10"), (2, "go 1.27.3")):
            wait_file(Path(f"{ready}.{n}"), proc)
            if proc.poll() is not None:
                break
            gomod.write_text(f"module example.com/ws\n\n{line}\n")  # outside the editor
            written[n] = time.time()
        stdout, stderr = proc.communicate(timeout=70)
    result = json.loads(out.read_text()) if out.exists() else {"error": "Neovim wrote no result"}
    if result.get("error") or proc.returncode != 0:
        tail = "\n".join(log.read_text().splitlines()[-40:]) if log.exists() else "(no server log)"
        pytest.fail(f"{exe} exited {proc.returncode}\nresult: {json.dumps(result, indent=1)}\nstdout: {stdout[-2000:]}"
                    f"\nstderr: {stderr[-2000:]}\nserver log tail:\n{tail}", pytrace=False)
    assert result["nvim"].startswith(version)
    assert result["filetype"] == "go" and result["gomod_loaded"] is False  # go.mod is in no buffer
    delays = {n: float(result["seen"][n - 1]) - written[n] for n in written}
    print(f"Neovim {result['nvim']}: go.mod written outside → GE110 gone in {delays[1]:.2f} s, back in "
          f"{delays[2]:.2f} s (target 1 s)")
    assert all(0 < delay < BOUND for delay in delays.values()), delays
    assert "GE110" in result["store"]  # vim.diagnostic has it for go.mod
