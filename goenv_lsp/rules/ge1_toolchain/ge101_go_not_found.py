from __future__ import annotations

from collections.abc import Iterator

from goenv_lsp.facts import Facts, Origin, Refusal, Status
from goenv_lsp.model import Severity
from goenv_lsp.rules._shared.anchors import machine_anchor
from goenv_lsp.rules.registry import ALL_CONTEXTS, Context, Input, Report, rule

DOCS = """
## What it checks
That a `go` command can be found: on the PATH this process sees, or in an SDK the editor settings name
(`go.goroot`, `go.alternateTools.go`, GoLand's project GOROOT).

## Why it matters
Without `go` nothing builds, gopls cannot load packages and editors fall back to pop-ups such as
"Failed to find the 'go' binary". An editor started from a desktop launcher often gets a shorter PATH
than a terminal, so Go can be installed and still be invisible to it.

## How to fix
Add the directory holding `go` to PATH in a file your login shell reads (`~/.profile`, `~/.zprofile`),
then restart the editor from a fresh login; or point the editor at the SDK with `go.goroot`.
If Go is not installed, install it from https://go.dev/dl/. When goenv-lsp finds Go in a well-known place
that is not on PATH, the message names it.

## Example
PATH is `/usr/bin:/bin` while Go lives in `/usr/local/go`: add `export PATH=$PATH:/usr/local/go/bin`.
"""


@rule(code="GE101", name="go-not-found", severity=Severity.ERROR, summary="No go command can be found",
      # a job that only runs goenv-lsp may have no go: the rules that need one stay quiet
      contexts=ALL_CONTEXTS, informational_in=(Context.CI,),
      docs=DOCS, needs=(Input.GO_BINARIES, Input.ENVIRONMENT), tags=("path",))
def check(facts: Facts) -> Iterator[Report]:
    if facts.go_binaries is None:
        return
    if any(b.path_index is not None for b in facts.go_binaries):
        return  # found; a go on PATH that fails to run is GE001's, GE103's or GE201's to explain
    usable = [b for b in facts.go_binaries if b.status is Status.OK]
    configured = [b for b in usable if set(b.origins) - {Origin.WELL_KNOWN, Origin.GOROOT}]
    if configured:
        sdk = configured[0]
        yield Report(f"no go on PATH; only the editor's configured SDK {sdk.path} ({sdk.version}) works. "
                     "Terminals, CI scripts and tools started without the editor's settings will not find go",
                     machine_anchor(facts), severity=Severity.WARNING)
        return
    elsewhere = [b for b in facts.go_binaries if b.status is not Status.MISSING and b.path_index is None
                 and b.refused not in (Refusal.NOT_GO, Refusal.NOT_GO_COMMAND)  # /bin/sh is no Go install
                 and Origin.PATH not in b.origins]
    blocked = [b for b in facts.go_binaries if Origin.PATH in b.origins and b.path_index is None]
    hint = ""
    if elsewhere:
        places = ", ".join(f"{b.path} ({b.version or 'version unknown'})" for b in elsewhere[:3])
        hint = f"; Go is installed but not on PATH: {places} — add its bin directory to PATH"
    searched = facts.paths.list_separator.join(facts.path_entries or ()) or "(empty)"
    if blocked:
        hint += "; " + "; ".join(f"{b.path} is {_why_not_run(b)}" for b in blocked[:3])
    yield Report(f"go not found on PATH {searched}{hint}", machine_anchor(facts))


def _why_not_run(binary) -> str:
    """Why the shell passes over a `go` in a PATH directory."""
    if binary.status is Status.UNREADABLE:
        return "a directory"
    if binary.status is Status.MISSING:
        return f"a dangling symbolic link (to {binary.real_path}, which does not exist)"
    return "not executable (chmod +x it, or reinstall Go)"
