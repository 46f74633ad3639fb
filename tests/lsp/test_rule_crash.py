"""A rule that raises costs only its own findings: the server keeps running and publishes the others."""

from __future__ import annotations

from pathlib import Path

from lsp_harness import (  # type: ignore[import-not-found]
    GO127,
    codes,
    fake_machine,
    fake_server,
    goenv_file,
    session,
    wait_for,
    write_workspace,
)
from lsprotocol import types as lsp


async def test_crashing_rule_is_isolated(tmp_path):
    ws = write_workspace(tmp_path / "ws", "1.27.3", goroot_setting=GO127)  # GE110 and GE302 would fire
    goenv_file(tmp_path, GOTOOLCHAIN="local")
    settings, gomod = (ws / ".vscode" / "settings.json").as_uri(), (ws / "go.mod").as_uri()
    server = fake_server(fake_machine(tmp_path), "--test-rules", "crashing_rules")  # the real server, one rule swapped
    async with session({}, ws, python_args=server, python_path=(Path(__file__).parent,)) as client:
        on_gomod = await wait_for(client, gomod, lambda d: "GE000" in codes(d) and "GE120" in codes(d))
        on_settings = await wait_for(client, settings, lambda d: "GE302" in codes(d))
        ge000 = next(d for d in on_gomod if d.code == "GE000")
        report = await client.workspace_execute_command_async(lsp.ExecuteCommandParams(command="goenv.report"))
    assert "rule GE110 (go-line-too-new) failed: RuntimeError('injected failure')" in ge000.message
    assert ge000.data["module"] == str(ws / "go.mod")  # it concerned that module
    assert "GE110" not in codes(on_gomod) and "GE302" in codes(on_settings)
    assert "**GE000**" in report and "**GE302**" in report
