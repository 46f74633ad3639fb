"""What the shell-file parsers (``_shell_walk``, ``_shell_lines``, ``_shell_fish``) record, in one place: the
assignments with their redacted values and ranges, sources, ``go`` overrides, unknowns and the interactive guard."""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field

from goenv_lsp.facts import FileProblem, Spanned
from goenv_lsp.files._shell_words import ValueKind, WordInfo, analyze
from goenv_lsp.files.shell_rc import GoOverride, Op, ShellAssignment, ShellSource, ShellUnknown
from goenv_lsp.model import Range
from goenv_lsp.redact import PLACEHOLDER, is_secret_name, redact_text, redact_value
from goenv_lsp.text import LineIndex

PATH_LIKE = frozenset({"PATH"})
GO_RELEVANT = re.compile(r"^(?:GO[A-Z0-9_]*|CGO_[A-Z0-9_]+|PATH)$")
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
MAX_UNKNOWN_TEXT = 160
BASHLEX_BUDGET = 8 * 1024  # bytes bashlex parses per file (about 0.1 ms a byte at worst); the rest: line by line


@dataclass(frozen=True)
class Context:
    conditional: bool = False
    interactive: bool = False


@dataclass
class Builder:
    text: str
    home: str | None
    base_dir: str | None = None  # where a relative `source` resolves (the home; an .envrc's directory)
    fish: bool = False
    bashlex_left: int = BASHLEX_BUDGET  # bytes bashlex may still parse
    lines: LineIndex = field(init=False)
    assignments: list[ShellAssignment] = field(default_factory=list)
    sources: list[ShellSource] = field(default_factory=list)
    overrides: list[GoOverride] = field(default_factory=list)
    unknowns: list[ShellUnknown] = field(default_factory=list)
    problems: list[FileProblem] = field(default_factory=list)
    guard: Range | None = None
    known: dict[str, str] = field(default_factory=dict)  # templates of what this file set so far
    exported_later: set[str] = field(default_factory=set)

    def __post_init__(self) -> None:
        self.lines = LineIndex(self.text)

    def range(self, start: int, end: int) -> Range:
        # a shell word may end with the \r of a CRLF line (bash keeps it), where no editor position is
        end -= end > start and self.text[end - 1: end + 1] == "\r\n"
        return self.lines.range(start, end)

    def interactive(self, ctx: Context) -> bool:
        return ctx.interactive or self.guard is not None

    # -- records -------------------------------------------------------------------------------
    def assign(self, name: str, raw: str, value_start: int, statement: tuple[int, int], ctx: Context, *,
               exported: bool = False, only: bool = True, append: bool = False,
               info: WordInfo | None = None) -> None:
        """``name=raw`` with the value at ``value_start``; ``only``: the command sets nothing else."""
        secret = is_secret_name(name)
        info = info or analyze(raw, self.known)
        if self.fish and "(" in raw:
            info = WordInfo(None, ValueKind.COMMAND, info.quoted_tilde, info.refs)
        expanded = info.expanded
        op, entries = Op.SET, ()
        if name in PATH_LIKE and expanded is not None:
            op, entries = path_edit(expanded.split(":"), append)
        elif append and expanded is not None:
            op, expanded = Op.APPEND, (self.known.get(name, f"${{{name}}}") + expanded)
        value = Spanned(PLACEHOLDER if secret and raw else redact_value(name, raw),
                        self.range(value_start, value_start + len(raw)))
        assignment = ShellAssignment(
            name=name, value=value, statement=self.range(*statement), exported=exported,
            conditional=ctx.conditional, interactive_only=self.interactive(ctx), op=op, value_kind=info.kind,
            expanded=None if secret or expanded is None else redact_value(name, expanded),
            quoted_tilde=info.quoted_tilde, secret=secret,
            entries=tuple(redact_value(name, e) for e in entries) if not secret else (),
            removal=self.removal(*statement) if only else None, refs=info.refs)
        self.assignments.append(assignment)
        if info.kind is ValueKind.COMMAND and GO_RELEVANT.match(name):
            self.unknown(statement[0], statement[1], f"the value of {name} is what a command prints when the "
                                                     "shell starts")
        if not secret and expanded is not None:
            self.known[name] = expanded
        else:
            self.known.pop(name, None)

    def add_path(self, dirs: list[tuple[str, int]], statement: tuple[int, int], ctx: Context, *, append: bool,
                 name: str = "PATH", raw_value: tuple[int, int] | None = None) -> None:
        """``fish_add_path``, ``PATH_add``, ``path+=(…)``: directories put before (or after) the PATH."""
        entries = []
        for raw, _ in dirs:
            info = analyze(raw, self.known)
            if info.expanded is None:
                self.unknown(*statement, "a PATH entry a command decides when the shell starts")
                return
            entries.append(self.relative(info.expanded))
        start, end = raw_value or (dirs[0][1], dirs[-1][1] + len(dirs[-1][0])) if dirs else statement
        written = self.text[start:end]
        template = ":".join(["${PATH}", *entries] if append else [*entries, "${PATH}"])
        self.assignments.append(ShellAssignment(
            name=name, value=Spanned(redact_value(name, written), self.range(start, end)),
            statement=self.range(*statement), exported=True, conditional=ctx.conditional,
            interactive_only=self.interactive(ctx), op=Op.APPEND if append else Op.PREPEND,
            value_kind=ValueKind.EXPANDS, expanded=redact_value(name, template),
            entries=tuple(redact_value(name, e) for e in entries), removal=self.removal(*statement)))

    def relative(self, entry: str) -> str:
        """A directory relative to ``base_dir`` (direnv's PATH_add), absolute; others as they are."""
        if self.base_dir and entry and not entry.startswith(("/", "${", "~")):
            return f"{self.base_dir.rstrip('/')}/{entry}"
        return entry

    def unset(self, name: str, start: int, statement: tuple[int, int], ctx: Context, only: bool) -> None:
        self.assignments.append(ShellAssignment(
            name=name, value=Spanned("", self.range(start, start + len(name))), statement=self.range(*statement),
            conditional=ctx.conditional, interactive_only=self.interactive(ctx), op=Op.UNSET,
            value_kind=ValueKind.EMPTY, removal=self.removal(*statement) if only else None))
        self.known.pop(name, None)

    def export_names(self, names: list[str]) -> None:
        self.exported_later.update(names)

    def source(self, raw: str, start: int, statement: tuple[int, int], ctx: Context) -> None:
        info = analyze(raw, self.known, assignment=False)
        path = self.resolve(info.expanded) if info.expanded is not None else None
        self.sources.append(ShellSource(Spanned(redact_text(raw), self.range(start, start + len(raw))),
                                        self.range(*statement), path, ctx.conditional))
        if path is None:
            self.unknown(*statement, "a file sourced from a path known only when the shell starts")

    def resolve(self, template: str) -> str | None:
        """The absolute path a template names, when only ``${HOME}`` (or nothing) in it is unknown."""
        path = template.replace("${HOME}", self.home.rstrip("/") if self.home else "${HOME}")
        if "${" in path:
            return None
        if not path.startswith("/"):
            base = self.base_dir or self.home
            return f"{base.rstrip('/')}/{path}" if base else None
        return path

    def override(self, form: str, start: int, end: int, ctx: Context, *, runs: str | None = None,
                 whole: tuple[int, int] | None = None) -> None:
        """``alias go=…`` (``runs``: what it runs first) or a ``go`` function (``whole``: all of it; unknown for a
        function: then it has no removal)."""
        span = whole or ((start, end) if form == "alias" else None)
        self.overrides.append(GoOverride(form, self.range(start, end), ctx.conditional,
                                         redact_text(runs) if runs else None, self.removal(*span) if span else None))

    def unknown(self, start: int, end: int, reason: str) -> None:
        line = self.text[start:end].strip().split("\n", 1)[0]
        if len(line) > MAX_UNKNOWN_TEXT:
            line = line[:MAX_UNKNOWN_TEXT] + "…"
        self.unknowns.append(ShellUnknown(redact_text(line), reason, self.range(start, end)))

    def set_guard(self, start: int, end: int) -> None:
        if self.guard is None:
            self.guard = self.range(start, end)

    def removal(self, start: int, end: int) -> Range | None:
        """Whole lines from ``start`` to ``end``, when nothing else (but a comment) shares them."""
        lines = self.lines
        first, last = lines.line_of(start), lines.line_of(max(end - 1, start))
        line_start = lines.starts[first]
        after_end = lines.starts[last + 1] if last + 1 < len(lines.starts) else len(self.text)
        before, after = self.text[line_start:start], self.text[end:after_end]
        if before.strip() or (after.strip() and not after.strip().startswith("#")):
            return None
        return self.range(line_start, after_end)

    def finish(self) -> tuple[ShellAssignment, ...]:
        """The assignments, those later named by a bare ``export NAME`` marked exported."""
        return tuple(dataclasses.replace(a, exported=True)
                     if a.name in self.exported_later and not a.exported and a.op is not Op.UNSET else a
                     for a in self.assignments)


def path_edit(parts: list[str], append: bool = False) -> tuple[Op, tuple[str, ...]]:
    """The edit a new PATH makes: where the old ``${PATH}`` sits among its entries."""
    if append:
        return Op.APPEND, tuple(p for p in parts if p)
    positions = [i for i, p in enumerate(parts) if p == "${PATH}"]
    entries = tuple(p for p in parts if p and p != "${PATH}")
    if not positions:
        return Op.SET, entries
    if positions[0] == 0:
        return (Op.APPEND if len(parts) > 1 else Op.SET), entries
    if positions[-1] == len(parts) - 1:
        return Op.PREPEND, entries
    return Op.INSERT, entries


def alias_runs(value: str) -> str | None:
    """The program an alias's text runs first: ``'grc go'`` → ``grc``, ``command go`` → ``go``."""
    words = [w for w in value.strip().strip("'\"").split() if "=" not in w]
    while words and words[0] in ("command", "builtin", "noglob", "nocorrect", "exec", "env"):
        words = words[1:]
    return words[0] if words else None


def valid_name(name: str) -> bool:
    return bool(_NAME.fullmatch(name))
