"""go.work: the workspace's `go`, `toolchain` and `use` lines (cmd/go parses it strictly, always)."""

from __future__ import annotations

from goenv_lsp.files.base import EditorHints, FileKind, Where
from goenv_lsp.files.go_mod import ModFileFacts, parse_mod
from goenv_lsp.model import Severity

KIND = FileKind(
    name="go.work", title="go.work", where=Where.TREE, names=("go.work",),
    parse=lambda data, path, ctx: parse_mod(data, path, ctx, "go.work"), facts_type=ModFileFacts,
    malformed_severity=Severity.ERROR,
    editor=EditorHints(vscode_language="go.work", nvim_filetypes=("gowork",),
                       emacs_modes=("go-dot-work-mode", "go-work-ts-mode"), helix_language="gowork",
                       jetbrains_file_type="Go Work File", language_id="go.work"),
)
