"""goenv-lsp's pygls protocol: messages in from ``transport`` (``receive``), JSON-RPC and LSP lifecycle rules
pygls does not keep, and bounded bookkeeping. Each override names the pygls behaviour it works around."""

from __future__ import annotations

import asyncio
import json
import logging
import uuid
from collections.abc import Awaitable, Callable
from concurrent.futures import Future
from typing import Any
from urllib.parse import unquote

import attrs
from lsprotocol import types as lsp
from pygls.exceptions import (
    JsonRpcException,
    JsonRpcInternalError,
    JsonRpcInvalidParams,
    JsonRpcInvalidRequest,
    JsonRpcParseError,
    JsonRpcRequestCancelled,
    JsonRpcServerNotInitialized,
)
from pygls.protocol import (
    JsonRPCNotification,
    JsonRPCRequestMessage,
    JsonRPCResponseMessage,
    LanguageServerProtocol,
    lsp_method,
)

from goenv_lsp.lsp import jsonrpc
from goenv_lsp.lsp.session import CommandError

log = logging.getLogger(__name__)

MAX_DOCUMENTS = 2000  # open documents kept; the oldest is closed beyond (an editor opens far fewer)
MAX_DOCUMENT_CHARS = 256 * 1024 * 1024  # their text in all
MAX_LOGGED = 64 * 1024  # bytes of a message logged (at DEBUG)
REQUEST_FAILED = -32803  # LSP: a request that was well-formed but failed (a command's own error)
_UNADVERTISED = ("notebookDocument/",)  # builtin pygls handlers for what goenv-lsp does not announce


class Protocol(LanguageServerProtocol):
    def __init__(self, server, converter):
        super().__init__(server, converter)
        self.initialize_received = False
        self.exit_code: int | None = None  # set by `exit` (or a lost client): the transport stops
        self.stopped = asyncio.Event()
        self._sizes: dict[str, int] = {}  # open document (pygls' key) → length of its text
        # the answer to `initialize` is sent once this is done (the first probe started its processes, which
        # then run while the client reads it), or as the next message arrives, whichever comes first
        self.initialize_answer_after: Callable[[], Awaitable[None]] | None = None
        self._held: tuple[Any, Any] | None = None  # (id, result) of the answer to `initialize`, not sent yet
        self._answering: asyncio.Future | None = None

    # -- messages in -----------------------------------------------------------------------------
    def receive(self, body: bytes) -> None:
        """One framed message: JSON-RPC checks, then pygls. Bad input is a one-line log record (the log
        handler rate-limits) and, for a request with a usable id, an error response; never a pop-up."""
        self._answer_initialize()  # before anything that follows it
        if log.isEnabledFor(logging.DEBUG):
            log.debug("received %s", body[:MAX_LOGGED].decode("utf-8", "replace"))
        try:
            data = json.loads(body.decode("utf-8", "replace"))
        except (ValueError, RecursionError) as exc:
            return self.reject(None, JsonRpcParseError(f"Parse Error: {jsonrpc.short(exc)}"))
        if jsonrpc.SURROGATE_ESCAPE.search(body):  # a lone surrogate cannot be encoded again: it is U+FFFD
            data = jsonrpc.without_surrogates(data)
        problem = jsonrpc.envelope_problem(data)
        if problem is not None:
            return self.reject(data, JsonRpcInvalidRequest(f"Invalid Request: {problem}"))
        method = data.get("method")
        if method is not None and (refused := self._lifecycle_problem(method, "id" in data)) is not None:
            log.info("%s: %s", method, refused.message)
            if "id" in data:
                self._send_response(data["id"], error=refused.to_response_error())
            return None
        try:
            message = self.structure_message(data)
        except JsonRpcException as exc:
            return self.reject(data, exc)
        if method == lsp.EXIT:
            return self.exit()
        if method == lsp.INITIALIZE:
            self.initialize_received = True
        self.handle_message(message)

    def reject(self, data: object, error: JsonRpcException) -> None:
        method = data.get("method") if isinstance(data, dict) else None
        log.warning("bad message (%s): %s", method if isinstance(method, str) else "?", error.message[:300])
        msg_id = jsonrpc.request_id(data)
        if msg_id is not None:
            self._send_response(msg_id, error=error.to_response_error())
        elif isinstance(data, dict) and "method" not in data and jsonrpc.usable_id(data.get("id")):
            self._fail_pending(data["id"], error)

    def structure_message(self, data: dict[str, Any]):
        # pygls logs a traceback for every message that does not structure; here it is one line (``reject``)
        msg_id, method = data.get("id"), data.get("method")
        if method is None:
            kind: Any = lsp.ResponseErrorMessage if "error" in data else (
                self._result_types.pop(msg_id, None) or JsonRPCResponseMessage)
        else:
            kind = self.get_message_type(method) or (JsonRPCRequestMessage if "id" in data else JsonRPCNotification)
            if "id" in data and attrs.has(kind) and "id" not in attrs.fields_dict(kind):
                raise JsonRpcInvalidRequest(f"Invalid Request: {method} is a notification")
        try:
            return self._converter.structure(data, kind)
        except Exception as exc:
            raise JsonRpcInvalidParams(f"Invalid Params: {jsonrpc.structure_problem(exc)}") from None

    def _lifecycle_problem(self, method: str, request: bool) -> JsonRpcException | None:
        # pygls drops requests after `shutdown` unanswered, runs requests before `initialize` and a second
        # `initialize`, and exits on `exit` sent as a request
        if method == lsp.EXIT:
            return JsonRpcInvalidRequest("Invalid Request: exit is a notification") if request else None
        if method == lsp.SHUTDOWN and not request:
            return JsonRpcInvalidRequest("Invalid Request: shutdown is a request")
        if self._shutdown:
            return JsonRpcInvalidRequest("Invalid Request: the server is shutting down")
        if not self.initialize_received:
            return None if method == lsp.INITIALIZE else JsonRpcServerNotInitialized("Server not initialized")
        if method == lsp.INITIALIZE:
            return JsonRpcInvalidRequest("Invalid Request: initialize was already received")
        if method.startswith(_UNADVERTISED):
            return JsonRpcInvalidRequest(f"Invalid Request: goenv-lsp does not support {method}")
        return None

    def exit(self, code: int | None = None) -> None:
        """`exit`, or the client is gone: the transport stops; the process exits 0 only after `shutdown`."""
        if self.exit_code is None:
            self.exit_code = code if code is not None else (0 if self._shutdown else 1)
        self.stopped.set()

    # -- handlers and their futures ---------------------------------------------------------------
    def _execute_handler(self, msg_id, handler, callback, args=None, kwargs=None):
        # pygls keeps the future of every notification handler, and of every handler a builtin one defers to,
        # in _request_futures for ever (only request ids are popped): drop each when it is done
        def done(future) -> None:
            if self._request_futures.get(msg_id) is future:
                del self._request_futures[msg_id]
            callback(future)

        super()._execute_handler(msg_id, handler, done, args, kwargs)

    def _run_generator(self, future, *, gen, result_future) -> None:
        # pygls lets the CancelledError of a cancelled inner handler escape (it catches Exception only): the
        # builtin handler then never finishes, and a request is never answered
        if future is not None and future.cancelled():
            gen.close()
            result_future.cancel()
            return
        super()._run_generator(future, gen=gen, result_future=result_future)

    def _handle_cancel_notification(self, msg_id) -> None:
        # pygls looks up whatever the id is (a list raises TypeError)
        if jsonrpc.usable_id(msg_id):
            super()._handle_cancel_notification(msg_id)

    def _send_handler_result(self, future, *, msg_id) -> None:
        # pygls logs a traceback for every failed request, the ordinary ones (bad arguments) too, and sends
        # the traceback to the client
        if (self.initialize_answer_after is not None and self._held is None and not future.cancelled()
                and future.exception() is None and isinstance(future.result(), lsp.InitializeResult)):
            self._held = (msg_id, future.result())
            self._answering = asyncio.ensure_future(self._answer_initialize_after(self.initialize_answer_after))
            return None
        if future.cancelled():
            error: JsonRpcException = JsonRpcRequestCancelled(f"Request {msg_id!r} was cancelled")
        elif (exc := future.exception()) is None:
            return self._send_response(msg_id, result=future.result())
        elif isinstance(exc, (JsonRpcException, CommandError)):  # the request's own fault: no contents at INFO
            error = exc if isinstance(exc, JsonRpcException) else JsonRpcException(str(exc), code=REQUEST_FAILED)
            log.info("request %r failed (%d)", msg_id, error.code)
            log.debug("request %r failed: %s", msg_id, error.message)
        else:  # a bug
            log.error("request %r failed", msg_id, exc_info=exc)
            error = JsonRpcInternalError(f"{type(exc).__name__}: {exc}")
        self._send_response(msg_id, error=error.to_response_error())

    async def _answer_initialize_after(self, wait: Callable[[], Awaitable[None]]) -> None:
        try:
            await wait()
        finally:
            self._answer_initialize()

    def _answer_initialize(self) -> None:
        if self._held is not None:
            (msg_id, result), self._held = self._held, None
            self._send_response(msg_id, result=result)

    def _check_handler_result(self, future) -> None:
        # pygls shows a pop-up for each failed notification handler; a failure here is a bug: logged
        if not future.cancelled() and (exc := future.exception()) is not None:
            log.error("a notification handler failed", exc_info=exc)

    def send_request(self, method, params=None, callback=None, msg_id=None) -> Future:
        # pygls forgets a request of ours only when the client answers it: one we stopped waiting for
        # (a timeout cancels its future) is dropped too
        msg_id = msg_id if msg_id is not None else str(uuid.uuid4())
        future = super().send_request(method, params, callback, msg_id)

        def forget(done: Future) -> None:
            if done.cancelled():
                self._request_futures.pop(msg_id, None)
                self._result_types.pop(msg_id, None)

        future.add_done_callback(forget)
        return future

    def _fail_pending(self, msg_id, error: JsonRpcException) -> None:
        future = self._request_futures.pop(msg_id, None)
        self._result_types.pop(msg_id, None)
        if future is not None and not future.done():
            future.set_exception(error)

    # -- messages out ----------------------------------------------------------------------------
    def _send_data(self, data: Any) -> None:
        # pygls logs every message it sends at INFO (the environment report included) and computes
        # Content-Length in characters; here the traffic is logged at DEBUG only, the length is in bytes,
        # and a client that is gone stops the server instead of raising into a handler
        if not data or self.writer is None or self.stopped.is_set():
            return
        try:
            body = json.dumps(data, default=self._serialize_message).encode("utf-8")
        except Exception:
            log.exception("cannot encode a message")
            return
        if log.isEnabledFor(logging.DEBUG):
            log.debug("sending %s", body[:MAX_LOGGED].decode("utf-8", "replace"))
        try:  # our writers (transport) write synchronously
            self.writer.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        except (OSError, ValueError) as exc:
            log.info("the client is gone (%s)", exc)
            self.exit()

    # -- documents -------------------------------------------------------------------------------
    @lsp_method(lsp.INITIALIZE)
    def lsp_initialize(self, params: lsp.InitializeParams):
        # Findings carry UTF-16 columns (LSP's default, which every client supports): do not negotiate another.
        if params.capabilities.general is not None:
            params.capabilities.general.position_encodings = None
        return (yield from super().lsp_initialize(params))

    @lsp_method(lsp.SHUTDOWN)
    def lsp_shutdown(self, *args):
        # pygls cancels the other requests while it iterates over _request_futures, which cancelling changes
        if (handler := self.fm.features.get(lsp.SHUTDOWN)) is not None:
            yield handler, args, None
        current = self.msg_id
        for msg_id, future in list(self._request_futures.items()):
            if msg_id != current and not future.done():
                future.cancel()
        self._shutdown = True

    @lsp_method(lsp.TEXT_DOCUMENT_DID_OPEN)
    def lsp_text_document__did_open(self, params: lsp.DidOpenTextDocumentParams):
        key = unquote(params.text_document.uri)
        self.workspace.text_documents.pop(key, None)  # opened again: the newest again
        self._sizes[key] = len(params.text_document.text)
        yield from super().lsp_text_document__did_open(params)
        self._close_over_limit()

    @lsp_method(lsp.TEXT_DOCUMENT_DID_CHANGE)
    def lsp_text_document__did_change(self, params: lsp.DidChangeTextDocumentParams):
        # pygls raises KeyError for a document that is not open, and whatever the change raises
        key = unquote(params.text_document.uri)
        document = self.workspace.text_documents.get(key)
        if document is None:
            log.info("didChange of a document that is not open: %s", key[:300])
            return
        try:
            for change in params.content_changes:
                document.apply_change(change)
        except Exception as exc:
            log.info("didChange of %s: change not applied (%s)", key[:300], jsonrpc.short(exc))
        document.version = params.text_document.version
        self._sizes[key] = len(document.source)
        if (handler := self.fm.features.get(lsp.TEXT_DOCUMENT_DID_CHANGE)) is not None:
            yield handler, (params,), None
        self._close_over_limit()

    @lsp_method(lsp.TEXT_DOCUMENT_DID_CLOSE)
    def lsp_text_document__did_close(self, params: lsp.DidCloseTextDocumentParams):
        key = unquote(params.text_document.uri)
        if key not in self.workspace.text_documents:
            log.info("didClose of a document that is not open: %s", key[:300])
            return
        self._sizes.pop(key, None)
        return (yield from super().lsp_text_document__did_close(params))

    def _close_over_limit(self) -> None:
        documents = self.workspace.text_documents
        while len(documents) > 1 and (len(documents) > MAX_DOCUMENTS
                                      or sum(self._sizes.values()) > MAX_DOCUMENT_CHARS):
            key, oldest = next(iter(documents.items()))
            log.warning("too many open documents: %s is closed", oldest.uri[:300])
            self._handle_notification(lsp.TEXT_DOCUMENT_DID_CLOSE, lsp.DidCloseTextDocumentParams(
                text_document=lsp.TextDocumentIdentifier(uri=oldest.uri)))
            if documents.get(key) is oldest:  # not closed after all: do not loop
                documents.pop(key)
                self._sizes.pop(key, None)
