"""A deterministic storm of malformed and hostile LSP traffic, as raw bytes (one item per message).

``pre_initialize`` is what a confused client sends before ``initialize``; ``Storm.messages`` everything after:
bad headers, missing / negative / huge / non-numeric / lying Content-Length, invalid JSON, JSON that is not an
object, wrong types, unknown methods, huge documents, edits of unopened documents, out-of-range positions,
non-file URIs, out-of-order shutdown and exit. Nothing in it may end the session: there is no ``exit``
notification and no ``shutdown`` request after ``initialize`` (both are sent in other shapes)."""

from __future__ import annotations

import json
import random
from collections.abc import Callable, Iterator
from pathlib import Path

REQUEST_ID_BASE = 1_000_000  # the storm's request ids start here (the test's own are small)


# Sent before a request that must be answered after the storm: a frame that lied about its length (longer
# than its body) would take the first bytes of that request's header; these bytes are what it takes instead,
# and then they are garbage the server skips up to the request's header.
RESYNC = b"#" * 64 + b"\r\n\r\n"


def frame(body: bytes | str) -> bytes:
    data = body.encode("utf-8", "surrogatepass") if isinstance(body, str) else body
    return b"Content-Length: %d\r\n\r\n" % len(data) + data


def message(payload: object) -> bytes:
    return frame(json.dumps(payload))


class Storm:
    def __init__(self, seed: int, workspace: Path, outside: Path):
        self.random = random.Random(seed)
        self.ws = workspace
        self.outside = outside
        self.next_id = REQUEST_ID_BASE
        self.opened: list[str] = []  # URIs the storm opened (and may edit or close)
        self._next: list[bytes] = []  # sent before the next random one (a huge document is closed at once)
        kinds: list[tuple[int, Callable[[], bytes]]] = [
            (6, self.bad_header), (6, self.bad_length), (6, self.invalid_json), (5, self.not_an_object),
            (6, self.wrong_types), (6, self.unknown_method), (1, self.huge_document), (8, self.open_document),
            (8, self.change_document), (5, self.close_document), (6, self.position_request),
            (5, self.odd_uri), (3, self.lifecycle), (4, self.responses_and_cancels), (3, self.command),
            (2, self.nesting),
        ]
        self._kinds = [kind for weight, kind in kinds for _ in range(weight)]

    # -- helpers -------------------------------------------------------------------------------
    def _id(self) -> int | str:
        self.next_id += 1
        return self.next_id if self.random.random() < 0.8 else f"s{self.next_id}"

    def _request(self, method: str, params: object) -> bytes:
        return message({"jsonrpc": "2.0", "id": self._id(), "method": method, "params": params})

    def _notify(self, method: str, params: object) -> bytes:
        return message({"jsonrpc": "2.0", "method": method, "params": params})

    def _uri(self) -> str:
        r = self.random
        choice = r.random()
        if choice < 0.4:  # a go.mod (or a go file) in a directory of the workspace that is not there
            return (self.ws / f"sub{r.randrange(40)}" / r.choice(["go.mod", "go.work", "main.go"])).as_uri()
        if choice < 0.6:  # a file outside every workspace folder
            return (self.outside / f"d{r.randrange(100)}" / r.choice(["go.mod", "go.work"])).as_uri()
        if self.opened and choice < 0.85:
            return r.choice(self.opened)
        return (self.ws / "notes" / f"n{r.randrange(200)}.txt").as_uri()

    def _text(self) -> str:
        r = self.random
        lines = [f"module example.com/m{r.randrange(99)}", "", f"go 1.{r.randrange(30)}.{r.randrange(12)}"]
        for _ in range(r.randrange(6)):
            lines.append(r.choice(["toolchain go1.99", "require x v1", "\ud800 lone", "go", "replace =>", "é ü",
                                   "\x00\x01", "// " + "x" * r.randrange(300)]))
        return "\n".join(lines) + "\n"

    def _position(self) -> dict:
        r = self.random
        return {"line": r.choice([0, 1, 2, 3, 10**6, 2**31 - 1]), "character": r.choice([0, 3, 10**6, 2**31 - 1])}

    # -- kinds ---------------------------------------------------------------------------------
    def bad_header(self) -> bytes:
        return self.random.choice([
            b"Content-Type: text/plain\r\n\r\n",  # headers without a length
            b"Garbage without a colon\r\n\r\n",
            b"Content-Length 12\r\n\r\n{\"jsonrpc\":1}",
            b"Content-Length: 17\n\n{\"jsonrpc\":\"2.0\"}",  # bare newlines
            b"X" * self.random.randrange(1, 200_000),  # no line end at all
            b"\r\n\r\n\r\n",
            b"Content-Length: 20\r\nContent-Length: 30\r\n\r\n" + b"{" * 30,
            b"\x00\xff\xfe binary \r\n\r\n",
        ])

    def bad_length(self) -> bytes:
        body = json.dumps({"jsonrpc": "2.0", "method": "$/storm", "params": {}}).encode()
        return self.random.choice([
            b"Content-Length: -5\r\n\r\n" + body,
            b"Content-Length: 99999999999\r\n\r\n" + body,
            b"Content-Length: %d\r\n\r\n" % (2**62) + body,
            b"Content-Length: ten\r\n\r\n" + body,
            b"Content-Length: 1e3\r\n\r\n" + body,
            b"Content-Length: 0x10\r\n\r\n" + body,
            b"Content-Length: \r\n\r\n" + body,
            b"Content-Length: 0\r\n\r\n",
            b"Content-Length: %d\r\n\r\n" % (len(body) - 7) + body,  # shorter than the body
            b"Content-Length: %d\r\n\r\n" % (len(body) + 3) + body,  # longer: eats the next header's start
            b"Content-Length: %d\r\n\r\n" % (200 * 1024 * 1024) + body,  # over the cap, never sent
        ])

    def invalid_json(self) -> bytes:
        return frame(self.random.choice([
            b"{not json", b"{\"jsonrpc\": \"2.0\", \"method\": ", b"\xff\xfe\x00garbage", b"{'single': 'quotes'}",
            b"{\"a\": 1,}", b"NaN", b"\"unterminated", b"{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"x\"}}}",
        ]))

    def not_an_object(self) -> bytes:
        return frame(self.random.choice([b"[1, 2, 3]", b"42", b"null", b"true", b"\"text\"", b"[]", b"{}",
                                         b'[{"jsonrpc": "2.0", "id": 1, "method": "shutdown"}]']))

    def wrong_types(self) -> bytes:
        r = self.random
        return message(r.choice([
            {"jsonrpc": "1.0", "id": self._id(), "method": "textDocument/hover", "params": {}},
            {"jsonrpc": 2, "method": "textDocument/didOpen", "params": {}},
            {"jsonrpc": "2.0", "id": 1.5, "method": "textDocument/hover", "params": {}},
            {"jsonrpc": "2.0", "id": {"x": 1}, "method": "textDocument/hover", "params": {}},
            {"jsonrpc": "2.0", "id": None, "method": "textDocument/hover", "params": {}},
            {"jsonrpc": "2.0", "id": True, "method": "shutdown"},
            {"jsonrpc": "2.0", "id": self._id(), "method": 42, "params": {}},
            {"jsonrpc": "2.0", "id": self._id()},  # neither request nor response
            {"jsonrpc": "2.0", "id": self._id(), "method": "textDocument/hover", "params": "a string"},
            {"jsonrpc": "2.0", "id": self._id(), "method": "textDocument/hover", "params": [1, 2]},
            {"jsonrpc": "2.0", "id": self._id(), "method": "textDocument/hover", "params": {"textDocument": 5}},
            {"jsonrpc": "2.0", "id": self._id(), "method": "textDocument/codeAction",
             "params": {"textDocument": {"uri": self._uri()}, "range": 7, "context": {}}},
            {"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"nonsense": True}},
            {"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": 17},
            {"jsonrpc": "2.0", "method": "textDocument/didChange",
             "params": {"textDocument": {"uri": self._uri(), "version": "one"}, "contentChanges": "x"}},
            {"jsonrpc": "2.0", "method": "workspace/didChangeWatchedFiles",
             "params": {"changes": [{"uri": self._uri(), "type": 99}]}},
            {"jsonrpc": "2.0", "method": "workspace/didChangeConfiguration", "params": None},
            {"jsonrpc": "2.0", "method": "$/cancelRequest", "params": {"id": [1]}},
        ]))

    def unknown_method(self) -> bytes:
        r = self.random
        method = r.choice(["goenv/noSuchMethod", "textDocument/noSuch", "$/storm", "$/progress", "", "\u2603",
                           f"x/{r.randrange(10**6)}"])
        params = r.choice([{}, None, [1], {"deep": {"er": [1, 2, {"a": "b"}]}}])
        return self._request(method, params) if r.random() < 0.5 else self._notify(method, params)

    def huge_document(self) -> bytes:
        """A few MB, opened and then closed: the storm's end holds as many huge documents as its start."""
        r = self.random
        name = r.choice(["go.mod", "big.go", "notes.txt"])
        uri = (self.ws / "huge" / name).as_uri()  # the same few URIs, replaced
        line = "// " + "y" * 97 + "\n"
        lines = r.randrange(5_000, 10_000) if name == "go.mod" else r.randrange(20_000, 40_000)  # 0.5-4 MB
        text = "module example.com/huge\n\ngo 1.22\n" + line * lines
        self._next.append(self._notify("textDocument/didClose", {"textDocument": {"uri": uri}}))  # next
        return self._notify("textDocument/didOpen", {"textDocument": {
            "uri": uri, "languageId": "go.mod", "version": r.randrange(100), "text": text}})

    def open_document(self) -> bytes:
        uri = self._uri()
        if uri not in self.opened:
            self.opened.append(uri)
        return self._notify("textDocument/didOpen", {"textDocument": {
            "uri": uri, "languageId": "go.mod", "version": self.random.randrange(100), "text": self._text()}})

    def change_document(self) -> bytes:
        r = self.random
        uri = r.choice(self.opened) if self.opened and r.random() < 0.6 else self._uri()  # often unopened
        change: dict = r.choice([
            {"text": self._text()},
            {"range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 1}}, "text": "m"},
            {"range": {"start": self._position(), "end": self._position()}, "text": "\ud800x"},
            {"range": {"start": {"line": 5, "character": 0}, "end": {"line": 1, "character": 0}}, "text": "z"},
        ])
        return self._notify("textDocument/didChange", {
            "textDocument": {"uri": uri, "version": r.randrange(1000)}, "contentChanges": [change]})

    def close_document(self) -> bytes:
        r = self.random
        # often what was opened; else what never was
        uri = self.opened.pop(r.randrange(len(self.opened))) if self.opened and r.random() < 0.7 else self._uri()
        method = r.choice(["textDocument/didClose", "textDocument/didClose", "textDocument/didSave"])
        return self._notify(method, {"textDocument": {"uri": uri}})

    def position_request(self) -> bytes:
        r = self.random
        uri = self._uri()
        if r.random() < 0.5:
            return self._request("textDocument/hover", {"textDocument": {"uri": uri}, "position": self._position()})
        return self._request("textDocument/codeAction", {
            "textDocument": {"uri": uri}, "range": {"start": self._position(), "end": self._position()},
            "context": {"diagnostics": []}})

    def odd_uri(self) -> bytes:
        r = self.random
        uri = r.choice(["untitled:Untitled-1", "http://example.com/go.mod", "file:relative/go.mod", "file://",
                        "file:///%00/go.mod", "file:///\ud800/go.mod", "", "::::", "file:///" + "a/" * 100,
                        "file:///" + "b/" * 30 + "go.mod", "file:///" + "c" * 3000 + "/go.mod",
                        f"file://host{r.randrange(9)}/share/go.mod", "file:///%E2%82%AC/go.mod"])
        if r.random() < 0.5:
            return self._notify("textDocument/didOpen", {"textDocument": {
                "uri": uri, "languageId": "go.mod", "version": 1, "text": self._text()}})
        return self._request("textDocument/hover", {"textDocument": {"uri": uri}, "position": self._position()})

    def lifecycle(self) -> bytes:
        return self.random.choice([
            message({"jsonrpc": "2.0", "id": self._id(), "method": "exit"}),  # exit is a notification
            message({"jsonrpc": "2.0", "method": "shutdown"}),  # shutdown is a request
            message({"jsonrpc": "2.0", "method": "initialized", "params": {}}),  # again
            self._request("initialize", {"processId": None, "rootUri": None, "capabilities": {}}),  # again
            self._request("initialize", "garbage"),
            self._notify("$/setTrace", {"value": "verbose"}),
        ])

    def responses_and_cancels(self) -> bytes:
        r = self.random
        return message(r.choice([
            {"jsonrpc": "2.0", "id": f"nobody-{r.randrange(10**6)}", "result": {"x": 1}},
            {"jsonrpc": "2.0", "id": r.randrange(10**6), "error": {"code": -1, "message": "no"}},
            {"jsonrpc": "2.0", "id": 3, "error": "not an object"},
            {"jsonrpc": "2.0", "method": "$/cancelRequest", "params": {"id": r.randrange(10**6)}},
            {"jsonrpc": "2.0", "method": "window/workDoneProgress/cancel", "params": {"token": "none"}},
        ]))

    def command(self) -> bytes:
        r = self.random
        return self._request("workspace/executeCommand", r.choice([
            {"command": "goenv.explain", "arguments": [r.choice(["GE000", "nope", 5, None])]},
            {"command": "goenv.goEnvWrite", "arguments": ["not a fix"]},
            {"command": "goenv.installGopls", "arguments": [{"argv": ["/bin/sh", "-c", "echo pwned"],
                                                              "kind": "install-gopls"}]},
            {"command": "goenv.noSuchCommand", "arguments": []},
            {"command": "goenv.ignore", "arguments": [None, 5]},
            {"command": 7},
        ]))

    def nesting(self) -> bytes:
        depth = self.random.choice([100, 10_000, 200_000])
        if self.random.random() < 0.5:
            return frame(b"[" * depth + b"]" * depth)
        params = "{\"a\":" * depth + "1" + "}" * depth
        head = '{"jsonrpc": "2.0", "id": ' + json.dumps(self._id()) + ', "method": "textDocument/hover", "params": '
        return frame(head + params + "}")

    def messages(self, count: int) -> Iterator[bytes]:
        for _ in range(count):
            yield self._next.pop(0) if self._next else self.random.choice(self._kinds)()


def pre_initialize(storm: Storm) -> list[bytes]:
    """Requests and notifications before ``initialize`` (requests must get ServerNotInitialized)."""
    hover = {"textDocument": {"uri": (storm.ws / "go.mod").as_uri()}, "position": {"line": 2, "character": 3}}
    return [
        storm._request("textDocument/hover", hover),
        storm._notify("textDocument/didOpen", {"textDocument": {
            "uri": (storm.ws / "early" / "go.mod").as_uri(), "languageId": "go.mod", "version": 1, "text": "x"}}),
        storm._request("shutdown", None),
        storm._request("workspace/executeCommand", {"command": "goenv.report", "arguments": []}),
        storm._notify("initialized", {}),
        message({"jsonrpc": "2.0", "id": storm._id(), "method": "exit"}),
        frame(b"{not json"),
    ]
