"""The goenv/status notification (goenv_lsp/lsp/features/status.py): per workspace folder, the go that runs,
the number of environment problems and their summary, sent after each probe to a client that opted in."""

from __future__ import annotations

import os

import pytest
import pytest_lsp
from lsp_harness import (  # type: ignore[import-not-found]
    HEALTHY_MACHINE,
    MACHINE,
    codes,
    fake_machine,
    fake_server,
    goenv_file,
    open_document,
    session,
    wait_for,
    wait_until,
    write_workspace,
)
from lsprotocol import types as lsp

STATUS = "goenv/status"

HEALTHY = HEALTHY_MACHINE

NO_GO = """
[env]
HOME = "@HOME@"
PATH = "/usr/bin:/bin"
[passthrough]
dirs = ["@TMP@"]
"""


def opted_in(spec: str = "visual_studio_code") -> lsp.ClientCapabilities:
    caps = pytest_lsp.client_capabilities(spec)
    caps.experimental = {"goenvStatus": True}
    return caps


def folders_of(params) -> list[dict]:
    """The notification's folders as plain dicts (pygls hands unknown methods' params over as objects)."""
    folders = params["folders"] if isinstance(params, dict) else params.folders
    return [f if isinstance(f, dict) else dict(f._asdict() if hasattr(f, "_asdict") else vars(f)) for f in folders]


async def settled_status(client, uri: str, state: str) -> dict:
    """Wait for a goenv/status whose folder ``uri`` is in ``state``; return that folder's status."""
    def latest() -> dict | None:
        sent = client.custom[STATUS]
        return next((f for f in folders_of(sent[-1]) if f["uri"] == uri), None) if sent else None

    await wait_until(lambda: (latest() or {}).get("state") == state, what=f"a goenv/status with {uri} {state}")
    return latest()


async def test_healthy_machine(tmp_path):
    ws = write_workspace(tmp_path / "ws", "1.27.3")
    server = fake_server(fake_machine(tmp_path, HEALTHY))
    async with session({}, ws, opted_in(), python_args=server, notifications=(STATUS,)) as client:
        status = await settled_status(client, ws.as_uri(), "ok")
        first = folders_of(client.custom[STATUS][0])
    assert status == {"uri": ws.as_uri(), "state": "ok", "goVersion": "1.27.3", "goPath": "/usr/local/go/bin/go",
                      "problems": 0, "summary": []}
    assert [f["state"] for f in first] == ["probing"]  # sent right after `initialized`, before the probe ends


async def test_broken_machine(tmp_path, client_name):
    # go 1.22.10 runs, go.mod asks for 1.27.3 with switching off (GE110, an error); no gopls (GE120, a warning)
    ws = write_workspace(tmp_path / "ws", "1.27.3")
    goenv_file(tmp_path, GOTOOLCHAIN="local")
    server = fake_server(fake_machine(tmp_path, MACHINE))
    async with session({}, ws, opted_in(client_name), python_args=server, notifications=(STATUS,)) as client:
        status = await settled_status(client, ws.as_uri(), "problems")
        diagnostics = await wait_for(client, (ws / "go.mod").as_uri(), lambda d: "GE110" in codes(d))
    assert codes(diagnostics) == ["GE110", "GE120"]
    assert status == {"uri": ws.as_uri(), "state": "problems", "goVersion": "1.22.10",
                      "goPath": "/usr/local/go1.22.10/bin/go", "problems": 2,
                      "summary": [  # errors first
                          "GE110 go.mod / go.work needs a newer Go than the local toolchain and switching is off",
                          "GE120 No gopls for this Go workspace"]}


async def test_info_findings_are_not_problems(tmp_path):
    ws = write_workspace(tmp_path / "ws", "1.27.3")
    goenv_file(tmp_path, GOTOOLCHAIN="local")
    server = fake_server(fake_machine(tmp_path, MACHINE))
    async with session({}, ws, opted_in(), python_args=server, notifications=(STATUS,),
                       configuration={"severity": {"GE120": "info"}}) as client:
        status = await settled_status(client, ws.as_uri(), "problems")
        diagnostics = await wait_for(client, (ws / "go.mod").as_uri(), lambda d: "GE110" in codes(d))
    assert {str(d.code): d.severity for d in diagnostics}["GE120"] == lsp.DiagnosticSeverity.Information
    assert status["problems"] == 1
    assert [line.split()[0] for line in status["summary"]] == ["GE110"]


async def test_no_go_on_path(tmp_path):
    ws = write_workspace(tmp_path / "ws", "1.27.3")
    server = fake_server(fake_machine(tmp_path, NO_GO))
    async with session({}, ws, opted_in(), python_args=server, notifications=(STATUS,)) as client:
        status = await settled_status(client, ws.as_uri(), "no-go")
    assert status["goVersion"] is None and status["goPath"] is None
    assert status["problems"] >= 1 and any(line.startswith("GE101 ") for line in status["summary"])


async def test_sent_only_when_changed_and_per_folder(tmp_path):
    new = write_workspace(tmp_path / "new", "1.27.3")
    old = write_workspace(tmp_path / "old", "1.22.10")
    goenv_file(tmp_path, GOTOOLCHAIN="local")
    server = fake_server(fake_machine(tmp_path, MACHINE))
    async with session({}, tmp_path, opted_in(), folders=[new, old], python_args=server,
                       notifications=(STATUS,)) as client:
        await settled_status(client, new.as_uri(), "problems")
        await settled_status(client, old.as_uri(), "problems")
        sent = len(client.custom[STATUS])
        result = await client.workspace_execute_command_async(lsp.ExecuteCommandParams(command="goenv.refresh"))
        assert result["findings"] > 0  # every root probed again, nothing changed: nothing sent
        await client.workspace_execute_command_async(lsp.ExecuteCommandParams(command="goenv.report"))
        statuses = {f["uri"]: f for f in folders_of(client.custom[STATUS][-1])}
        assert len(client.custom[STATUS]) == sent
    assert set(statuses) == {new.as_uri(), old.as_uri()}
    assert any(line.startswith("GE110 ") for line in statuses[new.as_uri()]["summary"])
    assert not any(line.startswith("GE110 ") for line in statuses[old.as_uri()]["summary"])
    assert all(len(folders_of(p)) == 2 for p in client.custom[STATUS])


async def test_not_sent_to_clients_that_did_not_ask(tmp_path, client_name):
    ws = write_workspace(tmp_path / "ws", "1.27.3")
    server = fake_server(fake_machine(tmp_path, HEALTHY))
    async with session({}, ws, client_name, python_args=server, notifications=(STATUS,)) as client:
        await wait_for(client, (ws / "go.mod").as_uri(), lambda d: True)
        await client.workspace_execute_command_async(lsp.ExecuteCommandParams(command="goenv.refresh"))
        await client.workspace_execute_command_async(lsp.ExecuteCommandParams(command="goenv.report"))
        assert client.custom[STATUS] == []


async def test_follows_an_edit_without_a_probe(tmp_path):
    ws = write_workspace(tmp_path / "ws", "1.27.3")
    goenv_file(tmp_path, GOTOOLCHAIN="local")
    server = fake_server(fake_machine(tmp_path, MACHINE))
    gomod = ws / "go.mod"
    async with session({}, ws, opted_in(), python_args=server, notifications=(STATUS,)) as client:
        uri = open_document(client, gomod, "go.mod")
        assert (await settled_status(client, ws.as_uri(), "problems"))["problems"] == 2
        client.text_document_did_change(lsp.DidChangeTextDocumentParams(
            text_document=lsp.VersionedTextDocumentIdentifier(uri=uri, version=2),
            content_changes=[lsp.TextDocumentContentChangeWholeDocument(
                text="module example.com/ws\n\ngo 1.22.10\n")]))
        await wait_for(client, uri, lambda d: codes(d) == ["GE120"])
        await wait_until(lambda: folders_of(client.custom[STATUS][-1])[0]["problems"] == 1, timeout=5,
                         what="the status to follow the edit")


@pytest.mark.realgo
async def test_real_toolchain(tmp_path, go127, go_env):
    ws = write_workspace(tmp_path / "ws", "1.27.3")
    only = tmp_path / "only"
    only.mkdir()
    os.symlink(go127 / "bin" / "go", only / "go")
    async with session(go_env([only]), ws, opted_in(), notifications=(STATUS,)) as client:
        status = await settled_status(client, ws.as_uri(), "problems")  # no gopls anywhere: a warning
    assert status["goVersion"] == "1.27.3" and status["goPath"] == str(only / "go")
    assert status["problems"] >= 1 and not any(line.startswith(("GE101 ", "GE110 ")) for line in status["summary"])
