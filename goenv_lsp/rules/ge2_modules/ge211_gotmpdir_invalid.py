from __future__ import annotations

from collections.abc import Iterator

from goenv_lsp.facts import Facts, PathKind
from goenv_lsp.model import Severity
from goenv_lsp.rules._shared.anchors import env_setting_anchor, machine_anchor
from goenv_lsp.rules._shared.fixes import unset_if_written
from goenv_lsp.rules.registry import ALL_CONTEXTS, FixAvailability, Input, Report, rule
from goenv_lsp.semantics.go_env import user_setting

DOCS = """
## What it checks
GOTMPDIR — where the go command creates its temporary work directory — set to a path that is relative,
does not exist, is a file, or is not writable; and, when GOTMPDIR is unset, a TMPDIR like that (go then
works in `os.TempDir()`, which is $TMPDIR on Unix).

## Why it matters
The go command does not create that directory: every build, test and run stops at once with
`go: creating work dir: stat /path: no such file or directory` (or `mkdir /path/go-build…: not a
directory` / `permission denied`); gopls fails the same way. A GOTMPDIR on a RAM disk or a mounted
volume that is gone after a reboot is the usual cause.

## How to fix
Create the directory (`mkdir -p /path`), or unset GOTMPDIR: `go env -u GOTMPDIR` when `go env -w` wrote
it (the fix removes the line), else remove the export.

## Example
`export GOTMPDIR=/mnt/ramdisk/go` after the RAM disk was not mounted.
"""


@rule(code="GE211", name="gotmpdir-invalid", severity=Severity.ERROR,
      contexts=ALL_CONTEXTS,
      summary="GOTMPDIR (or TMPDIR) names a directory that is missing, a file, relative or not writable", docs=DOCS,
      fix=FixAvailability.SOMETIMES, fix_title="Remove GOTMPDIR from the GOENV file",
      needs=(Input.ENVIRONMENT, Input.GO_BINARIES, Input.PATH_INFO, "goenv", "go.env"), tags=("gotmpdir",))
def check(facts: Facts) -> Iterator[Report]:
    setting = user_setting(facts, "GOTMPDIR")
    if setting is None:
        return
    if setting.value:
        name, value, where = "GOTMPDIR", setting.value, setting.describe_source
        location, fixes = env_setting_anchor(facts, setting), unset_if_written(facts, setting)
    elif facts.os != "windows" and (facts.env or {}).get("TMPDIR"):
        name, value, where = "TMPDIR", (facts.env or {})["TMPDIR"], "the environment variable TMPDIR (GOTMPDIR unset)"
        location, fixes = machine_anchor(facts), ()
    else:
        return
    error = _error(facts, value)
    if error is None:
        return
    when = "every go build, test and run, and the package loading of gopls, fail" if facts.paths.is_abs(value) else (
        "it is relative, so go looks for it in each command's directory; where it is missing, builds fail")
    yield Report(f"{name}={value} from {where}: {when} with `go: creating work dir: {error}`", location, fixes)


def _error(facts: Facts, value: str) -> str | None:
    """The tail of the go command's error (work.BuilderInit, real go 1.27.3), None when the directory is usable."""
    if not facts.paths.is_abs(value):
        return f"stat {value}: no such file or directory"  # go stats it relative to each command's directory
    info = (facts.path_info or {}).get(value)
    if info is None or info.kind is PathKind.UNREADABLE:
        return None
    if info.kind is PathKind.MISSING:
        return f"stat {value}: no such file or directory"
    work = facts.paths.join(value, "go-build…")
    if info.kind is PathKind.FILE:
        return f"mkdir {work}: not a directory"
    return f"mkdir {work}: permission denied" if info.writable is False else None
