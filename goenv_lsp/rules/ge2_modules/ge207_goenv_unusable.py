from __future__ import annotations

from collections.abc import Iterator

from goenv_lsp.facts import Facts, PathKind, Status
from goenv_lsp.files.goenv_file import user_env_file
from goenv_lsp.model import Severity
from goenv_lsp.rules._shared.anchors import machine_anchor
from goenv_lsp.rules.registry import ALL_CONTEXTS, Input, Report, rule

DOCS = """
## What it checks
The GOENV file — `$GOENV`, else `os.UserConfigDir()/go/env` — when it is a directory or a file this user
cannot read, and a GOENV that is a relative path.

## Why it matters
The go command ignores a GOENV file it cannot read, silently (`cfg.readEnvFile`): every setting
`go env -w` wrote is gone, and `go env -w` / `go env -u` fail with `go: reading go env config: read …: is
a directory` or `go: reading go env config: open …: permission denied`. A relative GOENV is read from
the current directory of each go command, so every directory has its own settings (none, mostly).

## How to fix
Point GOENV at a file (`export GOENV="$HOME/.config/go/env"`), or unset it for the default; make the file
readable (`chmod u+rw`, or `sudo chown $USER` after a `sudo go env -w`).

## Example
`export GOENV=~/.config/go` (the directory, not `~/.config/go/env`).
"""


@rule(code="GE207", name="goenv-unusable", severity=Severity.WARNING,
      contexts=ALL_CONTEXTS,
      summary="The GOENV file is a directory, unreadable, or named by a relative path", docs=DOCS,
      needs=(Input.ENVIRONMENT, Input.PATH_INFO, "goenv"), tags=("goenv",))
def check(facts: Facts) -> Iterator[Report]:
    if facts.env is None:
        return
    goenv = facts.env.get("GOENV", "")
    if goenv and goenv != "off" and not facts.paths.is_abs(goenv):
        yield Report(f"GOENV={goenv} is a relative path: each go command reads it from its own current directory, "
                     "so the settings `go env -w` wrote apply only there", machine_anchor(facts))
        return
    file = user_env_file(facts)
    if file is None or file.status is not Status.UNREADABLE:
        return
    where = "the environment variable GOENV" if goenv else "the default location"
    info = (facts.path_info or {}).get(file.path)
    if info is not None and info.kind is PathKind.DIR:
        problem, error = "is a directory", f"read {file.path}: is a directory"
    else:
        why = file.problems[0].message.removeprefix("cannot read the file: ") if file.problems else ""
        if not why or why.startswith("larger than"):
            return  # the go command reads what goenv-lsp caps
        problem, error = "cannot be read", f"open {file.path}: {why[0].lower()}{why[1:]}"
    yield Report(f"The GOENV file {file.path} (from {where}) {problem}: the go command silently ignores it, so no "
                 f"`go env -w` setting applies, and `go env -w` fails with `go: reading go env config: {error}`",
                 machine_anchor(facts))
