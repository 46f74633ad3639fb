"""A file open outside every workspace folder is diagnosed in a root of its own while it is open: the root
goes with the last such file closed, and at most MAX_OUTSIDE_ROOTS of them live at once (the least recently
used goes first). In-process, on a fake machine."""

from __future__ import annotations

from test_session import RecordingClient, machine, started  # type: ignore[import-not-found]

from goenv_lsp.lsp.session import MAX_OUTSIDE_ROOTS
from goenv_lsp.lsp.uris import path_to_uri

MOD = b"module example.com/x\n\ngo 1.24.0\n"


async def _open(session, client: RecordingClient, path: str) -> None:
    client.open[path] = MOD
    await session.document_changed(path_to_uri(path), opened=True)


async def _close(session, client: RecordingClient, path: str) -> None:
    client.open.pop(path)
    await session.document_closed(path_to_uri(path))


async def test_an_outside_root_lives_while_a_file_in_it_is_open() -> None:
    session, client = await started(machine())
    await _open(session, client, "/elsewhere/a/go.mod")
    await _open(session, client, "/elsewhere/a/go.work")
    assert set(session.roots) == {"/ws", "/elsewhere/a"}
    assert any(uri == path_to_uri("/elsewhere/a/go.mod") and codes for uri, codes in client.published)
    await _close(session, client, "/elsewhere/a/go.work")
    assert "/elsewhere/a" in session.roots  # go.mod is still open
    await _close(session, client, "/elsewhere/a/go.mod")
    assert set(session.roots) == {"/ws"} and session.outside == {}
    assert client.published[-1] == (path_to_uri("/elsewhere/a/go.mod"), [])  # its diagnostics are withdrawn


async def test_only_the_most_recently_used_outside_roots_live() -> None:
    session, client = await started(machine())
    dirs = [f"/elsewhere/d{i}" for i in range(MAX_OUTSIDE_ROOTS + 3)]
    for directory in dirs:
        await _open(session, client, f"{directory}/go.mod")
    assert list(session.outside) == dirs[3:]
    assert set(session.roots) == {"/ws", *dirs[3:]}
    client.open[f"{dirs[3]}/go.mod"] = MOD + b"// edited\n"  # used again: now the newest
    await session.document_changed(path_to_uri(f"{dirs[3]}/go.mod"), edit=True)
    await _open(session, client, "/elsewhere/last/go.mod")
    assert dirs[3] in session.outside and dirs[4] not in session.roots
    # an edit of a file whose root was dropped brings the root back (it is still open)
    client.open[f"{dirs[0]}/go.mod"] = MOD
    await session.document_changed(path_to_uri(f"{dirs[0]}/go.mod"), edit=True)
    assert dirs[0] in session.outside and len(session.outside) == MAX_OUTSIDE_ROOTS


async def test_saving_or_closing_a_file_that_is_not_open_makes_no_root() -> None:
    session, _ = await started(machine())
    await session.document_changed(path_to_uri("/elsewhere/never/go.mod"))  # didSave
    await session.document_closed(path_to_uri("/elsewhere/never2/go.mod"))
    assert set(session.roots) == {"/ws"}


async def test_an_outside_root_that_becomes_a_workspace_folder_stays() -> None:
    session, client = await started(machine())
    await _open(session, client, "/elsewhere/b/go.mod")
    session.add_root("/elsewhere/b")  # didChangeWorkspaceFolders added it
    await _close(session, client, "/elsewhere/b/go.mod")
    assert "/elsewhere/b" in session.roots and session.outside == {}
