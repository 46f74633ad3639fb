"""The standing guarantee: the real server process survives a seeded storm of malformed and hostile
messages (storm.py) — then still answers a hover and a workspace/executeCommand correctly, has written
nothing but well-framed JSON-RPC to stdout, has shown the user nothing, has logged no traceback, and its
memory (VmRSS) after the storm is within RSS_SLACK_MB of what it was after the storm's first WARM_UP
messages."""

from __future__ import annotations

import asyncio
import itertools
import os
import time
from pathlib import Path

from lsp_harness import fake_machine, write_workspace  # type: ignore[import-not-found]
from raw_lsp import RawClient, rss_mb, start  # type: ignore[import-not-found]
from storm import RESYNC, Storm, pre_initialize  # type: ignore[import-not-found]

SEED = int(os.environ.get("GOENV_LSP_STORM_SEED", "20261201"))
MESSAGES, WARM_UP, RSS_SLACK_MB = 10_000, 500, 20
SERVER = (str(Path(__file__).with_name("storm_server.py")),)  # the CLI; the fake machine's call log bounded


async def _settled(client: RawClient, ws: Path) -> dict:
    """Once the server has read everything sent so far (a hover is answered in order) and what that started
    has run: the hover's answer."""
    hover = {"textDocument": {"uri": (ws / "go.mod").as_uri()}, "position": {"line": 2, "character": 3}}
    await client.request("textDocument/hover", hover, prefix=RESYNC, timeout=60)
    await asyncio.sleep(0.5)
    return await client.request("textDocument/hover", hover, prefix=RESYNC, timeout=60)


async def test_the_server_survives_a_storm_with_flat_memory(tmp_path):
    ws = write_workspace(tmp_path / "ws", "1.22.10")
    (tmp_path / "outside").mkdir()
    log = tmp_path / "server.log"
    client = await start(ws, "--test-system", str(fake_machine(tmp_path)), "--log-file", str(log), server=SERVER)
    storm = Storm(SEED, ws, tmp_path / "outside")
    began = time.monotonic()
    try:
        early = pre_initialize(storm)
        for data in early:
            await client.send_bytes(data)
        await client.initialize(ws)  # initialize and initialized: two of the storm's messages
        messages = storm.messages(MESSAGES - len(early) - 2)
        for data in itertools.islice(messages, WARM_UP - len(early) - 2):
            await client.send_bytes(data)
        await _settled(client, ws)
        warm = rss_mb(client.proc.pid)
        for data in messages:
            await client.send_bytes(data)
        hover = await _settled(client, ws)
        after = rss_mb(client.proc.pid)
        took = time.monotonic() - began

        assert client.proc.returncode is None
        assert "go1.22.10" in hover["result"]["contents"]["value"]
        explain = await client.request("workspace/executeCommand",
                                       {"command": "goenv.explain", "arguments": ["GE110"]})
        assert explain["result"].startswith("#") and "GE110" in explain["result"]
        assert client.violations == []  # every frame on stdout well-formed JSON-RPC
        assert [m for m in client.shown() if "GE110" not in m] == []  # no pop-up for protocol errors
        print(f"storm: {MESSAGES} messages (seed {SEED}) in {took:.1f} s; VmRSS {warm:.1f} MiB after "
              f"{WARM_UP}, {after:.1f} MiB after all")
        assert after - warm <= RSS_SLACK_MB, f"VmRSS {warm:.1f} MiB after {WARM_UP} messages, {after:.1f} after"

        response, code = await client.shut_down(prefix=RESYNC)
        assert response["result"] is None and code == 0
    finally:
        await client.close()
    text = log.read_text()
    assert "Traceback" not in text
    assert len(text) < 1_000_000  # rate-limited
