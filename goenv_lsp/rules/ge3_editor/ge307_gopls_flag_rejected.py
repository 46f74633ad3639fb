from __future__ import annotations

import json
from collections.abc import Iterator

from goenv_lsp.facts import Facts
from goenv_lsp.model import Location, Severity
from goenv_lsp.rules.ge3_editor._vscode import editor_setting, known_settings, string_items
from goenv_lsp.rules.registry import ALL_CONTEXTS, FixAvailability, Input, Report, rule

DOCS = """
## What it checks
Entries of `go.languageServerFlags` in `.vscode/settings.json` that gopls does not accept on its command
line: a go build flag (`-mod=readonly`, `-tags=integration`), a gopls setting written as a flag
(`-build.directoryFilters=…`, `-staticcheck`), or a word other than `serve`. The flags gopls takes are
`-rpc.trace`, `-logfile`, `-remote…`, `-debug`, `-listen…`, `-v`/`-vv`, `-profile.…` and a few more; the list
goenv-lsp checks against is the union over every gopls release (golang.org/x/tools
`gopls/internal/cmd`), so a flag only an older gopls took is not reported. The diagnostic sits on the entry.

## Why it matters
vscode-go starts gopls as `gopls <go.languageServerFlags…>`. gopls parses them with Go's flag package and
exits at the first one it does not define (`flag provided but not defined: -mod`), so there is no language
server at all: vscode-go reports that it was unable to start it and asks you to check the setting. A word
that is not a flag is taken as a command name.

## How to fix
Remove the entry (the quick fix rewrites the list without the rejected entries). Build flags belong in
`"gopls": {"build.buildFlags": ["-tags=integration"]}` (or `go.buildFlags`, which vscode-go passes on);
GOFLAGS-style settings in `"gopls": {"build.env": {"GOFLAGS": "-mod=mod"}}`; gopls settings in the `"gopls"`
object. `go.languageServerFlags` is for debugging gopls: `["-rpc.trace", "-logfile=/tmp/gopls.log"]`.

## Example
`"go.languageServerFlags": ["-mod=readonly"]`: gopls exits with `flag provided but not defined: -mod`.
"""

_GO_BUILD_FLAGS = frozenset({
    "a", "asan", "asmflags", "buildmode", "buildvcs", "compiler", "cover", "covermode", "coverpkg", "gccgoflags",
    "gcflags", "installsuffix", "ldflags", "linkshared", "mod", "modcacherw", "modfile", "msan", "n", "overlay",
    "p", "pgo", "pkgdir", "race", "tags", "toolexec", "trimpath", "work", "x",
})


def _rejected(flags: list[str]) -> Iterator[tuple[int, str]]:
    """(index, why) for each entry gopls rejects, parsing as Go's flag package does (a value-taking flag
    without "=" takes the next entry); after `serve` the flags go on."""
    known = known_settings()
    index, command = 0, None
    while index < len(flags):
        entry = flags[index]
        if entry == "--":
            return
        if not entry.startswith("-") or entry == "-":
            if entry == "serve" and command is None:
                command = entry
                index += 1
                continue
            yield index, f"gopls takes {json.dumps(entry)} as a command name and starts no server"
            return  # what follows are that command's arguments
        name, has_value = entry[2:] if entry.startswith("--") else entry[1:], False
        if "=" in name:
            name, has_value = name.split("=", 1)[0], True
        if name in known.gopls_value_flags:
            index += 1 if has_value else 2
            continue
        if name in known.gopls_flags:
            index += 1
            continue
        yield index, f"gopls exits with `flag provided but not defined: -{name}`" + _hint(name)
        index += 1


def _hint(name: str) -> str:
    if name in _GO_BUILD_FLAGS:
        return ' (a go build flag: it belongs in "gopls": {"build.buildFlags": [...]})'
    if name.rsplit(".", 1)[-1] in known_settings().gopls:
        return ' (a gopls setting: it belongs in the "gopls" object)'
    return ""


@rule(code="GE307", name="gopls-flag-rejected", severity=Severity.ERROR,
      contexts=ALL_CONTEXTS,
      only_with=(Input.EDITOR_SETTINGS, "vscode-settings"),
      summary="go.languageServerFlags holds a flag gopls rejects, so gopls does not start", docs=DOCS,
      fix=FixAvailability.ALWAYS, fix_title="Remove the entries gopls rejects",
      needs=(Input.EDITOR_SETTINGS, "vscode-settings"), tags=("editor", "gopls"))
def check(facts: Facts) -> Iterator[Report]:
    setting = editor_setting(facts, "go.languageServerFlags")
    if setting is None or not isinstance(setting.value, tuple):
        return
    items = list(string_items(setting))
    if len(items) != len(setting.value):
        return  # not a list of strings: VS Code's schema check says so
    flags = [entry for entry, _ in items]
    found = list(_rejected(flags))
    bad = {index for index, _ in found}
    kept = json.dumps([f for i, f in enumerate(flags) if i not in bad])
    for index, why in found:
        fixes = setting.replace(kept, f"Set go.languageServerFlags to {kept}")
        yield Report(f"{setting.label} passes {json.dumps(flags[index])} to gopls: {why}",
                     Location(items[index][1].path, items[index][1].range), fixes)
