from __future__ import annotations

from collections.abc import Iterator

from goenv_lsp.facts import Facts, Source
from goenv_lsp.files.goenv_file import user_env_file
from goenv_lsp.model import Location, Severity
from goenv_lsp.rules._shared.anchors import machine_anchor
from goenv_lsp.rules._shared.fixes import unset_if_written
from goenv_lsp.rules.registry import ALL_CONTEXTS, FixAvailability, Input, Report, rule
from goenv_lsp.semantics.go_env import Setting, entry_location

DOCS = """
## What it checks
Checksum settings under names the go command does not have: `GONOSUMCHECK` and `GONOVERIFY` (the name
during the Go 1.13 betas), meant as GONOSUMDB, and `GOSUMCHECK`, meant as GOSUMDB — exported in the
environment or written into the GOENV file.

## Why it matters
The go command reads neither: exported, they are silently ignored (`go env GONOSUMCHECK` prints an empty
line), so private modules are still looked up in sum.golang.org and fail with `404 Not Found` / `410 Gone`.
`go env -w GONOSUMCHECK=…` is refused: `go: unknown go command variable GONOSUMCHECK`.

## How to fix
Use GONOSUMDB (or GOPRIVATE, which also keeps the modules off the public proxy):
`go env -w GOPRIVATE=git.corp.com`, and remove the unknown variable.

## Example
`export GONOSUMCHECK=1` from a blog post about private modules.
"""

_MEANT = {"GONOSUMCHECK": "GONOSUMDB", "GONOVERIFY": "GONOSUMDB", "GOSUMCHECK": "GOSUMDB"}


@rule(code="GE409", name="checksum-variable-unknown", severity=Severity.WARNING,
      contexts=ALL_CONTEXTS,
      summary="GONOSUMCHECK / GONOVERIFY / GOSUMCHECK: names the go command ignores (GONOSUMDB, GOSUMDB)",
      docs=DOCS, fix=FixAvailability.SOMETIMES, fix_title="Remove the unknown variable from the GOENV file",
      needs=(Input.ENVIRONMENT, "goenv"), tags=("checksum",))
def check(facts: Facts) -> Iterator[Report]:
    env_file = user_env_file(facts)
    for name, meant in _MEANT.items():
        if (facts.env or {}).get(name):
            yield Report(f"the environment variable {name} is not a go command variable: the go command ignores "
                         f"it (`go env {name}` is empty); {meant} is what it reads", machine_anchor(facts))
        entry = env_file.get(name) if env_file is not None else None
        if entry is not None and env_file is not None:
            location: Location = entry_location(env_file, entry)
            setting = Setting(name, entry.value, Source.GOENV_FILE, location)
            yield Report(f"{name} in the GOENV file is not a go command variable: the go command ignores it; "
                         f"{meant} is what it reads", location, unset_if_written(facts, setting))

