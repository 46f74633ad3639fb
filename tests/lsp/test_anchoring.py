"""Where environment-wide findings land in the editor (editors/README.md, "Which files get diagnostics"): a
GOROOT exported in the environment goes on the workspace's own anchor — go.mod's `module` line, else
.vscode/settings.json — and the shell startup file line that exports it gets its own finding with the fix; with
no workspace file at all it is one message, shown once."""

from __future__ import annotations

from lsp_harness import MACHINE as BASE_MACHINE  # type: ignore[import-not-found]
from lsp_harness import (  # type: ignore[import-not-found]
    codes,
    fake_machine,
    fake_server,
    session,
    wait_for,
    wait_until,
    write_workspace,
)
from lsprotocol import types as lsp

# the harness's machine (go 1.22.10 first on PATH, 1.27.3 installed) with GOROOT exported at the 1.27.3 tree
MACHINE = BASE_MACHINE.replace('PATH = "/usr/local/go1.22.10/bin:/usr/bin:/bin"\n',
                               'PATH = "/usr/local/go1.22.10/bin:/usr/bin:/bin"\nGOROOT = "/usr/local/go1.27.3"\n')
assert "GOROOT" in MACHINE


def exported_goroot(tmp_path):
    profile = tmp_path / "home" / ".profile"
    server = fake_server(fake_machine(tmp_path, MACHINE))  # creates the home directory
    profile.write_text("# login settings\nexport GOROOT=/usr/local/go1.27.3\n")
    return server, profile


async def test_on_go_mod_and_on_the_export_line(tmp_path):
    server, profile = exported_goroot(tmp_path)
    ws = write_workspace(tmp_path / "ws", "1.22.10")
    gomod = (ws / "go.mod").as_uri()
    async with session({}, ws, python_args=server) as client:
        ge104 = next(d for d in await wait_for(client, gomod, lambda d: "GE104" in codes(d)) if d.code == "GE104")
        ge701 = next(d for d in await wait_for(client, profile.as_uri(), lambda d: "GE701" in codes(d))
                     if d.code == "GE701")
    assert (ge104.range.start.line, ge104.range.start.character) == (0, len("module "))
    assert ge701.range.start.line == 1 and ge701.data["fixes"][0]["title"].startswith("Delete the GOROOT line")
    (related,) = ge701.related_information
    assert related.location.uri == gomod and related.location.range == ge104.range
    assert not [m for m in client.messages if "GE104" in m.message]  # on a file: no pop-up as well


async def test_on_settings_json_without_a_go_mod(tmp_path):
    server, _ = exported_goroot(tmp_path)
    ws = write_workspace(tmp_path / "ws", None, goroot_setting="/usr/local/go1.22.10")
    settings = (ws / ".vscode" / "settings.json").as_uri()
    async with session({}, ws, python_args=server) as client:
        diagnostics = await wait_for(client, settings, lambda d: "GE104" in codes(d))
    ge104 = next(d for d in diagnostics if d.code == "GE104")
    assert (ge104.range.start.line, ge104.range.start.character) == (0, 0)


async def test_a_message_once_with_no_workspace_file(tmp_path):
    server, _ = exported_goroot(tmp_path)
    ws = tmp_path / "empty"
    ws.mkdir()
    async with session({}, ws, python_args=server) as client:
        await wait_until(lambda: any("[GE104]" in m.message for m in client.messages), what="the GE104 message")
        await client.workspace_execute_command_async(lsp.ExecuteCommandParams(command="goenv.refresh"))
        await client.workspace_execute_command_async(lsp.ExecuteCommandParams(command="goenv.refresh"))
    shown = [m for m in client.messages if "[GE104]" in m.message]
    assert len(shown) == 1 and shown[0].message.startswith("goenv-lsp [GE104] GOROOT=/usr/local/go1.27.3 from")
