"""Code actions for the cursor: every goenv-lsp diagnostic on the lines a request touches gets its fixes,
Explain and Ignore — with an empty range anywhere on the line (eglot) and with no diagnostics in the context
(VS Code's light bulb away from the squiggle) — each once; ``context.only`` is respected."""

from __future__ import annotations

import pytest
from lsp_harness import (  # type: ignore[import-not-found]
    GO122,
    apply_edits,
    codes,
    fake_machine,
    fake_server,
    goenv_file,
    open_document,
    session,
    wait_for,
    without_resolve,
    write_workspace,
)
from lsprotocol import types as lsp

GOROOT_LINE = 2  # of .vscode/settings.json as write_workspace writes it


@pytest.fixture
def broken(tmp_path):
    """go 1.22 on PATH, go.goroot naming go 1.27.3 (GE302 on settings.json line 2), GOTOOLCHAIN=local (GE110)."""
    ws = write_workspace(tmp_path / "ws", "1.27.3", goroot_setting="/usr/local/go1.27.3")
    goenv_file(tmp_path, GOTOOLCHAIN="local")
    return ws, fake_server(fake_machine(tmp_path))


async def actions_at(client, uri: str, start: tuple[int, int], end: tuple[int, int] | None = None,
                     sent: list[lsp.Diagnostic] = (), only: list[str] | None = None) -> list[lsp.CodeAction]:
    end = end or start
    result = await client.text_document_code_action_async(lsp.CodeActionParams(
        text_document=lsp.TextDocumentIdentifier(uri), range=lsp.Range(lsp.Position(*start), lsp.Position(*end)),
        context=lsp.CodeActionContext(diagnostics=list(sent), only=only)))
    return [a for a in result or () if isinstance(a, lsp.CodeAction)]


def titles(actions: list[lsp.CodeAction]) -> list[str]:
    return [a.title for a in actions]


EXPECTED = ["Explain GE302", "Ignore GE302 in this workspace (goenv-lsp.toml)"]


@pytest.mark.parametrize("caps", ["visual_studio_code", "neovim", "emacs", "no-resolve"])
async def test_the_cursor_anywhere_on_the_line_gets_the_fix(broken, caps):
    ws, server = broken
    settings = ws / ".vscode" / "settings.json"
    line = settings.read_text().splitlines()[GOROOT_LINE]
    async with session({}, ws, without_resolve("visual_studio_code") if caps == "no-resolve" else caps,
                       python_args=server) as client:
        uri = open_document(client, settings, "jsonc")
        diags = await wait_for(client, uri, lambda d: "GE302" in codes(d))
        ge302 = next(d for d in diags if d.code == "GE302")
        assert ge302.range.start.character > 0 and ge302.range.end.character < len(line)  # the value only
        for column in (0, ge302.range.end.character + 1, len(line)):  # before, after the value, end of line
            actions = await actions_at(client, uri, (GOROOT_LINE, column))
            assert titles(actions)[1:] == EXPECTED and titles(actions)[0].startswith(f"Set go.goroot to {GO122}")
        fix = actions[0]
        assert fix.diagnostics and fix.diagnostics[0].code == "GE302"
        if fix.edit is None:  # VS Code and Neovim resolve the edit lazily
            fix = await client.code_action_resolve_async(fix)
        (edits,) = fix.edit.changes.values()
        assert f'"go.goroot": "{GO122}"' in apply_edits(settings.read_text(), edits)
        ignore = actions[-1].command
        assert list(ignore.arguments) == ["GE302", uri]  # the folder's goenv-lsp.toml, in a multi-root workspace too

        assert await actions_at(client, uri, (0, 0)) == []  # another line: nothing
        assert await actions_at(client, uri, (GOROOT_LINE + 1, 0)) == []
        # a whole-line selection ends at column 0 of the next line: that line is not asked about
        assert titles(await actions_at(client, uri, (GOROOT_LINE + 1, 0), (GOROOT_LINE + 2, 0))) == []
        assert len(await actions_at(client, uri, (GOROOT_LINE, 0), (GOROOT_LINE + 1, 0))) == 3
        assert len(await actions_at(client, uri, (0, 0), (GOROOT_LINE + 1, 1))) == 3  # lines 0 to 3


async def test_sent_and_published_diagnostics_count_once(broken):
    """A client sending the diagnostic (with or without the data it was published with) gets each action once;
    one it sends from another line is answered too."""
    ws, server = broken
    settings = ws / ".vscode" / "settings.json"
    async with session({}, ws, "neovim", python_args=server) as client:
        uri = open_document(client, settings, "jsonc")
        diags = await wait_for(client, uri, lambda d: "GE302" in codes(d))
        ge302 = next(d for d in diags if d.code == "GE302")
        overlapping = await actions_at(client, uri, (GOROOT_LINE, ge302.range.start.character + 1), sent=[ge302])
        assert len(titles(overlapping)) == 3 and titles(overlapping)[1:] == EXPECTED
        stripped = lsp.Diagnostic(range=ge302.range, message=ge302.message, code=ge302.code, source=ge302.source)
        assert titles(await actions_at(client, uri, (GOROOT_LINE, 0), sent=[stripped])) == titles(overlapping)
        elsewhere = await actions_at(client, uri, (0, 0), sent=[stripped])  # the client knows best what it asks
        assert titles(elsewhere) == titles(overlapping)
        foreign = lsp.Diagnostic(range=ge302.range, message="unused", code="E1", source="gopls")
        assert titles(await actions_at(client, uri, (0, 0), sent=[foreign])) == []


async def test_context_only_is_respected(broken):
    ws, server = broken
    settings = ws / ".vscode" / "settings.json"
    async with session({}, ws, python_args=server) as client:
        uri = open_document(client, settings, "jsonc")
        await wait_for(client, uri, lambda d: "GE302" in codes(d))
        at = (GOROOT_LINE, 0)
        assert len(await actions_at(client, uri, at, only=[lsp.CodeActionKind.QuickFix])) == 3
        assert len(await actions_at(client, uri, at, only=[lsp.CodeActionKind.Empty])) == 3  # "" is every kind
        assert await actions_at(client, uri, at, only=[lsp.CodeActionKind.Refactor]) == []
        assert await actions_at(client, uri, at, only=[lsp.CodeActionKind.SourceOrganizeImports]) == []
        assert await actions_at(client, uri, at, only=["quickfix.goenv"]) == []  # narrower than ours


async def test_two_diagnostics_of_one_rule_get_one_explain(tmp_path):
    """The fixes of every diagnostic on the lines asked about, Explain and Ignore once per rule."""
    from goenv_lsp.lsp import convert

    def diag(line: int, title: str) -> lsp.Diagnostic:
        fix = {"title": title, "applicability": "safe", "command": None, "edits": [
            {"path": "/ws/go.mod", "range": {"start": {"line": line, "character": 0},
                                             "end": {"line": line, "character": 1}}, "new_text": "x"}]}
        return lsp.Diagnostic(range=lsp.Range(lsp.Position(line, 0), lsp.Position(line, 1)), message=title,
                              code="GE110", source=convert.SOURCE, data={"code": "GE110", "fixes": [fix]})

    actions = convert.code_actions_for([diag(1, "one"), diag(2, "two")], False, "file:///ws/go.mod")
    assert titles(actions) == ["one", "two", "Explain GE110", "Ignore GE110 in this workspace (goenv-lsp.toml)"]
    assert [len(a.diagnostics) for a in actions] == [1, 1, 2, 2]


async def test_ignore_goes_to_the_folder_of_the_document(tmp_path):
    """In a multi-root workspace the Ignore action writes the goenv-lsp.toml of the folder holding the file, not
    the first folder's."""
    first = write_workspace(tmp_path / "first", "1.22.10")
    second = write_workspace(tmp_path / "second", "1.27.3", goroot_setting="/usr/local/go1.27.3")
    goenv_file(tmp_path, GOTOOLCHAIN="local")
    settings = second / ".vscode" / "settings.json"
    async with session({}, tmp_path, folders=[first, second],
                       python_args=fake_server(fake_machine(tmp_path))) as client:
        uri = open_document(client, settings, "jsonc")
        await wait_for(client, uri, lambda d: "GE302" in codes(d))
        ignore = (await actions_at(client, uri, (GOROOT_LINE, 0)))[-1]
        assert ignore.title == EXPECTED[-1]
        written = await client.workspace_execute_command_async(lsp.ExecuteCommandParams(
            command=ignore.command.command, arguments=ignore.command.arguments))
        await wait_for(client, uri, lambda d: "GE302" not in codes(d))
    assert written == str(second / "goenv-lsp.toml") and not (first / "goenv-lsp.toml").exists()
