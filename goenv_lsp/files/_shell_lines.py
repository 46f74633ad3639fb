"""The line-by-line reading of a statement bashlex cannot parse (``case``, ``[[ … ]]``, zsh arrays …): each line,
without the block keywords around it, is tried with bashlex again, else matched against the forms that matter
(assignments, exports, zsh ``path`` arrays, ``alias go``, a ``go`` function, ``source``, ``eval``). A line that
mentions Go or PATH and is understood neither way is recorded as unknown. Every pattern is linear."""

from __future__ import annotations

import re

from goenv_lsp.files._shell_build import Builder, Context
from goenv_lsp.files._shell_walk import GUARD_TEST, INTERACTIVE_TEST, _Walker

_VALUE = r"""(?:'[^'\n]*'|"(?:[^"\\\n]|\\.)*"|\\.|\$\([^)\n]*\)|\$(?!\()|[^\s;&|'"\\$])*"""
_LEAD = re.compile(r"""^(?:\s*(?:(?:if|elif|then|else|do|while|until|\{|!|;;|;)(?=\s|$)|[^\s()'"]+\)))*\s*""")
_TAIL_WORDS = (";;", ";", "&&", "||", "fi", "done", "esac", "}", "then", "do")
_EXPORT = re.compile(rf"(?:^|(?<=[\s;&|]))(?P<cmd>export|declare\s+-\w*x\w*|typeset\s+-\w*x\w*)\s+"
                     rf"(?P<args>(?:[A-Za-z_][A-Za-z0-9_]*(?![A-Za-z0-9_])(?:\+?={_VALUE})?[ \t]*)+)")
_ARG = re.compile(rf"(?P<name>[A-Za-z_][A-Za-z0-9_]*)(?P<op>\+?=)?(?P<value>{_VALUE})")
_BARE = re.compile(rf"^(?P<name>[A-Za-z_][A-Za-z0-9_]*)(?P<op>\+?=)(?P<value>{_VALUE})(?=\s*(?:[;#&|]|$))")
_PATH_ARRAY = re.compile(r"^path(?P<append>\+?)=\((?P<items>[^()\n]*)\)")
_ALIAS_GO = re.compile(r"\balias\s+(?:-\w+\s+)*go=")
_FUNCTION_GO = re.compile(r"^(?:function\s+go\b|go\s*\(\s*\))")
_SOURCE = re.compile(r"(?:^|[;&|]|\bthen\b)\s*(?:source|\.)\s+(?P<target>[^\s;&|]+)")
_EVAL = re.compile(r"(?:^|[\s;&|])eval\b")
_MATTERS = re.compile(r"\bGO[A-Z0-9_]*\b|\bPATH\b|\bpath\b|\bgo\b")
_ITEM = re.compile(r"""(?:'[^']*'|"(?:[^"\\]|\\.)*"|\\.|[^\s'"\\])+""")
_RETURN = re.compile(r"\b(?:return|exit)\b")


def read(builder: Builder, start: int, end: int, ctx: Context, block: bool) -> None:
    """Lines ``start``–``end``; ``block``: they are one if/case/loop/function, whose inside is conditional."""
    text = builder.text
    region = text[start:end]
    lines = region.splitlines(keepends=True)
    header = lines[0] if lines else ""
    if not ctx.conditional and GUARD_TEST.search(header) and _RETURN.search(region) and len(lines) <= 6 and \
            "=" not in region:
        builder.set_guard(start, end)  # case $- in *i*) ;; *) return;; esac, [[ $- != *i* ]] && return
        return
    block = block or ctx.conditional
    inner = Context(block, ctx.interactive or bool(INTERACTIVE_TEST.search(header)))
    offset = start
    for number, line in enumerate(lines):
        line_ctx = Context((block and number > 0) or ctx.conditional, inner.interactive if number else ctx.interactive)
        _line(builder, offset, line.rstrip("\r\n"), line_ctx)
        offset += len(line)


def _line(builder: Builder, offset: int, line: str, ctx: Context) -> None:
    lead = _LEAD.match(line)
    begin = lead.end() if lead else 0
    body = _strip_tail(line[begin:])
    if not body.strip() or body.lstrip().startswith("#"):
        return
    at = offset + begin
    tree = _try_bashlex(body) if builder.use_bashlex else None
    if tree is not None:
        walker = _Walker(builder, at)
        for node in tree:
            walker.node(node, ctx)
        return
    _by_pattern(builder, at, body, ctx)


def _strip_tail(body: str) -> str:
    """``export A=1; fi`` → ``export A=1`` (the block words that close what the line is inside)."""
    while True:
        trimmed = body.rstrip()
        for word in _TAIL_WORDS:
            if trimmed.endswith(word) and (not word.isalpha() or trimmed[:-len(word)][-1:] in ("", " ", "\t", ";")):
                trimmed = trimmed[:-len(word)]
                break
        else:
            return trimmed
        body = trimmed


def _try_bashlex(body: str) -> list[object] | None:
    from goenv_lsp.files._shell_sh import _bashlex

    return _bashlex(body) if len(body) < 2048 else None


def _by_pattern(builder: Builder, at: int, body: str, ctx: Context) -> None:
    conditional = Context(ctx.conditional or "&&" in body or "||" in body, ctx.interactive or
                          bool(INTERACTIVE_TEST.search(body)))
    statement = (at, at + len(body))
    understood = False
    for found in _EXPORT.finditer(body):
        understood = True
        args = list(_ARG.finditer(found.group("args")))
        exported = True
        for arg in args:
            base = at + found.start("args")
            if arg.group("op"):
                value = arg.group("value")
                builder.assign(arg.group("name"), value, base + arg.start("value"), statement, conditional,
                               exported=exported, only=len(args) == 1, append=arg.group("op") == "+=")
            else:
                builder.export_names([arg.group("name")])
    array = _PATH_ARRAY.match(body)
    if not understood and not array and (bare := _BARE.match(body)) and not bare.group("value").startswith("("):
        understood = True
        builder.assign(bare.group("name"), bare.group("value"), at + bare.start("value"), statement, conditional,
                       append=bare.group("op") == "+=")
    if array:
        understood = True
        base = at + array.start("items")
        items = [(m.group(0), base + m.start()) for m in _ITEM.finditer(array.group("items"))]
        existing = [i for i, (raw, _) in enumerate(items) if raw in ("$path", "${path[@]}", '"$path[@]"')]
        dirs = [item for item in items if item[0] not in ("$path", "${path[@]}", '"$path[@]"')]
        append = bool(array.group("append")) or (bool(existing) and existing[0] == 0)
        if dirs:
            builder.add_path(dirs, statement, conditional, append=append,
                             raw_value=(at + array.start("items"), at + array.end("items")))
    if _ALIAS_GO.search(body):
        understood = True
        builder.override("alias", *statement, conditional)
    if _FUNCTION_GO.match(body):
        understood = True
        builder.override("function", *statement, conditional)
    for found in _SOURCE.finditer(body):
        understood = True
        builder.source(found.group("target"), at + found.start("target"), statement, conditional)
    if _EVAL.search(body):
        builder.unknown(*statement, "eval runs text known only when the shell starts")
    elif not understood and _MATTERS.search(body):
        builder.unknown(*statement, "goenv-lsp could not read this line")
