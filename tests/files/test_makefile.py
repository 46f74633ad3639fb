"""The Makefile kind: recipe lines as commands, with their positions; the rest of make's syntax is skipped."""

from __future__ import annotations

import textwrap

from goenv_lsp.facts import Status
from goenv_lsp.facts.paths import POSIX
from goenv_lsp.files import kind_of
from goenv_lsp.files.base import ParseContext
from goenv_lsp.files.makefile import parse_makefile
from goenv_lsp.model import Range

CTX = ParseContext("/w", "/home/dev", POSIX)


def commands(text: str) -> list[tuple[str, Range]]:
    return [(c.value, c.range) for c in parse_makefile(textwrap.dedent(text).encode(), "/w/Makefile", CTX).commands]


def test_recipe_lines_without_their_prefixes() -> None:
    found = commands("""\
        GO ?= go
        .PHONY: gen
        gen: deps ; @echo inline
        \t@$(GO) install golang.org/x/tools/cmd/stringer@latest
        \t-protoc --go_out=. \\
        \t  --go-grpc_out=. api.proto
        """)
    assert found == [("echo inline", Range.of(2, 13, 24)),
                     ("$(GO) install golang.org/x/tools/cmd/stringer@latest", Range.of(3, 2, 54)),
                     ("protoc --go_out=. \\", Range.of(4, 2, 21)),
                     ("  --go-grpc_out=. api.proto", Range.of(5, 1, 28))]


def test_assignments_defines_and_orphan_tab_lines_are_no_recipes() -> None:
    assert commands("""\
        VAR := a:b
        \techo orphan
        define BODY
        \techo in define
        endef
        x: A = b
        \techo target-specific variable
        """) == []


def test_comments_blank_lines_and_conditionals_keep_the_rule_open() -> None:
    assert [c for c, _ in commands("""\
        all:
        # a comment

        ifeq ($(X),1)
        \techo one
        else
        \techo other
        endif
        OTHER = 1
        \techo closed
        """)] == ["echo one", "echo other"]


def test_recipe_prefix_and_crlf() -> None:
    text = ".RECIPEPREFIX = >\r\nall:\r\n>go get -u ./...\r\n"
    assert parse_makefile(text.encode(), "/w/Makefile", CTX).commands[0].value == "go get -u ./..."


def test_names_and_bad_bytes() -> None:
    for name in ("Makefile", "makefile", "GNUmakefile", "rules.mk"):
        found = kind_of(f"/w/sub/{name}", "/w", POSIX)
        assert found is not None and found.name == "makefile"
    assert parse_makefile(b"all:\n\t\xff\n", "/w/Makefile", CTX).status is Status.MALFORMED


def test_real_files_reach_ge811(tmp_path, probe_real) -> None:
    """A Makefile and a //go:generate line on disk, read by the real collector: GE811 points at both."""
    import testbed

    from goenv_lsp.engine import evaluate
    from goenv_lsp.rules import by_code

    ws = tmp_path / "ws"
    (ws / "tools").mkdir(parents=True)
    (ws / "go.mod").write_text("module example.com/app\n\ngo 1.27.3\n\nrequire golang.org/x/tools v0.30.0\n")
    (ws / "tools" / "tools.mk").write_text("tools:\n\tgo install golang.org/x/tools/cmd/stringer@latest\n")
    (ws / "kind.go").write_text("package app\n\n//go:generate go run golang.org/x/tools/cmd/goyacc@latest\n")
    facts = probe_real(ws, testbed.isolated_env(tmp_path, []))
    found = sorted((f.location.path, f.location.range.start.line, f.location.range.start.character)
                   for f in evaluate(facts, rules=[by_code("GE811")]))
    assert found == [(str(ws / "kind.go"), 2, 21), (str(ws / "tools" / "tools.mk"), 1, 12)]
