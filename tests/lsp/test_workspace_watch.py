"""The server watches the workspace's own files when the client cannot (Neovim's recorded capabilities: no
dynamic registration of file watchers): a go.mod changed on disk — nobody sends didChangeWatchedFiles —
updates the diagnostics; with watchfiles missing from the server process, by polling."""

from __future__ import annotations

import time
from pathlib import Path

from lsp_harness import (  # type: ignore[import-not-found]
    codes,
    fake_machine,
    fake_server,
    goenv_file,
    session,
    wait_for,
    wait_until,
    write_workspace,
)
from lsprotocol import types as lsp


async def workspace_watched(client, polling: bool = False) -> str:
    """The log message saying the server watches the workspace's files (and how)."""
    def found() -> str | None:
        return next((m.message for m in client.log_messages if "of the workspace)" in m.message), None)

    await wait_until(lambda: found() is not None, what="the workspace watch to start")
    message = found()
    assert message is not None and message.endswith(" by polling") is polling
    return message


def without_watchfiles(tmp_path: Path) -> Path:
    """A directory that, first on the server's PYTHONPATH, makes `import watchfiles` fail (as in the universal
    .vsix bundle, which has no compiled dependencies)."""
    blocker = tmp_path / "no-watchfiles"
    blocker.mkdir()
    (blocker / "watchfiles.py").write_text('raise ImportError("blocked by the test: no watchfiles here")\n')
    return blocker


async def test_go_mod_changed_on_disk(tmp_path):
    ws = write_workspace(tmp_path / "ws", "1.22.10")
    gomod = ws / "go.mod"
    goenv_file(tmp_path, GOTOOLCHAIN="local")
    async with session({}, ws, "neovim", python_args=fake_server(fake_machine(tmp_path))) as client:
        before = await wait_for(client, gomod.as_uri(), lambda d: "GE120" in codes(d))
        assert "GE110" not in codes(before)
        message = await workspace_watched(client)
        started = time.monotonic()
        gomod.write_text(gomod.read_text().replace("go 1.22.10", "go 1.27.3"))  # e.g. `git pull`
        after = await wait_for(client, gomod.as_uri(), lambda d: "GE110" in codes(d))
        print(f"go.mod written → GE110 in {time.monotonic() - started:.2f} s ({message})")
        started = time.monotonic()
        gomod.write_text(gomod.read_text().replace("go 1.27.3", "go 1.22.10"))
        await wait_for(client, gomod.as_uri(), lambda d: "GE110" not in codes(d))
        print(f"go.mod written back → GE110 gone in {time.monotonic() - started:.2f} s")
    assert next(d for d in after if d.code == "GE110").range.start.line == 2
    assert client.registrations == []  # nothing asked of a client that cannot


async def test_new_module_and_removed_module(tmp_path):
    """A new directory with a go.mod (as `git checkout` makes them): the tree is walked again, and the new
    directory is watched from then on; the module removed takes its findings with it."""
    ws = write_workspace(tmp_path / "ws", "1.27.3")
    goenv_file(tmp_path, GOTOOLCHAIN="local")
    async with session({}, ws, "neovim", python_args=fake_server(fake_machine(tmp_path))) as client:
        await wait_for(client, (ws / "go.mod").as_uri(), lambda d: "GE110" in codes(d))
        await workspace_watched(client)
        tool = ws / "tools" / "gen"
        tool.mkdir(parents=True)
        (tool / "go.mod").write_text("module example.com/gen\n\ngo 1.27.3\n")
        diags = await wait_for(client, (tool / "go.mod").as_uri(), lambda d: "GE110" in codes(d))
        assert next(d for d in diags if d.code == "GE110").data["module"] == str(tool / "go.mod")
        await wait_until(lambda: sum("of the workspace)" in m.message for m in client.log_messages) >= 2,
                         what="the watch to take in the new directories")
        (tool / "go.mod").write_text("module example.com/gen\n\ngo 1.22.10\n")  # in the new directory
        await wait_for(client, (tool / "go.mod").as_uri(), lambda d: "GE110" not in codes(d))
        (tool / "go.mod").unlink()
        (ws / "go.mod").write_text("module example.com/ws\n\ngo 1.22.10\n")
        await wait_for(client, (ws / "go.mod").as_uri(), lambda d: "GE110" not in codes(d))


async def test_skipped_trees_are_not_watched(tmp_path):
    """A go.mod under node_modules/ or vendor/ is none of the workspace's (the probe's walk skips them): the
    watch does not take those directories, nor .git."""
    ws = write_workspace(tmp_path / "ws", "1.27.3")
    for skipped in ("node_modules/x", "vendor/example.com/lib", ".git/objects", "testdata/old"):
        (ws / skipped).mkdir(parents=True)
    goenv_file(tmp_path, GOTOOLCHAIN="local")
    async with session({}, ws, "neovim", python_args=fake_server(fake_machine(tmp_path))) as client:
        await wait_for(client, (ws / "go.mod").as_uri(), lambda d: "GE110" in codes(d))
        message = await workspace_watched(client)
        (ws / "node_modules" / "x" / "go.mod").write_text("module example.com/x\n\ngo 1.27.3\n")
        (ws / "sub").mkdir()
        (ws / "sub" / "go.mod").write_text("module example.com/sub\n\ngo 1.27.3\n")
        await wait_for(client, (ws / "sub" / "go.mod").as_uri(), lambda d: "GE110" in codes(d))
    # ws and its vendor/ (for vendor/modules.txt); not node_modules/x, .git/objects, testdata/old
    assert "(2 of the workspace)" in message
    assert (ws / "node_modules" / "x" / "go.mod").as_uri() not in {uri for uri, _ in client.publications}


async def test_polling_without_watchfiles(tmp_path):
    ws = write_workspace(tmp_path / "ws", "1.22.10")
    gomod = ws / "go.mod"
    goenv = goenv_file(tmp_path, GOTOOLCHAIN="auto")
    log = tmp_path / "server.log"
    async with session({}, ws, "neovim", python_args=fake_server(fake_machine(tmp_path), "--log-file", str(log)),
                       python_path=(without_watchfiles(tmp_path),)) as client:
        await wait_for(client, gomod.as_uri(), lambda d: "GE120" in codes(d))
        await workspace_watched(client, polling=True)
        started = time.monotonic()
        gomod.write_text(gomod.read_text().replace("go 1.22.10", "go 1.27.3"))
        await wait_for(client, gomod.as_uri(), lambda d: "GE111" in codes(d))  # GOTOOLCHAIN=auto downloads
        print(f"polling: go.mod written → diagnostics in {time.monotonic() - started:.2f} s")
        goenv.write_text("GOTOOLCHAIN=local\n")  # the environment is polled too (the GOENV file)
        await wait_for(client, gomod.as_uri(), lambda d: "GE110" in codes(d))
    warnings = [line for line in log.read_text().splitlines() if "watchfiles is not installed" in line]
    assert len(warnings) == 1 and " WARNING " in warnings[0], warnings
    assert "blocked by the test" in warnings[0]


async def test_a_folder_added_is_watched_and_one_removed_is_not(tmp_path):
    first, later = write_workspace(tmp_path / "first", "1.22.10"), write_workspace(tmp_path / "later", "1.22.10")
    goenv_file(tmp_path, GOTOOLCHAIN="local")
    async with session({}, tmp_path, "neovim", folders=[first],
                       python_args=fake_server(fake_machine(tmp_path))) as client:
        await wait_for(client, (first / "go.mod").as_uri(), lambda d: "GE120" in codes(d))
        message = await workspace_watched(client)
        client.workspace_did_change_workspace_folders(lsp.DidChangeWorkspaceFoldersParams(
            lsp.WorkspaceFoldersChangeEvent(added=[lsp.WorkspaceFolder(later.as_uri(), "later")],
                                            removed=[lsp.WorkspaceFolder(first.as_uri(), "first")])))
        await wait_for(client, (first / "go.mod").as_uri(), lambda d: len(d) == 0)
        # the watch starts again, on later instead of first (as many directories as before: not both)
        # (removing a folder re-targets at once, adding one after its probe: the last watch is what counts)
        def watches() -> list[str]:
            return [m.message for m in client.log_messages if "of the workspace)" in m.message]

        await wait_until(lambda: len(watches()) >= 2 and watches()[-1] == message,
                         what="the watch to follow the folders")
        (later / "go.mod").write_text("module example.com/later\n\ngo 1.27.3\n")
        await wait_for(client, (later / "go.mod").as_uri(), lambda d: "GE110" in codes(d))
        (first / "go.mod").write_text("module example.com/first\n\ngo 1.27.3\n")  # no folder any more
        (later / "go.mod").write_text("module example.com/later\n\ngo 1.22.10\n")
        await wait_for(client, (later / "go.mod").as_uri(), lambda d: "GE110" not in codes(d))
    assert not any(uri == (first / "go.mod").as_uri() and "GE110" in c for uri, c in client.publications)


async def test_a_client_with_watchers_and_no_watchfiles(tmp_path):
    """VS Code from a bundle without compiled dependencies: the client watches the workspace (the server
    registers its globs and watches none of it), the server polls the environment — `go env -w` is seen."""
    ws = write_workspace(tmp_path / "ws", "1.27.3")
    gomod = ws / "go.mod"
    goenv = goenv_file(tmp_path, GOTOOLCHAIN="auto")
    async with session({}, ws, "visual_studio_code", python_args=fake_server(fake_machine(tmp_path)),
                       python_path=(without_watchfiles(tmp_path),)) as client:
        await wait_for(client, gomod.as_uri(), lambda d: "GE111" in codes(d))
        await wait_until(lambda: any(m.message.endswith("for changes by polling") for m in client.log_messages),
                         what="the environment to be polled")
        goenv.write_text("GOTOOLCHAIN=local\n")
        await wait_for(client, gomod.as_uri(), lambda d: "GE110" in codes(d))
    assert [r.method for r in client.registrations] == [lsp.WORKSPACE_DID_CHANGE_WATCHED_FILES]
    assert not any("of the workspace" in m.message for m in client.log_messages)
