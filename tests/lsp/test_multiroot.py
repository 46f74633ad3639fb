"""Multi-root workspaces: each folder is checked on its own; adding and removing folders."""

from __future__ import annotations

from lsp_harness import (  # type: ignore[import-not-found]
    codes,
    fake_machine,
    fake_server,
    goenv_file,
    session,
    wait_for,
    write_workspace,
)
from lsprotocol import types as lsp


async def test_folders_added_and_removed(tmp_path, client_name):
    new = write_workspace(tmp_path / "new", "1.27.3")
    old = write_workspace(tmp_path / "old", "1.22.10")
    later = write_workspace(tmp_path / "later", "1.26.0")
    goenv_file(tmp_path, GOTOOLCHAIN="local")
    uri = {name: (tmp_path / name / "go.mod").as_uri() for name in ("new", "old", "later")}
    server = fake_server(fake_machine(tmp_path))
    async with session({}, tmp_path, client_name, folders=[new, old], python_args=server) as client:
        new_diags = await wait_for(client, uri["new"], lambda d: "GE110" in codes(d))
        old_diags = await wait_for(client, uri["old"], lambda d: "GE120" in codes(d))
        assert "GE110" not in codes(old_diags) and "go >= 1.27.3" in next(
            d.message for d in new_diags if d.code == "GE110")

        client.workspace_did_change_workspace_folders(lsp.DidChangeWorkspaceFoldersParams(
            lsp.WorkspaceFoldersChangeEvent(added=[lsp.WorkspaceFolder(later.as_uri(), "later")],
                                            removed=[lsp.WorkspaceFolder(new.as_uri(), "new")])))
        await wait_for(client, uri["new"], lambda d: len(d) == 0)
        later_diags = await wait_for(client, uri["later"], lambda d: "GE110" in codes(d))
        assert "go >= 1.26.0" in next(d.message for d in later_diags if d.code == "GE110")
        assert codes(client.diagnostics[uri["old"]]) == codes(old_diags)  # untouched

        report = await client.workspace_execute_command_async(lsp.ExecuteCommandParams(
            command="goenv.report", arguments=[later.as_uri()]))
        assert report.startswith(f"# Go environment of `{later}`")
