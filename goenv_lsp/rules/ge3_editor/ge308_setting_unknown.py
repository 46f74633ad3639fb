from __future__ import annotations

import difflib
import json
from collections.abc import Iterator

from goenv_lsp.facts import Facts
from goenv_lsp.model import Applicability, Fix, Severity, TextEdit
from goenv_lsp.rules.ge3_editor._vscode import EditorSetting, editor_settings, key_location, known_settings
from goenv_lsp.rules.registry import ALL_CONTEXTS, FixAvailability, Report, rule

DOCS = """
## What it checks
Keys in `.vscode/settings.json` that nothing reads: a `go.*` setting vscode-go does not contribute (the list
is vscode-go's `package.json`, shipped with goenv-lsp), one it removed (named with the last release that had
it), a member of the `"gopls"` object that no gopls release knows (gopls matches the last segment of a
dotted name: `ui.semanticTokens` is `semanticTokens`), and `GOPLS_…` variables in `go.toolsEnvVars` or
gopls' `build.env` (gopls reads none of them). A near miss gets a "did you mean". Only `go.*` and `gopls`
keys are checked, never other extensions'. The diagnostic sits on the key.

## Why it matters
VS Code keeps unknown keys without complaint (at most a faint underline in the editor), so a typo or an
invented setting — `go.goplsPath`, `go.goplsArgs`, `go.toolsEnvVars.GOPLS_GO_VERSION` from a forum answer —
silently does nothing, and the problem it was meant to fix stays. gopls reports unknown members of
`"gopls"` only in a passing pop-up (`Invalid settings: setting option "…": unexpected setting`).

## How to fix
Use the real setting: the quick fix renames a near miss. The gopls binary is chosen with
`"go.alternateTools": {"gopls": "/path/to/gopls"}`, its command-line flags with `go.languageServerFlags`;
a gopls that suits an old Go is installed with `go install golang.org/x/tools/gopls@vX.Y.Z` (there is no
variable to pick a Go version). Delete settings vscode-go removed.

## Example
`"go.goplsPath": "/home/me/go/bin/gopls"` → `"go.alternateTools": {"gopls": "/home/me/go/bin/gopls"}`.
"""

_INSTEAD = {  # invented settings seen in the wild, and what does the job
    "go.goplsPath": '"go.alternateTools": {"gopls": "…"}',
    "go.goplsArgs": "go.languageServerFlags",
    "go.goplsFlags": "go.languageServerFlags",
    "go.goplsEnv": '"gopls": {"build.env": {…}}',
    "go.languageServerPath": '"go.alternateTools": {"gopls": "…"}',
}
_READ_ANYWAY = ("go.gotoSymbol",)  # still read by vscode-go's code though no longer contributed


def _top_level(key: str) -> str | None:
    """The settings.json key of a flattened go.* setting (None for members of go.* maps)."""
    if key.startswith(("go.toolsEnvVars.", "go.alternateTools.")):
        return None
    return key


def _known_go(key: str) -> bool:
    known = known_settings().vscode_go
    return key in known or any(k.startswith(key + ".") or key.startswith(k + ".") for k in known) or \
        key.startswith(_READ_ANYWAY)


def _go_key(setting: EditorSetting, key: str) -> Report | None:
    known = known_settings()
    if _known_go(key):
        return None
    if key in known.removed:
        why = f"vscode-go removed it (the last release that had it is {known.removed[key]}): it does nothing"
        near = None
    else:
        near = next(iter(difflib.get_close_matches(key, sorted(known.vscode_go), n=1, cutoff=0.8)), None)
        why = "vscode-go has no such setting: it does nothing"
        if key in _INSTEAD:
            why += f" (use {_INSTEAD[key]})"
            near = None
        elif near:
            why += f"; did you mean {near}?"
    return _report(setting, f'"{key}" in .vscode/settings.json: {why}', near)


def _gopls_key(setting: EditorSetting) -> Report | None:
    name = setting.key[len("gopls."):]
    segments = name.split(".")
    if "env" in segments[:-1]:  # a variable of gopls' build.env
        return _variable(setting, segments[-1], "gopls' build.env")
    last = segments[-1]
    known = known_settings().gopls
    if last in known:
        return None
    near = next(iter(difflib.get_close_matches(last, sorted(known), n=1, cutoff=0.8)), None)
    why = (f'no gopls release has a setting "{last}": gopls ignores it and says `Invalid settings: setting option '
           f'"{last}": unexpected setting`')
    replacement = ".".join([*segments[:-1], near]) if near else None
    if replacement:
        why += f'; did you mean "{replacement}"?'
    return _report(setting, f'"{name}" in the "gopls" settings of .vscode/settings.json: {why}', replacement)


def _variable(setting: EditorSetting, name: str, where: str) -> Report | None:
    if not name.startswith("GOPLS_"):
        return None
    return _report(setting, f"{name} in {where} (.vscode/settings.json): gopls reads no such variable, so it does "
                            "nothing (gopls cannot be told to use another Go: install a gopls that suits this Go)",
                   None)


def _report(setting: EditorSetting, message: str, rename: str | None) -> Report:
    location = key_location(setting)
    fixes = ()
    if rename and setting.value_in_file is not None and location.path is not None:
        fixes = (Fix(f"Rename it to {rename}", Applicability.SAFE,
                     edits=(TextEdit(location.path, location.range, json.dumps(rename)),)),)
    return Report(message, location, fixes)


@rule(code="GE308", name="setting-unknown", severity=Severity.WARNING,
      contexts=ALL_CONTEXTS,
      only_with=("vscode-settings",),
      summary="A go.* or gopls setting that vscode-go and gopls do not know (silently ignored)", docs=DOCS,
      fix=FixAvailability.SOMETIMES, fix_title="Rename the setting to the one it is close to",
      needs=("vscode-settings",), tags=("editor", "gopls"))
def check(facts: Facts) -> Iterator[Report]:
    for setting in editor_settings(facts):
        if setting.value_in_file is None:
            continue  # user-level settings: the editor sent only keys it knows
        key = setting.key
        if key.startswith("go.toolsEnvVars."):
            found = _variable(setting, key[len("go.toolsEnvVars."):], "go.toolsEnvVars")
        elif key.startswith("gopls."):
            found = _gopls_key(setting)
        elif key != "gopls" and (top := _top_level(key)) is not None:
            found = _go_key(setting, top)
        else:
            found = None
        if found is not None:
            yield found
