"""What GE701–GE706 share: the assignment of a variable that is in effect at the end of a startup file, the
edit that deletes its lines, how a file is named in messages, and the link to the finding an environment rule
makes about the same value."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from goenv_lsp.facts import Facts, Status
from goenv_lsp.files.shell_rc import Op, ShellAssignment, ShellRcFacts, resolve, shell_files
from goenv_lsp.files.shell_rc_kinds import KIND_NAMES
from goenv_lsp.model import Applicability, Fix, Location, Related, TextEdit
from goenv_lsp.rules.registry import Input, Report
from goenv_lsp.semantics.go_env import user_setting

SHELL_FILES = KIND_NAMES  # what the rules need besides their inputs


@dataclass(frozen=True)
class InEffect:
    """The last assignment of a variable in a file (the one a shell that runs the file is left with), and every
    earlier one."""

    file: ShellRcFacts
    last: ShellAssignment
    all: tuple[ShellAssignment, ...]

    @property
    def location(self) -> Location:
        return Location(self.file.path, self.last.statement)


def readable_files(facts: Facts) -> Iterator[ShellRcFacts]:
    for file in shell_files(facts):
        if file.status in (Status.OK, Status.MALFORMED):  # MALFORMED: too large, what was read still counts
            yield file


def in_effect(facts: Facts, name: str) -> Iterator[InEffect]:
    """Per file: the assignment of ``name`` in effect at its end, unless the file unsets it last."""
    for file in readable_files(facts):
        found = file.assignments_of(name)
        if found and found[-1].op is not Op.UNSET:
            yield InEffect(file, found[-1], tuple(a for a in found if a.op is not Op.UNSET))


def exported(facts: Facts, assignment: ShellAssignment) -> bool:
    """Does the variable reach programs: exported by the file, or already in the environment (then the shell
    passes the new value on)?"""
    return assignment.exported or bool((facts.env or {}).get(assignment.name))


def used_later(file: ShellRcFacts, name: str, after: ShellAssignment) -> list[ShellAssignment]:
    """Assignments after ``after`` whose value reads ``name`` (``PATH=$GOROOT/bin:$PATH``)."""
    index = file.assignments.index(after)
    return [a for a in file.assignments[index + 1:] if name in a.refs]


def delete_lines(found: InEffect, title: str, applicability: Applicability) -> Fix | None:
    """Delete every line of the file that sets the variable (an earlier one would take over), when each can be
    deleted whole."""
    if any(a.removal is None for a in found.all):
        return None
    edits = tuple(TextEdit(found.file.path, a.removal, "") for a in found.all if a.removal is not None)
    return Fix(title, applicability, edits=edits)


def file_label(facts: Facts, file: ShellRcFacts) -> str:
    """``~/.zshrc``, ``.envrc`` (in the workspace): how messages name a startup file."""
    paths = facts.paths
    if facts.root and paths.inside(file.path, facts.root):
        return paths.relative(file.path, facts.root)
    if facts.home and paths.inside(file.path, facts.home):
        return "~/" + paths.relative(file.path, facts.home).replace("\\", "/")
    return file.path


def environment_link(facts: Facts, found: InEffect, codes: tuple[str, ...]) -> tuple[tuple[Related, ...], str]:
    """When the environment goenv-lsp ran in has the value this line sets (it most likely came from here) and an
    environment rule of ``codes`` reports it: that finding's location as related information, and a sentence for
    the message. The rules are run here (they are pure), so the link names only a finding that exists."""
    setting = user_setting(facts, found.last.name)
    value = found.last.expanded
    if setting is None or not setting.value or value is None or setting.value not in (value, resolve(value, facts)):
        return (), ""
    related = []
    for code, report in _reports(facts, codes):
        if re.search(rf"\b{found.last.name}\b", report.message):  # a rule of several variables: this one's
            related.append(Related(report.location, f"{code} reports this value in the environment"))
    if not related:
        return (), ""
    named = "/".join(dict.fromkeys(r.message.split()[0] for r in related))
    return tuple(related[:3]), f"; the environment goenv-lsp ran in has this value too ({named} reports it)"


def _reports(facts: Facts, codes: tuple[str, ...]) -> Iterator[tuple[str, Report]]:
    from goenv_lsp.rules import Scope, by_code
    from goenv_lsp.semantics.modules import scopes

    for code in codes:
        rule = by_code(code)
        if rule is None:
            continue
        targets: tuple[object, ...] = (None,) if rule.scope is Scope.MACHINE else (scopes(facts) or (None,))
        for target in targets if rule.scope is not Scope.FILE else ():
            for report in rule.run(facts, target):
                yield code, report


# what the environment rules linked to read, besides the files: a finding of ours re-runs when they change
ENVIRONMENT_INPUTS = (Input.ENVIRONMENT, Input.GO_BINARIES, Input.PATH_INFO, Input.MODULES, Input.PLATFORM,
                      Input.TOOLCHAINS, Input.MODULE_CACHE, "go.mod", "go.work", "goenv", "go.env",
                      "vendor/modules.txt")
