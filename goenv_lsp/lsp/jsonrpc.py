"""JSON-RPC 2.0 checks on a decoded message, before pygls structures it (pygls assumes an object with the
right types and fails in all sorts of ways otherwise)."""

from __future__ import annotations

import re

import cattrs

MAX_METHOD = 200  # longer method names are no LSP method (and would fill pygls' type cache)
SURROGATE_ESCAPE = re.compile(rb"\\u[dD][89a-fA-F][0-9a-fA-F]{2}")  # in the raw bytes: a lone one is possible
_SURROGATES = re.compile("[\ud800-\udfff]")


def usable_id(value: object) -> bool:
    return isinstance(value, str) or (isinstance(value, int) and not isinstance(value, bool))


def request_id(data: object) -> int | str | None:
    """The id to answer ``data`` with: only a request's, and only one that can be echoed."""
    if isinstance(data, dict) and isinstance(data.get("method"), str) and usable_id(data.get("id")):
        return data["id"]
    return None


def envelope_problem(data: object) -> str | None:
    if not isinstance(data, dict):
        return f"a JSON {type(data).__name__} is no JSON-RPC message"
    if data.get("jsonrpc") != "2.0":
        return 'jsonrpc must be "2.0"'
    if "method" in data and not (isinstance(data["method"], str) and len(data["method"]) <= MAX_METHOD):
        return f"method must be a string of at most {MAX_METHOD} characters"
    if "id" in data and not usable_id(data["id"]):
        return "id must be an integer or a string"
    if "method" not in data and ("id" not in data or ("result" not in data and "error" not in data)):
        return "neither a request, a notification nor a response"
    return None


def without_surrogates(data: object) -> object:
    """``data`` with every lone surrogate (JSON ``"\\ud800"``) in its strings replaced by U+FFFD (one UTF-16
    unit, as the surrogate was, so the client's columns stay right). Iterative: nesting has no limit here."""
    def clean(value: object) -> object:
        return _SURROGATES.sub("\ufffd", value) if isinstance(value, str) else value

    root = [data]
    stack: list[list | dict] = [root]
    while stack:
        container = stack.pop()
        items = container.items() if isinstance(container, dict) else enumerate(container)
        for key, value in list(items):
            if isinstance(container, dict) and isinstance(key, str) and _SURROGATES.search(key):
                del container[key]
                key = clean(key)
            if isinstance(value, (list, dict)):
                stack.append(value)
            container[key] = clean(value)
    return root[0]


def structure_problem(exc: Exception) -> str:
    if isinstance(exc, (cattrs.ClassValidationError, cattrs.IterableValidationError)):
        return "; ".join(cattrs.transform_error(exc))[:300]
    return short(exc)


def short(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {exc}"[:300]
