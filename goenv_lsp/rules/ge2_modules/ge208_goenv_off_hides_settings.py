from __future__ import annotations

from collections.abc import Iterator

from goenv_lsp.facts import Facts, Status
from goenv_lsp.files.goenv_unused import unused_env_file
from goenv_lsp.model import Severity
from goenv_lsp.rules.registry import EDITOR_ONLY, Input, Report, rule
from goenv_lsp.semantics.go_env import entry_location

DOCS = """
## What it checks
GOENV=off in the environment while the default GOENV file (`~/.config/go/env`, `%AppData%\\go\\env`,
`~/Library/Application Support/go/env`) holds settings.

## Why it matters
GOENV=off turns the user configuration file off: every setting `go env -w` wrote there (GOPRIVATE,
GOPROXY, GOFLAGS …) is silently ignored. `go env -w` does not even fail: it still writes the default
file (checked with go 1.22, 1.24 and 1.27), where the new value is ignored too. `go env -w GOENV=off`
itself is refused (`go: GOENV can only be set using the OS environment`), so the `off` comes from a shell
profile, a CI file or a Dockerfile.

## How to fix
Remove `GOENV=off` from where it is exported, or, if the settings must not apply, delete them from the
file so that nobody relies on them.

## Example
`export GOENV=off` copied from a hardening guide, with `GOPRIVATE=git.corp.example` written by `go env -w`.
"""


@rule(code="GE208", name="goenv-off-hides-settings", severity=Severity.WARNING,
      contexts=EDITOR_ONLY,  # GOENV=off in a job isolates it on purpose
      only_with=("goenv-unused",),
      summary="GOENV=off silently disables the settings `go env -w` wrote", docs=DOCS,
      needs=(Input.ENVIRONMENT, "goenv-unused"), tags=("goenv",))
def check(facts: Facts) -> Iterator[Report]:
    if facts.env is None or facts.env.get("GOENV") != "off":
        return
    file = unused_env_file(facts)
    if file is None or file.status is not Status.OK or not file.entries:
        return
    keys = list(dict.fromkeys(e.key for e in file.entries))
    shown = ", ".join(keys[:5]) + (f" and {len(keys) - 5} more" if len(keys) > 5 else "")
    yield Report(f"GOENV=off in the environment: the go command ignores {file.path} and the "
                 f"{'setting' if len(keys) == 1 else f'{len(keys)} settings'} `go env -w` wrote there ({shown}); "
                 "`go env -w` still writes to that file, where new values are ignored too",
                 entry_location(file, file.entries[0]))
