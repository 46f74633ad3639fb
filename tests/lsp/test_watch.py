"""Live re-checks: a watched file the client reports, and changes nobody reports — `go env -w` in a terminal,
a new go on PATH — which the server's own watcher (watchfiles, through the System) must notice."""

from __future__ import annotations

import os
import subprocess
import time

import pytest
from lsp_harness import (  # type: ignore[import-not-found]
    codes,
    fake_machine,
    fake_server,
    goenv_file,
    session,
    wait_for,
    watching,
    write_workspace,
)
from lsprotocol import types as lsp


async def until_seen(client, uri: str, predicate, change, tries: int = 5) -> list[lsp.Diagnostic]:
    """Make ``change`` until the diagnostics of ``uri`` show it: inotify may miss a change made in the very
    moment the watch is set up, a user's next save is seen then."""
    for attempt in range(tries):
        change()
        try:
            return await wait_for(client, uri, predicate, **({} if attempt == tries - 1 else {"timeout": 1.5}))
        except pytest.fail.Exception:
            if attempt == tries - 1:
                raise
    raise AssertionError("unreachable")


async def test_watched_go_mod_change(tmp_path, client_name):
    ws = write_workspace(tmp_path / "ws", "1.22.10")
    gomod = ws / "go.mod"
    goenv_file(tmp_path, GOTOOLCHAIN="local")
    async with session({}, ws, client_name, python_args=fake_server(fake_machine(tmp_path))) as client:
        before = await wait_for(client, gomod.as_uri(), lambda d: "GE120" in codes(d))
        assert "GE110" not in codes(before)
        gomod.write_text(gomod.read_text().replace("go 1.22.10", "go 1.27.3"))  # e.g. `git checkout`
        client.workspace_did_change_watched_files(lsp.DidChangeWatchedFilesParams(
            [lsp.FileEvent(gomod.as_uri(), lsp.FileChangeType.Changed)]))
        after = await wait_for(client, gomod.as_uri(), lambda d: "GE110" in codes(d))
    assert next(d for d in after if d.code == "GE110").range.start.line == 2
    watchers = [r for r in client.registrations if r.method == lsp.WORKSPACE_DID_CHANGE_WATCHED_FILES]
    if client_name == "visual_studio_code":  # dynamic registration: the server asks for its globs
        (registration,) = watchers
        globs = {w["globPattern"] for w in registration.register_options["watchers"]}
        assert {"**/go.mod", "**/go.work", "**/.vscode/settings.json", "**/goenv-lsp.toml"} <= globs
    else:  # Neovim's recorded capabilities say no dynamic registration: the server must not try
        assert watchers == []


async def test_new_module_created_on_disk(tmp_path):
    """A go.mod created in a new directory (the client reports it): the tree is walked again."""
    ws = write_workspace(tmp_path / "ws", "1.22.10")
    goenv_file(tmp_path, GOTOOLCHAIN="local")
    async with session({}, ws, python_args=fake_server(fake_machine(tmp_path))) as client:
        await wait_for(client, (ws / "go.mod").as_uri(), lambda d: "GE120" in codes(d))
        tool = ws / "tools" / "gen"
        tool.mkdir(parents=True)
        (tool / "go.mod").write_text("module example.com/gen\n\ngo 1.27.3\n")
        client.workspace_did_change_watched_files(lsp.DidChangeWatchedFilesParams(
            [lsp.FileEvent((tool / "go.mod").as_uri(), lsp.FileChangeType.Created)]))
        diags = await wait_for(client, (tool / "go.mod").as_uri(), lambda d: "GE110" in codes(d))
    assert next(d for d in diags if d.code == "GE110").data["module"] == str(tool / "go.mod")


@pytest.mark.parametrize("existing", [False, True], ids=["fresh", "existing"])
async def test_go_env_w_in_a_terminal(tmp_path, existing):
    """The GOENV file rewritten behind the editor's back (a recorded machine, the real file and watcher)."""
    ws = write_workspace(tmp_path / "ws", "1.27.3")
    gomod = ws / "go.mod"
    goenv = tmp_path / "home" / ".config" / "go" / "env"
    if existing:
        goenv_file(tmp_path, GOPRIVATE="example.com")
    async with session({}, ws, python_args=fake_server(fake_machine(tmp_path))) as client:
        before = await wait_for(client, gomod.as_uri(), lambda d: "GE111" in codes(d))
        assert "GE110" not in codes(before)
        await watching(client)
        mark = len(client.publications)

        def go_env_w() -> None:  # what `go env -w GOTOOLCHAIN=local` leaves
            goenv.parent.mkdir(parents=True, exist_ok=True)
            goenv.write_text(("GOPRIVATE=example.com\n" if existing else "") + "GOTOOLCHAIN=local\n")

        after = await until_seen(client, gomod.as_uri(), lambda d: "GE110" in codes(d), go_env_w)
    ge110 = next(d for d in after if d.code == "GE110")
    assert "GOENV file" in ge110.message and "GE111" not in codes(after)
    assert {uri for uri, _ in client.publications[mark:]} == {gomod.as_uri()}  # nothing published elsewhere


@pytest.mark.realgo
async def test_real_go_env_w_in_a_terminal(tmp_path, go122, go_env):
    ws = write_workspace(tmp_path / "ws", "1.27.3")
    gomod = ws / "go.mod"
    env = go_env([go122 / "bin"], GOTOOLCHAIN=None)
    async with session(env, ws) as client:
        before = await wait_for(client, gomod.as_uri(), lambda d: "GE111" in codes(d))
        assert "GE110" not in codes(before)
        await watching(client)
        started = time.monotonic()
        after = await until_seen(client, gomod.as_uri(), lambda d: "GE110" in codes(d), lambda: subprocess.run(
            [str(go122 / "bin" / "go"), "env", "-w", "GOTOOLCHAIN=local"], cwd=ws, env=env, check=True))
        elapsed = time.monotonic() - started
    assert "GOENV file" in next(d for d in after if d.code == "GE110").message
    print(f"go env -w → GE110 in {elapsed:.2f} s")


@pytest.mark.realgo
async def test_new_go_on_path(tmp_path, go122, go127, go_env):
    ws = write_workspace(tmp_path / "ws", "1.27.3")
    gomod = ws / "go.mod"
    first = tmp_path / "first"
    first.mkdir()
    env = go_env([first, go122 / "bin"])  # GOTOOLCHAIN=local
    async with session(env, ws) as client:
        await wait_for(client, gomod.as_uri(), lambda d: "GE110" in codes(d))
        await watching(client)
        started = time.monotonic()

        def install() -> None:  # e.g. a version manager switching
            link = first / "go"
            if link.is_symlink():
                link.unlink()
            os.symlink(go127 / "bin" / "go", link)

        after = await until_seen(client, gomod.as_uri(), lambda d: "GE110" not in codes(d), install)
        elapsed = time.monotonic() - started
        report = await client.workspace_execute_command_async(lsp.ExecuteCommandParams(command="goenv.report"))
    assert f"`{first}/go` — go1.27.3, first `go` on PATH" in report
    assert "GE110" not in codes(after)
    print(f"new go on PATH → diagnostics in {elapsed:.2f} s")


@pytest.mark.realgo
async def test_go_removed_from_path(tmp_path, go122, go_env):
    ws = write_workspace(tmp_path / "ws", "1.22.10")
    gomod = ws / "go.mod"
    only = tmp_path / "only"
    only.mkdir()
    os.symlink(go122 / "bin" / "go", only / "go")
    env = go_env([only])
    async with session(env, ws) as client:
        await wait_for(client, gomod.as_uri(), lambda d: "GE120" in codes(d))
        await watching(client)

        def remove() -> None:
            link = only / "go"
            if not link.is_symlink():  # already gone: change the directory entry again
                os.symlink("/nonexistent", link)
            link.unlink()

        await until_seen(client, gomod.as_uri(), lambda d: "GE101" in codes(d), remove)

