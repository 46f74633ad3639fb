from __future__ import annotations

from collections.abc import Iterator

from goenv_lsp.facts import Facts, GoBinary, Origin, Status
from goenv_lsp.model import Severity
from goenv_lsp.rules._shared.anchors import machine_anchor
from goenv_lsp.rules.registry import EDITOR_ONLY, Input, Report, rule
from goenv_lsp.semantics.binaries import running_go
from goenv_lsp.semantics.version_managers import dangling

DOCS = """
## What it checks
A `go` in a PATH directory before the go that runs (or with no go after it) that is a symbolic link leading
nowhere: `/usr/local/bin/go` → `/usr/local/go/bin/go` while `/usr/local/go` → `/usr/local/go1.21.5` was
removed, or a Homebrew, asdf or Debian alternatives link left behind by an uninstall. The message names the
link that dangles and where it points.

## Why it matters
The shell passes over a dangling link silently and runs the next `go` on PATH — another version than the one
the link was meant to select — or reports `go: command not found` although `ls` shows a `go` right there. A
version switch made by re-pointing a link (`ln -sfn`) that removed the old tree first leaves exactly this.

## How to fix
Point the link at an installed Go again (`ln -sfn /usr/local/go1.27.3 /usr/local/go`), reinstall what it
pointed into (`brew reinstall go`, `sudo update-alternatives --config go`), or remove the stale link
(`rm /usr/local/bin/go`) so PATH shows what is really there. goenv-lsp does not change files outside the
workspace, so there is no quick fix.

## Example
PATH is `/usr/local/bin:/usr/bin`; `/usr/local/bin/go` → `/usr/local/go/bin/go`, and `/usr/local/go` →
`/usr/local/go1.21.5`, which no longer exists; `/usr/bin/go` (go1.19.8) runs instead.
"""


@rule(code="GE141", name="go-link-dangles", severity=Severity.WARNING,
      contexts=EDITOR_ONLY,  # a link the shell skips: the runner image's housekeeping, not the repository's
      summary="A go on PATH is a symbolic link that leads nowhere (the shell skips it)", docs=DOCS,
      needs=(Input.GO_BINARIES, Input.ENVIRONMENT), tags=("path",))
def check(facts: Facts) -> Iterator[Report]:
    runs = running_go(facts)
    for binary in facts.go_binaries or ():
        if Origin.PATH not in binary.origins or binary.path_index is not None or binary.status is not Status.MISSING:
            continue
        hop = dangling(binary)
        if hop is None:
            continue
        paths = facts.paths
        target = hop.target if paths.is_abs(hop.target) else paths.normpath(paths.join(paths.dirname(hop.link),
                                                                                      hop.target))
        yield Report(_message(binary, runs, hop.link, hop.target, target), machine_anchor(facts),
                     severity=Severity.WARNING if runs is not None else Severity.ERROR)


def _message(binary: GoBinary, runs: GoBinary | None, link: str, target: str, absolute: str) -> str:
    via = "" if link == binary.path else "on the way, "
    pointing = target if target == absolute else f"{target} ({absolute})"
    instead = (f"runs {runs.path} ({runs.version or 'version unknown'}) instead" if runs is not None
               else "finds no other go (`go: command not found`)")
    return (f"{binary.path} on PATH is a symbolic link that leads nowhere: {via}{link} points to {pointing}, "
            f"which does not exist. The shell skips it and {instead}. {_advice(link, absolute)}")


def _advice(link: str, absolute: str) -> str:
    posix = absolute.replace("\\", "/")
    if link.startswith("/etc/alternatives/"):
        return ("Choose an installed Go with `sudo update-alternatives --config go`, or remove the alternative "
                "(`sudo update-alternatives --remove go " + absolute + "`)")
    if "/Cellar/" in posix:
        return "Reinstall Homebrew's go (`brew reinstall go`) or remove the stale link (`brew unlink go`)"
    return f"Point {link} at an installed Go (`ln -sfn <installed Go> {link}`) or remove the stale link"
