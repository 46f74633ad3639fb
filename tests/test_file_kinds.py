"""The file-kind registry and what derives from it: the probe reads every parsed kind, GE002 judges them all, the
server's watchers and buffers follow it, and the editor configurations are generated from it."""

from __future__ import annotations

from pathlib import Path

import pytest

from goenv_lsp.facts import FileFacts
from goenv_lsp.facts.paths import POSIX, WINDOWS
from goenv_lsp.files import KINDS, PARSED, Where, editors, kind, kind_of, watch_globs
from goenv_lsp.files.base import ParseContext
from goenv_lsp.rules import by_code

REPO = Path(__file__).resolve().parent.parent


def test_generated_editor_configurations_are_up_to_date() -> None:
    stale = [str(p.relative_to(REPO)) for p, text in editors.outputs(REPO).items()
             if p.read_text(encoding="utf-8") != text]
    assert not stale, f"run `{editors.REGENERATE}`: {stale}"


def test_every_editor_configuration_names_every_workspace_kind() -> None:
    """Each editor by its own identifier for the kind: VS Code's language id or a glob, Neovim's Lua pattern,
    Emacs's file name, Helix's language (kinds Helix has no language for are not attachable there),
    LSP4IJ's file name pattern."""
    text = {path: (REPO / path).read_text() for path in (*(b[0] for b in editors.BLOCKS), editors.LSP4IJ)}
    for k in editors.editor_kinds():
        for name in k.names:
            base = name.rsplit("/", 1)[-1]
            vscode = f'language: "{k.editor.vscode_language}"' if k.editor.vscode_language else f'pattern: "**/{name}"'
            assert vscode in text["vscode-extension/src/extension.ts"], (k.name, name)
            for lua in ("editors/nvim/lsp/goenv_lsp.lua", "editors/nvim/lua/goenv_lsp.lua"):
                assert f"'{editors._lua_pattern(k, name)}'" in text[lua], (lua, k.name, name)
            assert all(f'"{piece}"' in text["editors/emacs/goenv-lsp.el"] for piece in name.split("*") if piece), \
                (k.name, name)
            assert f'"{base}"' in text[editors.LSP4IJ], (k.name, name)
        if k.editor.helix_language:
            assert f'name = "{k.editor.helix_language}"' in text["editors/helix/languages.toml"], k.name


def test_kind_names_are_unique_and_parsed_kinds_have_their_facts_type() -> None:
    names = [k.name for k in KINDS]
    assert len(set(names)) == len(names)
    for file_kind in PARSED:
        assert issubclass(file_kind.facts_class, FileFacts)
        assert kind(file_kind.name) is file_kind
        if file_kind.where in (Where.HOME, Where.GOROOT):
            assert file_kind.locate is not None, file_kind.name


def test_ge002_judges_every_parsed_kind() -> None:
    assert by_code("GE002").needs == {k.name for k in PARSED}


def test_watch_globs_cover_the_workspace_kinds() -> None:
    globs = set(watch_globs())
    assert {"**/go.mod", "**/go.work", "**/.vscode/settings.json", "**/.idea/workspace.xml",
            "**/goenv-lsp.toml"} <= globs
    assert "**/*.go" not in globs  # editing Go sources changes no fact: not worth the events


@pytest.mark.parametrize(("path", "expected"), [
    ("/w/go.mod", "go.mod"), ("/w/a/b/go.work", "go.work"), ("/w/.vscode/settings.json", "vscode-settings"),
    ("/w/a/.vscode/settings.json", None),  # VS Code reads the workspace folder's only
    ("/w/.idea/workspace.xml", "goland-workspace"), ("/w/main.go", None), ("/w/go.mod.bak", None),
])
def test_kind_of_a_path(path: str, expected: str | None) -> None:
    found = kind_of(path, "/w", POSIX)
    assert (found.name if found else None) == expected


def test_kind_of_windows_paths() -> None:
    assert kind_of(r"C:\src\app\.vscode\settings.json", r"C:\src\app", WINDOWS).name == "vscode-settings"
    assert kind_of(r"C:\src\app\svc\go.mod", r"C:\src\app", WINDOWS).name == "go.mod"


@pytest.mark.parametrize("file_kind", PARSED, ids=lambda k: k.name)
def test_every_parser_survives_junk(file_kind) -> None:
    ctx = ParseContext("/w", "/home/dev", POSIX)
    for data in (b"", b"\x00\xff\xfe junk", "é\r\n\t\u2028".encode(), b"{" * 10_000, b"\n" * 100_000):
        facts = file_kind.parse(data, "/w/x", ctx)
        assert facts.kind == file_kind.name and facts.path == "/w/x"
