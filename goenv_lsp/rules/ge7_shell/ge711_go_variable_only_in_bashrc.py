from __future__ import annotations

from collections.abc import Iterator

from goenv_lsp.facts import Facts, Status
from goenv_lsp.files.shell_rc_kinds import BASH, PROFILE
from goenv_lsp.model import Severity
from goenv_lsp.rules.ge7_shell._terminal_only import describe, fixes, gaps
from goenv_lsp.rules.registry import FixAvailability, Input, Report, rule

DOCS = """
## What it checks
Your login shell is bash, and `~/.bashrc` exports a Go variable (GOROOT, GOPATH, GOBIN, GOFLAGS, GOPROXY,
GOPRIVATE, GOTOOLCHAIN, CGO_ENABLED … any `GO*` or `CGO_*`) or puts a Go directory on PATH (the directory of
a `go` goenv-lsp found, or the one `go install` writes to), while the file a bash login shell reads — the
first of `~/.bash_profile`, `~/.bash_login`, `~/.profile` — neither sources `~/.bashrc` nor sets it itself.
Read from the files alone, when the login shell was not run (`login-shell` off, the default in the language
server; GE710 reports the same with the login shell's own answer). A source of a file goenv-lsp cannot
resolve, or an `eval` in the login file that may set Go variables (`eval "$(goenv init -)"`), keeps it quiet.

## Why it matters
Only an interactive bash that is not a login shell reads `~/.bashrc` (bash(1), INVOCATION). A login shell
reads the login file instead: macOS Terminal windows, ssh sessions, and VS Code, which runs your shell as
`$SHELL -ilc` once when started from the Dock or a desktop launcher and takes that environment
(`shellEnv.ts`; vscode-go#713). Editors and the gopls and go they start then run without the variable, or with
a PATH that lacks that go: "go: command not found" in the editor only, another Go version, another GOPATH.
zsh is not concerned: an interactive login zsh reads `~/.zshrc` too.

## How to fix
Export the variable in the login file as well: the fix appends the same line to it. Or make the login file
read `~/.bashrc` (`[ -f ~/.bashrc ] && . ~/.bashrc`, as Debian's `~/.profile` does) — everything else in
`~/.bashrc` then runs in login shells too, and nothing after an interactive guard
(`case $- in *i*) ;; *) return;; esac`) reaches a non-interactive login. Log in again (or restart the
editor from the Dock) afterwards.

## Example
`~/.bashrc` has `export GOROOT=/usr/local/go1.22`, `~/.bash_profile` only `export PATH="$HOME/bin:$PATH"`.
"""


@rule(code="GE711", name="go-variable-only-in-bashrc", severity=Severity.WARNING,
      summary="A Go variable or Go PATH entry is set only in ~/.bashrc, which bash login shells do not read",
      docs=DOCS, fix=FixAvailability.SOMETIMES, fix_title="Set it in the file a login shell reads",
      needs=(Input.LOGIN_SHELL, Input.ENVIRONMENT, Input.GO_BINARIES, Input.LOGIN_PROFILE, BASH, PROFILE, "goenv"),
      tags=("shell", "editor"))
def check(facts: Facts) -> Iterator[Report]:
    if facts.login_env is not None and facts.login_env.status is Status.OK:
        return  # the login shell answered: GE710 judges with its environment
    for gap in gaps(facts):
        yield Report(describe(gap, ""), gap.location, fixes(facts, gap))
