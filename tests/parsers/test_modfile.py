"""goenv_lsp.files._modfile: strict go.mod / go.work parsing as cmd/go does it, with lax recovery."""

from __future__ import annotations

import os
import random
import re
import subprocess
from pathlib import Path

import pytest
import testbed  # type: ignore[import-not-found]

from goenv_lsp.facts import PathFlavor, PathOps, Status
from goenv_lsp.facts.paths import POSIX, WINDOWS
from goenv_lsp.files._modfile import parse_modfile
from goenv_lsp.files.base import ParseContext
from goenv_lsp.files.go_mod import ModFileFacts, parse_mod
from goenv_lsp.model import Position, Range

VALID_MOD = """\
// Package comment.
module example.com/app // the main module

go 1.22.0
toolchain go1.23.4

godebug (
\tdefault=go1.21
\tpanicnil=1
)

require (
\tgolang.org/x/mod v0.20.0
\tgolang.org/x/sys v0.25.0 // indirect
)

require example.com/other/v2 v2.1.0
exclude golang.org/x/net v0.1.0

replace (
\tgolang.org/x/sys => ../sys
\texample.com/old v1.0.0 => example.com/new v1.2.0
)
replace "example.com/quoted" => "./q"

retract (
\tv1.0.0 // published by mistake
\t[v1.1.0, v1.2.0]
)

tool golang.org/x/tools/cmd/stringer
ignore ./node_modules
"""

VALID_WORK = """\
go 1.23.0
toolchain go1.23.4

use (
\t./app // main
\t"./with space"
)
use ./tools

replace example.com/a v1.0.0 => ./a
godebug default=go1.21
"""


CTX = ParseContext(root="/work/project", home=None, paths=PathOps(PathFlavor.POSIX))
PREFIX = re.compile(r"go\.(mod|work):[0-9]+(:[0-9]+)?: ")  # modfile.Error's "<file>:<line>[:<col>]: "


def parse(src: str | bytes, kind: str = "go.mod", path: str | None = None) -> ModFileFacts:
    """The kind-level parse: the facts the probe records for the file."""
    data = src.encode() if isinstance(src, str) else src
    return parse_mod(data, path or f"/work/project/{kind}", CTX, kind)


def messages(src: str | bytes, kind: str = "go.mod") -> list[str]:
    return [p.message for p in parse(src, kind).problems]


def go_messages(src: str | bytes, kind: str = "go.mod") -> list[str]:
    """The problems as the go command prints them (with the file:line[:col] prefix)."""
    data = src.encode() if isinstance(src, str) else src
    return list(parse_modfile(data, kind, kind).go_messages)


def unprefixed(message: str) -> str:
    assert PREFIX.match(message), message
    return PREFIX.sub("", message, count=1)


# ---------------------------------------------------------------- valid files

def test_valid_go_mod() -> None:
    f = parse(VALID_MOD)
    assert (f.status, f.problems, f.kind, f.path) == (Status.OK, (), "go.mod", "/work/project/go.mod")
    assert f.module is not None and f.go is not None and f.toolchain is not None
    assert (f.module.value, f.module.range) == ("example.com/app", Range.of(1, 7, 22))
    assert (f.go.value, f.go.range) == ("1.22.0", Range.of(3, 3, 9))
    assert (f.toolchain.value, f.toolchain.range) == ("go1.23.4", Range.of(4, 10, 18))
    assert f.uses == ()


def test_valid_go_mod_with_crlf() -> None:
    f = parse(VALID_MOD.replace("\n", "\r\n"))
    assert f.status is Status.OK, f.problems
    assert f.module is not None and f.go is not None
    assert (f.module.value, f.go.value, f.go.range) == ("example.com/app", "1.22.0", Range.of(3, 3, 9))


def test_quoted_module_path_is_unquoted_but_range_keeps_quotes() -> None:
    f = parse('module "example.com/q\\u00e9"\n')
    assert f.module is not None
    assert (f.status, f.module.value, f.module.range) == (Status.OK, "example.com/qé", Range.of(0, 7, 28))


def test_valid_go_work() -> None:
    f = parse(VALID_WORK, "go.work")
    assert (f.status, f.problems, f.module) == (Status.OK, (), None)
    assert f.go is not None and f.toolchain is not None
    assert (f.go.value, f.toolchain.value) == ("1.23.0", "go1.23.4")
    assert [(u.value, u.range) for u in f.uses] == [
        ("./app", Range.of(4, 1, 6)),
        ("./with space", Range.of(5, 1, 15)),
        ("./tools", Range.of(7, 4, 11)),
    ]


@pytest.mark.parametrize("src", ["", "\n\n", "// just a comment\n\n// another\n", "\r\n"])
def test_empty_and_comment_only_files(src: str) -> None:
    f = parse(src)
    assert (f.status, f.problems, f.module, f.go, f.toolchain) == (Status.OK, (), None, None, None)


def test_valid_versions_and_forms() -> None:
    ok = ["go 1.21rc1", "go 1.21.0rc1", "go 1.21.0", "toolchain default", "toolchain go1",
          "toolchain go1.21.3-custom", "require ( )", "retract [v1.0.0, v1.0.0] // why",
          "require gopkg.in/yaml.v2 v2.4.0", "require example.com/a v2.0.0+incompatible",
          "require gopkg.in/check.v1 v0.0.0-20161208181325-20d25e280405", "replace a => C:/dir",
          "require example.com/a master"]  # non-canonical: cmd/go resolves it over the network
    for line in ok:
        assert messages(f"module example.com/m\n{line}\n") == [], line


# ---------------------------------------------------------------- errors (texts checked against go1.27.3)

MOD, WORK = "go.mod", "go.work"
ERROR_CASES: list[tuple[str, str, list[str]]] = [
    # go / toolchain / module
    (MOD, "module x\ngo 1.22.x\n", ["go.mod:2: invalid go version '1.22.x': must match format 1.23.0"]),
    (MOD, "module x\n  go 1.21.0.1\n",
     ["go.mod:2:3: invalid go version '1.21.0.1': must match format 1.23.0"]),
    (MOD, 'module x\ngo "1.21"\n', ["go.mod:2: invalid go version '\"1.21\"': must match format 1.23.0"]),
    (MOD, "module x\ngo 1\n", ["go.mod:2: invalid go version '1': must match format 1.23.0"]),
    (MOD, "module x\ngo 01.2\n", ["go.mod:2: invalid go version '01.2': must match format 1.23.0"]),
    (MOD, "module x\ngo\n", ["go.mod:2: go directive expects exactly one argument"]),
    (MOD, "module x\ngo 1.21 1.22\n", ["go.mod:2: go directive expects exactly one argument"]),
    (MOD, "module x\ngo 1.21\ngo 1.x\ngo 1.22\n",
     ["go.mod:3: repeated go statement", "go.mod:4: repeated go statement"]),
    (MOD, "module x\ngo 1.x\ngo 1.22\n", ["go.mod:2: invalid go version '1.x': must match format 1.23.0"]),
    (MOD, "module x\ntoolchain 1.21\n",
     ["go.mod:2: invalid toolchain version '1.21': must match format go1.23.0 or default"]),
    (MOD, "module x\ntoolchain local\n",
     ["go.mod:2: invalid toolchain version 'local': must match format go1.23.0 or default"]),
    (MOD, "module x\ntoolchain\n", ["go.mod:2: toolchain directive expects exactly one argument"]),
    (MOD, "module x\ntoolchain go1.21\ntoolchain go1.22\n", ["go.mod:3: repeated toolchain statement"]),
    (MOD, "module x\nmodule y\n", ["go.mod:2: repeated module statement"]),
    (MOD, "module x y\nmodule z\n", ["go.mod:1: usage: module module/path", "go.mod:2: repeated module statement"]),
    (MOD, "module\n", ["go.mod:1: usage: module module/path"]),
    (MOD, "module 'x'\n", ["go.mod:1: invalid quoted string: unquoted string cannot contain quote"]),
    (MOD, "module `x`\n", ["go.mod:1: invalid quoted string: unquoted string cannot contain quote"]),
    (MOD, 'module "a\\q"\n', ["go.mod:1: invalid quoted string: invalid syntax"]),
    # other directives
    (MOD, "module x\nfrobnicate 1\n", ["go.mod:2: unknown directive: frobnicate"]),
    (MOD, 'module x\n"go" 1.21\n', ['go.mod:2: unknown directive: "go"']),
    (MOD, "module x\nfoo (\n  a\n)\n", ["go.mod:2: unknown block type: foo"]),
    (MOD, "module x\nrequire foo (\n  a\n)\n", ["go.mod:2: unknown block type: require foo"]),
    (MOD, "module x\ngo (\n 1.21\n)\n", ["go.mod:2: unknown block type: go"]),
    (MOD, "module x\nrequire a\n", ["go.mod:2: usage: require module/path v1.2.3"]),
    (MOD, "module x\nexclude a b c\n", ["go.mod:2: usage: exclude module/path v1.2.3"]),
    (MOD, "module x\nrequire (\n\tfoo\n)\n", ["go.mod:3:2: usage: require module/path v1.2.3"]),
    (MOD, "module x\nrequire a v1.0.0'\n",
     ["go.mod:2: require a: version \"v1.0.0'\" invalid: unquoted string cannot contain quote"]),
    (MOD, "module x\nrequire 'a' v1.0.0\n",
     ["go.mod:2: invalid quoted string: unquoted string cannot contain quote"]),
    (MOD, "module x\nrequire example.com/a/v2 v1.0.0\n",
     ['go.mod:2: require example.com/a/v2: version "v1.0.0" invalid: should be v2, not v1']),
    (MOD, "module x\nrequire example.com/a v2.0.0\n",
     ['go.mod:2: require example.com/a: version "v2.0.0" invalid: should be v0 or v1, not v2']),
    (MOD, "module x\nrequire example.com/v1 v1.0.0\n",
     ['go.mod:2: require example.com/v1: version "v1.0.0" invalid: malformed module path "example.com/v1"']),
    (MOD, "module x\nrequire gopkg.in/yaml v1.0.0\n",
     ['go.mod:2: require gopkg.in/yaml: version "v1.0.0" invalid: malformed module path "gopkg.in/yaml"']),
    (MOD, "module x\ngodebug foo\n", ["go.mod:2: usage: godebug key=value"]),
    (MOD, "module x\ngodebug a='b'\n", ["go.mod:2: usage: godebug key=value"]),
    (MOD, "module x\ngodebug a=b c=d\n", ["go.mod:2: usage: godebug key=value"]),
    (MOD, "module x\ntool\n", ["go.mod:2: tool directive expects exactly one argument"]),
    (MOD, "module x\ntool a b\n", ["go.mod:2: tool directive expects exactly one argument"]),
    (MOD, "module x\nignore a b\n", ["go.mod:2: ignore directive expects exactly one argument"]),
    # replace
    (MOD, "module x\nreplace a\n", ["go.mod:2: usage: replace module/path [v1.2.3] => other/module v1.4\n"
                                    "\t or replace module/path [v1.2.3] => ../local/directory"]),
    (MOD, "module x\nreplace a => b\n", ["go.mod:2: replacement module without version must be directory "
                                         "path (rooted or starting with . or ..)"]),
    (MOD, "module x\nreplace a => b@v1.0.0\n",
     ["go.mod:2: replacement module must match format 'path version', not 'path@version'"]),
    (MOD, "module x\nreplace a => ./b v1.0.0\n",
     ['go.mod:2: replacement module directory path "./b" cannot have version']),
    (MOD, "module x\nreplace a => .\\b\n",
     ["go.mod:2: replacement directory appears to be Windows path (on a non-windows system)"]),
    (MOD, "module x\nreplace example.com/v1 => ./b\n", ["go.mod:2: replace example.com/v1: invalid module path"]),
    (MOD, "module x\nreplace example.com/a => example.com/b/v2 v1.0.0\n",
     ['go.mod:2: replace example.com/b/v2: version "v1.0.0" invalid: should be v2, not v1']),
    (MOD, "module x\nreplace (\n  a => ./a\n  b =>\n)\n",
     ["go.mod:4:3: usage: replace module/path [v1.2.3] => other/module v1.4\n"
      "\t or replace module/path [v1.2.3] => ../local/directory"]),
    # retract
    (MOD, "module x\nretract\n", ["go.mod:2: expected '[' or version"]),
    (MOD, "module x\nretract [\n", ["go.mod:2: expected version after '['"]),
    (MOD, "module x\nretract [v1.0.0\n", ["go.mod:2: expected ',' after version"]),
    (MOD, "module x\nretract [v1.0.0,\n", ["go.mod:2: expected version after ','"]),
    (MOD, "module x\nretract [v1.0.0, v1.1.0\n", ["go.mod:2: expected ']' after version"]),
    (MOD, "module x\nretract v1.0.0 extra\n", ['go.mod:2: unexpected token after version: "extra"']),
    (MOD, "module x\nretract v1.0.0'\n",
     ["go.mod:2: retract: version \"v1.0.0'\" invalid: unquoted string cannot contain quote"]),
    (MOD, "go 1.21\nretract v1.0.0\nretract v1.1.0\n",
     ["go.mod:2: no module directive found, so retract cannot be used"]),
    (MOD, "module example.com/x/v2\nretract [v2.0.0, v1.0.0]\n",
     ['go.mod:2: retract example.com/x/v2: version "v1.0.0" invalid: should be v2, not v1']),
    # syntax errors: the first one stops parsing
    (MOD, "module x\ngo 1.21 /* x */\n", ["go.mod:2:9: mod files must use // comments (not /* */ comments)"]),
    (MOD, "module x\ngo 1.21/*\n", ["go.mod:2:8: mod files must use // comments (not /* */ comments)"]),
    (MOD, "module x\nrequire (\n\tx v1.0.0\n",
     ["go.mod:4: syntax error (unterminated block started at go.mod:2:1)"]),
    (MOD, "module x\nrequire (", ["go.mod:2:10: syntax error (unterminated block started at go.mod:2:1)"]),
    (MOD, "module x\nrequire (\n) x\n", ["go.mod:3:4: syntax error (expected newline after closing paren)"]),
    (MOD, "module x\nrequire ( ) x\ngo 1.x\n", ["go.mod:2: usage: require module/path v1.2.3",
                                             "go.mod:3: invalid go version '1.x': must match format 1.23.0"]),
    (MOD, 'module "x\ny\n', ["go.mod:1:10: unexpected newline in string"]),
    (MOD, 'module x\nrequire "a', ["go.mod:2:9: unexpected EOF in string"]),
    (MOD, "module x\nrequire `a", ["go.mod:2:9: unexpected EOF in string"]),
    (MOD, "\ufeffmodule x\n", ["go.mod:1: unexpected input character '\\ufeff'"]),
    (MOD, "module x\nrequire a\u00a0v1\n", ["go.mod:2:10: unexpected input character '\\u00a0'"]),
    (MOD, "module x\nrequire a v1\x01\n", ["go.mod:2:13: unexpected input character '\\x01'"]),
    (MOD, "module x\nrequire a v1\v\n", ["go.mod:2:13: unexpected input character '\\v'"]),
    # go.work
    (WORK, "go 1.22\nuse\n", ["go.work:2: usage: use local/dir"]),
    (WORK, "go 1.22\nuse a b\n", ["go.work:2: usage: use local/dir"]),
    (WORK, "go 1.22\nuse 'a'\n", ["go.work:2: invalid quoted string: unquoted string cannot contain quote"]),
    (WORK, "go 1.22\nmodule x\n", ["go.work:2: unknown directive: module"]),
    (WORK, "go 1.22\nrequire (\n a v1.0.0\n)\n", ["go.work:2: unknown block type: require"]),
    (WORK, "go 1.22.x\ntoolchain 1.2\nuse ./a\n",
     ["go.work:1: invalid go version '1.22.x': must match format 1.23.0",
      "go.work:2: invalid toolchain version '1.2': must match format go1.23.0 or default"]),
    (WORK, "go 1.22\ntoolchain go1.22.1\ntoolchain go1.23\n", ["go.work:3: repeated toolchain statement"]),
    (WORK, "go 1.22\nreplace example.com/a master => ./b\n",
     ['go.work:2: replace example.com/a: version "master" invalid: must be of the form v1.2.3']),
    (WORK, "go 1.22\nreplace example.com/a v2 => ./b\n",
     ['go.work:2: replace example.com/a: version "v2.0.0" invalid: should be v0 or v1, not v2']),
]


@pytest.mark.parametrize(("kind", "src", "want"), ERROR_CASES)
def test_error_messages(kind: str, src: str, want: list[str]) -> None:
    assert go_messages(src, kind) == want  # the go command's text, prefix included
    f = parse(src, kind)
    assert [p.message for p in f.problems] == [unprefixed(w) for w in want]  # facts: the message alone
    assert f.status is Status.MALFORMED
    assert all(p.range is not None for p in f.problems)


def test_go_messages_use_the_given_name() -> None:
    assert messages("go 1.x\n", "go.work") == ["invalid go version '1.x': must match format 1.23.0"]
    assert go_messages("go 1.x\n", "go.work") == ["go.work:1: invalid go version '1.x': must match format 1.23.0"]
    for paths, path, name in [(WINDOWS, "C:\\proj\\go.work", "go.work"), (POSIX, "rel/go.mod", "go.mod")]:
        assert paths.basename(path) == name  # what parse_mod passes as the name
        f = parse_modfile(b"go 1.x\n", paths.basename(path), "go.mod")
        assert f.go_messages[0].startswith(f"{name}:1: "), path
        assert f.problems[0].message == "invalid go version '1.x': must match format 1.23.0"


# ---------------------------------------------------------------- ranges

def test_problem_ranges() -> None:
    def ranges(src: str) -> list[Range | None]:
        return [p.range for p in parse(src).problems]

    assert ranges("module x\ngo 1.22.x\n") == [Range.of(1, 3, 9)]  # the version token
    assert ranges("module x\nrequire (\n\tfoo\n)\n") == [Range.of(2, 1, 4)]  # the block line
    assert ranges("module x\nrequire a b c\n") == [Range.of(1, 0, 13)]  # the whole statement
    assert ranges("module x\nfrob 1 2\n") == [Range.of(1, 0, 4)]  # the unknown verb
    assert ranges("module x\nfoo bar (\n)\n") == [Range.of(1, 0, 7)]  # the block's verb tokens
    assert ranges("module x\ngo 1.21 /* x */\n") == [Range.of(1, 8, 10)]
    # unterminated block: cmd/go reports the end of the file, the range points at the block's verb
    src = "module x\nrequire (\n\tx v1.0.0\n"
    assert go_messages(src)[0].startswith("go.mod:4: ")
    assert parse(src).problems[0].range == Range.of(1, 0, 7)
    assert ranges('module x\nrequire "ab') == [Range(Position(1, 8), Position(1, 11))]


def test_utf16_columns_after_non_bmp_characters() -> None:
    # The string token holds a non-BMP character: it counts 2 UTF-16 units, 1 rune in cmd/go's column.
    src = 'module x\nreplace "a😀" => example.com/b/v2 v1.0.0\n'
    assert go_messages(src) == [
        'go.mod:2: replace example.com/b/v2: version "v1.0.0" invalid: should be v2, not v1']
    assert parse(src).problems[0].range == Range.of(1, 34, 40)
    src = 'module "😀" /*\n'
    assert go_messages(src) == ["go.mod:1:12: mod files must use // comments (not /* */ comments)"]
    assert parse(src).problems[0].range == Range.of(0, 12, 14)
    f = parse('module "é😀" // x\ngo 1.21\n')
    assert f.module is not None and (f.module.value, f.module.range) == ("é😀", Range.of(0, 7, 12))
    f = parse("use (\n\t\"😀/a\" // x\n\t\"😀\"\n)\n", "go.work")
    assert [(u.value, u.range) for u in f.uses] == [("😀/a", Range.of(1, 1, 7)), ("😀", Range.of(2, 1, 5))]


# ---------------------------------------------------------------- junk and lax recovery

def test_nul_byte_is_malformed_but_go_line_still_read() -> None:
    src = b"module example.com/m\ngo 1.22.1\n// \x00\x01\x02\n"
    assert go_messages(src) == ["go.mod:3:4: file contains a NUL byte (binary data, not a text file)"]
    f = parse(src)
    assert f.status is Status.MALFORMED
    assert [p.message for p in f.problems] == ["file contains a NUL byte (binary data, not a text file)"]
    assert f.problems[0].range == Range.of(2, 3, 4)
    assert f.go is not None and f.module is not None
    assert (f.go.value, f.go.range, f.module.value) == ("1.22.1", Range.of(1, 3, 9), "example.com/m")


def test_invalid_utf8_is_malformed() -> None:
    src = b"module example.com/m\ntoolchain go1.23.0\nrequire a\xff\xfe v1.0.0\n"
    assert go_messages(src) == ["go.mod:3:10: invalid UTF-8 encoding"]
    f = parse(src)
    assert f.status is Status.MALFORMED
    assert [p.message for p in f.problems] == ["invalid UTF-8 encoding"]
    assert f.problems[0].range == Range.of(2, 9, 10)
    assert f.toolchain is not None and f.module is not None
    assert (f.toolchain.value, f.module.value) == ("go1.23.0", "example.com/m")


def test_lax_recovery_after_syntax_error() -> None:
    src = "module example.com/m // c\n\ngo 1.22.3 // trailing\ntoolchain go1.23.1\nrequire (\n\ta v1.0.0\n"
    assert go_messages(src) == ["go.mod:7: syntax error (unterminated block started at go.mod:5:1)"]
    f = parse(src)
    assert [p.message for p in f.problems] == ["syntax error (unterminated block started at go.mod:5:1)"]
    assert f.go is not None and f.toolchain is not None and f.module is not None
    assert (f.go.value, f.go.range) == ("1.22.3", Range.of(2, 3, 9))
    assert (f.toolchain.value, f.toolchain.range) == ("go1.23.1", Range.of(3, 10, 18))
    assert (f.module.value, f.module.range) == ("example.com/m", Range.of(0, 7, 20))


def test_lax_go_value_is_what_toolchain_selection_reads() -> None:
    # The strict parser rejects the version; GoModLookup still reads it (cmd/go then complains).
    f = parse("module m\n\t go 1.22.x // c\r\n")
    assert f.go is not None and (f.go.value, f.go.range) == ("1.22.x", Range.of(1, 5, 11))
    # A valid go line is kept from the strict parse even when another line is broken.
    f = parse("module m\ngo 1.21.0\nfrob\n")
    assert [p.message for p in f.problems] == ["unknown directive: frob"]
    assert f.go is not None and f.go.value == "1.21.0"
    # GoModLookup stops at the first matching line, even an empty one.
    assert parse("go // none\ngo 1.21\n/*\n").go is None
    # go.work: no module, even with a module-like line
    f = parse("module x\ngo 1.22\n/*", "go.work")
    assert (f.module, f.go and f.go.value) == (None, "1.22")


def test_lax_module_path() -> None:
    assert parse('module "a\\q"\n').module is None  # invalid quoted: ModulePath gives up
    f = parse("module `x/y`\n")  # backquotes: rejected strictly, read laxly
    assert f.status is Status.MALFORMED and f.module is not None and f.module.value == "x/y"
    f = parse("module (\n\tx/y\n)\n/*")
    assert f.module is None  # ModulePath needs the path on the module line (it would return "(")


def test_unknown_kind_is_parsed_as_go_mod() -> None:
    assert parse("module x\n", "something").status is Status.OK


def test_random_bytes_never_raise() -> None:
    rnd = random.Random(20240611)
    alphabet = b'ab ()[]{},"`\\/\n\r\t*=>.v019goe\xff\x00\xe2\x82\xf0\x9f'
    seeds = [VALID_MOD.encode(), VALID_WORK.encode(), VALID_MOD.replace("\n", "\r\n").encode()]
    samples: list[bytes] = []
    for _ in range(1500):
        samples.append(bytes(rnd.randrange(256) for _ in range(rnd.randrange(80))))
        samples.append(bytes(rnd.choice(alphabet) for _ in range(rnd.randrange(80))))
        seed = bytearray(rnd.choice(seeds))
        for _ in range(rnd.randrange(4)):
            seed[rnd.randrange(len(seed))] = rnd.choice(alphabet)
        samples.append(bytes(seed))
    for seed in seeds:
        samples += [seed[:n] for n in range(len(seed) + 1)]  # every truncation
    for data in samples:
        for kind in ("go.mod", "go.work"):
            parsed = parse_modfile(data, "go.mod", kind)
            assert len(parsed.go_messages) == len(parsed.problems)
            assert not any("internal error" in m for m in parsed.go_messages), data
            f = parse(data, kind)
            assert (f.status is Status.OK) == (not f.problems)
            assert not any("internal error" in p.message for p in f.problems), data


# ---------------------------------------------------------------- the same cases against the real go command

@pytest.mark.realgo
def test_error_cases_match_real_go(go127: Path, tmp_path: Path, go_env: testbed.EnvFactory) -> None:
    env = go_env([], GOENV="off", GOSUMDB="off")
    cases = [*ERROR_CASES, (MOD, VALID_MOD, []), (WORK, VALID_WORK, [])]
    for i, (kind, src, want) in enumerate(cases):
        work = tmp_path / str(i)
        work.mkdir()
        (work / kind).write_text(src)
        proc = subprocess.run([os.fspath(go127 / "bin/go"), "list", "-m"], cwd=work, capture_output=True,
                              text=True, env={**env, "GOFLAGS": "-mod=mod"} if kind == MOD else env)
        lines = proc.stderr.replace(f"{work}{os.sep}", "").splitlines()
        got: list[str] = []
        if lines and lines[0].startswith("go: errors parsing"):
            for line in lines[1:]:
                if line.startswith("\t or ") and got:
                    got[-1] += "\n" + line
                else:
                    got.append(line)
        assert got == want, (kind, src, proc.stderr)
