"""Per-folder settings in a multi-root workspace: the server asks workspace/configuration for each folder's
"goenv" section (``scopeUri``), and each root layers initializationOptions < its folder's section <
its goenv-lsp.toml; didChangeConfiguration pulls every folder again, a folder added later gets its own."""

from __future__ import annotations

from lsp_harness import (  # type: ignore[import-not-found]
    fake_machine,
    fake_server,
    goenv_file,
    session,
    wait_for,
    write_workspace,
)
from lsprotocol import types as lsp

from goenv_lsp.lsp.session import Session
from goenv_lsp.lsp.uris import path_to_uri
from goenv_lsp.probe.fake import FakeSystem

INIT = {"severity": {"GE120": "error"}}  # every folder: no gopls is an error …
ALPHA = {"ignore": ["GE110"]}  # … alpha ignores the go line
BETA = {"severity": {"GE110": "warning", "GE120": "info"}}  # … beta lowers both, its goenv-lsp.toml GE110 again
GAMMA = {"ignore": ["GE120"]}
ERROR, INFO = lsp.DiagnosticSeverity.Error, lsp.DiagnosticSeverity.Information


def severities(diagnostics: list[lsp.Diagnostic]) -> dict[str, lsp.DiagnosticSeverity]:
    return {str(d.code): d.severity for d in diagnostics}


async def test_each_folder_gets_its_own_section(tmp_path):
    folders = {name: write_workspace(tmp_path / name, "1.27.3") for name in ("alpha", "beta", "gamma")}
    (folders["beta"] / "goenv-lsp.toml").write_text('[severity]\nGE110 = "info"\n')
    goenv_file(tmp_path, GOTOOLCHAIN="local")  # go 1.22 with GOTOOLCHAIN=local: GE110, and no gopls: GE120
    uri = {name: (ws / "go.mod").as_uri() for name, ws in folders.items()}
    server = fake_server(fake_machine(tmp_path))
    async with session({}, tmp_path, init_options=INIT, configuration={},
                       folders=[folders["alpha"], folders["beta"]], python_args=server) as client:
        # nothing scoped yet: both get initializationOptions, beta its goenv-lsp.toml over them
        await wait_for(client, uri["alpha"], lambda d: severities(d) == {"GE110": ERROR, "GE120": ERROR})
        await wait_for(client, uri["beta"], lambda d: severities(d) == {"GE110": INFO, "GE120": ERROR})

        for name, section in (("alpha", ALPHA), ("beta", BETA), ("gamma", GAMMA)):
            client.set_configuration(section, section="goenv", scope_uri=folders[name].as_uri())
        client.workspace_did_change_configuration(lsp.DidChangeConfigurationParams(settings={}))
        await wait_for(client, uri["alpha"], lambda d: severities(d) == {"GE120": ERROR})
        await wait_for(client, uri["beta"], lambda d: severities(d) == {"GE110": INFO, "GE120": INFO})

        client.workspace_did_change_workspace_folders(lsp.DidChangeWorkspaceFoldersParams(
            lsp.WorkspaceFoldersChangeEvent(added=[lsp.WorkspaceFolder(folders["gamma"].as_uri(), "gamma")],
                                            removed=[])))
        await wait_for(client, uri["gamma"], lambda d: severities(d) == {"GE110": ERROR})
        assert severities(client.diagnostics[uri["alpha"]]) == {"GE120": ERROR}  # the others as they were
        assert severities(client.diagnostics[uri["beta"]]) == {"GE110": INFO, "GE120": INFO}

        client.set_configuration({}, section="goenv", scope_uri=folders["alpha"].as_uri())
        client.workspace_did_change_configuration(lsp.DidChangeConfigurationParams(settings={}))
        await wait_for(client, uri["alpha"], lambda d: severities(d) == {"GE110": ERROR, "GE120": ERROR})
        assert severities(client.diagnostics[uri["gamma"]]) == {"GE110": ERROR}


class ScopedClient:
    """Answers workspace/configuration per scope, and records what it was asked."""

    def __init__(self, sections: dict[str | None, object]):
        self.sections, self.asked = sections, []

    def publish(self, uri, diagnostics) -> None:
        pass

    def show_message(self, kind, text) -> None:
        pass

    def log(self, text) -> None:
        pass

    def supports(self, dotted: str) -> bool:
        return dotted == "workspace.configuration"

    def buffers(self):
        return {}

    async def begin_progress(self, title):
        return lambda: None

    async def show_document(self, uri, external) -> bool:
        return False

    async def configuration(self, scopes) -> list[object]:
        self.asked.append(list(scopes))
        return [self.sections.get(scope) for scope in scopes][:1]  # a client answering fewer items than asked


async def test_the_request_names_every_folder_and_short_answers_count_as_none():
    fake = FakeSystem("linux", {"HOME": "/home/dev", "PATH": "/usr/bin"})
    client = ScopedClient({None: {"ignore": ["GE101"]}})
    session = Session(client, fake)
    session.add_root("/ws/a")
    session.add_root("/ws/b")
    session.init_options = {"ignore": ["GE120"]}
    await session.load_client_config(pull=True)
    assert client.asked == [[None, path_to_uri("/ws/a"), path_to_uri("/ws/b")]]
    assert session.client_config.ignore == ("GE120", "GE101")  # initializationOptions < the unscoped section
    assert session.config_for("/ws/a").ignore == ("GE120",)  # no answer for the folder: the options alone
    assert session.config_for("/elsewhere").ignore == ("GE120", "GE101")

    await session.load_client_config({"goenv": {"ignore": ["GE302"]}}, pull=False)  # pushed: every folder
    assert session.config_for("/ws/a").ignore == session.config_for("/ws/b").ignore == ("GE120", "GE302")
