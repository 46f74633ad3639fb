"""A GitHub Actions workflow in the editor: GE801 on the setup-go version, a quick fix, and the edited buffer
(not yet saved) re-evaluated without a probe; a workflow created in the editor is read before it is saved."""

from __future__ import annotations

from lsp_harness import (  # type: ignore[import-not-found]
    apply_edits,
    codes,
    fake_machine,
    fake_server,
    open_document,
    quick_fixes,
    session,
    wait_for,
    write_workspace,
)
from lsprotocol import types as lsp

WORKFLOW = "on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/setup-go@v5\n" \
           "        with:\n          go-version: '1.22'\n"


async def test_a_lagging_workflow_is_fixed_in_the_editor(tmp_path):
    ws = write_workspace(tmp_path / "ws", "1.27.3")
    workflow = ws / ".github" / "workflows" / "ci.yml"
    workflow.parent.mkdir(parents=True)
    workflow.write_text(WORKFLOW)
    async with session({}, ws, python_args=fake_server(fake_machine(tmp_path))) as client:
        uri = open_document(client, workflow, "yaml")
        diags = await wait_for(client, uri, lambda d: "GE801" in codes(d))
        ge801 = next(d for d in diags if d.code == "GE801")
        assert (ge801.range.start.line, ge801.range.start.character) == (7, 23)
        fix = (await quick_fixes(client, uri, ge801))[0]
        if fix.edit is None:
            fix = await client.code_action_resolve_async(fix)
        (edits,) = fix.edit.changes.values()
        fixed = apply_edits(WORKFLOW, edits)
        assert "go-version: '1.27'\n" in fixed
        client.text_document_did_change(lsp.DidChangeTextDocumentParams(
            lsp.VersionedTextDocumentIdentifier(uri=uri, version=2),
            [lsp.TextDocumentContentChangeWholeDocument(text=fixed)]))
        await wait_for(client, uri, lambda d: "GE801" not in codes(d))


async def test_a_new_unsaved_workflow_is_read(tmp_path):
    ws = write_workspace(tmp_path / "ws", "1.27.3")
    workflow = ws / ".github" / "workflows" / "new.yaml"
    async with session({}, ws, python_args=fake_server(fake_machine(tmp_path))) as client:
        client.text_document_did_open(lsp.DidOpenTextDocumentParams(
            lsp.TextDocumentItem(uri=workflow.as_uri(), language_id="yaml", version=1, text=WORKFLOW)))
        await wait_for(client, workflow.as_uri(), lambda d: "GE801" in codes(d))
