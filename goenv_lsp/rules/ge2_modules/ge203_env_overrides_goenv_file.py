from __future__ import annotations

from collections.abc import Iterator

from goenv_lsp.facts import Facts, Status
from goenv_lsp.files.goenv_file import user_env_file
from goenv_lsp.model import Applicability, Fix, Range, Severity, TextEdit
from goenv_lsp.redact import redact_value
from goenv_lsp.rules.registry import EDITOR_ONLY, FixAvailability, Input, Report, rule
from goenv_lsp.semantics.go_env import entry_location

DOCS = """
## What it checks
Each variable of the GOENV file (what `go env -w` wrote) that is also set, non-empty and to another value,
in the environment goenv-lsp was started with: GO111MODULE, GOPROXY, GOFLAGS, GOPATH or any other.

## Why it matters
A non-empty environment variable always wins over the GOENV file (`cfg.Getenv`), so the file's line is
dead: `go env -w GOPROXY=…` seems to work — it only warns `warning: go env -w GOPROXY=... does not
override conflicting OS environment variable` — and nothing changes. Worse, programs started without
your shell's variables (an editor launched from the desktop, a service) do use the file's value: the
same machine behaves two ways.

## How to fix
Decide which value you want. To keep the environment's, delete the line from the GOENV file (the fix
does that; `go env -u KEY` does too). To use the file's, remove the `export KEY=…` from your shell
profile (or the Windows user environment variables).

## Example
`export GOFLAGS=-mod=mod` in `~/.bashrc` and `GOFLAGS=-mod=vendor` written by `go env -w`.
"""

_OS_ONLY = {"GOENV", "GODEBUG"}  # the go command reads these from the OS environment alone


@rule(code="GE203", name="env-overrides-goenv-file", severity=Severity.WARNING,
      contexts=EDITOR_ONLY,  # a job's environment is its configuration: overriding the GOENV file there is meant
      summary="An environment variable overrides a different value `go env -w` wrote to the GOENV file", docs=DOCS,
      fix=FixAvailability.ALWAYS, fix_title="Remove the overridden line from the GOENV file",
      needs=(Input.ENVIRONMENT, "goenv"), tags=("goenv",))
def check(facts: Facts) -> Iterator[Report]:
    file = user_env_file(facts)
    if facts.env is None or file is None or file.status is not Status.OK:
        return
    last = {e.key: e for e in file.entries}  # the line that counts: the last of each key
    for key, entry in last.items():
        if key in _OS_ONLY or not key.startswith(("GO", "CGO_")):
            continue  # only GO* and CGO_* variables are recorded from the environment
        value = facts.env.get(key, "")
        if not value or value == entry.value:
            continue
        shown, ignored = redact_value(key, value), redact_value(key, entry.value.rstrip("\r"))
        edits = tuple(TextEdit(file.path, Range.of(e.line, 0, 0, end_line=e.line + 1), "")
                      for e in file.entries if e.key == key)
        fix = Fix(f"Remove {key} from the GOENV file (the environment's {key}={shown} stays in effect)",
                  Applicability.UNSAFE, edits=edits)
        yield Report(f"{key}={ignored} in the GOENV file is overridden by the environment variable {key}={shown}; "
                     "programs started without that variable (an editor launched from the desktop) use the file's "
                     "value", entry_location(file, entry), (fix,))
