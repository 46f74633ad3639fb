from __future__ import annotations

import json
import re
from collections.abc import Iterator

from goenv_lsp.facts import Facts
from goenv_lsp.model import Applicability, Fix, Location, Severity, TextEdit
from goenv_lsp.rules.ge3_editor._vscode import EditorSetting, editor_settings, string_items
from goenv_lsp.rules.registry import ALL_CONTEXTS, FixAvailability, Input, Report, rule

DOCS = """
## What it checks
An entry of a flag list in `.vscode/settings.json` — `go.buildFlags`, `go.testFlags`, or gopls'
`"gopls": {"build.buildFlags": [...]}` — that holds a flag and its value (or two flags) separated by a
space, such as `"-tags integration"` or `"-race -v"`. A space after `=` (`"-ldflags=-s -w"`) is part of the
value and fine. The diagnostic sits on the entry.

## Why it matters
Each entry reaches the go command as one argument, never split by a shell, so go reads a single flag named
`tags integration` and stops: `flag provided but not defined: -tags integration`. vscode-go's builds and
tests fail, and gopls (which gets `go.buildFlags` too) cannot load any package, so the whole workspace shows
errors.

## How to fix
Join a flag and its value with `=` (`"-tags=integration"`), or give each flag its own entry
(`"-race", "-v"`); the quick fix does one or the other.

## Example
`"go.buildFlags": ["-tags integration"]` → `"go.buildFlags": ["-tags=integration"]`.
"""

_SPACED = re.compile(r"^(-{1,2}[A-Za-z][\w.\-]*)[ \t]+(\S.*)$")  # a space before any "="


def _flag_lists(facts: Facts) -> Iterator[EditorSetting]:
    for setting in editor_settings(facts):
        if setting.key in ("go.buildFlags", "go.testFlags") or (
                setting.key.startswith("gopls.") and setting.key.rsplit(".", 1)[-1] == "buildFlags"):
            yield setting


@rule(code="GE305", name="build-flag-with-space", severity=Severity.ERROR,
      contexts=ALL_CONTEXTS,
      only_with=(Input.EDITOR_SETTINGS, "vscode-settings"),
      summary="A build-flags entry holds a space: go reads it as one unknown flag", docs=DOCS,
      fix=FixAvailability.ALWAYS, fix_title="Write the flag as -name=value or split the entry",
      needs=(Input.EDITOR_SETTINGS, "vscode-settings"), tags=("editor", "gopls"))
def check(facts: Facts) -> Iterator[Report]:
    for setting in _flag_lists(facts):
        for entry, location in string_items(setting):
            match = _SPACED.match(entry.rstrip())
            if match is None:
                continue
            name, rest = match.groups()
            if rest.startswith("-"):  # two flags in one entry
                parts = entry.split()
                new_text, how = ", ".join(json.dumps(p) for p in parts), "one entry per flag"
            else:
                new_text, how = json.dumps(f"{name}={rest}"), f'"{name}={rest}"'
            fixes = ()
            if setting.value_in_file is not None and location.path is not None:
                fixes = (Fix(f"Write {how}", Applicability.SAFE,
                             edits=(TextEdit(location.path, location.range, new_text),)),)
            runs = "test run" if setting.key == "go.testFlags" else "build"
            shown = "-" + entry.lstrip("-").split("=", 1)[0]  # Go's flag package: the name ends at "="
            yield Report(f"{setting.label} has the entry {json.dumps(entry)}: it reaches go as one argument, so "
                         f"every {runs} fails with `flag provided but not defined: {shown}`",
                         Location(location.path, location.range), fixes)
