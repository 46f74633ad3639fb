from __future__ import annotations

import re
from collections.abc import Iterator

from goenv_lsp.facts import Facts, GoBinary, Status
from goenv_lsp.files.shell_rc import Op, ShellAssignment, ShellRcFacts, resolve
from goenv_lsp.model import Applicability, Fix, Location, Severity, TextEdit
from goenv_lsp.rules.ge7_shell._rc import SHELL_FILES, file_label, readable_files
from goenv_lsp.rules.registry import EDITOR_ONLY, FixAvailability, Input, Report, rule
from goenv_lsp.semantics import version as gover
from goenv_lsp.semantics.binaries import local_version

DOCS = """
## What it checks
A PATH line in a shell startup file that puts a directory whose `go` is older ahead of a directory whose `go` is
newer, so that the older one runs in every shell that reads the file. The order is worked out the way the file
builds PATH (each `PATH=dir:$PATH` in front, `PATH=$PATH:dir` behind, on the PATH the file starts from), and only
the go binaries goenv-lsp found and ran (`go version`) count.

## Why it matters
The shell runs the first `go` on PATH; the newer one is never used. Builds of modules whose `go` line needs the
newer Go fail or download a toolchain, `go version` in the terminal disagrees with what was installed last, and
gopls (started by an editor that reads other files) may use the newer one: two Go versions for one project.

## How to fix
Put the older directory after the rest of PATH (`export PATH="$PATH:/usr/lib/go-1.19/bin"`; the fix rewrites a
`dir:$PATH` line so), or delete the line if that Go is not needed any more. If you do want the older Go for one
project, select it there (a version manager's `.go-version`, `go.work`/`go.mod` toolchain lines) rather than
for every shell.

## Example
`~/.profile` has `export PATH=/usr/lib/go-1.19/bin:$PATH` (Debian's golang-1.19) while `/usr/local/go/bin` holds
Go 1.27.3: `go version` says go1.19.8.
"""


@rule(code="GE702", name="rc-path-older-go-first", severity=Severity.WARNING,
      contexts=EDITOR_ONLY,
      only_with=SHELL_FILES,
      summary="A shell startup file puts a directory with an older go ahead of a newer one on PATH", docs=DOCS,
      fix=FixAvailability.SOMETIMES, fix_title="Put the directory after the rest of PATH",
      needs=(*SHELL_FILES, Input.GO_BINARIES, Input.ENVIRONMENT), tags=("path", "shell"))
def check(facts: Facts) -> Iterator[Report]:
    gos = _gos_by_dir(facts)
    if len({v for v, _ in gos.values()}) < 2:
        return  # one Go version (or none known): nothing to shadow
    for file in readable_files(facts):
        order = _path_order(facts, file)
        with_go = [(d, line, gos[facts.paths.key(d)]) for d, line in order if facts.paths.key(d) in gos]
        if not with_go:
            continue
        first_dir, first_line, (first_version, first) = with_go[0]
        newer = [(d, line, v) for d, line, (v, _) in with_go[1:] if gover.compare(v, first_version) > 0]
        if not newer:
            continue
        label = file_label(facts, file)
        if first_line is not None:  # this file puts the older go first
            newest_dir, _, newest_version = max(newer, key=lambda n: gover.sort_key(n[2]))
            fix = _reorder(file, first_line, behind=True)
            yield Report(f"{label} puts {first_dir} (go{first_version}) on PATH ahead of {newest_dir} "
                         f"(go{newest_version}): every shell that reads it runs the older go ({first.path})",
                         Location(file.path, first_line.statement), (fix,) if fix else ())
            continue
        appended = [(d, line, v) for d, line, v in newer if line is not None and line.op is Op.APPEND]
        if appended:  # this file adds a newer go behind the older one PATH already had
            newer_dir, line, newer_version = max(appended, key=lambda n: gover.sort_key(n[2]))
            assert line is not None
            fix = _reorder(file, line, behind=False)
            yield Report(f"{label} adds {newer_dir} (go{newer_version}) at the end of PATH, behind {first_dir} "
                         f"(go{first_version}): every shell that reads it still runs the older go ({first.path})",
                         Location(file.path, line.statement), (fix,) if fix else ())


def _gos_by_dir(facts: Facts) -> dict[str, tuple[str, GoBinary]]:
    """Each directory holding a go that ran (its version), by the directory's key."""
    found = {}
    for binary in facts.go_binaries or ():
        version = local_version(binary)
        if binary.status is Status.OK and version:
            found.setdefault(facts.paths.key(facts.paths.dirname(binary.path)), (version, binary))
    return found


def _path_order(facts: Facts, file: ShellRcFacts) -> list[tuple[str, ShellAssignment | None]]:
    """PATH as the file leaves it: each directory with the line that put it there (None: it was there before)."""
    paths = facts.paths
    edits = [a for a in file.assignments if a.name == "PATH" and a.op is not Op.UNSET and a.expanded is not None]
    added = {paths.key(d) for a in edits for e in a.entries if (d := resolve(e, facts))}
    order: list[tuple[str, ShellAssignment | None]] = [(e, None) for e in facts.path_entries or ()
                                                       if paths.key(e) not in added]
    for line in edits:
        dirs = [(d, line) for e in line.entries if (d := resolve(e, facts))]
        if line.op is Op.APPEND:
            order = order + dirs
        elif line.op is Op.SET and "${PATH}" not in (line.expanded or ""):
            order = dirs
        else:
            order = dirs + order
    return order


_LEADING_DIR = re.compile(r"""^(?P<q>"?)(?P<dir>[^"'$:]+|\$HOME/[^"'$:]+):\$(?:PATH|\{PATH\})(?P=q)$""")
_TRAILING_DIR = re.compile(r"""^(?P<q>"?)\$(?:PATH|\{PATH\}):(?P<dir>[^"'$:]+|\$HOME/[^"'$:]+)(?P=q)$""")


def _reorder(file: ShellRcFacts, line: ShellAssignment, behind: bool) -> Fix | None:
    """``PATH=/old/bin:$PATH`` → ``PATH="$PATH:/old/bin"`` (``behind``), or ``PATH=$PATH:/new/bin`` →
    ``PATH="/new/bin:$PATH"``: one plain directory, as written."""
    written = (_LEADING_DIR if behind else _TRAILING_DIR).match(line.value.value)
    if written is None or line.op is not (Op.PREPEND if behind else Op.APPEND):
        return None
    directory = written.group("dir")
    new = f'"$PATH:{directory}"' if behind else f'"{directory}:$PATH"'
    title = f"Put {directory} after the rest of PATH" if behind else f"Put {directory} first on PATH"
    return Fix(title, Applicability.UNSAFE, edits=(TextEdit(file.path, line.value.range, new),))
