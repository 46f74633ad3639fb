"""A rule that raises costs only its own findings: the server keeps running and publishes the others."""

from __future__ import annotations

import pytest
from lsp_harness import codes, session, wait_for, write_workspace  # type: ignore[import-not-found]
from lsprotocol import types as lsp

pytestmark = pytest.mark.realgo

# The real server, with GE110's check replaced by one that raises (a test-only launcher, no production hook).
CRASHING_GE110 = """
import sys
from goenv_lsp.rules import by_code
def boom(facts):
    raise RuntimeError("injected failure")
object.__setattr__(by_code("GE110"), "check", boom)
from goenv_lsp.cli import main
sys.exit(main(sys.argv[1:]))
"""


async def test_crashing_rule_is_isolated(tmp_path, go122, go127, go_env):
    ws = write_workspace(tmp_path / "ws", "1.27.3", goroot_setting=go127)  # GE110 and GE302 would fire
    env = go_env([go122 / "bin"])
    settings, gomod = (ws / ".vscode" / "settings.json").as_uri(), (ws / "go.mod").as_uri()
    async with session(env, ws, python_args=("-c", CRASHING_GE110)) as client:
        on_settings = await wait_for(client, settings, lambda d: "GE000" in codes(d) and "GE302" in codes(d))
        on_gomod = await wait_for(client, gomod, lambda d: "GE120" in codes(d))
        ge000 = next(d for d in on_settings if d.code == "GE000")
        report = await client.workspace_execute_command_async(lsp.ExecuteCommandParams(command="goenv.report"))
    assert "rule GE110 (go-line-too-new) failed: RuntimeError('injected failure')" in ge000.message
    assert "GE110" not in codes(on_gomod)
    assert "**GE000**" in report and "**GE302**" in report
