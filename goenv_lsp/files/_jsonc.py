"""JSONC as VS Code reads settings.json.

``//`` and ``/* */`` comments and trailing commas are allowed; everything else is strict JSON.
Nothing here raises on bad input: errors are collected with their offsets and parsing recovers
where it can (like VS Code's error-tolerant parser), keeping the values read before an error.
Offsets index the decoded text; ``LineIndex`` turns them into LSP positions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from goenv_lsp.model import Range
from goenv_lsp.text import LineIndex

_SURROGATE = re.compile("[\ud800-\udfff]")
_NEWLINE = re.compile(r"\r\n|\r|\n")

# ---------------------------------------------------------------- tree


@dataclass
class JsonNode:
    """A value; ``start``/``end`` are offsets of its text (a string's quotes included)."""

    kind: str  # "object" | "array" | "string" | "number" | "boolean" | "null"
    start: int
    end: int
    value: object = None  # scalars: the Python value
    members: list[JsonMember] = field(default_factory=list)  # objects, duplicates kept in order
    items: list[JsonNode] = field(default_factory=list)  # arrays
    closed: bool = True  # containers: the closing bracket was found

    def get(self, key: str) -> JsonMember | None:
        """The member that counts for ``key``: the last one (duplicate keys: last wins)."""
        return next((m for m in reversed(self.members) if m.key == key), None)

    def effective_members(self) -> list[JsonMember]:
        """Members with a readable value, one per key (the last), in order of those last occurrences."""
        last = {m.key: i for i, m in enumerate(self.members) if m.value is not None}
        return [self.members[i] for i in sorted(last.values())]

    def to_python(self) -> object:
        if self.kind == "object":
            return {m.key: m.value.to_python() for m in self.effective_members() if m.value is not None}
        if self.kind == "array":
            return [item.to_python() for item in self.items]
        return self.value


@dataclass
class JsonMember:
    key: str
    key_start: int
    key_end: int
    value: JsonNode | None = None  # None when the value could not be read
    comma: int | None = None  # offset of the comma that follows the member, if any


@dataclass(frozen=True)
class JsonError:
    message: str
    start: int
    end: int


@dataclass
class JsonDocument:
    text: str
    root: JsonNode | None  # None for a file holding only whitespace and comments (or no value at all)
    errors: list[JsonError]
    lines: LineIndex

    def range(self, start: int, end: int) -> Range:
        return self.lines.range(start, end)


# ---------------------------------------------------------------- scanner


@dataclass(frozen=True)
class _Tok:
    kind: str  # "{", "}", "[", "]", ":", ",", "string", "number", "boolean", "null", "bad", "eof"
    start: int
    end: int
    value: object = None


_WS = " \t\r\n\v\f\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a" \
      "\u2028\u2029\u202f\u205f\u3000\ufeff"
_NUMBER = re.compile(r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?")
_WORD = re.compile(r"[^\s{}\[\]:,\"/]+")
_PLAIN = re.compile(r'[^"\\\x00-\x1f]+')
_ESCAPES = {'"': '"', "\\": "\\", "/": "/", "b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t"}
_LITERALS = {"true": ("boolean", True), "false": ("boolean", False), "null": ("null", None)}


def _scan(text: str, errors: list[JsonError]) -> list[_Tok]:
    toks: list[_Tok] = []
    i, n = 0, len(text)
    while True:
        while i < n:  # whitespace and comments
            c = text[i]
            if c in _WS:
                i += 1
            elif text.startswith("//", i):
                m = _NEWLINE.search(text, i)
                i = m.start() if m else n
            elif text.startswith("/*", i):
                j = text.find("*/", i + 2)
                if j < 0:
                    errors.append(JsonError("unterminated /* comment", i, n))
                    i = n
                else:
                    i = j + 2
            else:
                break
        if i >= n:
            toks.append(_Tok("eof", n, n))
            return toks
        c = text[i]
        if c in "{}[]:,":
            toks.append(_Tok(c, i, i + 1))
            i += 1
        elif c == '"':
            tok = _scan_string(text, i, errors)
            toks.append(tok)
            i = tok.end
        elif c == "/":
            errors.append(JsonError("unexpected '/' (comments start with // or /*)", i, i + 1))
            toks.append(_Tok("bad", i, i + 1))
            i += 1
        else:
            word = _WORD.match(text, i)
            end = word.end() if word else i + 1
            raw = text[i:end]
            num = _NUMBER.fullmatch(raw)
            if num:
                toks.append(_Tok("number", i, end, _number(raw)))
            elif raw in _LITERALS:
                kind, value = _LITERALS[raw]
                toks.append(_Tok(kind, i, end, value))
            else:  # the parser says what it expected here
                toks.append(_Tok("bad", i, end, raw if len(raw) <= 24 else raw[:21] + "..."))
            i = end


def _number(raw: str) -> int | float:
    if any(ch in raw for ch in ".eE") or len(raw) > 4000:  # int() refuses very long digit strings
        return float(raw)
    return int(raw)


def _scan_string(text: str, start: int, errors: list[JsonError]) -> _Tok:
    parts: list[str] = []
    i, n = start + 1, len(text)
    while True:
        m = _PLAIN.match(text, i)
        if m:
            parts.append(m.group())
            i = m.end()
        if i >= n or text[i] in "\r\n":
            errors.append(JsonError("unterminated string (missing closing \")", start, i))
            break
        c = text[i]
        if c == '"':
            i += 1
            break
        if c == "\\":
            esc = text[i + 1:i + 2]
            if esc in _ESCAPES:
                parts.append(_ESCAPES[esc])
                i += 2
            elif esc == "u" and re.fullmatch(r"[0-9a-fA-F]{4}", text[i + 2:i + 6]):
                parts.append(chr(int(text[i + 2:i + 6], 16)))
                i += 6
            elif esc in ("\r", "\n"):  # a backslash ends the line: the string is unterminated there
                i += 1
            else:  # the escape shown stops at a line break: a range never ends between \r and \n
                bad = "\\" + esc + (_NEWLINE.split(text[i + 2:i + 6], 1)[0] if esc == "u" else "")
                errors.append(JsonError(f"invalid escape {bad!r} in string", i, i + len(bad)))
                i += 1 + min(len(esc), 1)
            continue
        errors.append(JsonError(f"control character U+{ord(c):04X} in string must be escaped", i, i + 1))
        parts.append(c)
        i += 1
    s = "".join(parts)
    if _SURROGATE.search(s):  # join \\ud83d\\ude00 pairs; a lone surrogate becomes U+FFFD
        s = s.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")
    return _Tok("string", start, i, s)


# ---------------------------------------------------------------- parser

_MAX_DEPTH = 100
_FOUND = {"string": "a string", "number": "a number"}
_SCALARS = ("string", "number", "boolean", "null")
_VALUE_START = ("{", "[", *_SCALARS)


class _Parser:
    def __init__(self, text: str) -> None:
        self.text = text
        self.errors: list[JsonError] = []
        self.toks = _scan(text, self.errors)
        self.i = 0
        self.reported: set[int] = {e.start for e in self.errors}

    def peek(self) -> _Tok:
        return self.toks[self.i]

    def next(self) -> _Tok:
        tok = self.toks[self.i]
        if tok.kind != "eof":
            self.i += 1
        return tok

    def error(self, message: str, tok: _Tok, found: bool = True) -> None:
        if tok.start in self.reported:  # one error per place; the scanner may have spoken already
            return
        self.reported.add(tok.start)
        if tok.kind == "eof":
            message += " but the file ends"
        elif not found:
            pass
        elif tok.kind == "bad":
            message += f", found {tok.value!r}"
        else:
            message += f", found {_FOUND.get(tok.kind) or repr(self.text[tok.start:tok.end])}"
        self.errors.append(JsonError(message, tok.start, tok.end))

    def skip(self, stops: str) -> None:
        """Skip tokens (whole bracketed groups at a time) up to a stop or a closing bracket."""
        depth = 0
        while True:
            kind = self.peek().kind
            if kind == "eof" or (depth == 0 and (kind in stops or kind in "}]")):
                return
            if kind in ("{", "["):
                depth += 1
            elif kind in ("}", "]"):
                depth -= 1
            self.next()

    def value(self, depth: int) -> JsonNode | None:
        tok = self.peek()
        if tok.kind in ("{", "[") and depth >= _MAX_DEPTH:
            self.error(f"nested more than {_MAX_DEPTH} levels deep", tok, found=False)
            nesting = 0
            while self.peek().kind != "eof":  # skip the whole group
                kind = self.next().kind
                nesting += (kind in "{[") - (kind in "}]")
                if nesting == 0:
                    break
            return None
        if tok.kind == "{":
            return self.object(depth)
        if tok.kind == "[":
            return self.array(depth)
        if tok.kind in _SCALARS:
            self.next()
            return JsonNode(tok.kind, tok.start, tok.end, tok.value)
        self.error("expected a value", tok)
        return None

    def object(self, depth: int) -> JsonNode:
        node = JsonNode("object", self.next().start, 0)
        while True:
            tok = self.peek()
            if tok.kind == "}":
                node.end = self.next().end
                return node
            if tok.kind in ("]", "eof"):
                self.error("expected '}' to close the object", tok)
                node.end, node.closed = tok.start, False
                return node
            if tok.kind != "string":
                self.error("expected a property name in double quotes", tok)
                self.recover(",")
                continue
            self.next()
            member = JsonMember(str(tok.value), tok.start, tok.end)
            node.members.append(member)
            if self.peek().kind != ":":
                self.error("expected ':' after the property name", self.peek())
                self.recover(",", member)
                continue
            self.next()
            member.value = self.value(depth + 1)
            if member.value is None:
                self.recover(",", member)
                continue
            tok = self.peek()
            if tok.kind == ",":
                member.comma = self.next().start
            elif tok.kind not in ("}", "]", "eof"):
                self.error("expected ',' or '}' after the property value", tok)
                if tok.kind != "string":  # a string here is most likely the next key after a missing comma
                    self.recover(",", member)

    def array(self, depth: int) -> JsonNode:
        node = JsonNode("array", self.next().start, 0)
        while True:
            tok = self.peek()
            if tok.kind == "]":
                node.end = self.next().end
                return node
            if tok.kind in ("}", "eof"):
                self.error("expected ']' to close the array", tok)
                node.end, node.closed = tok.start, False
                return node
            item = self.value(depth + 1)
            if item is None:
                self.recover(",")
                continue
            node.items.append(item)
            tok = self.peek()
            if tok.kind == ",":
                self.next()
            elif tok.kind not in ("}", "]", "eof"):
                self.error("expected ',' or ']' after the array element", tok)
                if tok.kind not in _VALUE_START:
                    self.recover(",")

    def recover(self, stops: str, member: JsonMember | None = None) -> None:
        self.skip(stops)
        if self.peek().kind == ",":
            comma = self.next().start
            if member is not None:
                member.comma = comma


def parse_jsonc(text: str) -> JsonDocument:
    parser = _Parser(text)
    root = None
    if parser.peek().kind != "eof":
        root = parser.value(0)
        tok = parser.peek()
        if tok.kind != "eof":
            parser.error("unexpected content after the end of the top-level value", tok)
    errors = sorted(parser.errors, key=lambda e: e.start)
    return JsonDocument(text, root, errors, LineIndex(text))
