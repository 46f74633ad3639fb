"""Diagnostics and quick fixes end to end: a real broken setup (go 1.22 on PATH, go.mod wants 1.27.3,
GOTOOLCHAIN=local in the GOENV file, settings.json pinning go 1.27.3), as VS Code and Neovim see it."""

from __future__ import annotations

import pytest
import testbed
from lsp_harness import (  # type: ignore[import-not-found]
    apply_edits,
    codes,
    open_document,
    quick_fixes,
    session,
    wait_for,
    without_resolve,
    write_workspace,
)
from lsprotocol import types as lsp

pytestmark = pytest.mark.realgo


@pytest.fixture
def broken(tmp_path, go122, go127, go_env):
    ws = write_workspace(tmp_path / "ws", "1.27.3", goroot_setting=go127)
    env = go_env([go122 / "bin"], GOTOOLCHAIN=None)
    goenv_file = testbed.write_goenv(env, GOTOOLCHAIN="local")
    return ws, env, goenv_file


@pytest.mark.parametrize("caps", ["visual_studio_code", "neovim", "no-related"])
async def test_settings_and_go_mod_diagnostics(broken, caps):
    ws, env, goenv_file = broken
    settings, gomod = ws / ".vscode" / "settings.json", ws / "go.mod"
    async with session(env, ws, without_resolve("neovim") if caps == "no-related" else caps) as client:
        uri = open_document(client, settings, "jsonc")
        (ge302,) = [d for d in await wait_for(client, uri, lambda d: "GE302" in codes(d)) if d.code == "GE302"]
        diags = await wait_for(client, gomod.as_uri(), lambda d: "GE110" in codes(d))
    ge110 = next(d for d in diags if d.code == "GE110")

    assert ge302.source == ge110.source == "goenv-lsp"
    assert ge302.severity == lsp.DiagnosticSeverity.Warning and ge110.severity == lsp.DiagnosticSeverity.Error
    assert (ge302.range.start.line, ge110.range.start.line) == (2, 2)  # the setting's value, the go line
    assert ge302.code_description.href.endswith("/GE302.md") and ge110.code_description.href.endswith("/GE110.md")
    assert "go1.27.3" in ge302.message and "go1.22.10" in ge302.message
    assert "GOENV file" in ge110.message
    for diag in (ge302, ge110):
        assert diag.data["code"] == diag.code and diag.data["fixes"], diag.data
    assert ge302.data["fixes"][0]["edits"][0]["new_text"] == f'"{go122_root(env)}"'
    titles = [f["title"] for f in ge110.data["fixes"]]
    assert "Run `go env -w GOTOOLCHAIN=auto`" in titles and any(t.startswith("Lower the go line") for t in titles)

    if caps == "no-related":
        assert ge110.related_information is None
    else:
        (related,) = ge110.related_information
        assert related.location.uri == goenv_file.as_uri() and related.location.range.start.line == 0
        assert "GOTOOLCHAIN=local" in related.message


def go122_root(env: dict[str, str]) -> str:
    return env["PATH"].split(":")[0].removesuffix("/bin")


@pytest.mark.parametrize("caps", ["visual_studio_code", "neovim", "no-resolve"])
async def test_quick_fix_repairs_settings_and_clears(broken, caps):
    ws, env, _ = broken
    settings = ws / ".vscode" / "settings.json"
    async with session(env, ws, without_resolve("visual_studio_code") if caps == "no-resolve" else caps) as client:
        uri = open_document(client, settings, "jsonc")
        diags = await wait_for(client, uri, lambda d: "GE302" in codes(d))
        ge302 = next(d for d in diags if d.code == "GE302")
        actions = await quick_fixes(client, uri, ge302)
        assert [a.title for a in actions][-2:] == ["Explain GE302", "Ignore GE302 in this workspace (goenv-lsp.toml)"]
        fix = actions[0]
        assert fix.title.startswith("Set go.goroot to ") and fix.kind == lsp.CodeActionKind.QuickFix
        assert fix.is_preferred
        if caps == "no-resolve":
            assert fix.edit is not None and fix.data is None  # the edit comes inline
        else:
            assert fix.edit is None and fix.data is not None  # the edit comes from codeAction/resolve
            fix = await client.code_action_resolve_async(fix)
        (edits,) = fix.edit.changes.values()
        assert list(fix.edit.changes) == [uri]
        fixed = apply_edits(settings.read_text(), edits)
        assert f'"go.goroot": "{go122_root(env)}"' in fixed and "// pinned by someone" in fixed
        client.text_document_did_change(lsp.DidChangeTextDocumentParams(
            lsp.VersionedTextDocumentIdentifier(uri=uri, version=2),
            [lsp.TextDocumentContentChangeWholeDocument(text=fixed)]))
        await wait_for(client, uri, lambda d: "GE302" not in codes(d))
        assert list(client.diagnostics[uri]) == []


async def test_quick_fix_lowers_go_line(broken):
    ws, env, _ = broken
    gomod = ws / "go.mod"
    async with session(env, ws) as client:
        uri = open_document(client, gomod, "go.mod")
        diags = await wait_for(client, uri, lambda d: "GE110" in codes(d))
        ge110 = next(d for d in diags if d.code == "GE110")
        actions = await quick_fixes(client, uri, ge110)
        lower = next(a for a in actions if a.title.startswith("Lower the go line"))
        assert not lower.is_preferred  # it changes the module: never the preferred fix
        lower = await client.code_action_resolve_async(lower)
        fixed = apply_edits(gomod.read_text(), lower.edit.changes[uri])
        assert fixed.endswith("go 1.22.10\n")
        client.text_document_did_change(lsp.DidChangeTextDocumentParams(
            lsp.VersionedTextDocumentIdentifier(uri=uri, version=2),
            [lsp.TextDocumentContentChangeWholeDocument(text=fixed)]))
        await wait_for(client, uri, lambda d: "GE110" not in codes(d))
