from __future__ import annotations

import re
from collections.abc import Iterator

from goenv_lsp.facts import Facts
from goenv_lsp.model import Severity
from goenv_lsp.rules._shared.anchors import machine_anchor
from goenv_lsp.rules.registry import ALL_CONTEXTS, Context, Input, Report, rule

DOCS = """
## What it checks
PATH entries that are not absolute: `.`, an empty entry (`::`, or a `:` at either end, on Unix), a relative
directory such as `bin` or `node_modules/.bin`, an entry starting with `~` or with an unexpanded `$HOME`,
and on Windows one holding an unexpanded `%VARIABLE%`.

## Why it matters
A relative entry is looked up from whatever directory a command starts in. With `.` or an empty entry
early on PATH, a repository you clone can ship its own `go`, `git` or `gcc` and your shell runs it
when you type the name in that repository — and so do scripts and editors started there. Go programs
(the go command, gopls) refuse such hits since Go 1.19 (os/exec's `cannot run executable found relative to
current directory`), so for them a tool found only there is missing: `cgo: C compiler "gcc" not found`.
goenv-lsp itself drops relative entries when it probes. An entry starting with `~` is expanded by bash
alone; every other program (the go command, editors, `env`) takes it literally, so tools there are "not
found". On Windows, `%GOPATH%\\bin` stays literal when
PATH was saved as a plain string (REG_SZ) instead of an expandable one.

## How to fix
Remove the entry, or make it absolute: `export PATH="$PATH:$HOME/go/bin"` (with `$HOME`, not `~` inside
quotes); on Unix look for `PATH=$PATH:` with an empty variable, which leaves a trailing `:`. On Windows,
write the expanded directory, or edit the variable in the Environment Variables dialog, which keeps
`%…%` expandable.

## Example
`PATH=.:/usr/local/go/bin:/usr/bin` — `./go` in any checkout runs instead of Go.
"""

_UNEXPANDED = re.compile(r"%[A-Za-z_][A-Za-z0-9_()]*%")
_SHELL_VARIABLE = re.compile(r"^\$\{?[A-Za-z_][A-Za-z0-9_]*\}?")


@rule(code="GE602", name="path-relative-entry", severity=Severity.WARNING,
      contexts=ALL_CONTEXTS, informational_in=(Context.CI,),  # the runner's PATH is the CI provider's
      summary="PATH has an empty, relative, `~` or unexpanded `%VAR%` entry", docs=DOCS,
      needs=(Input.ENVIRONMENT,), tags=("path", "security"))
def check(facts: Facts) -> Iterator[Report]:
    if facts.path_entries is None:
        return
    paths, windows = facts.paths, facts.os == "windows"
    for index, raw in enumerate(facts.path_entries):
        entry = raw.replace('"', "") if windows else raw  # filepath.SplitList drops Windows quotes
        position = f"PATH entry {index + 1}"
        if entry == "":
            if windows:
                continue  # skipped by Windows' own lookups and Go's exec.LookPath
            yield Report(f"{position} is empty, which means the current directory: a `go`, `git` or `gcc` in "
                         "any directory you work in runs instead of the installed one (a stray `:` in PATH)",
                         machine_anchor(facts))
        elif windows and _UNEXPANDED.search(entry):
            yield Report(f"{position} `{entry}` holds an unexpanded {_UNEXPANDED.search(entry).group(0)}: "
                         "Windows takes it literally, so nothing in it can be found", machine_anchor(facts))
        elif not windows and _SHELL_VARIABLE.match(entry):
            yield Report(f"{position} `{entry}` holds an unexpanded {_SHELL_VARIABLE.match(entry).group(0)} (single "
                         "quotes in a shell profile keep it literal): nothing in it can be found",
                         machine_anchor(facts))
        elif entry.startswith("~"):
            yield Report(f"{position} `{entry}` starts with `~`, which only bash expands: the go command, "
                         "editors and other programs cannot find anything in it; write $HOME instead",
                         machine_anchor(facts))
        elif not paths.is_abs(entry):
            yield Report(f"{position} `{entry}` is relative to the current directory: a repository that "
                         f"contains {entry}{paths.sep}go (or git, gcc …) chooses what runs when you work in it",
                         machine_anchor(facts))
