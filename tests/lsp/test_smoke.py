from __future__ import annotations

import pytest
from lsp_harness import codes, session, wait_for  # type: ignore[import-not-found]
from lsprotocol import types as lsp

pytestmark = pytest.mark.realgo


async def test_goroot_mismatch_diagnostic_and_quick_fix(tmp_path, go122, go127, go_env):
    ws = tmp_path / "ws"
    (ws / ".vscode").mkdir(parents=True)
    (ws / "go.mod").write_text("module example.com/ws\n\ngo 1.27.3\n")
    settings = ws / ".vscode" / "settings.json"
    text = '{\n  // pinned\n  "go.goroot": "' + str(go122) + '",\n}\n'
    settings.write_text(text)
    env = go_env([go127 / "bin"])
    async with session(env, ws) as client:
        uri = settings.as_uri()
        client.text_document_did_open(lsp.DidOpenTextDocumentParams(lsp.TextDocumentItem(
            uri=uri, language_id="jsonc", version=1, text=text)))
        diags = await wait_for(client, uri, lambda d: "GE302" in codes(d))
        ge302 = next(d for d in diags if d.code == "GE302")
        assert ge302.range.start.line == 2
        assert ge302.code_description.href.endswith("GE302.md")
        actions = await client.text_document_code_action_async(lsp.CodeActionParams(
            text_document=lsp.TextDocumentIdentifier(uri), range=ge302.range,
            context=lsp.CodeActionContext(diagnostics=[ge302])))
        fix = next(a for a in actions if a.title.startswith("Set go.goroot"))
        if fix.edit is None:
            fix = await client.code_action_resolve_async(fix)
        (edit,) = fix.edit.changes[uri]
        client.text_document_did_change(lsp.DidChangeTextDocumentParams(
            lsp.VersionedTextDocumentIdentifier(uri=uri, version=2),
            [lsp.TextDocumentContentChangePartial(range=edit.range, text=edit.new_text)]))
        await wait_for(client, uri, lambda d: "GE302" not in codes(d))
