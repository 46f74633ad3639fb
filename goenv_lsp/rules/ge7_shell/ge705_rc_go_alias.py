from __future__ import annotations

import re
from collections.abc import Iterator

from goenv_lsp.facts import Facts
from goenv_lsp.files.shell_rc import GoOverride
from goenv_lsp.model import Applicability, Fix, Location, Severity, TextEdit
from goenv_lsp.rules.ge7_shell._rc import SHELL_FILES, file_label, readable_files
from goenv_lsp.rules.registry import EDITOR_ONLY, FixAvailability, Input, Report, rule
from goenv_lsp.semantics.binaries import running_go

DOCS = """
## What it checks
`alias go=…` or a shell function named `go` in a shell startup file (fish: `alias go …`, `function go`). It is a
warning when the alias runs another Go (`alias go=go1.22.3`, `alias go=/opt/go1.21/bin/go`), and information
when it wraps the same `go` (`alias go='grc go'`, a function calling `command go`).

## Why it matters
Aliases and functions exist only in the interactive shell that defined them. Scripts, Makefiles, `go generate`,
editors, gopls and CI run the `go` on PATH instead, so the terminal and everything else use different Go
versions, or different flags, without any sign of it: `go version` in the terminal is not what builds in the
editor.

## How to fix
Delete the alias or function (the fix deletes an alias line or a function it can see whole) and put the Go you
want first on PATH, or use its own name (`go1.22.3 build`). For colour or extra flags, use a script on PATH
with another name.

## Example
`~/.bashrc` has `alias go=go1.21.5`; the terminal builds with Go 1.21.5, gopls with the Go 1.27.3 on PATH.
"""

_OTHER_GO = re.compile(r"(?:^|/)go\d+(?:\.\d+)*(?:rc\d+|beta\d+)?$|/go$")


@rule(code="GE705", name="rc-go-alias", severity=Severity.WARNING,
      contexts=EDITOR_ONLY,
      only_with=SHELL_FILES,
      summary="A shell startup file defines an alias or function named go, which only that shell sees", docs=DOCS,
      fix=FixAvailability.SOMETIMES, fix_title="Delete the alias or function",
      needs=(*SHELL_FILES, Input.GO_BINARIES), tags=("shell",))
def check(facts: Facts) -> Iterator[Report]:
    active = running_go(facts)
    for file in readable_files(facts):
        for override in file.go_overrides:
            other = bool(override.runs and _OTHER_GO.search(override.runs)
                         and not (active and override.runs in (active.path, active.real_path)))
            what = (f"`alias go=…` (it runs {override.runs})" if override.form == "alias" and override.runs
                    else f"{'an alias' if override.form == 'alias' else 'a function'} named go")
            instead = f" ({active.path})" if active else ""
            if other:
                message = (f"{file_label(facts, file)}: {what}, another Go than the go on PATH{instead}: scripts, "
                           "editors, gopls and CI never see the alias, so they build with another Go than the terminal")
            else:
                message = (f"{file_label(facts, file)} defines {what}: only this interactive shell uses it; scripts, "
                           f"editors, gopls and CI run the go on PATH{instead}")
            fix = _delete(file.path, override)
            yield Report(message, Location(file.path, override.statement), (fix,) if fix else (),
                         severity=Severity.WARNING if other else Severity.INFO)


def _delete(path: str, override: GoOverride) -> Fix | None:
    if override.removal is None:
        return None
    return Fix(f"Delete the go {override.form}", Applicability.UNSAFE, edits=(TextEdit(path, override.removal, ""),))
