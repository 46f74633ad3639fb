"""The go commands in build files (``RunsCommands`` facts): words split as a shell would on one line, with
each word's column, so rules can point at ``-u`` or ``@latest``."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from goenv_lsp.facts import Facts, FileFacts, RunsCommands, Spanned, Status
from goenv_lsp.files import KINDS
from goenv_lsp.model import Range, utf16_len

# a word: a run of non-blank characters outside quotes, or a quoted string, or a make/shell variable that names
# the go command ($(GO), ${GO}); separators end a command
_WORD = re.compile(r"""(?P<sep>&&|\|\||[;|&()`]|\$\((?!GO\)))|"""
                   r"""(?P<word>(?:\$\(GO\)|[^\s;|&()`'"]|'[^']*'|"(?:[^"\\]|\\.)*")+)""")
_GO = re.compile(r"^(?:(?:.*/)?go(?:1\.\d+(?:\.\d+)?)?|\$\(GO\)|\$\{GO\}|\$GO)$")  # go, …/bin/go, go1.22.3, $(GO)
GO_GENERATE = "go-generate"  # Input.GO_GENERATE: //go:generate lines (Facts.go_generate, not a file kind)


def command_kinds() -> tuple[str, ...]:
    """The file kinds holding commands, and the //go:generate input (what a rule reading them needs)."""
    return (*(k.name for k in KINDS if k.facts_are(RunsCommands)), GO_GENERATE)


@dataclass(frozen=True)
class Word:
    text: str  # without quotes
    column: int  # where it starts in the line's text
    width: int  # how many characters it takes there (quotes included)


@dataclass(frozen=True)
class GoCommand:
    """One `go SUBCOMMAND args…` in a build file's line."""

    file: FileFacts
    line: Spanned
    subcommand: Word
    args: tuple[Word, ...]


def go_commands(facts: Facts) -> Iterator[GoCommand]:
    """Every go command in build files, and in //go:generate lines (``go run …`` there is the go that runs)."""
    files = [f for kind in command_kinds()[:-1] for f in facts.files_of(kind) or ()]
    for file in (*files, *(facts.go_generate or ())):
        if not isinstance(file, RunsCommands) or file.status is not Status.OK:
            continue
        for line in file.commands:
            yield from _in_line(file, line)


def _in_line(file: FileFacts, line: Spanned) -> Iterator[GoCommand]:
    command: list[Word] = []
    for match in _WORD.finditer(line.value):
        if match.group("sep"):
            yield from _go(file, line, command)
            command = []
        else:
            raw = match.group("word")
            command.append(Word(_unquote(raw), match.start("word"), len(raw)))
    yield from _go(file, line, command)


# words that run the command after them (with their options): `sudo -E go …`, `env GOFLAGS=x go …`; and a
# Dockerfile's RUN keyword, should a line start with it
_WRAPPERS = {"sudo", "exec", "env", "time", "nice", "nohup", "command", "builtin", "run"}


def _go(file: FileFacts, line: Spanned, words: list[Word]) -> Iterator[GoCommand]:
    while words and (("=" in words[0].text and not words[0].text.startswith("="))  # VAR=value go …
                     or words[0].text.lower() in _WRAPPERS):
        words = words[1:]
        while words and words[0].text.startswith("-") and words[0].text != "-":
            words = words[1:]
    if len(words) >= 2 and _GO.match(words[0].text):
        yield GoCommand(file, line, words[1], tuple(words[2:]))


def _unquote(word: str) -> str:
    return re.sub(r"""'([^']*)'|"((?:[^"\\]|\\.)*)\"""", lambda m: m.group(1) or m.group(2) or "", word)


def columns_known(line: Spanned) -> bool:
    """Do the line's characters sit where its range says? Not when a secret in it was redacted (the text is
    shorter or longer than the file's): then only the whole line can be pointed at."""
    start, end = line.range.start, line.range.end
    return start.line == end.line and end.character - start.character == utf16_len(line.value)


def word_range(line: Spanned, word: Word, start: int = 0, end: int | None = None) -> Range:
    """Where ``word`` (or its characters ``start:end``) is in the file; the whole line when its columns are not
    known (``columns_known``)."""
    if not columns_known(line):
        return line.range
    first = line.range.start
    before = line.value[: word.column + start]
    inside = line.value[word.column + start: word.column + (word.width if end is None else end)]
    column = first.character + utf16_len(before)
    return Range.of(first.line, column, column + utf16_len(inside))
