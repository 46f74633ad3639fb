"""The session and its roots in-process, against a fake machine and a client that records what it is sent: the
orderings a real editor produces only now and then (an edit while a probe runs, a folder removed mid-probe, a
didOpen racing the settings) made deterministic."""

from __future__ import annotations

import asyncio
import os
from collections.abc import Mapping

import pytest
import testbed
from lsprotocol import types as lsp

from goenv_lsp.engine import Evaluation
from goenv_lsp.lsp import convert
from goenv_lsp.lsp.session import Session
from goenv_lsp.lsp.uris import path_to_uri, uri_to_path
from goenv_lsp.model import Severity
from goenv_lsp.probe.fake import FakeSystem
from goenv_lsp.probe.system import RealSystem

GOENV = "/home/dev/.config/go/env"


class RecordingClient:
    def __init__(self, settings: object = None, settings_delay: float = 0.0):
        self.open: dict[str, bytes] = {}  # unsaved buffers by path
        self.published: list[tuple[str, list[str]]] = []  # (uri, codes) of every publishDiagnostics
        self.messages: list[str] = []
        self.settings, self.settings_delay = settings, settings_delay

    def publish(self, uri: str, diagnostics: list[lsp.Diagnostic]) -> None:
        self.published.append((uri, [str(d.code) for d in diagnostics]))

    def show_message(self, kind: lsp.MessageType, text: str) -> None:
        self.messages.append(text)

    def log(self, text: str) -> None:
        pass

    def supports(self, dotted: str) -> bool:
        return dotted == "workspace.configuration"

    def buffers(self) -> Mapping[str, bytes]:
        return dict(self.open)

    async def begin_progress(self, title: str):
        return lambda: None

    async def configuration(self, scopes) -> list[object]:
        await asyncio.sleep(self.settings_delay)
        return [self.settings for _ in scopes]


def machine() -> FakeSystem:
    """go 1.24.0 on PATH, go1.25.0 installed as a `go1.25.0` command, GOTOOLCHAIN=auto in the GOENV file."""
    fake = FakeSystem("linux", {"HOME": "/home/dev", "PATH": "/usr/local/go/bin:/usr/bin"})
    fake.add_go("/usr/local/go", "1.24.0")
    fake.add_go("/opt/go125", "1.25.0")
    fake.add_symlink("/usr/bin/go1.25.0", "/opt/go125/bin/go")
    fake.add_file("/ws/go.mod", "module example.com/ws\n\ngo 1.24.0\n")
    fake.add_file(GOENV, "GOTOOLCHAIN=auto\n")
    return fake


async def started(fake: FakeSystem, client: RecordingClient | None = None) -> tuple[Session, RecordingClient]:
    client = client or RecordingClient()
    session = Session(client, fake)
    session.add_root("/ws")
    session.configured.set()
    await session.probe_all()
    return session, client


def go_line(session: Session) -> str:
    return session.roots["/ws"].facts.file("/ws/go.mod").go.value


async def test_the_first_edit_after_the_first_probe_spawns_nothing() -> None:
    fake = machine()
    session, _ = await started(fake)
    spawned = fake.run_count
    session.client.open["/ws/go.mod"] = b"module example.com/ws\n\ngo 1.24.1\n"
    await session.document_changed(path_to_uri("/ws/go.mod"), edit=True)
    await session.roots["/ws"].settle()
    assert (fake.run_count, session.roots["/ws"].facts.stale) == (spawned, False)


async def test_an_edit_made_while_a_probe_runs_survives_the_probe() -> None:
    fake = machine()
    session, _ = await started(fake)
    root = session.roots["/ws"]
    root.forget()
    real_run = fake.run

    async def slow_run(*args, **kwargs):
        await asyncio.sleep(0.2)
        return await real_run(*args, **kwargs)

    fake.run = slow_run  # type: ignore[method-assign]
    probing = asyncio.ensure_future(root.probe())
    await asyncio.sleep(0.05)
    session.client.open["/ws/go.mod"] = b"module example.com/ws\n\ngo 1.25.0\n"
    await session.document_changed(path_to_uri("/ws/go.mod"), edit=True)
    assert go_line(session) == "1.25.0"
    await probing
    assert go_line(session) == "1.25.0"


async def test_a_go_line_edit_updates_the_toolchains_at_hand_without_a_probe() -> None:
    fake = machine()
    session, client = await started(fake)
    spawned = fake.run_count
    client.open["/ws/go.mod"] = b"module example.com/ws\n\ngo 1.25.0\n"
    await session.document_changed(path_to_uri("/ws/go.mod"), edit=True)
    facts = session.roots["/ws"].facts
    assert dict(facts.toolchains) == {"go1.25.0": "/usr/bin/go1.25.0"}
    [ge111] = [f for f in session.roots["/ws"].findings if f.code == "GE111"]
    assert "/usr/bin/go1.25.0" in ge111.message and "fails offline" not in ge111.message
    assert fake.run_count == spawned


async def test_opening_the_goenv_file_refreshes_the_root_that_reads_it() -> None:
    fake = machine()
    session, client = await started(fake)
    spawned = fake.run_count
    client.open[GOENV] = b"GOTOOLCHAIN=local\n"
    await session.document_changed(path_to_uri(GOENV))
    assert list(session.roots) == ["/ws"]  # no root made of ~/.config/go
    assert session.roots["/ws"].facts.files_of("goenv")[0].get("GOTOOLCHAIN").value == "local"
    assert fake.run_count == spawned  # the probe that follows is scheduled, not awaited


async def test_a_didopen_racing_the_settings_probes_with_them() -> None:
    fake = machine()
    client = RecordingClient(settings={"editorSettings": {"go.alternateTools.go": "/opt/go125/bin/go"}},
                             settings_delay=0.1)
    session = Session(client, fake)
    session.add_root("/ws")

    async def initialized() -> None:
        await session.load_client_config(pull=True)
        session.configured.set()
        await session.probe_all()

    starting = asyncio.ensure_future(initialized())
    await asyncio.sleep(0)
    await session.document_changed(path_to_uri("/ws/go.mod"))  # didOpen before the settings arrived
    await starting
    runs = [call[1][:5] for call in fake.calls if call[0] == "run"]
    assert sorted(runs) == [(go, "-C", "/ws", "env", "-json") for go in ("/opt/go125/bin/go", "/usr/local/go/bin/go")]


async def test_a_didchange_before_the_first_probe_starts_no_process() -> None:
    fake = machine()
    session = Session(RecordingClient(), fake)
    session.add_root("/ws")
    await session.document_changed(path_to_uri("/ws/go.mod"), edit=True)
    assert fake.run_count == 0
    session.close()


async def test_a_root_removed_while_it_is_probed_publishes_nothing_more() -> None:
    fake = machine()
    session, client = await started(fake)
    root = session.roots["/ws"]
    root.forget()
    probing = asyncio.ensure_future(session.probe_all())
    await asyncio.sleep(0)
    session.remove_root("/ws")
    await probing  # no CancelledError escapes
    client.published.clear()
    await root.refresh([])
    assert client.published == [] and session.published == {}


async def test_a_batch_of_watched_changes_is_evaluated_once() -> None:
    fake = machine()
    for n in range(5):
        fake.add_file(f"/ws/m{n}/go.mod", f"module m{n}\n\ngo 1.24.0\n")
    session, _ = await started(fake)
    root = session.roots["/ws"]
    evaluations = []
    original = root.evaluation.run
    root.evaluation.run = lambda facts: evaluations.append(facts) or original(facts)  # type: ignore[method-assign]
    for n in range(5):
        fake.add_file(f"/ws/m{n}/go.mod", f"module m{n}\n\ngo 1.24.1\n")
    await session.files_changed_on_disk({f"/ws/m{n}/go.mod": lsp.FileChangeType.Changed for n in range(5)})
    assert len(evaluations) == 1
    assert {root.facts.file(f"/ws/m{n}/go.mod").go.value for n in range(5)} == {"1.24.1"}


async def test_a_go_mod_opened_under_testdata_is_no_module() -> None:
    fake = machine()
    fake.add_file("/ws/testdata/bad/go.mod", "module bad\n\ngo 1.99.0\n")
    session, client = await started(fake)
    client.open["/ws/testdata/bad/go.mod"] = b"module bad\n\ngo 1.99.0\n"
    await session.document_changed(path_to_uri("/ws/testdata/bad/go.mod"))
    client.open["/ws/new/go.mod"] = b"module new\n\ngo 1.24.0\n"  # a new module, not saved yet: it is one
    await session.document_changed(path_to_uri("/ws/new/go.mod"))
    assert [m.dir for m in session.roots["/ws"].facts.modules] == ["/ws", "/ws/new"]


async def test_editing_goenv_lsp_toml_waits_for_the_save() -> None:
    fake = machine()
    session, client = await started(fake)
    root = session.roots["/ws"]
    assert "GE120" in {f.code for f in root.findings}  # no gopls
    evaluations = []
    original = root.evaluation.run
    root.evaluation.run = lambda facts: evaluations.append(facts) or original(facts)  # type: ignore[method-assign]
    client.open["/ws/goenv-lsp.toml"] = b'ignore = ["GE120"]\n'
    await session.document_changed(path_to_uri("/ws/goenv-lsp.toml"), edit=True)
    assert evaluations == [] and "GE120" in {f.code for f in root.findings}
    fake.add_file("/ws/goenv-lsp.toml", 'ignore = ["GE120"]\n')
    await session.document_changed(path_to_uri("/ws/goenv-lsp.toml"))  # didSave
    assert "GE120" not in {f.code for f in root.findings}


def test_code_actions_survive_fix_data_a_client_mangled() -> None:
    good = {"title": "Set it", "applicability": "safe", "command": None,
            "edits": [{"path": "/ws/go.mod", "range": {"start": {"line": 2, "character": 3},
                                                        "end": {"line": 2, "character": 9}}, "new_text": "1.24.0"}]}
    broken = [{"title": "no range", "applicability": "safe", "edits": [{"path": "/ws/go.mod", "new_text": "x"}]},
              {"title": "relative", "applicability": "safe", "command": None,
               "edits": [{**good["edits"][0], "path": "go.mod"}]}, "not a fix"]
    diagnostic = lsp.Diagnostic(range=lsp.Range(lsp.Position(2, 3), lsp.Position(2, 9)), message="m", code="GE110",
                                data={"code": "GE110", "fixes": [*broken, good]})
    titles = [a.title for a in convert.code_actions(diagnostic, resolve_edits=False)]
    assert titles == ["Set it", "Explain GE110", "Ignore GE110 in this workspace (goenv-lsp.toml)"]
    assert convert.resolve(lsp.CodeAction(title="x", data={"fix": "junk"})).edit is None


@pytest.mark.parametrize(("uri", "path"), [
    ("file:///tmp/a%20b/go.mod", "/tmp/a b/go.mod"), ("file:///tmp/a b/go.mod", "/tmp/a b/go.mod"),
    ("file:", None), ("untitled:Untitled-1", None), ("https://example.com/go.mod", None),
])
def test_uris(uri: str, path: str | None) -> None:
    assert uri_to_path(uri) == path
    if path:
        assert uri_to_path(path_to_uri(path)) == path


@pytest.mark.realgo
async def test_the_probe_timeout_setting_reaches_every_probe(tmp_path, go127) -> None:
    from faults import fakego  # a real Go executable whose build info says cmd/go, here one that hangs

    bin_dir = tmp_path / "bin"
    fakego.install(fakego.build(go127), bin_dir, "hang")
    (tmp_path / "ws").mkdir()
    (tmp_path / "ws" / "go.mod").write_text("module example.com/ws\n\ngo 1.24.0\n")
    env = {"PATH": os.pathsep.join([str(bin_dir), str(testbed.host_bin())]), "HOME": str(tmp_path / "home")}
    client = RecordingClient(settings={"probeTimeout": 0.3})
    session = Session(client, RealSystem(env=env, well_known_go=()))
    root = session.add_root(str(tmp_path / "ws"))
    await session.load_client_config(pull=True)
    session.configured.set()
    await session.probe_all()
    [binary] = root.facts.go_binaries
    assert binary.env_run.stderr == "killed after 0.3 s"


async def test_a_nested_settings_file_saved_on_disk_changes_nothing() -> None:
    fake = machine()
    fake.add_file("/ws/sub/.vscode/settings.json", '{"go.goroot": "/nowhere"}\n')
    session, _ = await started(fake)
    root = session.roots["/ws"]
    evaluations = []
    original = root.evaluation.run
    root.evaluation.run = lambda facts: evaluations.append(facts) or original(facts)  # type: ignore[method-assign]
    calls = len(fake.calls)
    await session.files_changed_on_disk({"/ws/sub/.vscode/settings.json": lsp.FileChangeType.Changed})
    assert evaluations == [] and [c for c in fake.calls[calls:] if c[0] != "read"] == []


# -- the first probe starts before the settings arrive (Session.start) --------------------------------------
class SettingsLater(RecordingClient):
    """Answers workspace/configuration after ``settings_delay``; counts what was published before that."""

    def __init__(self, settings: object = None, settings_delay: float = 0.2):
        super().__init__(settings, settings_delay)
        self.answered = False
        self.published_before_settings = 0

    async def configuration(self, scopes) -> list[object]:
        answers = await super().configuration(scopes)
        self.answered = True
        return answers

    def publish(self, uri: str, diagnostics: list[lsp.Diagnostic]) -> None:
        self.published_before_settings += not self.answered
        super().publish(uri, diagnostics)


def env_runs(fake: FakeSystem) -> list[str]:
    return sorted(call[1][0] for call in fake.calls if call[0] == "run" and "env" in call[1])


async def test_probing_starts_before_the_settings_and_publishes_after_them() -> None:
    fake = machine()
    client = SettingsLater(settings={"severity": {"GE120": "info"}})  # changes the findings, not the probe
    session = Session(client, fake)
    session.add_root("/ws")
    starting = asyncio.ensure_future(session.start(pull=True))
    await asyncio.sleep(0.1)
    assert fake.run_count > 0 and client.published == []  # probed already; nothing published without settings
    await starting
    assert client.published_before_settings == 0 and client.published
    [ge120] = session.roots["/ws"].findings
    assert ge120.severity is Severity.INFO  # the first publication has the settings
    once, _ = await started(machine())  # the same probes as when the settings come first: none ran twice
    assert env_runs(fake) == env_runs(once.system)  # type: ignore[arg-type]
    session.close()


class Progress(SettingsLater):
    """Records when the server asked for a progress token: never before `initialized` (LSP)."""

    def __init__(self, settings: object = None, settings_delay: float = 0.2):
        super().__init__(settings, settings_delay)
        self.initialized = False
        self.progress_before_initialized = 0
        self.progress = 0

    async def begin_progress(self, title: str):
        self.progress += 1
        self.progress_before_initialized += not self.initialized
        return lambda: None


@pytest.mark.parametrize("settings", [None, {"severity": {"GE120": "info"}}])
async def test_the_probe_starts_on_initialize_and_its_rules_run_once_while_the_settings_come(settings) -> None:
    """`initialize` (``begin``) starts the probe; `initialized` (``start``) pulls the settings. Nothing is
    published or asked of the client before then; the rules run while the settings are on their way, and the
    publication re-runs none of them unless the settings changed the selection (then all run again)."""
    fake = machine()
    client = Progress(settings=settings)
    session = Session(client, fake)
    root = session.add_root("/ws")
    session.begin()
    await session.probe_started()
    assert fake.run_count > 0  # `initialize` is answered once the first process started
    await asyncio.sleep(0.1)  # the client takes its time to send `initialized`
    assert fake.run_count > 0 and root.evaluation.facts is not None  # probed and evaluated already
    assert client.published == [] and client.progress == 0
    evaluation = root.evaluation
    client.initialized = True
    await session.start(pull=True)
    assert client.published_before_settings == 0 and client.published and client.progress == 1
    assert client.progress_before_initialized == 0
    assert (root.evaluation is evaluation) is (settings is None)  # a new selection: a new evaluation
    full = Evaluation(root.evaluation.selection, session.rules)
    full.run(root.facts)
    assert root.evaluation.runs == (0 if settings is None else full.runs) and full.runs > 0
    fresh, _ = await started(machine(), RecordingClient(settings))
    if settings is not None:
        await fresh.load_client_config(pull=True)
        await fresh.probe_all()
    assert root.findings == fresh.roots["/ws"].findings  # the same as settings known from the start
    assert [f.severity for f in root.findings if f.code == "GE120"] == \
        [Severity.INFO if settings else Severity.WARNING]
    session.close()


async def test_a_repeated_initialize_starts_no_probe_and_leaves_progress_working() -> None:
    """A confused client sends `initialize` again after `initialized`: no second probe starts, and what asks the
    client for progress afterwards (a probe) is not left waiting for an `initialized` that never comes."""
    fake = machine()
    client = Progress()
    session = Session(client, fake)
    root = session.add_root("/ws")
    session.begin()
    client.initialized = True
    await session.start(pull=True)
    runs = fake.run_count
    session.begin()  # `initialize` again
    await asyncio.sleep(0.05)
    assert fake.run_count == runs  # nothing probed
    progress = client.progress
    await asyncio.wait_for(root.probe(), 5)  # a probe (goenv.refresh) begins progress: it must not hang
    assert client.progress == progress + 1
    session.close()


async def test_settings_that_arrive_after_the_first_probe_and_change_it_probe_again() -> None:
    fake = machine()
    client = SettingsLater(settings={"editorSettings": {"go.alternateTools.go": "/opt/go125/bin/go"}})
    session = Session(client, fake)
    session.add_root("/ws")
    await session.start(pull=True)
    assert client.published_before_settings == 0
    assert "/opt/go125/bin/go" in env_runs(fake)  # probed after the settings named it
    assert "/opt/go125/bin/go" in {b.path for b in session.roots["/ws"].facts.go_binaries}
    session.close()


@pytest.mark.parametrize("settings_during_the_probe", [False, True])
@pytest.mark.parametrize("pulled", [False, True])
async def test_trust_only_once_the_settings_say_so(pulled: bool, settings_during_the_probe: bool) -> None:
    """initializationOptions say trusted; the pulled settings may take it back: until they came, a go inside
    the workspace is not run. They come after the first probe, or while it runs."""
    fake = machine()
    fake.add_go("/ws/tools/go", "1.25.0")
    fake.env["PATH"] = "/ws/tools/go/bin:" + fake.env["PATH"]
    if settings_during_the_probe:
        real_run = fake.run

        async def slow_run(*args, **kwargs):
            await asyncio.sleep(0.1)
            return await real_run(*args, **kwargs)

        fake.run = slow_run  # type: ignore[method-assign]
    client = SettingsLater(settings={"trusted": pulled}, settings_delay=0.05 if settings_during_the_probe else 0.2)
    session = Session(client, fake)
    session.init_options = {"trusted": True}
    root = session.add_root("/ws")
    assert root.options().trusted is False  # nothing known from the client yet
    await session.start(pull=True)
    assert root.options().trusted is pulled
    assert ("/ws/tools/go/bin/go" in env_runs(fake)) is pulled
    assert client.published_before_settings == 0
    session.close()


async def test_many_edits_start_no_process_and_each_publishes() -> None:
    fake = machine()
    session, client = await started(fake)
    spawned, uri = fake.run_count, path_to_uri("/ws/go.mod")
    client.published.clear()
    for n in range(40):  # a go line the local go satisfies, then one it cannot (GOTOOLCHAIN=auto: a download)
        client.open["/ws/go.mod"] = f"module example.com/ws\n\ngo {'1.24.0' if n % 2 else '1.99.0'}\n".encode()
        await session.document_changed(uri, edit=True)
    await session.roots["/ws"].settle()
    assert fake.run_count == spawned
    assert len([u for u, _ in client.published if u == uri]) == 40  # the diagnostics changed every time
    session.close()
