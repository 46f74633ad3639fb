"""Malformed JSON-RPC, hostile framing and the LSP lifecycle, spoken by hand to the real server process."""

from __future__ import annotations

import asyncio
import json

from lsp_harness import fake_machine, fake_server, write_workspace  # type: ignore[import-not-found]
from raw_lsp import RawClient, start  # type: ignore[import-not-found]
from storm import RESYNC  # type: ignore[import-not-found]

from goenv_lsp.rules import by_code


async def _server(tmp_path, *extra: str) -> tuple[RawClient, object]:
    ws = write_workspace(tmp_path / "ws", "1.22.10")
    client = await start(ws, *fake_server(fake_machine(tmp_path))[2:], *extra)
    return client, ws


def _hover(ws) -> dict:
    return {"textDocument": {"uri": (ws / "go.mod").as_uri()}, "position": {"line": 2, "character": 3}}


async def test_malformed_messages_do_not_kill_the_server(tmp_path):
    client, ws = await _server(tmp_path)
    try:
        # capabilities {}: the server must not send requests (configuration, registration, progress)
        init = await client.initialize(ws)
        assert init["result"]["serverInfo"]["name"] == "goenv-lsp"
        gomod = (ws / "go.mod").as_uri()
        await client.wait(lambda m: m.get("method") == "textDocument/publishDiagnostics"
                          and m["params"]["uri"] == gomod)

        await client.send_bytes(b"Content-Length: ten\r\n\r\n")  # a bad Content-Length header
        await client.send_bytes(b"Content-Type: text/plain\r\n\r\n")  # headers without a length
        for body in (b"{not json", b"\xff\xfe\x00garbage", b"[1, 2, 3]", b"42", b"null",
                     b'{"jsonrpc": "2.0", "id": 7}',  # neither request nor response
                     b'{"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"nonsense": true}}'):
            await client.send_bytes(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        unknown = await client.request("goenv/noSuchMethod", {}, id_=8)
        assert unknown["error"]["code"] == -32601
        bad_params = await client.request("textDocument/hover", {"textDocument": 5}, id_=9)  # answered
        assert bad_params["error"]["code"] == -32602
        bad_command = await client.request("workspace/executeCommand",
                                           {"command": "goenv.goEnvWrite", "arguments": ["not a fix"]}, id_=10)
        assert "expected a command from a goenv-lsp fix" in bad_command["error"]["message"]
        assert "traceback" not in json.dumps(bad_command["error"])

        explain = await client.request("workspace/executeCommand",
                                       {"command": "goenv.explain", "arguments": ["GE110"]}, id_=11)
        assert explain["result"].startswith("#") and "GE110" in explain["result"]
        hover = await client.request("textDocument/hover", _hover(ws), id_=12)
        assert "go1.22.10" in hover["result"]["contents"]["value"]
        assert client.proc.returncode is None
        # bad input goes to the log, never to the user (pygls showed "Error in server: …" for each)
        # goenv.explain shows one line with the rule's link (this client cannot show documents): nothing else
        assert client.shown() == [f"goenv-lsp GE110 {by_code('GE110').name}: {by_code('GE110').summary.rstrip('.')}"
                                  f" — {by_code('GE110').url}"]

        response, code = await client.shut_down(id_=13)
        assert response["result"] is None and code == 0
        assert client.violations == []
    finally:
        await client.close()


async def test_a_huge_content_length_is_skipped_not_allocated(tmp_path):
    client, ws = await _server(tmp_path)
    try:
        await client.initialize(ws)
        body = b'{"jsonrpc": "2.0", "method": "$/x", "params": {}}'
        for claimed in (b"99999999999", b"%d" % 2**62, b"%d" % (65 * 1024 * 1024), b"-5", b"1e3"):
            await client.send_bytes(b"Content-Length: " + claimed + b"\r\n\r\n" + body)
        await client.send_bytes(b"X" * 100_000)  # a header that never ends
        hover = await client.request("textDocument/hover", _hover(ws))  # the stream resynchronised
        assert "go1.22.10" in hover["result"]["contents"]["value"]
        # a frame that claims more than it sends takes the start of the next header with it; the next
        # header after it is found again
        short = b'{"jsonrpc": "2.0", "method": "$/x"}'
        await client.send_bytes(b"Content-Length: %d\r\n\r\n" % (len(short) + 5) + short)
        hover = await client.request("textDocument/hover", _hover(ws), prefix=RESYNC)
        assert "go1.22.10" in hover["result"]["contents"]["value"]
        assert client.proc.returncode is None and client.violations == []
    finally:
        await client.close()


async def test_lifecycle_before_initialize_and_after_shutdown(tmp_path):
    client, ws = await _server(tmp_path)
    try:
        early = await client.request("textDocument/hover", _hover(ws))
        assert early["error"]["code"] == -32002  # ServerNotInitialized
        as_request = await client.request("exit")  # exit is a notification: no exit
        assert as_request["error"]["code"] == -32600
        await client.initialize(ws)
        again = await client.request("initialize", {"processId": None, "rootUri": None, "capabilities": {}})
        assert again["error"]["code"] == -32600
        assert (await client.request("shutdown"))["result"] is None
        for method, params in (("textDocument/hover", _hover(ws)), ("goenv/unknown", {}), ("shutdown", None)):
            late = await client.request(method, params)
            assert late["error"]["code"] == -32600, late  # InvalidRequest after shutdown (LSP)
        await client.notify("exit")
        assert await asyncio.wait_for(client.proc.wait(), 10) == 0
    finally:
        await client.close()


async def test_exit_without_shutdown_ends_the_process_with_1(tmp_path):
    client, ws = await _server(tmp_path)
    try:
        await client.initialize(ws)
        await client.notify("exit")
        assert await asyncio.wait_for(client.proc.wait(), 10) == 1
    finally:
        await client.close()


async def test_the_end_of_input_ends_the_server(tmp_path):
    client, ws = await _server(tmp_path)
    try:
        await client.initialize(ws)
        assert client.proc.stdin is not None
        client.proc.stdin.close()  # the editor went away without shutdown and exit
        assert await asyncio.wait_for(client.proc.wait(), 10) == 1
    finally:
        await client.close()


async def test_a_lone_surrogate_is_replacement_text(tmp_path):
    """JSON may escape a lone surrogate ("\\ud800"), which no UTF-8 can hold: the document is diagnosed as if
    it were U+FFFD, when it is opened and after every edit."""
    client, ws = await _server(tmp_path)
    try:
        await client.initialize(ws)
        sub = ws / "sub"
        sub.mkdir()
        uri = (sub / "go.mod").as_uri()
        text = "module example.com/sub\n\ngo 1.22.10\n// LONE\ntoolchain go1.99.1\n"
        await client.send_bytes(_with_lone_surrogate({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {
            "textDocument": {"uri": uri, "languageId": "go.mod", "version": 1, "text": text}}}))
        first = await client.wait(lambda m: m.get("method") == "textDocument/publishDiagnostics"
                                  and m["params"]["uri"] == uri and m["params"]["diagnostics"])
        edit = {"range": {"start": {"line": 4, "character": 0}, "end": {"line": 4, "character": 18}},
                "text": "toolchain go1.22.10 LONE"}
        await client.send_bytes(_with_lone_surrogate({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
            "textDocument": {"uri": uri, "version": 2}, "contentChanges": [edit]}}))
        second = await client.wait(lambda m: m.get("method") == "textDocument/publishDiagnostics"
                                   and m["params"]["uri"] == uri and m["params"].get("version") == 2)
        assert first["params"]["diagnostics"] != second["params"]["diagnostics"]
        hover = await client.request("textDocument/hover", _hover(ws))
        assert "go1.22.10" in hover["result"]["contents"]["value"]
        assert client.shown() == []
    finally:
        await client.close()


def _with_lone_surrogate(message: dict) -> bytes:
    """``message`` framed, each LONE in it a JSON-escaped lone surrogate (json.dumps would not write one)."""
    body = json.dumps(message).replace("LONE", "\\ud800").encode()
    return b"Content-Length: %d\r\n\r\n" % len(body) + body


async def test_bad_input_is_logged_in_one_line_and_rate_limited(tmp_path):
    log = tmp_path / "server.log"
    client, ws = await _server(tmp_path, "--log-file", str(log))
    try:
        await client.initialize(ws)
        for _ in range(300):
            await client.send_bytes(b"Content-Length: 9\r\n\r\n{not json")
            await client.notify("textDocument/didChange", {"textDocument": {"uri": "file:///nowhere/go.mod",
                                                                            "version": 1}, "contentChanges": []})
        assert (await client.shut_down())[1] == 0
    finally:
        await client.close()
    text = log.read_text()
    assert "Traceback" not in text
    assert 1 <= text.count("Parse Error") <= 21
    assert 1 <= text.count("didChange of a document that is not open") <= 21
