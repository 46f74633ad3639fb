"""sh/bash/zsh startup files (and direnv's .envrc) → ``ShellRcFacts``.

The file is cut into top-level statements (a line, or a block from ``if``/``case``/``for``/``while``/``{`` to its
end, with continuations, multi-line quotes and heredocs kept together); each is parsed with ``bashlex`` and its
syntax tree walked. bashlex does not know ``case``, ``[[ … ]]``, zsh arrays and some more: such a statement is
read line by line instead (``_shell_lines``), so one construct never loses the rest of the file. Bounded: files
beyond ``MAX_PARSED`` bytes, statements beyond ``MAX_STATEMENT`` bytes and whatever is left when ``TIME_BUDGET``
is spent are read line by line only.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator

from goenv_lsp.facts import FileProblem
from goenv_lsp.files import _shell_lines as lines_parser
from goenv_lsp.files._shell_build import Builder, Context

MAX_PARSED = 128 * 1024
MAX_STATEMENT = 8 * 1024
TIME_BUDGET = 1.0  # seconds of bashlex per file

_OPENERS = frozenset({"if", "case", "for", "while", "until", "select", "{", "function"})
_CLOSERS = frozenset({"fi", "esac", "done", "}"})
_WORD = re.compile(r"[^\s;&|()<>]+|[;&|()<>]")
_HEREDOC = re.compile(r"<<-?\s*(['\"]?)([A-Za-z_][A-Za-z0-9_]*)\1")
_FUNCTION_HEAD = re.compile(r"^\s*[A-Za-z_][\w.:-]*\s*\(\s*\)\s*(\{)?")


def parse(builder: Builder) -> None:
    text = builder.text
    deadline = time.monotonic() + TIME_BUDGET
    if len(text) > MAX_PARSED:
        builder.problems.append(FileProblem(
            f"this file is larger than {MAX_PARSED // 1024} KB: its first {MAX_PARSED // 1024} KB are parsed, "
            "the rest is read line by line", builder.lines.range(MAX_PARSED, MAX_PARSED)))
    for start, end, block in statements(text):
        chunk = text[start:end]
        if start >= MAX_PARSED or time.monotonic() > deadline:
            builder.use_bashlex = False
        if not builder.use_bashlex or len(chunk) > MAX_STATEMENT:
            lines_parser.read(builder, start, end, Context(), block)
            continue
        tree = _bashlex(chunk)
        if tree is None:
            lines_parser.read(builder, start, end, Context(), block)
            continue
        from goenv_lsp.files._shell_walk import walk_tree

        walk_tree(builder, tree, start)


def _bashlex(chunk: str) -> list[object] | None:
    import bashlex  # only when a home has shell files

    try:
        return list(bashlex.parse(chunk))
    except RecursionError:
        return None
    except Exception:  # bashlex raises ParsingError, NotImplementedError, and more on syntax it does not know
        return None


def statements(text: str) -> Iterator[tuple[int, int, bool]]:
    """(start, end, is_block) of each top-level statement; blank and comment-only lines are left out."""
    depth = 0
    quote = ""
    start: int | None = None
    heredoc: str | None = None
    offset = 0
    block = False
    for line in text.splitlines(keepends=True):
        line_start, offset = offset, offset + len(line)
        body = line.rstrip("\r\n")
        if heredoc is not None:
            if body.strip() == heredoc:
                heredoc = None
                if depth <= 0 and not quote and start is not None:
                    yield start, offset, block
                    start, depth, block = None, 0, False
            continue
        if start is None:
            stripped = body.strip()
            if not stripped or stripped.startswith("#"):
                continue
            start, block = line_start, False
        quote, words, continued = _scan(body, quote)
        for index, word in enumerate(words):
            if word in _OPENERS and (index == 0 or words[index - 1] in (";", "&", "|", "(", "then", "do", "else",
                                                                         "&&", "||", "{", "}")):
                depth += 1
                block = True
            elif word in _CLOSERS:
                depth -= 1
        if _FUNCTION_HEAD.match(body) and "{" not in words:
            depth += 1  # `name()` with its `{` on the next line
            block = True
        found = _HEREDOC.search(body) if not quote else None
        if found:
            heredoc = found.group(2)
            continue
        if depth <= 0 and not quote and not continued:
            yield start, offset, block
            start, depth, block = None, 0, False
    if start is not None:
        yield start, len(text), block


def _scan(line: str, quote: str) -> tuple[str, list[str], bool]:
    """The quote still open at the end of ``line``, its unquoted words outside comments, and whether it ends
    with a continuation backslash."""
    words: list[str] = []
    unquoted: list[str] = []
    i, n = 0, len(line)
    while i < n:
        c = line[i]
        if quote:
            if c == quote:
                quote = ""
            elif c == "\\" and quote == '"':
                i += 1
            unquoted.append(" ")
        elif c in "'\"":
            quote = c
            unquoted.append(" ")
        elif c == "\\":
            if i + 1 >= n:
                words += _WORD.findall("".join(unquoted))
                return quote, _pairs(words), True
            unquoted.append(" ")
            i += 1
        elif c == "#" and (i == 0 or line[i - 1] in " \t;&|("):
            break
        else:
            unquoted.append(c)
        i += 1
    words += _WORD.findall("".join(unquoted))
    return quote, _pairs(words), False


def _pairs(words: list[str]) -> list[str]:
    """``&`` ``&`` → ``&&``, ``|`` ``|`` → ``||`` (the tokenizer splits operators into characters)."""
    out: list[str] = []
    for word in words:
        if out and word in ("&", "|") and out[-1] == word:
            out[-1] = word * 2
        else:
            out.append(word)
    return out

