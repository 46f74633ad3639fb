"""workspace/executeCommand end to end: explain, ignore (goenv-lsp.toml), the environment report, go env -w —
on a recorded machine, and the refusals and `go env -w` with real toolchains."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import testbed
from lsp_harness import (  # type: ignore[import-not-found]
    GO122,
    GO127,
    MACHINE,
    codes,
    fake_machine,
    fake_server,
    goenv_file,
    open_document,
    quick_fixes,
    session,
    wait_for,
    wait_until,
    write_workspace,
)
from lsprotocol import types as lsp
from pygls.exceptions import JsonRpcException

from goenv_lsp.rules import by_code


def execute(client, command: str, *arguments):
    return client.workspace_execute_command_async(lsp.ExecuteCommandParams(command=command,
                                                                           arguments=list(arguments)))


@pytest.fixture
def mismatch(tmp_path):
    """go 1.22 on PATH, settings.json pinning go 1.27.3: GE302 (a recorded machine)."""
    ws = write_workspace(tmp_path / "ws", "1.22.10", goroot_setting=GO127)
    return ws, fake_server(fake_machine(tmp_path))


async def test_explain_shows_the_rule_page_and_returns_markdown(mismatch, client_name):
    """VS Code and Neovim show documents: the rule's page opens in the browser (external), no message."""
    ws, server = mismatch
    async with session({}, ws, client_name, python_args=server) as client:
        text = await execute(client, "goenv.explain", "GE302")
        with pytest.raises(JsonRpcException, match="no rule 'GE999'"):
            await execute(client, "goenv.explain", "GE999")
    assert text.startswith("#") and "GE302" in text and "## How to fix" in text
    assert [(d.uri, d.external) for d in client.shown_documents] == [(by_code("GE302").url, True)]
    assert by_code("GE302").url.startswith("https://") and by_code("GE302").url.endswith("/GE302.md")
    assert not any("GE302" in m.message for m in client.messages)


async def test_explain_without_show_document_is_one_short_line(mismatch):
    """Emacs (eglot) declares no window.showDocument: one line with the code, the title and the link."""
    ws, server = mismatch
    async with session({}, ws, "emacs", python_args=server) as client:
        text = await execute(client, "goenv.explain", "GE302")
    shown = [m for m in client.messages if "GE302" in m.message]
    assert len(shown) == 1 and shown[0].type == lsp.MessageType.Info and client.shown_documents == []
    line = shown[0].message
    assert "\n" not in line and len(line) < 200 and len(text) > 1000
    assert line.startswith("goenv-lsp GE302 editor-sdk-mismatch: ") and line.endswith(by_code("GE302").url)


async def test_ignore_writes_toml_and_clears(mismatch, client_name):
    ws, server = mismatch
    settings = ws / ".vscode" / "settings.json"
    async with session({}, ws, client_name, python_args=server) as client:
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


async def test_ignore_keeps_the_rest_of_the_toml(mismatch):
    """A multi-line list with a comment holding "]" (the old regex edit broke such files) is edited in place."""
    ws, server = mismatch
    original = '# team settings\nignore = [\n  "GE120",  # CI has no gopls ]\n]\n\n[severity]\nGE110 = "warning"\n'
    (ws / "goenv-lsp.toml").write_text(original)
    async with session({}, ws, python_args=server) as client:
        await wait_for(client, (ws / ".vscode" / "settings.json").as_uri(), lambda d: "GE302" in codes(d))
        await execute(client, "goenv.ignore", "GE302")
    text = (ws / "goenv-lsp.toml").read_text()
    assert "# team settings" in text and "# CI has no gopls ]" in text and '[severity]\nGE110 = "warning"' in text
    import tomllib

    assert tomllib.loads(text)["ignore"] == ["GE120", "GE302"]


async def test_ignore_refuses_to_rewrite_a_broken_toml(mismatch):
    ws, server = mismatch
    (ws / "goenv-lsp.toml").write_text("ignore = [GE120\n")
    async with session({}, ws, python_args=server) as client:
        await wait_for(client, (ws / ".vscode" / "settings.json").as_uri(), lambda d: "GE302" in codes(d))
        with pytest.raises(JsonRpcException, match="does not parse"):
            await execute(client, "goenv.ignore", "GE302")
    assert (ws / "goenv-lsp.toml").read_text() == "ignore = [GE120\n"  # nothing lost


async def test_malformed_toml_one_message_and_defaults(mismatch, client_name):
    ws, server = mismatch
    (ws / "goenv-lsp.toml").write_text("ignore = [GE302]\n")  # a bare word is no TOML value
    settings = ws / ".vscode" / "settings.json"
    async with session({}, ws, client_name, python_args=server) as client:
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


async def test_report_lists_gos_sources_gopls_and_settings(tmp_path):
    ws = write_workspace(tmp_path / "ws", "1.27.3", goroot_setting=GO127)
    machine = MACHINE + """
[[gopls]]
path = "/usr/bin/gopls"
built_with = "go1.19.5"
"""
    goenv = goenv_file(tmp_path, GOTOOLCHAIN="local")
    async with session({}, ws, python_args=fake_server(fake_machine(tmp_path, machine))) as client:
        report = await execute(client, "goenv.report")
    assert report.startswith("# Go environment of")
    # every go found, and which one runs and why
    assert f"| `{GO122}/bin/go` | go1.22.10 | PATH |" in report
    assert f"| `{GO127}/bin/go` | go1.27.3 | go.goroot |" in report
    assert f"`{GO122}/bin/go` — go1.22.10, first `go` on PATH (entry 0: `{GO122}/bin`)" in report
    # where the values come from
    assert f"| GOROOT | `{GO122}` |" in report
    assert "| GOPATH | `~/go` | default ($HOME/go) |" in report
    assert "| GOTOOLCHAIN | `local` | GOENV file" in report
    assert "**GOTOOLCHAIN:** `local` — from GOENV file" in report
    assert "switching is off, so builds fail" in report
    # the modules, gopls and editor settings
    assert "## Modules (1)" in report and "| `.` | 1.27.3 | — | — |" in report
    assert "## gopls" in report and "`/usr/bin/gopls` (PATH):" in report and "built with go1.19" in report
    assert f"`go.goroot` = `{GO127}`" in report
    assert "**GE110**" in report and "**GE302**" in report
    variables = report.split("## Variables and where they come from")[1].split("## gopls")[0]
    assert "| GOENV | `~/.config/go/env` | default (the user config directory + /go/env) |" in variables  # home as ~
    assert str(goenv) not in report


async def test_go_env_write_runs_fix_and_diagnostics_update(tmp_path):
    ws = write_workspace(tmp_path / "ws", "1.27.3")
    goenv = goenv_file(tmp_path, GOTOOLCHAIN="local")
    gomod = (ws / "go.mod").as_uri()
    async with session({}, ws, python_args=fake_server(fake_machine(tmp_path))) as client:
        diags = await wait_for(client, gomod, lambda d: "GE110" in codes(d))
        actions = await quick_fixes(client, gomod, next(d for d in diags if d.code == "GE110"))
        write = next(a for a in actions if a.title == "Run `go env -w GOTOOLCHAIN=auto`")
        assert write.command.command == "goenv.goEnvWrite" and write.edit is None
        result = await execute(client, write.command.command, *write.command.arguments)
        assert result == "ran go env -w GOTOOLCHAIN=auto"
        assert goenv.read_text() == "GOTOOLCHAIN=auto\n"  # rewritten as cmd/go does
        diags = await wait_for(client, gomod, lambda d: "GE110" not in codes(d))
    assert "GE111" in codes(diags)  # go 1.22 now switches to go1.27.3 (and, offline, cannot download it)


@pytest.mark.realgo
async def test_go_env_write_with_a_real_go(tmp_path, go122, go_env):
    ws = write_workspace(tmp_path / "ws", "1.27.3")
    env = go_env([go122 / "bin"], GOTOOLCHAIN=None)
    goenv = testbed.write_goenv(env, GOTOOLCHAIN="local")
    gomod = (ws / "go.mod").as_uri()
    async with session(env, ws) as client:
        diags = await wait_for(client, gomod, lambda d: "GE110" in codes(d))
        actions = await quick_fixes(client, gomod, next(d for d in diags if d.code == "GE110"))
        write = next(a for a in actions if a.title == "Run `go env -w GOTOOLCHAIN=auto`")
        assert await execute(client, write.command.command, *write.command.arguments) == \
            "ran go env -w GOTOOLCHAIN=auto"
        assert "GOTOOLCHAIN=auto" in goenv.read_text()
        diags = await wait_for(client, gomod, lambda d: "GE110" not in codes(d))
    assert "GE111" in codes(diags)


@pytest.mark.realgo
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
                await execute(client, "goenv.goEnvWrite", {"kind": "go-env-write", "argv": argv, "cwd": str(ws)})
        go = str(go122 / "bin" / "go")
        # the probed go, but not an env -w/-u command, or a command of another kind
        with pytest.raises(JsonRpcException, match="not a go env -w/-u command"):
            await execute(client, "goenv.goEnvWrite", {"kind": "go-env-write", "argv": [go, "env", "-w", "x;y"]})
        for kind in (None, "install-gopls"):
            with pytest.raises(JsonRpcException, match="expected a go-env-write command"):
                await execute(client, "goenv.goEnvWrite", {"kind": kind, "argv": [go, "env", "-w", "GOFLAGS=-x"]})
    assert not marker.exists()
    assert not os.path.exists(env["GOENV"]) or "GOTOOLCHAIN" not in Path(env["GOENV"]).read_text()
