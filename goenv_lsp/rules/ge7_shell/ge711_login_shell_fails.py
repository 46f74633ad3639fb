from __future__ import annotations

from collections.abc import Iterator

from goenv_lsp.facts import Facts, Status
from goenv_lsp.model import Severity
from goenv_lsp.rules._shared.anchors import machine_anchor
from goenv_lsp.rules.registry import EDITOR_ONLY, FixAvailability, Input, Report, rule

DOCS = """
## What it checks
That the login shell probe could read your login shell's environment: `$SHELL -l -c` (run once, from the home
directory, with a fresh login's variables, never interactive, only when `login-shell` is on — the CLI's
default) must not hang past the probe timeout, exit with an error, crash, or exit before running the command
it was given (a startup file that ends in `exec` or `exit`), and `$SHELL` must name a shell that exists. Shells
goenv-lsp does not know (tcsh, nushell …) are not run, and nothing is reported for them.

## Why it matters
Editors started outside a terminal take their environment from such a shell: VS Code runs `$SHELL -ilc` once
when started from the Dock or a desktop launcher, gives up after 10 seconds ("Unable to resolve your shell
environment in a reasonable time") and rejects a shell that exits with an error
(`src/vs/platform/shell/node/shellEnv.ts`). The editor then runs with the desktop's bare environment: no Go
on PATH, none of your Go variables. Without the login environment goenv-lsp cannot check it either (GE710
then judges from the files alone).

## How to fix
Run `$SHELL -l -c true` in a terminal and read what it prints; time it (`time bash -l -c true`). Look in the
login files (`~/.bash_profile`, `~/.profile`, `~/.zprofile`, `~/.zshenv`, fish's `config.fish`) for a command
that waits for input, a password or the network (a `source` from a network share, `ssh-add`, a version
manager that downloads), one that fails under `set -e`, or an `exec`. Guard interactive-only commands with
`[[ $- == *i* ]]`.

## Example
`~/.bash_profile` sources a file on a network share that no longer answers: `bash -l -c` never returns.
"""

_REPORTED = (Status.TIMED_OUT, Status.FAILED, Status.CRASHED, Status.NOT_EXECUTABLE, Status.MISSING)


@rule(code="GE711", name="login-shell-fails", severity=Severity.WARNING,
      contexts=EDITOR_ONLY,
      only_with=(Input.LOGIN_SHELL,),  # the login shell's run
      summary="The login shell hangs, fails or exits early, so its environment cannot be read", docs=DOCS,
      fix=FixAvailability.NONE, needs=(Input.LOGIN_SHELL,), tags=("shell", "editor", "probe"))
def check(facts: Facts) -> Iterator[Report]:
    login = facts.login_env
    if login is not None and login.status in _REPORTED:
        yield Report(f"the login shell `{login.shell} -l -c` {login.problem}", machine_anchor(facts))
