"""The version managers' files: .go-version, .tool-versions, mise configs, gvm's default — their Go version with
its exact range, pins for GE801 only for concrete versions, the global files only with home-files on."""

from __future__ import annotations

import asyncio

import pytest

from goenv_lsp.facts import Status
from goenv_lsp.facts.paths import POSIX
from goenv_lsp.files import ParseContext, kind, parse
from goenv_lsp.model import Range
from goenv_lsp.probe import ProbeOptions, collect
from goenv_lsp.probe.fake import FakeSystem

CTX = ParseContext("/work/app", "/home/dev", POSIX)


def parsed(kind_name: str, text: str | bytes):
    data = text.encode() if isinstance(text, str) else text
    return parse(kind(kind_name), data, "/work/app/x", CTX)


def test_go_version_first_word() -> None:
    facts = parsed("go-version", "\n  1.22.3 1.21.0\n")
    assert facts.version.value == "1.22.3"
    assert facts.version.range == Range.of(1, 2, 8)
    [pin] = facts.go_pins
    assert (pin.version, pin.text, pin.range, pin.label) == ("1.22.3", "1.22.3", Range.of(1, 2, 8), ".go-version")


@pytest.mark.parametrize("text", ["", "latest\n", "system\n", "1.22.x\n", "\xff\xfe junk"])
def test_go_version_without_a_concrete_release_pins_nothing(text: str) -> None:
    facts = parsed("go-version", text.encode("latin-1"))
    assert facts.go_pins == ()
    assert facts.status is Status.OK


def test_tool_versions_go_line_with_comments_and_fallbacks() -> None:
    facts = parsed("tool-versions", "# tools\nnodejs 22.1.0\r\ngolang 1.22.3 1.21.13 # pinned\ngolang 1.20.0\n")
    assert facts.tool.value == "golang"
    assert [v.value for v in facts.versions] == ["1.22.3", "1.21.13"]  # the first Go line, as asdf reads it
    [pin] = facts.go_pins
    assert (pin.version, pin.range, pin.label) == ("1.22.3", Range.of(2, 7, 13), ".tool-versions golang")


def test_tool_versions_mise_spelling_and_no_go() -> None:
    assert parsed("tool-versions", "go 1.23rc1\n").go_pins[0].version == "1.23rc1"
    nothing = parsed("tool-versions", "nodejs 22\n# golang 1.22.3\n")
    assert (nothing.tool, nothing.versions, nothing.go_pins) == (None, (), ())


def test_tool_versions_not_utf8_is_malformed() -> None:
    assert parsed("tool-versions", b"golang \xff\n").status is Status.MALFORMED


@pytest.mark.parametrize(("text", "version", "range_"), [
    ('[tools]\nnode = "22"\ngo = "1.22"  # team\n', "1.22", Range.of(2, 6, 10)),
    ("[tools]\n'go' = ['1.22.3', '1.21']\n", "1.22.3", Range.of(1, 9, 15)),
    ('[tools]\ngo = { version = "1.21.13", os = ["linux"] }\n', "1.21.13", Range.of(1, 18, 25)),
    ('[tools.go]\nversion = "1.28rc1"\n', "1.28rc1", Range.of(1, 11, 18)),
    ('tools.go = "1.24.0"\n', "1.24.0", Range.of(0, 12, 18)),
])
def test_mise_forms(text: str, version: str, range_: Range) -> None:
    facts = parsed("mise-config", text)
    assert (facts.go.value, facts.go.range) == (version, range_)
    assert facts.go_pins[0].version == version


def test_mise_not_concrete_and_bad_toml() -> None:
    assert parsed("mise-config", '[tools]\ngo = "latest"\n').go_pins == ()
    assert parsed("mise-config", '[tools]\ngo = "prefix:1.22"\n').go_pins == ()
    bad = parsed("mise-config", "[tools\ngo = 1\n")
    assert bad.status is Status.MALFORMED and "not valid TOML" in bad.problems[0].message


def test_gvm_default_names_its_go() -> None:
    text = ('# Automatically generated file. DO NOT EDIT!\nexport GVM_ROOT; GVM_ROOT="/home/dev/.gvm"\n'
            'export gvm_go_name; gvm_go_name="go1.22.3"\n')
    facts = parsed("gvm-default", text)
    assert facts.go_name.value == "go1.22.3"
    assert facts.go_name.range == Range.of(2, 33, 41)


MACHINE = """
os = "linux"
[env]
HOME = "/home/dev"
PATH = "/usr/local/go/bin:/usr/bin"
GOENV_ROOT = "/opt/goenv"
[files]
"/work/app/go.mod" = "module m\\n\\ngo 1.27.3\\n"
"/work/app/.tool-versions" = "golang 1.27.3\\n"
"/work/app/svc/deep/.go-version" = "1.27.3\\n"
"/work/app/.mise/config.toml" = "[tools]\\ngo = '1.27'\\n"
"/work/app/tools/.mise.toml" = "[tools]\\ngo = '1.27'\\n"
"/home/dev/.tool-versions" = "golang 1.22.3\\n"
"/opt/goenv/version" = "1.22.3\\n"
"/home/dev/.config/mise/config.toml" = "[tools]\\ngo = '1.22'\\n"
"/home/dev/.gvm/environments/default" = "gvm_go_name=go1.21.13\\n"
[[go]]
root = "/usr/local/go"
version = "1.27.3"
"""


def facts_of(home_files: bool):
    system = FakeSystem.from_fixture(MACHINE)
    return asyncio.run(collect("/work/app", ProbeOptions(home_files=home_files), system)), system


def test_the_probe_finds_the_workspace_files_at_any_depth_and_the_global_ones() -> None:
    facts, _ = facts_of(home_files=True)
    found = {path: file.kind for path, file in facts.files.items()}
    assert found["/work/app/.tool-versions"] == "tool-versions"
    assert found["/work/app/svc/deep/.go-version"] == "go-version"
    assert found["/work/app/.mise/config.toml"] == "mise-config-dir"
    assert found["/work/app/tools/.mise.toml"] == "mise-config"
    assert found["/home/dev/.tool-versions"] == "tool-versions-global"
    assert found["/opt/goenv/version"] == "goenv-version"  # $GOENV_ROOT moves it
    assert found["/home/dev/.config/mise/config.toml"] == "mise-config-global"
    assert found["/home/dev/.gvm/environments/default"] == "gvm-default"
    assert facts.file("/home/dev/.tool-versions").go_pins == ()  # global files are no module's pins


def test_home_files_off_reads_none_of_them() -> None:
    facts, system = facts_of(home_files=False)
    looked_at = {call[1] for call in system.calls if call[0] in ("read", "stat", "list")}
    managers = ("/home/dev/.tool-versions", "/opt/goenv", "/home/dev/.config/mise", "/home/dev/.gvm",
                "/home/dev/.asdf", "/home/dev/.local/share/mise", "/home/dev/.g", "/home/dev/.go")
    assert not {p for p in looked_at if p.startswith(managers)}
    assert "/work/app/.tool-versions" in facts.files
    assert facts.version_managers is None
