from __future__ import annotations

from collections.abc import Iterator

from goenv_lsp.facts import Facts
from goenv_lsp.model import Applicability, Fix, Severity
from goenv_lsp.rules._shared.anchors import env_setting_anchor, file_anchor
from goenv_lsp.rules._shared.fixes import replace_text, unset_if_written
from goenv_lsp.rules._shared.inputs import TOOLCHAIN_INPUTS
from goenv_lsp.rules.registry import ALL_CONTEXTS, FixAvailability, Report, rule
from goenv_lsp.semantics.go_env import Setting, user_setting
from goenv_lsp.semantics.modules import scopes

DOCS = """
## What it checks
`-modfile=…` in GOFLAGS set for every project (the environment or the GOENV file written by `go env -w`),
while the workspace has a go.mod or go.work. Reported on the GOFLAGS line of the GOENV file, or on the
go.mod / go.work when GOFLAGS comes from the environment. Quiet when GOFLAGS has no `-modfile`.

## Why it matters
`-modfile` makes the go command read and write that file instead of the module's go.mod. Meant for one
command (a tool's throw-away go.mod), it is wrong as a global setting: a relative `-modfile=alt.mod` is
opened relative to the directory each go command runs in (`go: open alt.mod: no such file or directory`
anywhere it is missing), an absolute one makes every module on the machine share one go.mod. A name that
does not end in `.mod` stops every module-mode command with `go: -modfile=alt: file does not have .mod
extension`, and in a go.work workspace every command fails with `go: -modfile cannot be used in workspace
mode`.

## How to fix
Remove `-modfile` from GOFLAGS: `go env -u GOFLAGS` (or `go env -w GOFLAGS=…` with the other flags), or
remove it from the export in your shell profile. Pass `-modfile` on the command line of the one command
that needs it.

## Example
`GOFLAGS=-modfile=tools.mod` in `~/.config/go/env`.
"""


def modfile_flag(setting: Setting) -> str | None:
    """The last -modfile=… of GOFLAGS (a later flag wins), None without one."""
    value = None
    for field in setting.value.split():
        name, eq, flag_value = field.lstrip("-").partition("=")
        if field.startswith("-") and name == "modfile" and eq:
            value = flag_value
    return value


def without_modfile(value: str) -> str:
    return " ".join(f for f in value.split() if not (f.startswith("-") and f.lstrip("-").startswith("modfile=")))


def drop_modfile(facts: Facts, setting: Setting) -> tuple[Fix, ...]:
    """In the GOENV file: the -modfile field removed (the whole GOFLAGS line when nothing else is left)."""
    rest = without_modfile(setting.value.rstrip("\r"))
    if not rest:
        return tuple(Fix(f"Remove GOFLAGS={setting.value.strip()} from the GOENV file", Applicability.UNSAFE,
                         edits=f.edits) for f in unset_if_written(facts, setting))
    if not setting.in_goenv_file or setting.location is None or setting.location.path is None:
        return ()
    return (replace_text(setting.location.path, setting.location.range, f"GOFLAGS={rest}",
                         f"Remove -modfile from GOFLAGS in the GOENV file (keep {rest})", Applicability.UNSAFE),)


@rule(code="GE513", name="goflags-modfile", severity=Severity.WARNING,
      contexts=ALL_CONTEXTS,
      summary="GOFLAGS has -modfile: every module's go commands use that file instead of go.mod", docs=DOCS,
      fix=FixAvailability.SOMETIMES, fix_title="Remove -modfile from GOFLAGS",
      needs=TOOLCHAIN_INPUTS, tags=("goflags",))
def check(facts: Facts) -> Iterator[Report]:
    setting = user_setting(facts, "GOFLAGS")
    value = modfile_flag(setting) if setting is not None else None
    found = scopes(facts)
    if value is None or not found:
        return  # no module here (or GOPATH mode): the go command ignores -modfile
    workspace = next((s for s in found if facts.paths.basename(s.path) == "go.work"), None)
    head = f"GOFLAGS={setting.value.strip()} from {setting.describe_source}"
    severity = Severity.ERROR
    if workspace is not None:
        what = f"every go command in {workspace.path} fails with `go: -modfile cannot be used in workspace mode`"
    elif not value.endswith(".mod"):
        what = f"every go build, go test and gopls load fails with `go: -modfile={value}: file does not have " \
               f".mod extension`"
    else:
        severity = Severity.WARNING
        where = "one file shared by every module on this machine" if facts.paths.is_abs(value) else \
            "a file opened relative to the directory each go command runs in"
        what = f"every go command reads and writes {value} ({where}) instead of the module's go.mod"
    location = env_setting_anchor(facts, setting) if setting.location is not None \
        else file_anchor((workspace or found[0]).file)
    yield Report(f"{head}: {what}", location, drop_modfile(facts, setting), severity=severity)
