from __future__ import annotations

from collections.abc import Iterator

from goenv_lsp.facts import Facts, PathKind
from goenv_lsp.files.shell_rc import Op, resolve
from goenv_lsp.model import Applicability, Severity
from goenv_lsp.rules.ge7_shell._rc import (
    ENVIRONMENT_INPUTS,
    SHELL_FILES,
    delete_lines,
    environment_link,
    exported,
    file_label,
    in_effect,
    used_later,
)
from goenv_lsp.rules.registry import EDITOR_ONLY, FixAvailability, Report, rule
from goenv_lsp.semantics.binaries import local_version, running_go

DOCS = """
## What it checks
A shell startup file (`~/.bashrc`, `~/.profile`, `~/.zshrc`, fish's `config.fish`, a workspace `.envrc` …) that
exports GOROOT as a directory that does not exist, that is not a Go installation (no `pkg/tool`), or that holds
another Go version than the `go` that runs. Only the line in effect at the end of the file is judged; a GOROOT
the file also puts on PATH (`PATH=$GOROOT/bin:$PATH`) is the go that shell runs, so only a missing or non-Go
tree counts there.

## Why it matters
The go command trusts an exported GOROOT. A missing tree breaks every command (`go: cannot find GOROOT
directory: …`); another version makes every build fail with `compile: version "go1.22.10" does not match go tool
version "go1.27.3"`. The line is usually left over from an old install or a version manager: after an upgrade it
points at a tree that is gone or old, in every terminal. Modern Go finds its own root from the location of the
`go` binary, so the line is not needed at all.

## How to fix
Delete the `export GOROOT=…` line (the fix does; every line of the file that sets GOROOT, so an earlier one does
not take over) and open a new terminal. Keep the `go` you want first on PATH instead. When a later line uses
`$GOROOT` (`PATH=$GOROOT/bin:$PATH`), write that directory there instead; no edit is offered then. GE103 and
GE104 report the same value when the environment goenv-lsp runs in has it: this finding is on the line to
change.

## Example
`~/.zshrc` has `export GOROOT=/usr/local/go1.19` from an old install; PATH finds Go 1.27.3 and
`/usr/local/go1.19` no longer exists.
"""


@rule(code="GE701", name="rc-goroot-wrong", severity=Severity.ERROR,
      contexts=EDITOR_ONLY,
      only_with=SHELL_FILES,
      summary="A shell startup file exports a GOROOT that is missing, not Go, or another Go than the one that runs",
      docs=DOCS, fix=FixAvailability.SOMETIMES, fix_title="Delete the GOROOT line: the go command finds its own root",
      needs=(*SHELL_FILES, *ENVIRONMENT_INPUTS), tags=("goroot", "shell"))
def check(facts: Facts) -> Iterator[Report]:
    active = running_go(facts)
    for found in in_effect(facts, "GOROOT"):
        line = found.last
        path = resolve(line.expanded, facts)
        if path is None or not exported(facts, line):
            continue  # a command decides it, or the variable never reaches the go command
        info = (facts.path_info or {}).get(path)
        if info is None:
            continue
        later = used_later(found.file, "GOROOT", line)
        own_go = any(a.name == "PATH" and a.op in (Op.PREPEND, Op.SET, Op.INSERT) for a in later)
        if info.kind is PathKind.MISSING:
            problem = f"does not exist: every go command fails with `go: cannot find GOROOT directory: {path}`"
        elif info.kind is not PathKind.DIR:
            problem = "is not a directory: every go command fails"
        elif not info.go_tree:
            problem = "is not a Go installation (it has no pkg/tool directory): builds cannot find the compiler"
        elif own_go or active is None or not active.own_root or facts.same_dir(path, active.own_root):
            continue
        elif info.version and (running := local_version(active)) and info.version != f"go{running}":
            problem = (f"is {info.version}, but the go that runs ({active.path}) is go{running}: builds fail with "
                       f"`compile: version \"{info.version}\" does not match go tool version \"go{running}\"`")
        else:
            continue
        related, also = environment_link(facts, found, ("GE103", "GE104"))
        fix = None if later else delete_lines(found, "Delete the GOROOT line (the go command finds its own root)",
                                               Applicability.SAFE)
        advice = (f"; line {later[0].statement.start.line + 1} uses $GOROOT: write the Go directory you want there"
                  if later else "; delete the line: the go command finds its own root")
        yield Report(f"{file_label(facts, found.file)} exports GOROOT={line.value.value}, which {problem}{also}"
                     f"{advice}", found.location, (fix,) if fix else (), related)
