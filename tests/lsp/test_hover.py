"""Hover on go.mod's go line: which toolchain runs and why, from cached facts."""

from __future__ import annotations

import os

import pytest
import testbed
from lsp_harness import open_document, session, wait_until, write_workspace  # type: ignore[import-not-found]
from lsprotocol import types as lsp

pytestmark = pytest.mark.realgo


async def hover(client, uri: str, line: int, character: int) -> str | None:
    result = await client.text_document_hover_async(lsp.HoverParams(lsp.TextDocumentIdentifier(uri),
                                                                    lsp.Position(line, character)))
    if result is None:
        return None
    assert isinstance(result.contents, lsp.MarkupContent) and result.contents.kind == lsp.MarkupKind.Markdown
    return result.contents.value


async def test_hover_go_line_switching_off(tmp_path, go122, go_env, client_name):
    ws = write_workspace(tmp_path / "ws", "1.27.3")
    env = go_env([go122 / "bin"], GOTOOLCHAIN=None)
    testbed.write_goenv(env, GOTOOLCHAIN="local")
    async with session(env, ws, client_name) as client:
        uri = open_document(client, ws / "go.mod", "go.mod")
        await wait_until(lambda: uri in client.diagnostics, what="diagnostics")
        text = await hover(client, uri, 2, 4)  # on `go 1.27.3`
        module_line = await hover(client, uri, 1, 0)  # the blank line: nothing to say
    assert text.startswith("### Toolchain")
    assert f"**Local go:** go1.22.10 at `{go122}/bin/go`" in text
    assert "**GOTOOLCHAIN:** `local` — from GOENV file ~/.config/go/env:1" in text
    assert "**go.mod asks for:** `go 1.27.3`" in text
    assert "switching is off, so builds fail" in text
    assert "### GE110 go-line-too-new (error)" in text and "**How to fix:**" in text  # the finding on that range
    assert module_line is None


async def test_hover_go_line_switches_to_toolchain_on_path(tmp_path, go122, go127, go_env):
    ws = write_workspace(tmp_path / "ws", "1.27.3")
    tools = tmp_path / "tools"
    tools.mkdir()
    os.symlink(go127 / "bin" / "go", tools / "go1.27.3")  # what `go install golang.org/dl/go1.27.3` leaves
    env = go_env([go122 / "bin", tools], GOTOOLCHAIN="auto")
    async with session(env, ws) as client:
        uri = open_document(client, ws / "go.mod", "go.mod")
        await wait_until(lambda: uri in client.diagnostics, what="diagnostics")
        text = await hover(client, uri, 2, 0)
    assert "**GOTOOLCHAIN:** `auto` — from the environment variable GOTOOLCHAIN" in text
    assert f"**Runs:** go1.27.3 (found at `{tools}/go1.27.3`)" in text
    assert "newer than the local go 1.22.10" in text
    assert "**gopls** measures the go on PATH (1.22.10)" in text
