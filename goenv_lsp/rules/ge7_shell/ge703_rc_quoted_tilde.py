from __future__ import annotations

import re
from collections.abc import Iterator

from goenv_lsp.facts import Facts
from goenv_lsp.files.shell_rc import ShellAssignment, ShellRcFacts
from goenv_lsp.model import Applicability, Fix, Location, Severity, TextEdit
from goenv_lsp.rules.ge7_shell._rc import (
    ENVIRONMENT_INPUTS,
    SHELL_FILES,
    environment_link,
    exported,
    file_label,
    in_effect,
)
from goenv_lsp.rules.registry import EDITOR_ONLY, FixAvailability, Report, rule

DOCS = """
## What it checks
GOPATH, GOBIN, GOMODCACHE or GOCACHE set in a shell startup file (sh, bash, zsh, fish, direnv's `.envrc`) to
a quoted value that starts, or has an entry starting, with `~`: `export GOPATH="~/go"`. The shell expands `~`
only outside quotes, so the variable holds a literal `~`.

## Why it matters
The go command never expands `~` either. With `GOPATH="~/go"` every command stops with
`go: GOPATH entry cannot start with shell metacharacter '~': "~/go"`; `go install` with `GOBIN="~/bin"` says
`cannot install, GOBIN must be an absolute path`; module downloads with a relative GOMODCACHE and builds with a
relative GOCACHE fail the same way. The
line looks right, so the cause is hard to see.

## How to fix
Write `$HOME` instead of `~` inside the quotes: `export GOPATH="$HOME/go"` (the fix does; it works in sh, bash,
zsh and fish), or drop the quotes (`export GOPATH=~/go`). GOPATH's default already is `$HOME/go`: the line can
also go.

## Example
`~/.bashrc` has `export GOPATH="~/go"`; `go build` fails before it starts.
"""

NAMES = ("GOPATH", "GOBIN", "GOMODCACHE", "GOCACHE")
_EFFECT = {
    "GOPATH": "every go command fails with `go: GOPATH entry cannot start with shell metacharacter '~'`",
    "GOBIN": "`go install` fails with `cannot install, GOBIN must be an absolute path`",
    "GOMODCACHE": "module downloads fail with `go: GOMODCACHE entry is relative; must be absolute path`",
    "GOCACHE": "builds fail with `build cache is required, but could not be located: GOCACHE is not an absolute "
               "path`",
}
_TILDE = re.compile(r"(^|:)~(?=/|:|$)")


@rule(code="GE703", name="rc-quoted-tilde", severity=Severity.ERROR,
      contexts=EDITOR_ONLY,
      only_with=SHELL_FILES,
      summary="A Go directory variable is set to a quoted `~` path in a shell startup file, which no one expands",
      docs=DOCS, fix=FixAvailability.SOMETIMES, fix_title="Write $HOME instead of ~ inside the quotes",
      needs=(*SHELL_FILES, *ENVIRONMENT_INPUTS), tags=("gopath", "shell"))
def check(facts: Facts) -> Iterator[Report]:
    for name in NAMES:
        for found in in_effect(facts, name):
            line = found.last
            if not line.quoted_tilde or not exported(facts, line):
                continue
            related, also = environment_link(facts, found, ("GE201",) if name == "GOPATH" else ("GE212",))
            fix = _home_instead(found.file, line)
            yield Report(f"{file_label(facts, found.file)} sets {name}={line.value.value}: the shell does not expand "
                         f"`~` inside quotes, so {name} holds a literal `~` and {_EFFECT[name]}{also}",
                         Location(found.file.path, line.value.range), (fix,) if fix else (), related)


def _home_instead(file: ShellRcFacts, line: ShellAssignment) -> Fix | None:
    """``"~/go"`` → ``"$HOME/go"``; ``'~/go:~/w'`` → ``"$HOME/go:$HOME/w"`` (single quotes only around plain text)."""
    written = line.value.value
    if len(written) < 2 or written[0] not in "\"'" or written[-1] != written[0]:
        return None
    inner = written[1:-1]
    if written[0] == "'" and any(c in inner for c in "$`\"\\"):
        return None
    new = '"' + _TILDE.sub(lambda m: m.group(1) + "$HOME", inner) + '"'
    return Fix(f"Write {new} ($HOME instead of ~)", Applicability.SAFE, edits=(TextEdit(file.path, line.value.range,
                                                                                      new),))
