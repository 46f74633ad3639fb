from __future__ import annotations

import dataclasses
from collections.abc import Iterator

from goenv_lsp.facts import Facts, Source, Status
from goenv_lsp.files.go_mod import ModFileFacts
from goenv_lsp.model import Related, Severity
from goenv_lsp.rules._shared.anchors import env_setting_anchor, file_anchor
from goenv_lsp.rules._shared.fixes import unset_if_written
from goenv_lsp.rules.registry import ALL_CONTEXTS, FixAvailability, Input, Report, rule
from goenv_lsp.semantics.go_env import user_setting
from goenv_lsp.semantics.modules import go_work_for, settings_of

DOCS = """
## What it checks
GOWORK=off set for every command — exported in the environment, or written to the GOENV file with
`go env -w GOWORK=off` — while the workspace has a go.work that the go command would otherwise use.
A warning when it is in the GOENV file (it stays for every project and every shell), information when it
comes from the environment (a shell or tool may have set it on purpose).

## Why it matters
With GOWORK=off the go command ignores every go.work: each module builds on its own, with the versions its
go.mod requires instead of the workspace's local modules and replacements. Nothing says so: `go build` and
gopls quietly use other code than the go.work describes, and edits to a sibling module seem to have no effect.

## How to fix
Remove the global setting: `go env -u GOWORK` (or remove the export from your shell profile). Set
`GOWORK=off` only for a command that needs it: `GOWORK=off go build ./...`.

## Example
`GOWORK=off` in `~/.config/go/env` and a go.work at the repository root.
"""


@rule(code="GE505", name="gowork-off", severity=Severity.WARNING,
      contexts=ALL_CONTEXTS,
      only_with=("go.work",),  # the go.work that GOWORK=off hides
      summary="GOWORK=off is set globally while the workspace has a go.work", docs=DOCS,
      fix=FixAvailability.SOMETIMES, fix_title="Remove GOWORK from the GOENV file",
      needs=(Input.ENVIRONMENT, Input.GO_BINARIES, Input.MODULES, "goenv", "go.mod", "go.work"),
      tags=("workspace",))
def check(facts: Facts) -> Iterator[Report]:
    setting = user_setting(facts, "GOWORK")
    settings = settings_of(facts)
    if setting is None or setting.value != "off" or settings is None or settings.module_mode is False:
        return
    searching = dataclasses.replace(settings, gowork="")
    present = {p for p, f in (facts.files or {}).items() if f.kind in ("go.mod", "go.work")
               and f.status is not Status.MISSING}
    places = [m.dir for m in facts.modules or ()] + ([facts.root] if facts.root else [])
    ignored = {w for w in (go_work_for(d, searching, present.__contains__, facts.paths) for d in places) if w}
    in_file = setting.source is Source.GOENV_FILE
    for path in sorted(ignored):
        work = facts.file(path)
        if not isinstance(work, ModFileFacts):
            continue
        where = env_setting_anchor(facts, setting) if in_file else file_anchor(work)
        related = (Related(file_anchor(work), "the go.work the go command ignores"),) if in_file else ()
        yield Report(f"GOWORK=off from {setting.describe_source}: the go command ignores {path}, so each module "
                     "builds on its own, without the workspace's other modules and replacements", where,
                     unset_if_written(facts, setting), related, severity=None if in_file else Severity.INFO)
