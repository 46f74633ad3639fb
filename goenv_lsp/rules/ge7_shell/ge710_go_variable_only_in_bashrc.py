from __future__ import annotations

from collections.abc import Iterator

from goenv_lsp.facts import Facts, LoginEnvironment, Status
from goenv_lsp.files.shell_rc_kinds import BASH, PROFILE
from goenv_lsp.model import Severity
from goenv_lsp.rules.ge7_shell._terminal_only import Gap, describe, fixes, gaps
from goenv_lsp.rules.registry import EDITOR_ONLY, FixAvailability, Input, Report, rule

DOCS = """
## What it checks
Your login shell is bash, and `~/.bashrc` exports a Go variable (GOROOT, GOPATH, GOBIN, GOFLAGS, GOPROXY,
GOPRIVATE, GOTOOLCHAIN, CGO_ENABLED … any `GO*` or `CGO_*`) or puts a Go directory on PATH (the directory of
a `go` goenv-lsp found, or the one `go install` writes to), while the file a bash login shell reads — the
first of `~/.bash_profile`, `~/.bash_login`, `~/.profile` — neither sources `~/.bashrc` nor sets it itself.
The finding sits on the line in `~/.bashrc`.

When the login shell probe ran (`login-shell`: on in the CLI, `login-shell = true` in the language server;
`$SHELL -l -c` once, from the home directory, with a fresh login's variables, never interactive), only what
that login shell really lacks, or has with another value, is reported, and the message says what it has.
Otherwise the files alone decide. Differences no startup file explains (a variable exported by hand in this
terminal, a virtualenv, direnv, tmux) are never reported; nor is anything when the login file sources a file
goenv-lsp does not read, or runs an `eval` that may set Go variables (`eval "$(goenv init -)"`).

## Why it matters
Only an interactive bash that is not a login shell reads `~/.bashrc` (bash(1), INVOCATION). A login shell
reads the login file instead: macOS Terminal windows, ssh sessions, and VS Code, which runs your shell as
`$SHELL -ilc` once when started from the Dock or a desktop launcher and takes that environment
(`src/vs/platform/shell/node/shellEnv.ts`; vscode-go#713); other applications started from the macOS Dock get
launchd's environment. So the editor, and the gopls and go it starts, run without the variable, or with a PATH
that lacks that go: "go: command not found", another GOROOT or GOPATH, other GOFLAGS — only in the editor.
zsh is not concerned: an interactive login zsh reads `~/.zshrc` too.

## How to fix
Export the variable in the login file as well: the fix appends the same line to it (applied, a new login shell
has it). Or make the login file read `~/.bashrc` (`[ -f ~/.bashrc ] && . ~/.bashrc`, as Debian's `~/.profile`
does) — everything else in `~/.bashrc` then runs in login shells too, and nothing after its interactive guard
(`case $- in *i*) ;; *) return;; esac`) reaches a non-interactive login, so that fix is offered only when the
line comes before any such guard. Log in again, or restart the editor from the Dock, afterwards.

## Example
`~/.bashrc` has `export GOROOT=/usr/local/go1.22`, `~/.bash_profile` only `export PATH="$HOME/bin:$PATH"`;
this terminal has GOROOT, `bash -l` does not.
"""


@rule(code="GE710", name="go-variable-only-in-bashrc", severity=Severity.WARNING,
      contexts=EDITOR_ONLY,
      only_with=(BASH,),  # what ~/.bashrc sets
      summary="A Go variable or Go PATH entry is set only in ~/.bashrc, which bash login shells do not read",
      docs=DOCS, fix=FixAvailability.SOMETIMES, fix_title="Set it in the file a login shell reads",
      needs=(Input.LOGIN_SHELL, Input.ENVIRONMENT, Input.GO_BINARIES, Input.LOGIN_PROFILE, BASH, PROFILE, "goenv"),
      tags=("shell", "editor"))
def check(facts: Facts) -> Iterator[Report]:
    login = facts.login_env if facts.login_env is not None and facts.login_env.status is Status.OK else None
    for gap in gaps(facts):
        if login is None:
            yield Report(describe(gap, ""), gap.location, fixes(facts, gap))
        elif (lacks := _lacks(facts, login, gap)) is not None:
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
