"""The registry of file kinds: one module per kind says where its files are, how their bytes become facts,
and how editors recognise them. The probe, GE002, the language server's buffers and file watchers, and the
editor configurations (``python -m goenv_lsp.files.editors``) all derive from ``KINDS``.

``KINDS`` comes from the generated catalogue (``_catalogue.py``): every kind's record, with its parser, locator
and facts type imported from the kind's module when first used — a check imports the parsers of the files it
finds. Adding a kind is adding its module, listing it in ``catalogue.SOURCES``, running
``python -m goenv_lsp.files.catalogue --write``, and its tests.
"""

from __future__ import annotations

import dataclasses
from functools import cache
from typing import TYPE_CHECKING

from goenv_lsp.facts import Facts, FileFacts, FileProblem, PathOps
from goenv_lsp.files import _catalogue
from goenv_lsp.files.base import MAX_PROBLEMS, EditorHints, FileKind, LocateContext, ParseContext, Where, capped

if TYPE_CHECKING:
    from goenv_lsp.files.goland_workspace import GolandWorkspaceFacts
    from goenv_lsp.files.vscode_settings import SettingsFacts

# Files editors attach goenv-lsp to without goenv-lsp parsing them: Go sources start the server in a Go project.
GO_SOURCES = FileKind(
    name="go", title="Go source file", where=Where.TREE, names=("*.go",), parse=None, watch=False,
    editor=EditorHints(vscode_language="go", nvim_filetypes=("go",), helix_language="go", jetbrains_file_type="Go",
                       language_id="go"),
)
KINDS: tuple[FileKind, ...] = (GO_SOURCES, *_catalogue.KINDS)
PARSED: tuple[FileKind, ...] = tuple(k for k in KINDS if k.parse is not None)


@cache
def _by_name() -> dict[str, FileKind]:
    return {k.name: k for k in KINDS}


def kind(name: str) -> FileKind | None:
    return _by_name().get(name)


def facts_type(name: object) -> type[FileFacts] | None:
    found = _by_name().get(name) if isinstance(name, str) else None
    return found.facts_class if found else None


def kind_of(path: str, root: str | None, paths: PathOps, facts: Facts | None = None) -> FileKind | None:
    """The parsed kind of the file at ``path`` in the workspace ``root``: by name or place, else (HOME and
    GOROOT kinds) by being a file the facts hold."""
    for candidate in PARSED:
        if candidate.matches(path, root, paths):
            return candidate
    known = facts.file(path) if facts is not None else None
    return kind(known.kind) if known is not None else None


def watch_globs() -> tuple[str, ...]:
    """Glob patterns for the client's file watchers: every workspace kind (HOME kinds are watched by the
    server itself, see goenv_lsp.probe.watch_targets)."""
    return tuple(g for k in KINDS if k.watch for g in k.globs)


def workspace_settings(facts: Facts) -> SettingsFacts | None:
    """vscode_settings.workspace_settings, its module imported only when the facts hold such a file (code that
    runs on every check asks here: a workspace without .vscode/ loads no JSONC parser)."""
    if not facts.files_of("vscode-settings"):
        return None
    from goenv_lsp.files.vscode_settings import workspace_settings as found

    return found(facts)


def goland_project(facts: Facts) -> GolandWorkspaceFacts | None:
    """goland_workspace.goland_workspace (.idea/workspace.xml), its module imported only when the facts hold
    such a file (a function of another name: importing the submodule sets this package's attribute)."""
    if not facts.files_of("goland-workspace"):
        return None
    from goenv_lsp.files.goland_workspace import goland_workspace as found

    return found(facts)


def parse(file_kind: FileKind, data: bytes, path: str, ctx: ParseContext) -> FileFacts:
    """Parse with the kind's parser; a parser bug becomes a problem on the file, never a crash. The first
    ``MAX_PROBLEMS`` problems are kept, and one saying how many more there are."""
    assert file_kind.parse is not None
    try:
        facts = file_kind.parse(data, path, ctx)
    except Exception as exc:  # parsers are fuzz-tested never to raise; this is the last guard
        from goenv_lsp.facts import Status

        return file_kind.facts_type(path=path, kind=file_kind.name, status=Status.MALFORMED,
                                    problems=(FileProblem(f"goenv-lsp could not parse this file: {exc!r}"),))
    return cap_problems(facts)


def cap_problems(facts: FileFacts) -> FileFacts:
    """At most MAX_PROBLEMS problems and the one about the rest (kinds with many problems cap them themselves,
    before working out their positions)."""
    if len(facts.problems) <= MAX_PROBLEMS + 1:
        return facts
    return dataclasses.replace(facts, problems=capped(facts.problems, lambda problem: problem))


__all__ = ["KINDS", "MAX_PROBLEMS", "PARSED", "EditorHints", "FileKind", "LocateContext", "ParseContext", "Where",
           "cap_problems", "facts_type", "goland_project", "kind", "kind_of", "parse", "watch_globs",
           "workspace_settings"]
