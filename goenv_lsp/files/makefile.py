"""Makefiles (``Makefile``, ``GNUmakefile``, ``makefile``, ``*.mk``): the recipe lines, as the shell commands a
build runs (``RunsCommands``), with their positions. Enough of GNU make's syntax is followed to tell recipe
lines from the rest: a rule line (``targets: prerequisites``, maybe ``; recipe``) opens a rule; lines that start
with the recipe prefix (a tab, or ``.RECIPEPREFIX``) belong to it, as do the continuation lines of a recipe line
ending in a backslash; comments, blank lines and conditionals keep it open; any other line closes it.
``define … endef`` bodies are skipped. The ``@``, ``-`` and ``+`` prefixes are not part of the command."""

from __future__ import annotations

import re
from dataclasses import dataclass

from goenv_lsp.facts import Facts, FileFacts, RunsCommands, Spanned, Status
from goenv_lsp.files.base import EditorHints, FileKind, ParseContext, Where, decode_failed
from goenv_lsp.model import Range, utf16_len
from goenv_lsp.text import decode_text

KIND_NAME = "makefile"
MAX_COMMANDS = 5000  # recipe lines kept (a generated Makefile can hold many more)
_CONDITIONAL = re.compile(r"^\s*(?:ifeq|ifneq|ifdef|ifndef|else|endif)\b")
_DEFINE = re.compile(r"^\s*(?:(?:override|export)\s+)?define\b")
_ENDEF = re.compile(r"^\s*endef\b")
_PREFIX = re.compile(r"^\s*\.RECIPEPREFIX\s*[:!?+]?=\s*(?P<char>\S?)")
# an assignment: NAME = …, NAME := …, NAME ::= …, NAME ?= …, NAME += …, NAME != … (with a prefix keyword maybe)
_ASSIGNMENT = re.compile(r"^\s*(?:(?:override|export|private)\s+)*[^\s:#=]+\s*(?:=|:::?=|[?+!]=)")


@dataclass(frozen=True)
class MakefileFacts(RunsCommands, FileFacts):
    pass


def parse_makefile(data: bytes, path: str, ctx: ParseContext | None = None) -> MakefileFacts:
    text, error = decode_text(data)
    if text is None:
        return decode_failed(path, KIND_NAME, error, MakefileFacts)  # type: ignore[arg-type,return-value]
    commands: list[Spanned] = []
    prefix, in_rule, in_define, continued = "\t", False, False, False
    for number, raw in enumerate(text.split("\n")):  # lines as make counts them
        line = raw[:-1] if raw.endswith("\r") else raw
        if continued:  # the next physical line of a recipe line (make drops one leading recipe prefix)
            start = 1 if line.startswith(prefix) else 0
            commands.append(_spanned(number, line, start))
            continued = _continues(line)
            continue
        if in_define:
            in_define = not _ENDEF.match(line)
            continue
        if in_rule and line.startswith(prefix):
            start = _command_start(line, len(prefix))
            commands.append(_spanned(number, line, start))
            continued = _continues(line)
            continue
        stripped = line.strip()
        if not stripped or stripped.startswith("#") or _CONDITIONAL.match(line):
            continue
        if _DEFINE.match(line):
            in_define, in_rule = True, False
            continue
        if (found := _PREFIX.match(line)) is not None:
            prefix, in_rule = found.group("char") or "\t", False
            continue
        in_rule = False
        colon = _rule_colon(line)
        if colon is not None:
            in_rule = True
            semicolon = line.find(";", colon)
            if semicolon >= 0 and "#" not in line[colon:semicolon]:  # targets: prerequisites ; recipe
                commands.append(_spanned(number, line, _command_start(line, semicolon + 1)))
                continued = _continues(line)
        if len(commands) >= MAX_COMMANDS:
            break
    return MakefileFacts(path=path, kind=KIND_NAME, status=Status.OK, commands=tuple(commands[:MAX_COMMANDS]))


def _rule_colon(line: str) -> int | None:
    """Where the colon of a rule line is (``a b: c``, ``a::``), None for assignments and other lines."""
    if line.startswith((" ", "\t")) and not line.strip():
        return None
    if _ASSIGNMENT.match(line):
        return None
    code = line.split("#", 1)[0]
    for match in re.finditer(r":", code):
        at = match.start()
        if code[at + 1: at + 2] == "=" or code[at: at + 3] == "::=":
            return None  # NAME := value with spaces in NAME is not a rule either
        if re.match(r"^[A-Za-z]:[\\/]", code[at - 1: at + 2]) and at == len(code) - len(code.lstrip()) + 1:
            continue  # a Windows drive letter in a target (C:\x: y)
        after = code[at + 1:].lstrip(":")
        if re.match(r"^\s*[^\s;=]+\s*[:+?!]?=", after) and ";" not in after.split("=", 1)[0]:
            return None  # a target-specific variable (target: NAME = value) has no recipe of its own here
        return at
    return None


def _command_start(line: str, start: int) -> int:
    """Past the whitespace and the ``@``/``-``/``+`` prefixes make reads before the command."""
    while start < len(line) and line[start] in " \t@-+":
        start += 1
    return start


def _continues(line: str) -> bool:
    trailing = len(line) - len(line.rstrip("\\"))
    return trailing % 2 == 1


def _spanned(number: int, line: str, start: int) -> Spanned:
    column = utf16_len(line[:start])
    return Spanned(line[start:], Range.of(number, column, column + utf16_len(line[start:])))


def makefiles(facts: Facts) -> tuple[MakefileFacts, ...]:
    return tuple(f for f in facts.files_of(KIND_NAME) or () if isinstance(f, MakefileFacts))


KIND = FileKind(
    name=KIND_NAME, title="Makefile", where=Where.TREE, names=("Makefile", "makefile", "GNUmakefile", "*.mk"),
    parse=parse_makefile, facts_type=MakefileFacts,
    # no Helix entry: its languages.toml would need a grammar of ours for make
    editor=EditorHints(vscode_language="makefile", nvim_filetypes=("make",), emacs_modes=(),
                       jetbrains_file_type="Makefile", language_id="makefile"),
)
