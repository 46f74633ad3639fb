from __future__ import annotations

from collections.abc import Iterator

from goenv_lsp.facts import Facts, PathKind
from goenv_lsp.model import Location, Severity
from goenv_lsp.rules.registry import ALL_CONTEXTS, Context, Input, Report, rule
from goenv_lsp.semantics.netrc import netrc_candidates

DOCS = """
## What it checks
The netrc file the go command reads credentials from — `$NETRC`, else `~/.netrc` (on Windows
`%USERPROFILE%\\_netrc` first) — when its permission bits let the group or other users read or write it.
Only the file's mode is looked at: goenv-lsp never opens it.

## Why it matters
The go command (and git, curl) sends the logins and passwords of a netrc to private module hosts; they are
stored in plain text. A `.netrc` created with a default umask is mode 0644: every user of the machine, or
of a shared CI runner, can read the tokens for your private repositories. The go command does not check
the mode.

## How to fix
`chmod 600 ~/.netrc` (or the file `$NETRC` names). Better still, use a credential helper (Go ≥ 1.24:
`GOAUTH=git /path/to/repo` or a command), so no password is stored in plain text.

## Example
`echo "machine git.corp.com login me password ghp_…" >> ~/.netrc` with umask 022: `-rw-r--r--`.
"""


@rule(code="GE413", name="netrc-readable", severity=Severity.WARNING,
      # the runner's own home: single-user and thrown away on hosted runners
      contexts=ALL_CONTEXTS, informational_in=(Context.CI,),
      summary="The netrc with private-module credentials is readable by other users", docs=DOCS,
      needs=(Input.ENVIRONMENT, Input.PATH_INFO), tags=("private-modules", "security"))
def check(facts: Facts) -> Iterator[Report]:
    if facts.env is None or facts.path_info is None:
        return
    for path in netrc_candidates(facts.env, facts.home, facts.os or "", facts.paths):
        info = facts.path_info.get(path)
        if info is None or info.kind is not PathKind.FILE:
            continue
        if info.mode is not None and info.mode & 0o077:
            others = "other users" if info.mode & 0o007 else "its group"
            yield Report(f"{path} (mode {info.mode:04o}) holds the credentials the go command sends to private "
                         f"module hosts, and {others} can read or change it: run `chmod 600 {path}`",
                         Location(path))
        return  # the first existing one is the file go reads
