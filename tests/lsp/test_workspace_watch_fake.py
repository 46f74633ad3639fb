"""The server's workspace watch in-process, on a fake machine: what it watches (the probe walk's directories,
ROOT kinds' places, each module's vendor/), and — with the machine's notifications off, as without watchfiles —
the polling that feeds Session.files_changed_on_disk, where an open buffer keeps precedence."""

from __future__ import annotations

import asyncio
import os
from collections.abc import Mapping

import pytest
from lsprotocol import types as lsp

from goenv_lsp.lsp.features.watching import register_client_watchers
from goenv_lsp.lsp.session import Session
from goenv_lsp.lsp.uris import path_to_uri
from goenv_lsp.lsp.watcher import Watcher
from goenv_lsp.probe.discover import DiscoveryOptions
from goenv_lsp.probe.fake import FakeSystem
from goenv_lsp.probe.system import RealSystem
from goenv_lsp.probe.watch import poll, workspace_targets


class Client:
    def __init__(self) -> None:
        self.open: dict[str, bytes] = {}
        self.published: list[tuple[str, list[str]]] = []
        self.logs: list[str] = []

    def publish(self, uri: str, diagnostics: list[lsp.Diagnostic]) -> None:
        self.published.append((uri, [str(d.code) for d in diagnostics]))

    def show_message(self, kind: lsp.MessageType, text: str) -> None:
        pass

    def log(self, text: str) -> None:
        self.logs.append(text)

    def supports(self, dotted: str) -> bool:
        return False

    def buffers(self) -> Mapping[str, bytes]:
        return dict(self.open)

    async def begin_progress(self, title: str):
        return lambda: None

    async def configuration(self) -> object:
        return None

    def codes(self, path: str) -> list[str] | None:
        return next((codes for uri, codes in reversed(self.published) if uri == path_to_uri(path)), None)


def machine() -> FakeSystem:
    """go 1.24.0 on PATH, GOTOOLCHAIN=local in the GOENV file, /ws/go.mod asks for go 1.24.0; no watchfiles."""
    fake = FakeSystem("linux", {"HOME": "/home/dev", "PATH": "/usr/local/go/bin:/usr/bin"})
    fake.add_go("/usr/local/go", "1.24.0")
    fake.add_file("/ws/go.mod", "module example.com/ws\n\ngo 1.24.0\n")
    fake.add_file("/home/dev/.config/go/env", "GOTOOLCHAIN=local\n")
    fake.notifications = False
    return fake


async def until(condition, what: str, timeout: float = 10.0) -> None:
    deadline = asyncio.get_running_loop().time() + timeout
    while not condition():
        assert asyncio.get_running_loop().time() < deadline, f"timed out waiting for {what}"
        await asyncio.sleep(0.01)


async def watched(fake: FakeSystem, client: Client) -> tuple[Session, Watcher, list[dict]]:
    session = Session(client, fake)
    watcher = Watcher(session, poll_interval=0.02)
    session.on_refreshed.append(watcher.update)
    calls: list[dict] = []
    real = session.files_changed_on_disk

    async def recorded(changes):  # the real method, its arguments noted
        calls.append(dict(changes))
        await real(changes)

    session.files_changed_on_disk = recorded  # type: ignore[method-assign]
    session.add_root("/ws")
    session.configured.set()
    watcher.start()
    watcher.watch_workspace()
    await session.probe_all()
    await until(lambda: any("of the workspace) by polling" in m for m in client.logs), "the watch to start")
    return session, watcher, calls


async def test_a_go_mod_changed_on_disk_is_seen_by_polling() -> None:
    fake, client = machine(), Client()
    _, watcher, calls = await watched(fake, client)
    assert "GE110" not in client.codes("/ws/go.mod")
    fake.add_file("/ws/go.mod", "module example.com/ws\n\ngo 1.25.0\n")
    await until(lambda: "GE110" in (client.codes("/ws/go.mod") or []), "GE110")
    assert calls[0] == {"/ws/go.mod": lsp.FileChangeType.Changed}
    fake.add_file("/ws/tools/gen/go.mod", "module example.com/gen\n\ngo 1.26.0\n")  # a new module
    fake.mtimes["/ws"] += 1  # what mkdir does to the parent directory (the fixture models files' mtimes only)
    await until(lambda: "GE110" in (client.codes("/ws/tools/gen/go.mod") or []), "GE110 on the new module")
    assert {"/ws/tools": lsp.FileChangeType.Created} in calls  # the tree is walked again
    await until(lambda: "/ws/tools/gen" in watcher.directories, "the new directories to be watched")
    watcher.stop()


async def test_an_open_buffer_keeps_precedence() -> None:
    fake, client = machine(), Client()
    session, watcher, calls = await watched(fake, client)
    client.open["/ws/go.mod"] = b"module example.com/ws\n\ngo 1.24.0\n"  # open, unsaved
    fake.add_file("/ws/go.mod", "module example.com/ws\n\ngo 1.25.0\n")  # and changed on disk meanwhile
    await until(lambda: bool(calls), "the change to be noticed")
    await session.roots["/ws"].settle()
    assert "GE110" not in (client.codes("/ws/go.mod") or [])
    assert session.roots["/ws"].facts.file("/ws/go.mod").go.value == "1.24.0"
    watcher.stop()


def test_what_is_watched_follows_the_probe_walk() -> None:
    fake = FakeSystem("linux", {"HOME": "/home/dev"})
    for path in ("/ws/go.mod", "/ws/services/a/go.mod", "/ws/services/a/vendor/modules.txt",
                 "/ws/services/a/vendor/example.com/lib/go.mod", "/ws/web/node_modules/x/Dockerfile",
                 "/ws/testdata/old/go.mod", "/ws/generated/go.mod", "/ws/.github/workflows/ci.yml",
                 "/ws/.git/objects/ab", "/ws/deploy/Dockerfile"):
        fake.add_file(path, "")
    fake.add_file("/ws/.gitignore", "/generated/\n")
    fake.add_dir("/usr/local/go/src")
    targets = workspace_targets(fake, "/ws", DiscoveryOptions())
    assert targets.directories == {"/ws", "/ws/services", "/ws/services/a", "/ws/services/a/vendor", "/ws/web",
                                   "/ws/deploy", "/ws/.github/workflows"}
    assert {"/ws/go.mod", "/ws/services/a/go.mod", "/ws/services/a/vendor/modules.txt", "/ws/deploy/Dockerfile",
            "/ws/.github/workflows/ci.yml", "/ws/.vscode/settings.json", "/ws/goenv-lsp.toml"} <= targets.files
    assert not any("node_modules" in f or "testdata" in f or "generated" in f for f in targets.files)
    # a root made for a file outside every folder: its directory alone (it may be HOME)
    outside = workspace_targets(fake, "/ws", DiscoveryOptions(), recursive=False)
    assert outside.directories == {"/ws", "/ws/.github/workflows"}
    # the probe's own limits and skips hold: GOROOT inside the tree, a cap on directories
    assert "/ws/services" not in workspace_targets(fake, "/ws", DiscoveryOptions(), skip=["/ws/services"]).directories
    assert workspace_targets(fake, "/ws", DiscoveryOptions(max_dirs=2)).truncated


async def test_poll_sees_changed_new_and_removed_files() -> None:
    fake = FakeSystem("linux", {})
    fake.add_file("/ws/go.mod", "module a\n")
    stop = asyncio.Event()
    batches = poll(fake, ["/ws"], ["/ws/go.mod", "/ws/go.work"], stop, interval=0.001, directories_every=1)
    assert await anext(batches) == set()  # the first look is done
    fake.add_file("/ws/go.mod", "module b\n")
    assert "/ws/go.mod" in await anext(batches)
    fake.add_file("/ws/Dockerfile", "FROM golang\n")  # a new entry of a watched directory
    assert await anext(batches) == {"/ws/Dockerfile"}
    del fake.files["/ws/go.mod"]
    fake.mtimes["/ws"] += 1  # what unlink does to the directory
    assert await anext(batches) == {"/ws/go.mod"}
    stop.set()
    assert [b async for b in batches] == []


async def test_the_server_watches_when_the_client_cannot_or_refuses() -> None:
    """No dynamic registration, or a registration the client answers with an error: the server watches."""
    class Refusing:
        async def client_register_capability_async(self, params):
            raise RuntimeError("registration refused by the test client")

    class Able(Client):
        def supports(self, dotted: str) -> bool:
            return dotted == "workspace.did_change_watched_files.dynamic_registration"

    fake = machine()
    assert await register_client_watchers(Refusing(), Session(Client(), fake)) is False  # type: ignore[arg-type]
    assert await register_client_watchers(Refusing(), Session(Able(), fake)) is False  # type: ignore[arg-type]

    class Accepting:
        async def client_register_capability_async(self, params):
            self.params = params

    accepting = Accepting()
    assert await register_client_watchers(accepting, Session(Able(), fake)) is True  # type: ignore[arg-type]
    assert accepting.params.registrations[0].method == lsp.WORKSPACE_DID_CHANGE_WATCHED_FILES


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root reads every directory")
def test_a_directory_it_may_not_read_is_not_watched(tmp_path) -> None:
    (tmp_path / "ws" / "locked").mkdir(parents=True)
    (tmp_path / "ws" / "open").mkdir()
    (tmp_path / "ws" / "locked").chmod(0)
    try:
        targets = workspace_targets(RealSystem(), str(tmp_path / "ws"), DiscoveryOptions())
    finally:
        (tmp_path / "ws" / "locked").chmod(0o755)
    assert {str(tmp_path / "ws"), str(tmp_path / "ws" / "open")} <= targets.directories
    assert str(tmp_path / "ws" / "locked") not in targets.directories
