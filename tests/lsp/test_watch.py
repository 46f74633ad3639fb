"""Live re-checks: a watched file the client reports, and changes nobody reports — `go env -w` in a terminal,
a new go on PATH — which the server's own watcher (watchfiles) must notice."""

from __future__ import annotations

import asyncio
import os
import subprocess
import time

import pytest
import testbed
from lsp_harness import codes, session, wait_for, write_workspace  # type: ignore[import-not-found]
from lsprotocol import types as lsp

pytestmark = pytest.mark.realgo
WATCHER_START = 0.5  # the environment watcher starts right after the first publish; give inotify a moment
LIVE_TIMEOUT = 5.0  # "within a few seconds"


async def test_watched_go_mod_change(tmp_path, go122, go_env, client_name):
    ws = write_workspace(tmp_path / "ws", "1.22.10")
    gomod = ws / "go.mod"
    env = go_env([go122 / "bin"])
    async with session(env, ws, client_name) as client:
        before = await wait_for(client, gomod.as_uri(), lambda d: "GE120" in codes(d))
        assert "GE110" not in codes(before)
        gomod.write_text(gomod.read_text().replace("go 1.22.10", "go 1.27.3"))  # e.g. `git checkout`
        client.workspace_did_change_watched_files(lsp.DidChangeWatchedFilesParams(
            [lsp.FileEvent(gomod.as_uri(), lsp.FileChangeType.Changed)]))
        after = await wait_for(client, gomod.as_uri(), lambda d: "GE110" in codes(d), timeout=LIVE_TIMEOUT)
    assert next(d for d in after if d.code == "GE110").range.start.line == 2
    watchers = [r for r in client.registrations if r.method == lsp.WORKSPACE_DID_CHANGE_WATCHED_FILES]
    if client_name == "visual_studio_code":  # dynamic registration: the server asks for its globs
        (registration,) = watchers
        globs = {w["globPattern"] for w in registration.register_options["watchers"]}
        assert {"**/go.mod", "**/go.work", "**/.vscode/settings.json", "**/goenv-lsp.toml"} <= globs
    else:  # Neovim's recorded capabilities say no dynamic registration: the server must not try
        assert watchers == []


@pytest.mark.parametrize("goenv_file", ["fresh", "existing"])
async def test_go_env_w_in_a_terminal(tmp_path, go122, go_env, goenv_file):
    ws = write_workspace(tmp_path / "ws", "1.27.3")
    gomod = ws / "go.mod"
    env = go_env([go122 / "bin"], GOTOOLCHAIN=None)
    if goenv_file == "existing":
        testbed.write_goenv(env, GOPRIVATE="example.com")
    async with session(env, ws) as client:
        before = await wait_for(client, gomod.as_uri(), lambda d: "GE111" in codes(d))
        assert "GE110" not in codes(before)
        await asyncio.sleep(WATCHER_START)
        sent = len(client.diagnostics)
        started = time.monotonic()
        subprocess.run(["go", "env", "-w", "GOTOOLCHAIN=local"], cwd=ws, env=env, check=True)  # the terminal
        after = await wait_for(client, gomod.as_uri(), lambda d: "GE110" in codes(d), timeout=LIVE_TIMEOUT)
        elapsed = time.monotonic() - started
    ge110 = next(d for d in after if d.code == "GE110")
    assert "GOENV file" in ge110.message and "GE111" not in codes(after)
    assert len(client.diagnostics) == sent
    print(f"go env -w → GE110 in {elapsed:.2f} s")


async def test_new_go_on_path(tmp_path, go122, go127, go_env):
    ws = write_workspace(tmp_path / "ws", "1.27.3")
    gomod = ws / "go.mod"
    first = tmp_path / "first"
    first.mkdir()
    env = go_env([first, go122 / "bin"])  # GOTOOLCHAIN=local
    async with session(env, ws) as client:
        await wait_for(client, gomod.as_uri(), lambda d: "GE110" in codes(d))
        await asyncio.sleep(WATCHER_START)
        started = time.monotonic()
        os.symlink(go127 / "bin" / "go", first / "go")  # e.g. a version manager switching
        after = await wait_for(client, gomod.as_uri(), lambda d: "GE110" not in codes(d), timeout=LIVE_TIMEOUT)
        elapsed = time.monotonic() - started
        report = await client.workspace_execute_command_async(lsp.ExecuteCommandParams(command="goenv.report"))
    assert f"`{first}/go` — go1.27.3, first `go` on PATH" in report
    assert "GE110" not in codes(after)
    print(f"new go on PATH → diagnostics in {elapsed:.2f} s")


async def test_go_removed_from_path(tmp_path, go122, go_env):
    ws = write_workspace(tmp_path / "ws", "1.22.10")
    gomod = ws / "go.mod"
    only = tmp_path / "only"
    only.mkdir()
    os.symlink(go122 / "bin" / "go", only / "go")
    env = go_env([only])
    async with session(env, ws) as client:
        await wait_for(client, gomod.as_uri(), lambda d: "GE120" in codes(d))
        await asyncio.sleep(WATCHER_START)
        (only / "go").unlink()
        await wait_for(client, gomod.as_uri(), lambda d: "GE101" in codes(d), timeout=LIVE_TIMEOUT)
