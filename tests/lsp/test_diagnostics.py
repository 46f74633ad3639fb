"""Diagnostics and quick fixes end to end, on a recorded machine: go 1.22 on PATH, go.mod wants 1.27.3,
GOTOOLCHAIN=local in the GOENV file, settings.json pinning go 1.27.3 — as VS Code and Neovim see it. The
same scenario with real toolchains is in test_smoke.py."""

from __future__ import annotations

import asyncio

import pytest
from lsp_harness import (  # type: ignore[import-not-found]
    GO122,
    apply_edits,
    codes,
    fake_machine,
    fake_server,
    goenv_file,
    open_document,
    published_codes,
    quick_fixes,
    session,
    wait_for,
    watching,
    without_resolve,
    write_workspace,
)
from lsprotocol import types as lsp


@pytest.fixture
def broken(tmp_path):
    ws = write_workspace(tmp_path / "ws", "1.27.3", goroot_setting="/usr/local/go1.27.3")
    goenv = goenv_file(tmp_path, GOTOOLCHAIN="local")
    return ws, fake_server(fake_machine(tmp_path)), goenv


def change(client, uri: str, version: int, text: str) -> None:
    client.text_document_did_change(lsp.DidChangeTextDocumentParams(
        lsp.VersionedTextDocumentIdentifier(uri=uri, version=version),
        [lsp.TextDocumentContentChangeWholeDocument(text=text)]))


@pytest.mark.parametrize("caps", ["visual_studio_code", "neovim", "no-related"])
async def test_settings_and_go_mod_diagnostics(broken, caps):
    ws, server, goenv = broken
    settings, gomod = ws / ".vscode" / "settings.json", ws / "go.mod"
    async with session({}, ws, without_resolve("neovim") if caps == "no-related" else caps,
                       python_args=server) as client:
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
    assert ge302.data["fixes"][0]["edits"][0]["new_text"] == f'"{GO122}"'
    assert ge110.data["module"] == str(gomod) and ge302.data["module"] is None
    titles = [f["title"] for f in ge110.data["fixes"]]
    assert "Run `go env -w GOTOOLCHAIN=auto`" in titles and any(t.startswith("Lower the go line") for t in titles)

    if caps == "no-related":
        assert ge110.related_information is None
    else:
        (related,) = ge110.related_information
        assert related.location.uri == goenv.as_uri() and related.location.range.start.line == 0
        assert "GOTOOLCHAIN=local" in related.message


@pytest.mark.parametrize("caps", ["visual_studio_code", "neovim", "no-resolve"])
async def test_quick_fix_repairs_settings_and_clears(broken, caps):
    ws, server, _ = broken
    settings = ws / ".vscode" / "settings.json"
    async with session({}, ws, without_resolve("visual_studio_code") if caps == "no-resolve" else caps,
                       python_args=server) as client:
        uri = open_document(client, settings, "jsonc")
        diags = await wait_for(client, uri, lambda d: "GE302" in codes(d))
        ge302 = next(d for d in diags if d.code == "GE302")
        actions = await quick_fixes(client, uri, ge302)
        assert [a.title for a in actions][-2:] == ["Explain GE302", "Ignore GE302 in this workspace (goenv-lsp.toml)"]
        fix = actions[0]
        assert fix.title.startswith("Set go.goroot to ") and fix.kind == lsp.CodeActionKind.QuickFix
        assert not fix.is_preferred  # this machine's absolute path into the shared settings.json: unsafe (issue 7)
        if caps == "no-resolve":
            assert fix.edit is not None and fix.data is None  # the edit comes inline
        else:
            assert fix.edit is None and fix.data is not None  # the edit comes from codeAction/resolve
            fix = await client.code_action_resolve_async(fix)
        (edits,) = fix.edit.changes.values()
        assert list(fix.edit.changes) == [uri]
        fixed = apply_edits(settings.read_text(), edits)
        assert f'"go.goroot": "{GO122}"' in fixed and "// pinned by someone" in fixed
        change(client, uri, 2, fixed)
        await wait_for(client, uri, lambda d: "GE302" not in codes(d))
        assert list(client.diagnostics[uri]) == []


async def test_quick_fix_lowers_go_line(broken):
    ws, server, _ = broken
    gomod = ws / "go.mod"
    async with session({}, ws, python_args=server) as client:
        uri = open_document(client, gomod, "go.mod")
        diags = await wait_for(client, uri, lambda d: "GE110" in codes(d))
        ge110 = next(d for d in diags if d.code == "GE110")
        actions = await quick_fixes(client, uri, ge110)
        lower = next(a for a in actions if a.title.startswith("Lower the go line"))
        assert not lower.is_preferred  # it changes the module: never the preferred fix
        lower = await client.code_action_resolve_async(lower)
        fixed = apply_edits(gomod.read_text(), lower.edit.changes[uri])
        assert fixed.endswith("go 1.22.10\n")
        change(client, uri, 2, fixed)
        await wait_for(client, uri, lambda d: "GE110" not in codes(d))


async def test_monorepo_publishes_on_each_modules_go_mod(tmp_path):
    """A root without go.mod: each module's findings land on its own go.mod; vendor/ is not a module."""
    root = tmp_path / "mono"
    api, web, vendored = root / "services" / "api", root / "services" / "web", root / "vendor" / "example.com" / "x"
    for directory, line in ((api, "1.27.3"), (web, "1.22.10"), (vendored, "1.99")):
        directory.mkdir(parents=True)
        (directory / "go.mod").write_text(f"module example.com/{directory.name}\n\ngo {line}\n")
    goenv_file(tmp_path, GOTOOLCHAIN="local")
    async with session({}, root, python_args=fake_server(fake_machine(tmp_path))) as client:
        api_diags = await wait_for(client, (api / "go.mod").as_uri(), lambda d: "GE110" in codes(d))
        # a round trip: whatever the server published with api's diagnostics has arrived too
        await client.workspace_execute_command_async(lsp.ExecuteCommandParams(command="goenv.report"))
        assert "GE120" in codes(api_diags)  # machine-wide: on the first module, once
        assert client.diagnostics.get((web / "go.mod").as_uri(), []) == []  # its go line is satisfied
        assert (vendored / "go.mod").as_uri() not in client.diagnostics
        [ge110] = [d for d in api_diags if d.code == "GE110"]
        assert ge110.data["module"] == str(api / "go.mod") and ge110.range.start.line == 2
        # editing one module's go line changes that module's diagnostics only
        uri = open_document(client, web / "go.mod", "go.mod")
        change(client, uri, 2, "module example.com/web\n\ngo 1.27.3\n")
        await wait_for(client, uri, lambda d: "GE110" in codes(d))
        assert "GE110" in codes(client.diagnostics[(api / "go.mod").as_uri()])


async def test_changed_goenv_file_never_publishes_a_bogus_probe_failure(tmp_path):
    """After `go env -w`, edits before the re-probe use the last probe results (stale), never an invented
    "go version failed" (the PENDING status of old)."""
    ws = write_workspace(tmp_path / "ws", "1.27.3")
    goenv = goenv_file(tmp_path, GOPRIVATE="example.com")
    async with session({}, ws, python_args=fake_server(fake_machine(tmp_path))) as client:
        uri = open_document(client, ws / "go.mod", "go.mod")
        await wait_for(client, uri, lambda d: "GE111" in codes(d))  # go 1.22 switches (auto) to 1.27.3
        await watching(client)
        version = 1
        for attempt in range(5):  # inotify may miss a write made while the watch is being set up: write again
            goenv.write_text("GOPRIVATE=example.com\nGOTOOLCHAIN=local\n")  # what `go env -w` in a terminal does
            for _ in range(10):
                version += 1
                change(client, uri, version, f"module example.com/ws\n\ngo 1.27.3\n{'// x' * version}\n")
                await asyncio.sleep(0.01)
            try:
                await wait_for(client, uri, lambda d: "GE110" in codes(d), timeout=20 if attempt == 4 else 2)
                break
            except pytest.fail.Exception:
                if attempt == 4:
                    raise
        seen = published_codes(client, uri)  # every publication, not samples of the last one
    assert "GE110" in seen and "GE001" not in seen
