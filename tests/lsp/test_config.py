"""Settings from the client: user-level editor settings (initializationOptions) and workspace trust."""

from __future__ import annotations

import shutil

import pytest
from lsp_harness import (  # type: ignore[import-not-found]
    GO122,
    MACHINE,
    codes,
    fake_machine,
    fake_server,
    session,
    wait_for,
    write_workspace,
)
from lsprotocol import types as lsp

GO127_FIRST = MACHINE.replace('PATH = "/usr/local/go1.22.10/bin:', 'PATH = "/usr/local/go1.27.3/bin:')


@pytest.mark.parametrize("settings_file", [False, True], ids=["no-settings.json", "settings.json"])
async def test_user_level_goroot_setting(tmp_path, settings_file):
    """VS Code's user settings (not in the workspace) reach the server as initializationOptions."""
    ws = write_workspace(tmp_path / "ws", "1.27.3")
    if settings_file:  # a workspace settings.json that does not mention go.goroot
        (ws / ".vscode").mkdir()
        (ws / ".vscode" / "settings.json").write_text('{\n  "editor.tabSize": 4\n}\n')
    server = fake_server(fake_machine(tmp_path, GO127_FIRST))
    async with session({}, ws, init_options={"editorSettings": {"go.goroot": GO122}}, python_args=server) as client:
        await wait_for(client, (ws / "go.mod").as_uri(), lambda d: "GE120" in codes(d))
        report = await client.workspace_execute_command_async(lsp.ExecuteCommandParams(command="goenv.report"))
    # the setting is read: the SDK it names is found and probed
    assert f"| `{GO122}/bin/go` | go1.22.10 | go.goroot |" in report
    assert not [m for m in client.messages if "settings" in m.message]  # no config problems reported
    # a user-level setting has no line of ours: it goes on the workspace's settings.json when there is one,
    # else on the go.mod module line (like other environment findings); there is no edit to offer
    where = (ws / ".vscode" / "settings.json") if settings_file else (ws / "go.mod")
    [ge302] = [d for d in client.diagnostics[where.as_uri()] if d.code == "GE302"]
    assert ge302.message.startswith('your user setting "go.goroot" selects go1.22.10')
    assert ge302.data["fixes"] == []
    assert "(user settings, from the editor)" in report


# a Go tree shipped inside the repository, its bin/ first on PATH
TROJAN = MACHINE.replace('PATH = "/usr/local/go1.22.10/bin:', 'PATH = "@WS@/tools/bin:/usr/local/go1.22.10/bin:') + """
[[go]]
root = "@WS@/tools"
version = "1.22.10"
"""


@pytest.fixture
def trojan(tmp_path):
    """A workspace whose tools/ directory is on PATH ahead of the real go (a recorded machine)."""
    ws = write_workspace(tmp_path / "ws", "1.22.10")
    (ws / "goenv-lsp.toml").write_text("trusted = true\n")  # the repository cannot trust itself
    return ws, fake_server(fake_machine(tmp_path, TROJAN, WS=str(ws)))


async def test_untrusted_workspace_go_is_skipped(trojan, client_name):
    ws, server = trojan
    async with session({}, ws, client_name, python_args=server) as client:
        diags = await wait_for(client, (ws / "go.mod").as_uri(), lambda d: "GE003" in codes(d))
        report = await client.workspace_execute_command_async(lsp.ExecuteCommandParams(command="goenv.report"))
    ge003 = next(d for d in diags if d.code == "GE003")
    assert f"{ws}/tools/bin/go is inside the workspace (PATH)" in ge003.message
    assert ge003.severity == lsp.DiagnosticSeverity.Information and ge003.range.start.line == 0
    assert f"| `{ws}/tools/bin/go` | — | PATH | `{ws}/tools` | skipped |" in report


@pytest.mark.parametrize("how", ["initializationOptions", "workspace/configuration"])
async def test_trusted_workspace_go_is_run(trojan, how):
    ws, server = trojan
    options = {"trusted": True}
    kwargs = {"init_options": options} if how == "initializationOptions" else {"configuration": options}
    async with session({}, ws, python_args=server, **kwargs) as client:
        diags = await wait_for(client, (ws / "go.mod").as_uri(), lambda d: "GE120" in codes(d))
        report = await client.workspace_execute_command_async(lsp.ExecuteCommandParams(command="goenv.report"))
    assert "GE003" not in codes(diags)
    assert f"| `{ws}/tools/bin/go` | go1.22.10 | PATH |" in report


@pytest.mark.realgo
async def test_untrusted_workspace_go_never_runs_for_real(tmp_path, go122, go_env):
    """The security promise with a real script that would leave a marker if anything executed it."""
    ws = write_workspace(tmp_path / "ws", "1.22.10")
    marker = tmp_path / "executed"
    (ws / "tools").mkdir()
    script = ws / "tools" / "go"
    script.write_text(f'#!/bin/sh\ntouch "{marker}"\nexec "{go122}/bin/go" "$@"\n')
    script.chmod(0o755)
    (ws / "goenv-lsp.toml").write_text("trusted = true\n")
    env = go_env([ws / "tools", go122 / "bin"])
    async with session(env, ws) as client:
        await wait_for(client, (ws / "go.mod").as_uri(), lambda d: "GE003" in codes(d))
        await client.workspace_execute_command_async(lsp.ExecuteCommandParams(command="goenv.refresh"))
    assert not marker.exists()
    # trusted, a go inside the workspace runs — a real go command; a script standing in for one never does
    (ws / "sdk" / "bin").mkdir(parents=True)
    shutil.copy2(go122 / "bin" / "go", ws / "sdk" / "bin" / "go")
    env = go_env([ws / "sdk" / "bin", ws / "tools", go122 / "bin"], GOROOT=go122)
    async with session(env, ws, init_options={"trusted": True}) as client:
        await wait_for(client, (ws / "go.mod").as_uri(), lambda d: "GE003" in codes(d))
        report = await client.workspace_execute_command_async(lsp.ExecuteCommandParams(command="goenv.report"))
    assert not marker.exists()
    assert f"| `{ws}/sdk/bin/go` | go1.22.10 | PATH |" in report
