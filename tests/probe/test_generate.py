"""goenv_lsp.probe.generate: the workspace's //go:generate lines and the generator programs PATH runs, read
through the System seam (nothing run); skipped when no selected rule reads them."""

from __future__ import annotations

import asyncio

from goenv_lsp.inputs.snapshot import dumps, loads
from goenv_lsp.model import Range
from goenv_lsp.probe import ProbeOptions, collect
from goenv_lsp.probe.fake import FakeSystem
from goenv_lsp.probe.generate import MAX_DIRECTIVES, directives

MACHINE = """
[env]
HOME = "/home/dev"
PATH = "/usr/local/go/bin:/usr/bin"
[files]
"/work/app/go.mod" = "module example.com/app\\n\\ngo 1.27.3\\n"
"/work/app/a.go" = "package a\\n\\n//go:generate stringer -type=A\\n// //go:generate not-a-directive\\n"
"/work/app/b.go" = "package a\\n"
"/work/app/w_windows.go" = "package a\\n//go:generate windows-only\\n"
"/work/app/gen.go" = "//go:build ignore\\n\\npackage main\\n//go:generate ignored\\n"
"/work/app/_old.go" = "package a\\n//go:generate underscore\\n"
"/work/app/vendor/x/c.go" = "package x\\n//go:generate vendored\\n"
"/work/app/Makefile" = "gen:\\n\\tprotoc --go_out=. a.proto\\n"
[[go]]
root = "/usr/local/go"
version = "1.27.3"
[[executables]]
path = "/usr/bin/stringer"
build = { path = "golang.org/x/tools/cmd/stringer", module_path = "golang.org/x/tools", module_version = "v0.30.0" }
[[executables]]
path = "/usr/bin/protoc"
"""


def probe(options: ProbeOptions | None = None):
    return asyncio.run(collect("/work/app", options or ProbeOptions(), FakeSystem.from_fixture(MACHINE)))


def test_directives_and_the_programs_they_run() -> None:
    facts = probe()
    [file] = facts.go_generate
    assert file.path == "/work/app/a.go" and file.kind == "go"
    assert [(c.value, c.range) for c in file.commands] == [("stringer -type=A", Range.of(2, 14, 30))]
    assert facts.path_commands["stringer"] == "/usr/bin/stringer"
    assert facts.path_commands["protoc"] == "/usr/bin/protoc" and facts.path_commands["protoc-gen-go"] == ""
    by_name = {t.name: t for t in facts.generators}
    assert by_name["stringer"].module_version == "v0.30.0" and by_name["protoc"].package is None


def test_not_read_unless_a_rule_needs_them_and_kept_in_snapshots() -> None:
    assert probe(ProbeOptions(go_generate=False)).go_generate is None
    facts = probe()
    assert loads(dumps(facts)).go_generate == facts.go_generate


def test_directive_lines_only_at_the_start_and_capped() -> None:
    found = directives(b"//go:generate a\r\n  //go:generate b\n//go:generatex c\n//go:generate\td\n")
    assert [c.value for c in found] == ["a", "d"]
    many = b"".join(b"//go:generate x\n" for _ in range(MAX_DIRECTIVES + 10))
    assert len(directives(many)) == MAX_DIRECTIVES + 10  # per file; the probe caps the total
