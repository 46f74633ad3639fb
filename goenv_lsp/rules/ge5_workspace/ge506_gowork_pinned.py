from __future__ import annotations

from collections.abc import Iterator

from goenv_lsp.facts import Facts, Source, Status
from goenv_lsp.model import Severity
from goenv_lsp.rules._shared.anchors import env_setting_anchor
from goenv_lsp.rules._shared.fixes import unset_if_written
from goenv_lsp.rules.registry import ALL_CONTEXTS, FixAvailability, Input, Report, rule
from goenv_lsp.semantics.go_env import user_setting

DOCS = """
## What it checks
GOWORK set to a file: a relative path (the go command rejects it), a go.work that does not exist, or — set in
the GOENV file with `go env -w`, or in the environment — one go.work that every project then uses. `auto`,
`off` (GE505) and an empty value are not reported.

## Why it matters
A relative GOWORK stops `go env`, every build and gopls (Go 1.24 and later even `go version`):
`go: invalid GOWORK: not an absolute path`. A missing file stops every build:
`go: reading go.work: open /path/go.work: no such file or directory`. An existing one pins every module on the
machine to that workspace: in a project it does not list, `go build` says `directory prefix . does not contain
modules listed in go.work` and gopls sees no packages, while the go.work beside the project is ignored.

## How to fix
Remove the global setting (`go env -u GOWORK`, or the export in your shell profile) and let the go command
find the go.work next to each project. Use `GOWORK=/path/go.work go build` for a single command, or set it
per directory with a tool such as direnv.

## Example
`go env -w GOWORK=/home/dev/src/platform/go.work`, then working in another repository.
"""


@rule(code="GE506", name="gowork-pinned", severity=Severity.WARNING,
      contexts=ALL_CONTEXTS,
      summary="GOWORK names one go.work for every project, a missing file, or a relative path", docs=DOCS,
      fix=FixAvailability.SOMETIMES, fix_title="Remove GOWORK from the GOENV file",
      needs=(Input.ENVIRONMENT, Input.GO_BINARIES, "goenv", "go.work"), tags=("workspace",))
def check(facts: Facts) -> Iterator[Report]:
    setting = user_setting(facts, "GOWORK")
    if setting is None or setting.value in ("", "auto", "off") or facts.files_of("go.work") is None:
        return
    value, where = setting.value, setting.describe_source
    shown = value.rstrip("\r")  # a CRLF GOENV file: go keeps the \r in the value
    location, fixes = env_setting_anchor(facts, setting), unset_if_written(facts, setting)
    if not facts.paths.is_abs(value):
        yield Report(f"GOWORK={shown} from {where} is not an absolute path: go env, go build, go test and gopls "
                     "fail with `go: invalid GOWORK: not an absolute path`", location, fixes, severity=Severity.ERROR)
        return
    work = facts.file(value)
    if work is None or work.status is Status.MISSING:
        yield Report(f"GOWORK={shown} from {where} names a file that does not exist: every build fails with "
                     f"`go: reading go.work: open {shown}: no such file or directory`", location, fixes,
                     severity=Severity.ERROR)
        return
    if setting.source is Source.GOENV_FILE:
        yield Report(f"GOWORK={shown} from {where} makes every project on this machine use that one go.work: "
                     "modules it does not list fail to build, and each project's own go.work is ignored",
                     location, fixes)
    elif not _inside(facts, value):
        yield Report(f"GOWORK={shown} from {where}: every go command in this environment uses that go.work, "
                     f"not one beside {facts.root}", location, fixes, severity=Severity.INFO)


def _inside(facts: Facts, work: str) -> bool:
    """Is the go.work that of this workspace (in it, or in a directory above it)?"""
    return bool(facts.root) and facts.paths.inside(facts.root, facts.paths.dirname(work), strict=False)
