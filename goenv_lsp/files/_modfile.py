"""go.mod / go.work, parsed strictly as cmd/go parses the main module (golang.org/x/mod/modfile).

``parse_modfile`` is pure and never raises. Messages are the go command's own, without the
``<file>:<line>[:<col>]: `` prefix of ``modfile.Error`` (``go_messages`` keep it, for comparing with
real go); ranges are 0-based with UTF-16 columns. A syntax error stops parsing (as in x/mod);
directive errors are all collected.
When the file is malformed, ``go``/``toolchain``/``module`` are still read the lax way cmd/go reads
them for toolchain selection (``gover.GoModLookup``, ``modfile.ModulePath``).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from goenv_lsp.facts import FileProblem, Spanned
from goenv_lsp.files.go_mod import ModReplace, ModRequire
from goenv_lsp.text import LineIndex

GO_VERSION_RE = re.compile(r"([1-9][0-9]*)\.(0|[1-9][0-9]*)(\.(0|[1-9][0-9]*))?([a-z]+[0-9]+)?")
TOOLCHAIN_RE = re.compile(r"default|go1(\..*)?", re.DOTALL)

_BLOCK_VERBS = {
    "go.mod": {"module", "godebug", "require", "exclude", "replace", "retract", "tool", "ignore"},
    "go.work": {"godebug", "use", "replace"},
}
_EOL = {"eof", "eolcomment", "\n"}
_PUNCT = "\n()[]{},"
# printable ASCII that may be in an identifier, and a "/" that starts no comment
_ASCII_IDENT = re.compile(r"(?:[!-'*+\--.0-Z\\^-z|~]|/(?![/*]))+")
# unicode.IsSpace (what Go's bytes.TrimSpace strips).
_GO_SPACE = "\t\n\v\f\r \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a" \
    "\u2028\u2029\u202f\u205f\u3000"
_REPLACE_USAGE = ("usage: {0} module/path [v1.2.3] => other/module v1.4\n"
                  "\t or {0} module/path [v1.2.3] => ../local/directory")


def _go_print(c: str) -> bool:
    """unicode.IsPrint: letters, marks, numbers, punctuation, symbols and the ASCII space."""
    if c.isascii():
        return " " <= c <= "~"
    import unicodedata

    return unicodedata.category(c)[0] in "LMNPS"


def _is_ident(c: str) -> bool:
    return c not in " ()[]{}," and _go_print(c)


def go_quote(s: str, quote: str = '"') -> str:
    """strconv.Quote (or QuoteRune with ``quote="'"``)."""
    out = [quote]
    for c in s:
        o = ord(c)
        if c == quote or c == "\\":
            out.append("\\" + c)
        elif _go_print(c):
            out.append(c)
        elif c in "\a\b\f\n\r\t\v":
            out.append("\\" + "abfnrtv"["\a\b\f\n\r\t\v".index(c)])
        elif o < 0x20 or o == 0x7F:
            out.append(f"\\x{o:02x}")
        elif o < 0x10000:
            out.append(f"\\u{o:04x}")
        else:
            out.append(f"\\U{o:08x}")
    return "".join(out) + quote


_SIMPLE_ESCAPES = {"a": 7, "b": 8, "f": 12, "n": 10, "r": 13, "t": 9, "v": 11, "\\": 92, '"': 34}


def _go_unquote(s: str) -> str | None:
    """strconv.Unquote of a double-quoted Go string; None on a syntax error."""
    if len(s) < 2 or s[0] != '"' or s[-1] != '"':
        return None
    body, out, i = s[1:-1], bytearray(), 0
    while i < len(body):
        c = body[i]
        i += 1
        if c in '"\n':
            return None
        if c != "\\":
            out += c.encode("utf-8", "surrogatepass")
            continue
        if i >= len(body):
            return None
        e = body[i]
        i += 1
        if e in _SIMPLE_ESCAPES:
            out.append(_SIMPLE_ESCAPES[e])
        elif e in "xuU":
            n = {"x": 2, "u": 4, "U": 8}[e]
            digits = body[i:i + n]
            if len(digits) < n or not all(d in "0123456789abcdefABCDEF" for d in digits):
                return None
            v, i = int(digits, 16), i + n
            if e == "x":
                out.append(v)
            elif v > 0x10FFFF or 0xD800 <= v < 0xE000:
                return None
            else:
                out += chr(v).encode()
        elif e in "01234567":
            digits = body[i - 1:i + 2]
            if len(digits) < 3 or not all(d in "01234567" for d in digits) or int(digits, 8) > 255:
                return None
            out.append(int(digits, 8))
            i += 2
        else:
            return None
    return out.decode("utf-8", "replace")


def _parse_string(tok: str) -> tuple[str | None, str | None]:
    """modfile.parseString: (value, None) or (None, error text)."""
    if tok.startswith('"'):
        value = _go_unquote(tok)
        return (value, None) if value is not None else (None, "invalid syntax")
    if any(q in tok for q in "\"'`"):
        return None, "unquoted string cannot contain quote"
    return tok, None


def _is_directory_path(p: str) -> bool:
    return (p in (".", "..") or p.startswith(("./", ".\\", "../", "..\\", "/", "\\"))
            or (len(p) >= 2 and p[0].isascii() and p[0].isalpha() and p[1] == ":"))


# ---------------------------------------------------------------- lexer and block parser (read.go)

class _SyntaxError(Exception):
    """``at`` is where x/mod reports the error; ``start``..``end`` is the range shown in an editor."""

    def __init__(self, message: str, at: int, end: int | None = None, start: int | None = None) -> None:
        super().__init__(message)
        self.message, self.at = message, at
        self.start, self.end = at if start is None else start, at if end is None else end


@dataclass
class _Tok:
    kind: str  # "ident", "string", "comment", "eolcomment", "eof" or the punctuation itself
    text: str
    start: int  # offsets into the decoded text
    end: int


@dataclass
class _Line:
    toks: list[_Tok]


@dataclass
class _Block:
    verb: list[_Tok]
    lines: list[_Line] = field(default_factory=list)


class _Lexer:
    """One token of lookahead, like modfile's input: errors surface when a token is peeked."""

    def __init__(self, text: str) -> None:
        self.text, self.i = text, 0
        self.tok = self._read()

    def peek(self) -> str:
        return self.tok.kind

    def lex(self) -> _Tok:
        tok, self.tok = self.tok, self._read()
        return tok

    def _read(self) -> _Tok:
        t, n, i = self.text, len(self.text), self.i
        while i < n:
            if t[i] in " \t\r":
                i += 1
            elif t.startswith("//", i):
                line_start = t.rfind("\n", 0, i) + 1
                suffix = t[line_start:i].strip(_GO_SPACE) != ""
                nl = t.find("\n", i)
                self.i = n if nl < 0 else nl + 1  # the comment swallows its newline
                return _Tok("eolcomment" if suffix else "comment", t[i:self.i], i, self.i)
            elif t.startswith("/*", i):
                raise _SyntaxError("mod files must use // comments (not /* */ comments)", i, i + 2)
            else:
                break
        if i >= n:
            self.i = n
            return _Tok("eof", "", n, n)
        c = t[i]
        if c in _PUNCT:
            j = i + 1
            kind = c
        elif c in "\"`":
            j, kind = i + 1, "string"
            while True:
                if j >= n:
                    raise _SyntaxError("unexpected EOF in string", i, n)
                if t[j] == "\n":
                    raise _SyntaxError("unexpected newline in string", j)
                ch = t[j]
                j += 1
                if ch == c:
                    break
                if ch == "\\" and c == '"':
                    if j >= n:
                        raise _SyntaxError("unexpected EOF in string", i, n)
                    j += 1
        elif not _is_ident(c):
            raise _SyntaxError(f"unexpected input character {go_quote(c, chr(39))}", i, i + 1)
        else:
            j, kind = i, "ident"
            while j < n:
                run = _ASCII_IDENT.match(t, j)  # most of an identifier at once; then what ends the run
                j = run.end() if run else j
                if j >= n or (t[j].isascii() and not t.startswith("/", j)) or not _is_ident(t[j]):
                    break
                if t.startswith("//", j):
                    break
                if t.startswith("/*", j):
                    raise _SyntaxError("mod files must use // comments (not /* */ comments)", j, j + 2)
                j += 1
        self.i = j
        return _Tok(kind, t[i:j], i, j)


class _Reader:
    def __init__(self, text: str, name: str, where: Callable[[int], tuple[int, int]]) -> None:
        self.name, self.where = name, where
        self.lx = _Lexer(text)

    def parse_file(self) -> list[_Line | _Block]:
        stmts: list[_Line | _Block] = []
        while (kind := self.lx.peek()) != "eof":
            if kind in ("\n", "comment"):
                self.lx.lex()
            else:
                stmts.append(self._stmt())
        return stmts

    def _stmt(self) -> _Line | _Block:
        lx = self.lx
        toks = [lx.lex()]
        while True:
            tok = lx.lex()
            if tok.kind in _EOL:
                return _Line(toks)
            if tok.kind == "(":
                if lx.peek() in _EOL:
                    return self._block(toks)
                if lx.peek() == ")":
                    rparen = lx.lex()
                    if lx.peek() in _EOL:  # "verb ( )": an empty block
                        lx.lex()
                        return _Block(toks)
                    toks += [tok, rparen]
                    continue
            toks.append(tok)

    def _block(self, verb: list[_Tok]) -> _Block:
        lx, block = self.lx, _Block(verb)
        while True:
            kind = lx.peek()
            if kind in ("\n", "comment", "eolcomment"):
                lx.lex()
            elif kind == "eof":
                line, col = self.where(verb[0].start)
                raise _SyntaxError(f"syntax error (unterminated block started at {self.name}:{line}:{col})",
                                   lx.i, start=verb[0].start, end=verb[-1].end)  # shown on the verb
            elif kind == ")":
                lx.lex()
                if lx.peek() not in _EOL:
                    raise _SyntaxError("syntax error (expected newline after closing paren)", lx.i)
                lx.lex()
                return block
            else:
                toks = [lx.lex()]
                while lx.peek() not in _EOL:
                    toks.append(lx.lex())
                lx.lex()
                block.lines.append(_Line(toks))


# ---------------------------------------------------------------- module versions (x/mod/module, semver)

_NUM = r"(?:0|[1-9][0-9]*)"
_PRE = rf"(?:-(?:{_NUM}|[0-9]*[A-Za-z-][0-9A-Za-z-]*)(?:\.(?:{_NUM}|[0-9]*[A-Za-z-][0-9A-Za-z-]*))*)"
_BUILD = r"(?:\+[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)"
SEMVER_RE = re.compile(rf"v{_NUM}(?:\.{_NUM}(?:\.{_NUM}{_PRE}?{_BUILD}?)?)?")  # semver.IsValid
CANONICAL_RE = re.compile(rf"v{_NUM}\.{_NUM}\.{_NUM}{_PRE}?(?:\+incompatible)?")  # CanonicalVersion(v) == v


def _canonical(v: str) -> str:
    """module.CanonicalVersion of a valid semver: v1.2 → v1.2.0; build metadata dropped but +incompatible."""
    core, plus, build = v.partition("+")
    core, dash, pre = core.partition("-")
    parts = core.split(".")
    core = ".".join(parts + ["0"] * (3 - len(parts)))
    return core + dash + pre + ("+incompatible" if plus and build == "incompatible" else "")


def _split_path_version(path: str) -> tuple[bool, str]:
    """module.SplitPathVersion: (ok, path major suffix such as "/v2" or ".v1")."""
    if path.startswith("gopkg.in/"):
        i = len(path) - (len("-unstable") if path.endswith("-unstable") else 0)
        j = len(path[:i].rstrip("0123456789"))
        major = path[j - 2:]
        if j <= 1 or path[j - 2:j] != ".v" or len(major) <= 2 or (major[2] == "0" and major != ".v0"):
            return False, ""
        return True, major
    j = len(path.rstrip("0123456789."))
    if j <= 1 or j == len(path) or path[j - 2:j] != "/v":
        return True, ""
    major = path[j - 2:]
    return ("." not in major and major[2] != "0" and major != "/v1"), major


def _check_path_major(v: str, major: str) -> str | None:
    """module.CheckPathMajor for a canonical ``v``: the error text, or None."""
    if major.startswith(".v") and major.endswith("-unstable"):
        major = major[:-len("-unstable")]
    if v.startswith("v0.0.0-") and major == ".v1":
        return None
    have = v[:len(v) - len(v[1:].lstrip("0123456789"))]  # semver.Major
    if not major:
        if have in ("v0", "v1") or v.endswith("+incompatible"):
            return None
        want = "v0 or v1"
    elif have == major[1:]:
        return None
    else:
        want = major[1:]
    return f"version {go_quote(v)} invalid: should be {want}, not {have}"


# ---------------------------------------------------------------- directives (rule.go, work.go)

@dataclass
class _Result:
    problems: list[tuple[str, int, int, int]] = field(default_factory=list)  # message, at, start, end
    module: tuple[str, _Tok] | None = None
    module_seen: bool = False
    go: _Tok | None = None
    toolchain: _Tok | None = None
    uses: list[tuple[str, _Tok]] = field(default_factory=list)
    retracts: list[tuple[_Line, list[_Tok]]] = field(default_factory=list)
    requires: list[tuple[str, str, tuple[int, int]]] = field(default_factory=list)  # path, version, their span
    # old path, old version ("" for all), new path, new version ("" for a directory), line span
    replaces: list[tuple[str, str, str, str, tuple[int, int]]] = field(default_factory=list)


def _span(toks: list[_Tok]) -> tuple[int, int]:
    return toks[0].start, toks[-1].end


class _Interpreter:
    """modfile's (*File).add / (*WorkFile).add. cmd/go parses go.mod with its ``fixVersion`` fixer
    (offline part only: a non-canonical version would be resolved over the network) and go.work
    with no fixer (versions must be valid semver)."""

    def __init__(self, kind: str, windows: bool = False) -> None:
        self.kind, self.r = kind, _Result()
        self.cmd_go_fix = kind == "go.mod"
        self.windows = windows

    def error(self, line: _Line, msg: str, span: tuple[int, int] | None = None) -> None:
        start, end = span or _span(line.toks)
        self.r.problems.append((msg, line.toks[0].start, start, end))

    def run(self, stmts: list[_Line | _Block]) -> _Result:
        for st in stmts:
            if isinstance(st, _Line):
                self.add(st, st.toks[0].text, st.toks[1:])
                continue
            verb = st.verb[0].text
            if len(st.verb) > 1 or verb not in _BLOCK_VERBS[self.kind]:
                start, end = _span(st.verb)
                self.r.problems.append(
                    (f"unknown block type: {' '.join(t.text for t in st.verb)}", start, start, end))
                continue
            for line in st.lines:
                self.add(line, verb, line.toks)
        # fixRetract: versions are checked against the module path once the whole file is read.
        module_path = self.r.module[0] if self.r.module else ""
        for line, versions in self.r.retracts:
            if not module_path:
                self.error(line, "no module directive found, so retract cannot be used")
                break
            all(self.version(line, "retract", module_path, v) is not None for v in versions)
        return self.r

    def string_arg(self, line: _Line, tok: _Tok) -> str | None:
        value, err = _parse_string(tok.text)
        if err:
            self.error(line, f"invalid quoted string: {err}", (tok.start, tok.end))
        return value

    def version(self, line: _Line, verb: str, path: str, tok: _Tok, fix: bool = True) -> str | None:
        """parseVersion; ``fix=False`` is x/mod's no-op fixer for retract's first pass."""
        where = f"{verb} {path}" if path else verb

        def fail(msg: str) -> None:
            self.error(line, f"{where}: {msg}", (tok.start, tok.end))

        v, err = _parse_string(tok.text)
        if v is None:
            return fail(f"version {go_quote(tok.text)} invalid: {err}")
        if not fix:
            return v
        if not self.cmd_go_fix:  # no fixer: must be semver, then canonicalised
            if not SEMVER_RE.fullmatch(v):
                return fail(f"version {go_quote(v)} invalid: must be of the form v1.2.3")
            return _canonical(v)
        ok, major = _split_path_version(path)
        if not ok:
            return fail(f"version {go_quote(v)} invalid: malformed module path {go_quote(path)}")
        if CANONICAL_RE.fullmatch(v) and (msg := _check_path_major(v, major)):
            return fail(msg)
        return v

    def one_arg(self, line: _Line, args: list[_Tok], usage: str) -> bool:
        if len(args) != 1:
            self.error(line, usage)
        return len(args) == 1

    def add(self, line: _Line, verb: str, args: list[_Tok]) -> None:
        r, work = self.r, self.kind == "go.work"
        if verb in ("go", "toolchain"):
            if (r.go if verb == "go" else r.toolchain) is not None:
                self.error(line, f"repeated {verb} statement")
            elif self.one_arg(line, args, f"{verb} directive expects exactly one argument"):
                arg = args[0]
                if verb == "go" and not GO_VERSION_RE.fullmatch(arg.text):
                    self.error(line, f"invalid go version '{arg.text}': must match format 1.23.0",
                               (arg.start, arg.end))
                elif verb == "toolchain" and not TOOLCHAIN_RE.fullmatch(arg.text):
                    self.error(line, f"invalid toolchain version '{arg.text}': must match format go1.23.0 "
                                     "or default", (arg.start, arg.end))
                elif verb == "go":
                    r.go = arg
                else:
                    r.toolchain = arg
        elif verb == "godebug":
            if len(args) != 1 or any(c in args[0].text for c in "\"`',") or "=" not in args[0].text:
                self.error(line, "usage: godebug key=value")
        elif verb == "replace":
            self.replace(line, args)
        elif work and verb == "use":
            if self.one_arg(line, args, "usage: use local/dir"):
                value = self.string_arg(line, args[0])
                if value is not None:
                    r.uses.append((value, args[0]))
        elif work:
            self.error(line, f"unknown directive: {verb}", (line.toks[0].start, line.toks[0].end))
        elif verb == "module":
            if r.module_seen:
                self.error(line, "repeated module statement")
                return
            r.module_seen = True
            if self.one_arg(line, args, "usage: module module/path"):
                value = self.string_arg(line, args[0])
                if value is not None:
                    r.module = (value, args[0])
        elif verb in ("require", "exclude"):
            if len(args) != 2:
                self.error(line, f"usage: {verb} module/path v1.2.3")
                return
            path = self.string_arg(line, args[0])
            if path is not None:
                version = self.version(line, verb, path, args[1])
                if verb == "require" and version is not None:
                    self.r.requires.append((path, version, _span(args)))  # path and version, not the verb
        elif verb == "retract":
            self.retract(line, args)
        elif verb in ("tool", "ignore"):
            if self.one_arg(line, args, f"{verb} directive expects exactly one argument"):
                self.string_arg(line, args[0])
        else:
            self.error(line, f"unknown directive: {verb}", (line.toks[0].start, line.toks[0].end))

    def retract(self, line: _Line, args: list[_Tok]) -> None:
        """parseVersionInterval: ``v`` or ``[low, high]``, then nothing more."""
        texts = [t.text for t in args]
        if not texts or texts[0] == "(":
            return self.error(line, "expected '[' or version")
        # (index, required token or None for a version, message when it is missing)
        shape = [(0, None, "")] if texts[0] != "[" else [
            (1, None, "expected version after '['"), (2, ",", "expected ',' after version"),
            (3, None, "expected version after ','"), (4, "]", "expected ']' after version")]
        versions = []
        for i, want, msg in shape:
            if len(texts) <= i or (want is not None and texts[i] != want):
                return self.error(line, msg)
            if want is None:
                if self.version(line, "retract", "", args[i], fix=False) is None:
                    return None
                versions.append(args[i])
        rest = shape[-1][0] + 1
        if len(texts) > rest:
            return self.error(line, f"unexpected token after version: {go_quote(texts[rest])}")
        self.r.retracts.append((line, versions))
        return None

    def replace(self, line: _Line, args: list[_Tok]) -> None:
        verb, texts = "replace", [t.text for t in args]
        arrow = 1 if len(texts) >= 2 and texts[1] == "=>" else 2
        if len(texts) < arrow + 2 or len(texts) > arrow + 3 or texts[arrow] != "=>":
            return self.error(line, _REPLACE_USAGE.format(verb))
        old = self.string_arg(line, args[0])
        if old is None:
            return None
        ok, major = _split_path_version(old)
        if not ok:
            return self.error(line, f"{verb} {old}: invalid module path")
        v: str | None = ""
        if arrow == 2:
            v = self.version(line, verb, old, args[1])
            if v is None:
                return None
            if not self.cmd_go_fix and (msg := _check_path_major(v, major)):
                return self.error(line, f"{verb} {old}: {msg}", (args[1].start, args[1].end))
        new = self.string_arg(line, args[arrow + 1])
        if new is None:
            return None
        if len(texts) == arrow + 2:
            if not _is_directory_path(new):
                if "@" in new:
                    return self.error(line, "replacement module must match format 'path version', "
                                            "not 'path@version'")
                return self.error(line, "replacement module without version must be directory path "
                                        "(rooted or starting with . or ..)")
            if not self.windows and "\\" in new:
                return self.error(line, "replacement directory appears to be Windows path "
                                        "(on a non-windows system)")
            self.r.replaces.append((old, v or "", new, "", _span(args)))
        elif (nv := self.version(line, verb, new, args[arrow + 2])) is not None:
            if _is_directory_path(new):
                return self.error(line, f"replacement module directory path {go_quote(new)} cannot have version")
            self.r.replaces.append((old, v or "", new, nv, _span(args)))
        return None


# ---------------------------------------------------------------- lax reading (GoModLookup, ModulePath)

def _lax_value(text: str, key: str) -> tuple[str, int, int] | None:
    """gover.GoModLookup: the first line that, trimmed, starts with ``key`` + space/tab; ``//`` dropped."""
    offset = 0
    for raw in text.split("\n"):
        line_start, offset = offset, offset + len(raw) + 1
        lead = len(raw) - len(raw.lstrip(_GO_SPACE))
        line = raw.strip(_GO_SPACE)
        if not line.startswith(key) or line[len(key):len(key) + 1] not in (" ", "\t"):
            continue
        rest = line[len(key):].split("//", 1)[0]
        value = rest.strip(_GO_SPACE)
        if not value:
            return None
        start = line_start + lead + len(key) + rest.index(value)
        return value, start, start + len(value)
    return None


def _lax_module(text: str) -> tuple[str, int, int] | None:
    """modfile.ModulePath: tolerant of everything else in the file."""
    offset = 0
    for raw in text.split("\n"):
        line_start, offset = offset, offset + len(raw) + 1
        cut = raw.split("//", 1)[0]
        line = cut.strip(_GO_SPACE)
        if not line.startswith("module"):
            continue
        rest = line[len("module"):]
        value = rest.strip(_GO_SPACE)
        if len(value) == len(rest) or value in ("", "("):  # ModulePath would return "(" for a block
            continue
        start = line_start + len(cut) - len(cut.lstrip(_GO_SPACE)) + len("module") + rest.index(value)
        span = (start, start + len(value))
        if value[0] == "`":
            ok = len(value) >= 2 and value[-1] == "`" and "`" not in value[1:-1]
            return (value[1:-1].replace("\r", ""), *span) if ok else None
        if value[0] == '"':
            unquoted = _go_unquote(value)
            return (unquoted, *span) if unquoted is not None else None
        return value, *span
    return None


# ---------------------------------------------------------------- entry point

@dataclass(frozen=True)
class ParsedModFile:
    """The directives goenv-lsp reads, and the problems in the go command's words (no position prefix)."""

    problems: tuple[FileProblem, ...]
    go_messages: tuple[str, ...]  # each problem as cmd/go prints it: "go.mod:3: invalid go version …"
    module: Spanned | None = None
    go: Spanned | None = None
    toolchain: Spanned | None = None
    uses: tuple[Spanned, ...] = ()
    requires: tuple[ModRequire, ...] = ()
    replaces: tuple[ModReplace, ...] = ()


def _prefix(name: str, line: int, col: int) -> str:
    """``modfile.Error.Error``: the column only when it is past the first."""
    return f"{name}:{line}:{col}: " if col > 1 else f"{name}:{line}: "


def parse_modfile(data: bytes, name: str, kind: str, windows: bool = False) -> ParsedModFile:
    """Parse go.mod (``kind="go.mod"``) or go.work (``kind="go.work"``) bytes; ``name`` is the base name
    the go command prints; ``windows``: the machine is Windows (backslash replacement paths are valid
    there). Never raises."""
    try:
        return _parse(data, kind, name, windows)
    except Exception as exc:  # a bug must not take the server down; x/mod does the same
        message = f"internal error: {exc}"
        return ParsedModFile((FileProblem(message),), (f"{name}: {message}",))


def _parse(data: bytes, kind: str, name: str, windows: bool) -> ParsedModFile:
    kind_rules = "go.work" if kind == "go.work" else "go.mod"
    problems: list[tuple[str, int, int, int]] = []  # message, at (for the prefix), start, end
    result: _Result | None = None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        text = data.decode("utf-8", "replace")
        at = len(data[:exc.start].decode("utf-8", "replace"))
        problems.append(("invalid UTF-8 encoding", at, at, at + 1))
    else:
        if "\0" in text:
            at = text.index("\0")
            problems.append(("file contains a NUL byte (binary data, not a text file)", at, at, at + 1))
    doc = LineIndex(text, newlines="lf")

    def where(offset: int) -> tuple[int, int]:
        return doc.line_of(offset) + 1, doc.rune_column(offset)

    if not problems:
        try:
            stmts = _Reader(text, name, where).parse_file()
        except _SyntaxError as err:
            problems.append((err.message, err.at, err.start, err.end))
        else:
            result = _Interpreter(kind_rules, windows).run(stmts)
            problems += result.problems

    def spanned(value: str, start: int, end: int) -> Spanned:
        return Spanned(value, doc.range(start, end))

    def tok(t: _Tok | None, value: str | None = None) -> Spanned | None:
        return None if t is None else spanned(t.text if value is None else value, t.start, t.end)

    module = go = toolchain = None
    uses: tuple[Spanned, ...] = ()
    requires: tuple[ModRequire, ...] = ()
    replaces: tuple[ModReplace, ...] = ()
    if result is not None:
        module = tok(result.module[1], result.module[0]) if result.module else None
        go, toolchain = tok(result.go), tok(result.toolchain)
        uses = tuple(spanned(value, t.start, t.end) for value, t in result.uses)
        requires = tuple(ModRequire(p, v, doc.range(*span)) for p, v, span in result.requires)
        replaces = tuple(ModReplace(*fields, doc.range(*span)) for *fields, span in result.replaces)
    if problems:
        if go is None and (lax := _lax_value(text, "go")):
            go = spanned(*lax)
        if toolchain is None and (lax := _lax_value(text, "toolchain")):
            toolchain = spanned(*lax)
        if module is None and kind_rules == "go.mod" and (lax := _lax_module(text)):
            module = spanned(*lax)
    return ParsedModFile(
        problems=tuple(FileProblem(message, doc.range(start, end)) for message, _, start, end in problems),
        go_messages=tuple(_prefix(name, *where(at)) + message for message, at, _, _ in problems),
        module=module, go=go, toolchain=toolchain, uses=uses, requires=requires, replaces=replaces)
