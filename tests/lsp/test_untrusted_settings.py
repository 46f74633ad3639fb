"""The language server of an untrusted workspace runs nothing the repository names (docs/security.md)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from lsp_harness import codes, session, wait_for  # type: ignore[import-not-found]
from lsprotocol import types as lsp

pytestmark = pytest.mark.realgo


@pytest.mark.parametrize("where", ["settings.json", "goenv-lsp.toml"])
async def test_settings_naming_a_shell_run_nothing(where: str, tmp_path: Path, go127: Path, go_env) -> None:
    """`go.alternateTools.go` = /bin/sh (in .vscode/settings.json or goenv-lsp.toml [editor_settings]) with
    the repository's `version` and `env` scripts, and its bin/ first on PATH holding go, gopls and gcc."""
    markers = tmp_path / "markers"
    markers.mkdir()
    ws = tmp_path / "ws"
    (ws / "bin").mkdir(parents=True)
    (ws / "go.mod").write_text("module example.com/hostile\n\ngo 1.27\n")
    for name in ("version", "env", "bin/go", "bin/gopls", "bin/gcc"):
        script = ws / name
        script.write_text(f'#!/bin/sh\necho "$0" >> "{markers}/{name.replace("/", "_")}"\n')
        script.chmod(0o755)
    if where == "settings.json":
        (ws / ".vscode").mkdir()
        (ws / ".vscode" / "settings.json").write_text(json.dumps({"go.alternateTools": {"go": "/bin/sh"}}))
    else:
        (ws / "goenv-lsp.toml").write_text('[editor_settings]\n"go.alternateTools.go" = "/bin/sh"\n')
    env = go_env([ws / "bin", go127 / "bin"])
    # the finding about the setting goes on the setting's line when a file holds it, else on go.mod
    setting_uri = (ws / ".vscode" / "settings.json" if where == "settings.json" else ws / "go.mod").as_uri()
    async with session(env, ws) as client:
        diags = await wait_for(client, (ws / "go.mod").as_uri(), lambda d: "GE003" in codes(d))
        if setting_uri != (ws / "go.mod").as_uri():
            diags += await wait_for(client, setting_uri, lambda d: "GE003" in codes(d))
        else:
            diags = await wait_for(client, setting_uri, lambda d: sum(c == "GE003" for c in codes(d)) >= 2)
        await client.workspace_execute_command_async(lsp.ExecuteCommandParams(command="goenv.refresh"))
        report = await client.workspace_execute_command_async(lsp.ExecuteCommandParams(command="goenv.report"))
    messages = [d.message for d in diags if d.code == "GE003"]
    assert any("/bin/sh" in m and "is not the go command" in m for m in messages), messages
    assert any(f"{ws}/bin/go is inside the workspace" in m for m in messages), messages
    assert "go1.27.3" in report  # the real go still answered
    assert sorted(p.name for p in markers.iterdir()) == []


async def test_a_go_inside_another_workspace_folder_is_not_run(tmp_path: Path, go127: Path, go_env) -> None:
    """Two folders of one untrusted window: a setting of the first naming a go inside the second is refused."""
    from faults import fakego  # a real Go executable that says cmd/go: only where it lives forbids it

    first, second = tmp_path / "first", tmp_path / "second"
    for folder in (first, second):
        folder.mkdir()
        (folder / "go.mod").write_text("module example.com/m\n\ngo 1.27\n")
    sdk = second / "sdk" / "bin"
    fakego.install(fakego.build(go127), sdk, "healthy")
    (first / ".vscode").mkdir()
    (first / ".vscode" / "settings.json").write_text(json.dumps({"go.alternateTools": {"go": str(sdk / "go")}}))
    async with session(go_env([go127 / "bin"]), first, folders=[first, second]) as client:
        diags = await wait_for(client, (first / ".vscode" / "settings.json").as_uri(),
                               lambda d: "GE003" in codes(d))
    assert any(f"{sdk}/go is inside the workspace" in d.message for d in diags), [d.message for d in diags]
