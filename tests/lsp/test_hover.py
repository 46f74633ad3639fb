"""Hover on go.mod's go line: which toolchain runs and why, from cached facts."""

from __future__ import annotations

from lsp_harness import (  # type: ignore[import-not-found]
    GO122,
    GO127,
    MACHINE,
    fake_machine,
    fake_server,
    goenv_file,
    open_document,
    session,
    wait_until,
    write_workspace,
)
from lsprotocol import types as lsp


async def hover(client, uri: str, line: int, character: int) -> str | None:
    result = await client.text_document_hover_async(lsp.HoverParams(lsp.TextDocumentIdentifier(uri),
                                                                    lsp.Position(line, character)))
    if result is None:
        return None
    assert isinstance(result.contents, lsp.MarkupContent) and result.contents.kind == lsp.MarkupKind.Markdown
    return result.contents.value


async def test_hover_go_line_switching_off(tmp_path, client_name):
    ws = write_workspace(tmp_path / "ws", "1.27.3")
    goenv_file(tmp_path, GOTOOLCHAIN="local")
    async with session({}, ws, client_name, python_args=fake_server(fake_machine(tmp_path))) as client:
        uri = open_document(client, ws / "go.mod", "go.mod")
        await wait_until(lambda: uri in client.diagnostics, what="diagnostics")
        text = await hover(client, uri, 2, 4)  # on `go 1.27.3`
        module_line = await hover(client, uri, 1, 0)  # the blank line: nothing to say
    assert text.startswith("### Toolchain")
    assert f"**Local go:** go1.22.10 at `{GO122}/bin/go`" in text
    assert "**GOTOOLCHAIN:** `local` — from GOENV file ~/.config/go/env:1" in text
    assert "**go.mod asks for:** `go 1.27.3`" in text
    assert "switching is off, so builds fail" in text
    assert "### GE110 go-line-too-new (error)" in text and "**How to fix:**" in text  # the finding on that range
    assert module_line is None


SWITCH = MACHINE.replace('/usr/bin:/bin"', '/home/dev/go/bin:/usr/bin:/bin"\nGOTOOLCHAIN = "auto"') + f"""
[symlinks]
"/home/dev/go/bin/go1.27.3" = "{GO127}/bin/go"
"""


async def test_hover_go_line_switches_to_toolchain_on_path(tmp_path):
    ws = write_workspace(tmp_path / "ws", "1.27.3")
    # what `go install golang.org/dl/go1.27.3@latest` leaves on PATH
    async with session({}, ws, python_args=fake_server(fake_machine(tmp_path, SWITCH))) as client:
        uri = open_document(client, ws / "go.mod", "go.mod")
        await wait_until(lambda: uri in client.diagnostics, what="diagnostics")
        text = await hover(client, uri, 2, 0)
    assert "**GOTOOLCHAIN:** `auto` — from the environment variable GOTOOLCHAIN" in text
    assert "**Runs:** go1.27.3 (found at `/home/dev/go/bin/go1.27.3`)" in text
    assert "newer than the local go 1.22.10" in text
    assert "**gopls** measures the go on PATH (1.22.10)" in text
