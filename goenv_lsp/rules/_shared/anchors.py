"""Where a finding goes: the file and line that best explain or fix it — the one anchoring policy, used by
every rule, the engine (for a rule that crashed), the language server and every report.

* A value from a GOENV / go.env file: its line there.
* A module's finding: the line at fault in its go.mod / go.work (the `go` or `toolchain` line), else the
  go.mod's `module` line (a go.work has none: its first line).
* The machine as a whole (no go on PATH, gopls missing …): the `module` line of the workspace root's
  module, else the go.work the root is in, else the root's .vscode/settings.json, else the first module's
  go.mod; with none of them, the workspace itself (``Location(None)``: the editor shows a message).
"""

from __future__ import annotations

from goenv_lsp.facts import Facts, Spanned, Status
from goenv_lsp.files import workspace_settings
from goenv_lsp.files.go_mod import ModFileFacts, mod_file
from goenv_lsp.model import Location, Related
from goenv_lsp.semantics.go_env import Setting


def file_anchor(file: ModFileFacts) -> Location:
    """A go.mod's `module` line; else the start of the file."""
    if file.status is not Status.UNREADABLE and file.module is not None:
        return Location(file.path, file.module.range)
    return Location(file.path)


def machine_anchor(facts: Facts) -> Location:
    if facts.root:
        root_module = facts.module_for(facts.root)
        if root_module is not None and (found := mod_file(facts, root_module.go_mod)) is not None:
            return file_anchor(found)
        from goenv_lsp.semantics.modules import scopes

        for scope in scopes(facts):
            if scope.file.kind == "go.work" and facts.paths.inside(facts.root, facts.paths.dirname(scope.path),
                                                                  strict=False):
                return file_anchor(scope.file)
    settings = workspace_settings(facts)
    if settings is not None:
        return Location(settings.path)
    for module in facts.modules or ():
        found = mod_file(facts, module.go_mod)
        if found is not None:
            return file_anchor(found)
    return Location(None)


def span_location(path: str, spanned: Spanned) -> Location:
    return Location(path, spanned.range)


def env_setting_anchor(facts: Facts, setting: Setting) -> Location:
    """A value from a GOENV / go.env file sits on its line; an environment variable on the machine anchor."""
    return setting.location or machine_anchor(facts)


def related_setting(setting: Setting) -> tuple[Related, ...]:
    if setting.location is None:
        return ()
    return (Related(setting.location, f"{setting.key}={setting.value} is set here"),)
