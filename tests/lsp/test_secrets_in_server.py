"""The language server prints none of the 102 planted secrets (tests/security/planted.py) — nor 4 more sent
as the client's own editor settings — in diagnostics, the environment report or its log at debug level."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from lsp_harness import session, wait_for  # type: ignore[import-not-found]
from lsprotocol import types as lsp

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "security"))
from planted import plant  # type: ignore[import-not-found]

pytestmark = pytest.mark.realgo

CLIENT_SECRETS = ("Zq81LmW2pX7rT4vB9nC3dF6h", "Kp27NwQ5sY1uE8zA4mJ6tR0b", "Hv93XcB5nM2kL7qW1pO4iU8y",
                  "Tg46FdS8aP1oI3uY7rE2wQ5z")


async def test_no_planted_secret_in_what_the_server_says(tmp_path: Path, go127: Path) -> None:
    ws, env, secrets = plant(tmp_path, go127)
    log = tmp_path / "server.log"
    editor = {"go.toolsEnvVars": {"GITHUB_TOKEN": CLIENT_SECRETS[0],
                                  "GOPROXY": f"https://ci:{CLIENT_SECRETS[1]}@proxy.corp.example"},
              "gopls": {"build.env": {"NPM_TOKEN": CLIENT_SECRETS[2],
                                      "GOFLAGS": f"-ldflags=-X=main.apiKey={CLIENT_SECRETS[3]}"}}}
    args = ("-m", "goenv_lsp", "--test-no-well-known", "--log-file", str(log))
    async with session(env, ws, init_options={"editorSettings": editor}, python_args=args) as client:
        await wait_for(client, (ws / "go.mod").as_uri(), lambda d: any(x.code == "GE001" or "GE1" in str(x.code)
                                                                       for x in d))
        report = await client.workspace_execute_command_async(lsp.ExecuteCommandParams(command="goenv.report"))
        await client.workspace_execute_command_async(lsp.ExecuteCommandParams(command="goenv.refresh"))
        published = json.dumps([str(p) for p in client.publications])
    planted = (*secrets, *CLIENT_SECRETS)
    assert "go1.27.3" in report and "corp.example/*" in report  # the probe ran: the report shows go env
    assert "<redacted>" in log.read_text()  # the log holds the facts, with the secrets hidden
    for name, text in (("report", report), ("diagnostics", published), ("log", log.read_text())):
        assert [s for s in planted if s in text] == [], name
