"""Shell startup files in the home directory (``~/.bashrc``, ``~/.profile``, ``~/.zshrc``, fish's ``config.fish`` …)
and direnv's ``.envrc`` in the workspace: the variables they set, the PATH edits, ``alias go``/a ``go`` function,
the files they source, and what cannot be known without running them. Values are stored redacted; the value of a
variable whose name says it is a secret is never stored at all.

The sh/bash/zsh parser is ``_shell_sh`` (bashlex, with a per-statement fallback), fish's is ``_shell_fish``.
"""

from __future__ import annotations

import enum
from collections.abc import Iterator
from dataclasses import dataclass

from goenv_lsp.facts import Facts, FileFacts, Spanned
from goenv_lsp.files._shell_words import ValueKind
from goenv_lsp.model import Range


class Op(str, enum.Enum):
    SET = "set"  # NAME=value
    PREPEND = "prepend"  # PATH=/dir:$PATH, fish_add_path /dir, path=(/dir $path)
    APPEND = "append"  # PATH=$PATH:/dir, path+=(/dir)
    INSERT = "insert"  # PATH=/a:$PATH:/b
    UNSET = "unset"  # unset NAME, set -e NAME


@dataclass(frozen=True)
class ShellAssignment:
    """``export NAME=value`` and its kin. ``value`` is the value as written (quotes included, redacted; the
    placeholder when ``secret``), ``expanded`` the template of what the shell makes of it (``_shell_words``;
    None when unknown or secret). ``removal`` is the range that deletes this assignment cleanly (its whole
    lines, when the command sets nothing else and shares its lines with nothing), else None."""

    name: str
    value: Spanned
    statement: Range  # the whole command (``export A=1``)
    exported: bool = False
    conditional: bool = False  # inside if/case/loops/functions, or after && / ||
    interactive_only: bool = False  # only interactive shells run it ([[ $- == *i* ]], after `[ -z "$PS1" ] && return`)
    op: Op = Op.SET
    value_kind: ValueKind = ValueKind.LITERAL
    expanded: str | None = None
    quoted_tilde: bool = False  # "~/go": the shell does not expand ~ inside quotes
    secret: bool = False  # the name says the value is a secret: it was not stored
    entries: tuple[str, ...] = ()  # PATH-like edits: the expanded entries, without ${PATH}
    removal: Range | None = None


@dataclass(frozen=True)
class ShellSource:
    """``source FILE`` / ``. FILE``: ``target`` as written, ``path`` where it resolves (``~`` and ``$HOME`` expanded)
    when that is known."""

    target: Spanned
    statement: Range
    path: str | None = None
    conditional: bool = False


@dataclass(frozen=True)
class GoOverride:
    """``alias go=…`` or a function named ``go``: the shell runs it instead of the go on PATH."""

    form: str  # "alias" or "function"
    statement: Range  # the alias command, or the function's first line
    conditional: bool = False


@dataclass(frozen=True)
class ShellUnknown:
    """A statement whose effect is known only when the shell runs it (``eval "$(…)"``, ``export A=$(…)``, a line
    the parser could not read): ``text`` (redacted, at most one line) and why."""

    text: str
    reason: str
    range: Range


@dataclass(frozen=True)
class ShellRcFacts(FileFacts):
    shell: str = "sh"  # "sh", "bash", "zsh", "fish", "direnv"
    assignments: tuple[ShellAssignment, ...] = ()
    go_overrides: tuple[GoOverride, ...] = ()
    sources: tuple[ShellSource, ...] = ()
    unknowns: tuple[ShellUnknown, ...] = ()
    interactive_guard: Range | None = None  # where the rest of the file runs only in interactive shells

    def assignments_of(self, name: str) -> tuple[ShellAssignment, ...]:
        return tuple(a for a in self.assignments if a.name == name)


def shell_files(facts: Facts) -> Iterator[ShellRcFacts]:
    """Every shell startup file the probe read (HOME kinds and the workspace's .envrc files)."""
    from goenv_lsp.files.shell_rc_kinds import KIND_NAMES

    for name in KIND_NAMES:
        for found in facts.files_of(name) or ():
            if isinstance(found, ShellRcFacts):
                yield found
