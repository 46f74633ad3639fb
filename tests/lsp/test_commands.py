"""workspace/executeCommand end to end: explain, ignore (goenv-lsp.toml), the environment report, go env -w."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import testbed
from lsp_harness import (  # type: ignore[import-not-found]
    codes,
    open_document,
    quick_fixes,
    session,
    wait_for,
    wait_until,
    write_workspace,
)
from lsprotocol import types as lsp
from pygls.exceptions import JsonRpcException

pytestmark = pytest.mark.realgo


def execute(client, command: str, *arguments):
    return client.workspace_execute_command_async(lsp.ExecuteCommandParams(command=command,
                                                                           arguments=list(arguments)))


@pytest.fixture
def mismatch(tmp_path, go122, go127, go_env):
    """go 1.22 on PATH, settings.json pinning go 1.27.3: GE302."""
    ws = write_workspace(tmp_path / "ws", "1.22.10", goroot_setting=go127)
    return ws, go_env([go122 / "bin"])


async def test_explain_returns_markdown(mismatch, client_name):
    ws, env = mismatch
    async with session(env, ws, client_name) as client:
        text = await execute(client, "goenv.explain", "GE302")
        with pytest.raises(JsonRpcException, match="no rule 'GE999'"):
            await execute(client, "goenv.explain", "GE999")
    assert text.startswith("#") and "GE302" in text and "## How to fix" in text
    assert client.messages[-1].message == text and client.messages[-1].type == lsp.MessageType.Info


async def test_ignore_writes_toml_and_clears(mismatch, client_name):
    ws, env = mismatch
    settings = ws / ".vscode" / "settings.json"
    async with session(env, ws, client_name) as client:
        uri = open_document(client, settings, "jsonc")
        diags = await wait_for(client, uri, lambda d: "GE302" in codes(d))
        actions = await quick_fixes(client, uri, next(d for d in diags if d.code == "GE302"))
        ignore = next(a for a in actions if a.title.startswith("Ignore GE302"))
        path = await execute(client, ignore.command.command, *ignore.command.arguments)
        assert path == str(ws / "goenv-lsp.toml")
        await wait_for(client, uri, lambda d: "GE302" not in codes(d))
    text = (ws / "goenv-lsp.toml").read_text()
    assert 'ignore = ["GE302"]' in text
    assert any("GE302 is ignored" in m.message for m in client.messages)


async def test_malformed_toml_one_message_and_defaults(mismatch, client_name):
    ws, env = mismatch
    (ws / "goenv-lsp.toml").write_text("ignore = [GE302]\n")  # a bare word is no TOML value
    settings = ws / ".vscode" / "settings.json"
    async with session(env, ws, client_name) as client:
        uri = open_document(client, settings, "jsonc")
        await wait_for(client, uri, lambda d: "GE302" in codes(d))  # the defaults: GE302 is not ignored
        # more events that re-read the file must not repeat the message
        client.workspace_did_change_watched_files(lsp.DidChangeWatchedFilesParams(
            [lsp.FileEvent((ws / "goenv-lsp.toml").as_uri(), lsp.FileChangeType.Changed)]))
        client.text_document_did_change(lsp.DidChangeTextDocumentParams(
            lsp.VersionedTextDocumentIdentifier(uri=uri, version=2),
            [lsp.TextDocumentContentChangeWholeDocument(text=settings.read_text() + "\n")]))
        await execute(client, "goenv.refresh")
        about_toml = [m for m in client.messages if "goenv-lsp.toml" in m.message]
        assert len(about_toml) == 1, [m.message for m in client.messages]
        (message,) = about_toml
        assert message.type == lsp.MessageType.Warning
        assert str(ws / "goenv-lsp.toml") in message.message and "(defaults used)" in message.message
        assert "line 1" in message.message  # says where the TOML breaks
        # once repaired (the client reports the change), the file applies
        (ws / "goenv-lsp.toml").write_text('ignore = ["GE302"]\n')
        client.workspace_did_change_watched_files(lsp.DidChangeWatchedFilesParams(
            [lsp.FileEvent((ws / "goenv-lsp.toml").as_uri(), lsp.FileChangeType.Changed)]))
        await wait_for(client, uri, lambda d: "GE302" not in codes(d))


async def test_report_lists_gos_sources_gopls_and_settings(tmp_path, go122, go127, go_env, debian_gopls):
    ws = write_workspace(tmp_path / "ws", "1.27.3", goroot_setting=go127)
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    os.symlink(debian_gopls, bin_dir / "gopls")
    env = go_env([go122 / "bin", bin_dir], GOTOOLCHAIN=None, GOPATH=None)
    goenv_file = testbed.write_goenv(env, GOTOOLCHAIN="local")
    assert str(goenv_file) == f"{env['HOME']}/.config/go/env"
    async with session(env, ws) as client:
        report = await execute(client, "goenv.report")
    assert report.startswith("# Go environment of")
    # every go found, and which one runs and why
    assert f"| `{go122}/bin/go` | go1.22.10 | PATH |" in report
    assert f"| `{go127}/bin/go` | go1.27.3 | go.goroot |" in report
    assert f"`{go122}/bin/go` — go1.22.10, first `go` on PATH (entry 0: `{go122}/bin`)" in report
    # where the values come from
    assert f"| GOROOT | `{go122}` |" in report
    assert "| GOPATH | `~/go` | the go command's default |" in report
    assert "| GOTOOLCHAIN | `local` | GOENV file" in report
    assert "**GOTOOLCHAIN:** `local` — from GOENV file" in report
    assert "switching is off, so builds fail" in report
    # gopls and editor settings
    assert "## gopls" in report and "/bin/gopls` (PATH):" in report and "built with go1.19" in report
    assert f"`go.goroot` = `{go127}`" in report
    assert "**GE110**" in report and "**GE302**" in report
    variables = report.split("## Variables and where they come from")[1].split("## gopls")[0]
    assert "| GOENV | `~/.config/go/env` | the environment variable GOENV |" in variables  # home as ~


async def test_go_env_write_runs_fix_and_diagnostics_update(tmp_path, go122, go_env):
    ws = write_workspace(tmp_path / "ws", "1.27.3")
    env = go_env([go122 / "bin"], GOTOOLCHAIN=None)
    goenv_file = testbed.write_goenv(env, GOTOOLCHAIN="local")
    gomod = (ws / "go.mod").as_uri()
    async with session(env, ws) as client:
        diags = await wait_for(client, gomod, lambda d: "GE110" in codes(d))
        actions = await quick_fixes(client, gomod, next(d for d in diags if d.code == "GE110"))
        write = next(a for a in actions if a.title == "Run `go env -w GOTOOLCHAIN=auto`")
        assert write.command.command == "goenv.goEnvWrite" and write.edit is None
        result = await execute(client, write.command.command, *write.command.arguments)
        assert result == "ran go env -w GOTOOLCHAIN=auto"
        assert "GOTOOLCHAIN=auto" in goenv_file.read_text()
        diags = await wait_for(client, gomod, lambda d: "GE110" not in codes(d))
    assert "GE111" in codes(diags)  # go 1.22 now switches to go1.27.3 (and, offline, cannot download it)


async def test_go_env_write_refuses_unprobed_go(tmp_path, go122, go_env):
    ws = write_workspace(tmp_path / "ws", "1.22.10")
    marker = tmp_path / "ran"
    fake = tmp_path / "elsewhere" / "go"
    fake.parent.mkdir()
    fake.write_text(f"#!/bin/sh\ntouch {marker}\n")
    fake.chmod(0o755)
    env = go_env([go122 / "bin"])
    async with session(env, ws) as client:
        await wait_until(lambda: (ws / "go.mod").as_uri() in client.diagnostics, what="first diagnostics")
        for argv in ([str(fake), "env", "-w", "GOTOOLCHAIN=auto"],
                     ["go", "env", "-w", "GOTOOLCHAIN=auto"],  # a bare name: whatever PATH finds
                     ["/bin/sh", "-c", f"touch {marker}"]):
            with pytest.raises(JsonRpcException, match="not a go binary goenv-lsp probed"):
                await execute(client, "goenv.goEnvWrite", {"argv": argv, "cwd": str(ws)})
        # the probed go, but not an env -w/-u command
        with pytest.raises(JsonRpcException, match="not a go env -w/-u command"):
            await execute(client, "goenv.goEnvWrite", {"argv": [str(go122 / "bin" / "go"), "env", "-w", "x;y"]})
    assert not marker.exists()
    assert not os.path.exists(env["GOENV"]) or "GOTOOLCHAIN" not in Path(env["GOENV"]).read_text()
