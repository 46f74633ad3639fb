from __future__ import annotations

from collections.abc import Iterator

from goenv_lsp.facts import Facts, GoBinary, Status
from goenv_lsp.model import Related, Severity
from goenv_lsp.rules._shared.anchors import machine_anchor, span_location
from goenv_lsp.rules.registry import ALL_CONTEXTS, Context, Input, Report, rule
from goenv_lsp.semantics import version as gover
from goenv_lsp.semantics.binaries import local_version, running_go
from goenv_lsp.semantics.modules import scopes

DOCS = """
## What it checks
Several `go` commands on PATH with different versions, where the first one — the one every terminal,
script and gopls runs — is not the one something else intends: the GOROOT variable, the editor's SDK
setting, or the module's `go` line (a later `go` on PATH satisfies it, the first does not).
Different versions on PATH alone are not reported: that is normal with version managers.

## Why it matters
The shell runs the first match. A Homebrew, distribution or version-manager `go` earlier on PATH silently
wins over the one you installed or configured; builds then use another compiler and standard library
than you think, and `go.mod` may be rejected as too new.

## How to fix
Reorder PATH in your login profile so the intended Go's `bin` directory comes first, or remove the
stale installation. Check with `which -a go` and `go version`.

## Example
PATH is `/usr/bin:/usr/local/go/bin`; `/usr/bin/go` is 1.19 from the distribution, `/usr/local/go/bin/go`
is 1.27.3, and go.mod says `go 1.27.3`: the 1.19 one runs.
"""


@rule(code="GE102", name="go-shadowed-on-path", severity=Severity.WARNING,
      # what the editor setting intends is a developer's; GE110 and GE111 judge the go that runs in ci
      contexts=ALL_CONTEXTS, informational_in=(Context.CI,),
      summary="The first go on PATH shadows the go that settings or the project intend", docs=DOCS,
      needs=(Input.GO_BINARIES, Input.ENVIRONMENT, Input.PATH_INFO, Input.MODULES, "go.mod", "go.work"),
      tags=("path",))
def check(facts: Facts) -> Iterator[Report]:
    first = running_go(facts)
    if first is None or first.status is not Status.OK or not first.version:
        return
    later = [b for b in facts.go_binaries or () if b.path_index is not None and b is not first
             and b.status is Status.OK and b.version and b.version != first.version]
    for other in later:
        intent = _set_by(facts, other)
        if intent is not None:
            yield Report(_message(first, other, intent), machine_anchor(facts))
            return
    for scope in scopes(facts):  # a later go satisfies a module's go line, the first does not
        for other in later:
            mod = scope.file
            if mod.go is None:
                break
            need, have, other_version = mod.go.value, local_version(first), local_version(other)
            if have and other_version and gover.compare(need, have) > 0 >= gover.compare(need, other_version):
                where = span_location(mod.path, mod.go)
                yield Report(_message(first, other, f"{mod.kind} needs (go {need})"), where,
                             related=(Related(where, f"go {need} is required here"),), module=scope.path)
                break


def _message(first: GoBinary, other: GoBinary, intent: str) -> str:
    return (f"{first.path} ({first.version}) comes first on PATH and shadows {other.path} ({other.version}), "
            f"which {intent}")


def _set_by(facts: Facts, other: GoBinary) -> str | None:
    goroot = (facts.env or {}).get("GOROOT")
    if goroot and facts.same_dir(goroot, other.own_root):
        return "the GOROOT environment variable points at"
    editor = [o for o in other.origins if o.is_editor_setting]
    if editor:
        return f"the editor setting {editor[0].value} selects"
    return None
