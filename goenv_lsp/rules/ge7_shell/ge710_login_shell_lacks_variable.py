from __future__ import annotations

from collections.abc import Iterator

from goenv_lsp.facts import Facts, LoginEnvironment, Status
from goenv_lsp.files.shell_rc_kinds import BASH, PROFILE
from goenv_lsp.model import Severity
from goenv_lsp.rules._shared.anchors import machine_anchor
from goenv_lsp.rules.ge7_shell._terminal_only import Gap, describe, fixes, gaps
from goenv_lsp.rules.registry import FixAvailability, Input, Report, rule

DOCS = """
## What it checks
goenv-lsp runs your login shell once (`$SHELL -l -c`, from the home directory, with a fresh login's
variables, never interactive; on in the CLI, `login-shell = true` in the language server) and compares what
it exports with this process's environment. A Go variable (`GO*`, `CGO_*`) or a Go directory on PATH that the
login shell lacks, or has with another value, is reported on the line that sets it: an export in
`~/.bashrc`, which a bash login shell does not read because its login file (the first of `~/.bash_profile`,
`~/.bash_login`, `~/.profile`) does not source it. Differences with no such line (a variable exported by hand
in this terminal, a virtualenv, direnv, tmux) are not reported. It also says when the login shell could not
be read (it hung past the probe timeout, failed, or exited before the command it was given).

## Why it matters
Programs started outside a terminal get a login shell's environment at best: VS Code runs `$SHELL -ilc` once
when started from the Dock or a desktop launcher (`shellEnv.ts`; vscode-go#713), macOS gives other
applications launchd's environment. Only an interactive non-login bash reads `~/.bashrc` (bash(1),
INVOCATION), so the editor, and the gopls and go it starts, run without the variable: "go: command not
found", another GOROOT or GOPATH, other GOFLAGS — only in the editor. A login shell that hangs makes VS Code
give up resolving the environment after 10 seconds.

## How to fix
Export the variable in the login file too: the fix appends the same line to it (applied, a new login shell
has it). Or source `~/.bashrc` from the login file (`[ -f ~/.bashrc ] && . ~/.bashrc`) — all of `~/.bashrc`
then runs in login shells, and nothing after its interactive guard reaches a non-interactive login. Log in
again, or restart the editor from the Dock. For a login shell that hangs, run `bash -l -c true` to find the
command in the login file that waits.

## Example
`~/.bashrc` has `export GOROOT=/usr/local/go1.22`; this terminal has it, `bash -l` does not.
"""


@rule(code="GE710", name="login-shell-lacks-variable", severity=Severity.WARNING,
      summary="The login shell lacks a Go variable or Go PATH entry this terminal has from ~/.bashrc",
      docs=DOCS, fix=FixAvailability.SOMETIMES, fix_title="Set it in the file a login shell reads",
      needs=(Input.LOGIN_SHELL, Input.ENVIRONMENT, Input.GO_BINARIES, Input.LOGIN_PROFILE, BASH, PROFILE, "goenv"),
      tags=("shell", "editor", "probe"))
def check(facts: Facts) -> Iterator[Report]:
    login = facts.login_env
    if login is None or login.status is Status.SKIPPED:
        return
    if login.status is not Status.OK:
        yield Report(f"the login shell `{login.shell} -l` could not be read: {login.problem}", machine_anchor(facts),
                     severity=Severity.INFO)
        return
    for gap in gaps(facts):
        lacks = _lacks(facts, login, gap)
        if lacks:
            yield Report(describe(gap, f", and a login shell (`{login.shell} -l`) {lacks}"), gap.location,
                         fixes(facts, gap))


def _lacks(facts: Facts, login: LoginEnvironment, gap: Gap) -> str | None:
    """What the login shell lacks, or None when it has it after all (set by a file goenv-lsp did not follow)."""
    env = login.env or {}
    if gap.entries:
        paths = facts.paths
        entries = {paths.key(paths.normpath(e)) for e in paths.split_list(env.get("PATH", "")) if e}
        missing = [e for e in gap.entries if paths.key(e) not in entries]
        return f"does not have {' and '.join(missing)} on PATH" if missing else None
    mine = (facts.env or {}).get(gap.name)
    if gap.name not in env:
        return f"has no {gap.name}"
    if mine is not None and env[gap.name] != mine:
        return f"has {gap.name}={env[gap.name]} instead of {mine}"
    return None
