from __future__ import annotations

from collections.abc import Iterator

from goenv_lsp.facts import Facts
from goenv_lsp.model import Severity
from goenv_lsp.rules.ge3_editor._vscode import editor_setting
from goenv_lsp.rules.registry import ALL_CONTEXTS, FixAvailability, Input, Report, rule

DOCS = """
## What it checks
`"go.useLanguageServer": false` in `.vscode/settings.json`: vscode-go starts no language server (gopls).
The diagnostic sits on the `false`.

## Why it matters
Since the releases after September 2023 vscode-go has no other way to offer Go language features: without
gopls there is no completion, navigation, hover documentation, formatting, refactoring, code actions or
type-checking diagnostics, only the build and vet run on save (vscode-go's CHANGELOG, issue
golang/vscode-go#2799). The setting is usually left over from the days of gocode or from working around a
gopls crash, and it silently turns the editor into a plain text editor for everyone who shares the file.

## How to fix
Set it to `true` (the quick fix), or delete it: `true` is the default. If gopls misbehaves, fix that
instead — an older or newer gopls (`go install golang.org/x/tools/gopls@vX.Y.Z`), `"gopls"` settings such as
`build.directoryFilters` for a huge workspace — so that the language features stay on.

## Example
`"go.useLanguageServer": false` copied from a 2019 blog post.
"""


@rule(code="GE306", name="language-server-disabled", severity=Severity.WARNING,
      contexts=ALL_CONTEXTS,
      only_with=(Input.EDITOR_SETTINGS, "vscode-settings"),
      summary="VS Code settings turn gopls off (go.useLanguageServer: false)", docs=DOCS,
      fix=FixAvailability.ALWAYS, fix_title="Set go.useLanguageServer to true",
      needs=(Input.EDITOR_SETTINGS, "vscode-settings"), tags=("editor", "gopls"))
def check(facts: Facts) -> Iterator[Report]:
    setting = editor_setting(facts, "go.useLanguageServer")
    if setting is None or setting.value is not False:
        return
    yield Report(f"{setting.label} is false: vscode-go starts no gopls, so there is no completion, navigation, "
                 "hover, formatting, refactoring or type-checking in the editor (only build and vet on save)",
                 setting.location, setting.replace("true", "Set go.useLanguageServer to true (the default)"))
