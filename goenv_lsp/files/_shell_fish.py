"""fish's ``config.fish`` and ``conf.d/*.fish`` → the ``Builder``: a line reader for ``set -gx NAME value…``,
``set -e``, ``fish_add_path``, ``alias go …``, ``function go``, ``source``; blocks (``if``/``switch``/``for``/
``while``/``function``/``begin`` … ``end``) make what is inside conditional. Linear in the file's length."""

from __future__ import annotations

import re

from goenv_lsp.files._shell_build import Builder, Context, valid_name
from goenv_lsp.files._shell_walk import INTERACTIVE_TEST

_TOKEN = re.compile(r"""(?:'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"|\\.|[^\s'"\\;#])+|;|#""")
_OPENERS = frozenset({"if", "switch", "for", "while", "function", "begin"})
_EXISTING = frozenset({"$PATH", "$fish_user_paths", '"$PATH"'})
_SET_FLAGS = {"-g": "", "--global": "", "-U": "", "--universal": "", "-x": "x", "--export": "x", "-e": "e",
              "--erase": "e", "-a": "a", "--append": "a", "-p": "p", "--prepend": "p", "--path": "", "-l": "l",
              "--local": "l", "-f": "l", "--function": "l", "-gx": "x", "-xg": "x", "-Ux": "x", "-xU": "x"}


def parse(builder: Builder) -> None:
    depth = 0
    interactive_depth: int | None = None
    offset = 0
    for line in builder.text.splitlines(keepends=True):
        start, offset = offset, offset + len(line)
        tokens = [(m.group(0), start + m.start()) for m in _TOKEN.finditer(line)]
        for statement in _statements(tokens):
            words = [w for w, _ in statement]
            head = words[0]
            ctx = Context(depth > 0, interactive_depth is not None)
            span = (statement[0][1], statement[-1][1] + len(statement[-1][0]))
            if head in ("and", "or") and len(statement) > 1:
                statement, words, head = statement[1:], words[1:], words[1]
                ctx = Context(True, ctx.interactive)
            if head == "end":
                depth = max(depth - 1, 0)
                if interactive_depth is not None and depth <= interactive_depth:
                    interactive_depth = None
                continue
            if head in _OPENERS:
                if head == "function" and len(words) > 1 and words[1] == "go":
                    builder.override("function", *span, ctx)
                if head == "if" and INTERACTIVE_TEST.search(" ".join(words)) and interactive_depth is None:
                    interactive_depth = depth
                depth += 1
                continue
            _command(builder, statement, span, ctx)


def _statements(tokens: list[tuple[str, int]]) -> list[list[tuple[str, int]]]:
    out: list[list[tuple[str, int]]] = [[]]
    for token in tokens:
        if token[0] == "#":
            break
        if token[0] == ";":
            out.append([])
        else:
            out[-1].append(token)
    return [s for s in out if s]


def _command(builder: Builder, statement: list[tuple[str, int]], span: tuple[int, int], ctx: Context) -> None:
    words = [w for w, _ in statement]
    head = words[0]
    if head == "set" and len(words) > 1:
        _set(builder, statement[1:], span, ctx)
    elif head == "fish_add_path":
        dirs = [(w, at) for w, at in statement[1:] if not w.startswith("-")]
        append = any(w in ("-a", "--append") for w in words[1:])
        if dirs:
            builder.add_path(dirs, span, ctx, append=append)
    elif head == "alias" and len(words) > 1 and (words[1] == "go" or words[1].startswith("go=")):
        builder.override("alias", *span, ctx)
    elif head in ("source", ".") and len(statement) > 1:
        builder.source(*statement[1], span, ctx)
    elif head == "eval" or (head == "status" and "is-interactive" in " ".join(words) and not ctx.conditional):
        if head == "eval":
            builder.unknown(*span, "eval runs text known only when the shell starts")
    elif head == "status" and len(words) > 2 and words[-1] in ("return", "exit"):
        builder.set_guard(*span)


def _set(builder: Builder, args: list[tuple[str, int]], span: tuple[int, int], ctx: Context) -> None:
    flags = ""
    index = 0
    while index < len(args) and args[index][0].startswith("-"):
        flag = args[index][0]
        flags += _SET_FLAGS.get(flag, "".join(c for c in flag[1:] if c in "xeap") if not flag.startswith("--")
                                else "")
        index += 1
    if index >= len(args) or "l" in flags:
        return
    name, name_at = args[index]
    if not valid_name(name):
        return
    values = args[index + 1:]
    if "e" in flags:
        builder.unset(name, name_at, span, ctx, only=True)
        return
    if name in ("PATH", "fish_user_paths"):
        existing = [i for i, (w, _) in enumerate(values) if w in _EXISTING]
        dirs = [v for v in values if v[0] not in _EXISTING]
        append = "a" in flags or (bool(existing) and existing[0] == 0)
        if dirs and (existing or "a" in flags or "p" in flags):
            builder.add_path(dirs, span, ctx, append=append)
        elif dirs:
            raw = builder.text[dirs[0][1]:dirs[-1][1] + len(dirs[-1][0])]
            builder.assign("PATH", raw.replace(" ", ":"), dirs[0][1], span, ctx, exported=True)
        return
    raw = builder.text[values[0][1]:values[-1][1] + len(values[-1][0])] if values else ""
    builder.assign(name, raw, values[0][1] if values else span[1], span, ctx, exported="x" in flags,
                   append="a" in flags)
