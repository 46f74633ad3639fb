from __future__ import annotations

from collections.abc import Iterator

from goenv_lsp.facts import Facts, Status
from goenv_lsp.files.shell_rc import Op
from goenv_lsp.files.shell_rc_kinds import BASH, FISH, PROFILE, ZSH
from goenv_lsp.model import Location, Severity
from goenv_lsp.rules.ge7_shell._terminal_only import expand, go_directories, login_reach
from goenv_lsp.rules.registry import EDITOR_ONLY, FixAvailability, Input, Report, rule

DOCS = """
## What it checks
The login shell probe ran (`$SHELL -l -c` once, from the home directory, with a fresh login's variables; on in
the CLI, `login-shell = true` in the language server), and a Go variable (`GO*`, `CGO_*`) or a Go directory on
PATH that the login shell has — set on a line of a file a login shell reads (`~/.profile`, `~/.bash_profile`,
`~/.zprofile`, `~/.zshenv`, fish's `config.fish` …) — is missing from this process's environment altogether.
The finding, information, sits on that line. A variable this process has with another value is not reported
(direnv, a virtualenv or a deliberate override may set it).

## Why it matters
The process — the editor running goenv-lsp's language server, or the terminal the CLI runs in — did not get
its environment from a login shell that reads that file: it was started before the line was added, or by
something that does not read it (a desktop session that reads only `~/.profile` while the line is in
`~/.bash_profile`, an application started from the macOS Dock, which gets launchd's environment). The go
and gopls it starts run without the variable, or without that go on PATH.

## How to fix
Log out and in again, or restart the editor from a new login or from a terminal (`code .`). On a Linux
desktop, put the line in `~/.profile`, which graphical logins read (microsoft/vscode-go#10), rather than in
`~/.bash_profile`. For one editor, its own settings can set the variable (`go.toolsEnvVars`, `go.goroot`).

## Example
`~/.profile` has `export GOPATH="$HOME/work"` and `bash -l` has it, but the editor's environment has no GOPATH.
"""


@rule(code="GE712", name="process-lacks-login-variable", severity=Severity.INFO,
      contexts=EDITOR_ONLY,
      only_with=(BASH, PROFILE, ZSH, FISH),  # the startup files a login shell reads
      summary="This process lacks a Go variable or Go PATH entry that the login shell gets from a startup file",
      docs=DOCS, fix=FixAvailability.NONE,
      needs=(Input.LOGIN_SHELL, Input.ENVIRONMENT, Input.GO_BINARIES, BASH, PROFILE, ZSH, FISH, "goenv"),
      tags=("shell", "editor"))
def check(facts: Facts) -> Iterator[Report]:
    login = facts.login_env
    reached = login_reach(facts) if login is not None and login.status is Status.OK else None
    if reached is None:
        return
    paths, mine, theirs = facts.paths, facts.env or {}, login.env or {}
    mine_path = {paths.key(paths.normpath(e)) for e in paths.split_list(mine.get("PATH", "")) if e}
    login_path = {paths.key(paths.normpath(e)) for e in paths.split_list(theirs.get("PATH", "")) if e}
    wanted = {paths.key(d) for d in go_directories(facts)}
    found: dict[object, Report] = {}
    for file in sorted(reached.values(), key=lambda f: f.path):
        for a in file.assignments:
            if a.op is Op.UNSET or a.secret or a.interactive_only:
                continue
            where = Location(file.path, a.statement)
            if a.name == "PATH":
                for entry in (expand(facts, raw) for raw in a.entries):
                    key = paths.key(entry) if entry else None
                    if key in wanted and key in login_path and key not in mine_path:
                        found.setdefault(("PATH", key), Report(
                            f"{entry} is on the login shell's PATH (`{login.shell} -l`, from this line) but not on "
                            f"this process's: {_why(file.path)}", where))
            elif a.name.startswith(("GO", "CGO_")) and a.name in theirs and a.name not in mine:
                found[a.name] = Report(f"a login shell (`{login.shell} -l`) has {a.name}={theirs[a.name]} from this "
                                       f"line, but this process has no {a.name}: {_why(file.path)}", where)
    yield from found.values()


def _why(path: str) -> str:
    return (f"it was started before the line was added, or not from a login shell that reads {path}; log out and "
            "in again, or restart the editor from a new login or a terminal")
