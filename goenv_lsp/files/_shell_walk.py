"""Walk a bashlex syntax tree of one statement (positions relative to ``base``) into the ``Builder``."""

from __future__ import annotations

import re
from typing import Any

from goenv_lsp.files._shell_build import Builder, Context, valid_name

GUARD_TEST = re.compile(r"\$-|\$\{-\}|\bPS1\b|-o\s+interactive|is-interactive")
INTERACTIVE_TEST = re.compile(r"\$\{?-\}?\S*\s*==?\s*['\"]?\*i\*|-n\s+['\"]?\$\{?PS1|-o\s+interactive|"
                              r"status\s+(?:--)?is-interactive")
_DECLARE = frozenset({"declare", "typeset", "local", "readonly", "export"})
_WRAPPERS = frozenset({"builtin", "command", "noglob"})


def walk_tree(builder: Builder, tree: list[Any], base: int) -> None:
    for node in tree:
        _Walker(builder, base).node(node, Context(), top=True)


class _Walker:
    def __init__(self, builder: Builder, base: int):
        self.b, self.base = builder, base

    def span(self, node: Any) -> tuple[int, int]:
        return node.pos[0] + self.base, node.pos[1] + self.base

    def raw(self, node: Any) -> str:
        start, end = self.span(node)
        return self.b.text[start:end]

    def node(self, node: Any, ctx: Context, top: bool = False) -> None:
        kind = getattr(node, "kind", None)
        if kind == "list":
            self.list(node, ctx, top)
        elif kind == "command":
            self.command(node, ctx)
        elif kind == "compound":
            items = node.list
            if items and getattr(items[0], "kind", None) == "reservedword" and items[0].word == "(":
                return  # a subshell: what it sets does not reach this shell
            for item in items:
                self.node(item, ctx)
        elif kind == "if":
            self.if_(node, ctx)
        elif kind in ("for", "while", "until"):
            for part in node.parts:
                self.node(part, Context(True, ctx.interactive))
        elif kind == "function":
            self.function(node, ctx)
        # pipelines run in subshells: nothing they set reaches this shell

    def list(self, node: Any, ctx: Context, top: bool) -> None:
        parts = node.parts
        if top and not ctx.conditional and self._guard(parts):
            start, _ = self.span(node)
            self.b.set_guard(start, self.span(parts[-1])[1])
            return
        inner = ctx
        for part in parts:
            if getattr(part, "kind", None) == "operator" and part.op in ("&&", "||"):
                inner = Context(True, ctx.interactive)
            elif getattr(part, "kind", None) == "operator":
                inner = ctx
            else:
                self.node(part, inner)

    def _guard(self, parts: list[Any]) -> bool:
        """``[ -z "$PS1" ] && return``: the rest of the file runs only in interactive shells."""
        if len(parts) < 3 or getattr(parts[1], "kind", None) != "operator" or parts[1].op not in ("&&", "||"):
            return False
        last = parts[-1]
        words = [p.word for p in getattr(last, "parts", ()) if getattr(p, "kind", None) == "word"]
        return bool(words) and words[0] in ("return", "exit") and bool(GUARD_TEST.search(self.raw(parts[0])))

    def if_(self, node: Any, ctx: Context) -> None:
        parts = node.parts
        test = parts[1] if len(parts) > 1 else None
        interactive = ctx.interactive or bool(test is not None and INTERACTIVE_TEST.search(self.raw(test)))
        body = [p for p in parts[2:] if getattr(p, "kind", None) != "reservedword"]
        if (not ctx.conditional and test is not None and GUARD_TEST.search(self.raw(test)) and len(body) == 1
                and self.raw(body[0]).strip().rstrip(";").strip() in ("return", "exit", "return 0", "exit 0")):
            start, end = self.span(node)
            self.b.set_guard(start, end)
            return
        for part in parts:
            if getattr(part, "kind", None) == "reservedword":
                continue
            self.node(part, Context(True, interactive if part is not test else ctx.interactive))

    def function(self, node: Any, ctx: Context) -> None:
        words = [p for p in node.parts if getattr(p, "kind", None) == "word"]
        start, end = self.span(node)
        if words and words[0].word == "go":
            line_end = self.b.text.find("\n", start, end)
            self.b.override("function", start, line_end if line_end >= 0 else end, ctx)
        for part in node.parts:
            if getattr(part, "kind", None) == "compound":
                self.node(part, Context(True, ctx.interactive))

    def command(self, node: Any, ctx: Context) -> None:
        parts = [p for p in node.parts if getattr(p, "kind", None) in ("word", "assignment")]
        statement = self.span(node)
        words = [p for p in parts if p.kind == "word"]
        prefix = [p for p in parts if p.kind == "assignment" and (not words or p.pos[0] < words[0].pos[0])]
        if not words:
            for part in prefix:
                self.assignment(part, statement, ctx, exported=False, only=len(prefix) == 1)
            return
        while words and words[0].word in _WRAPPERS and len(words) > 1:
            words = words[1:]
        name = words[0].word
        args = words[1:]
        if name in _DECLARE:
            self.declare(name, args, statement, ctx)
        elif name == "alias":
            for arg in args:
                if arg.word.startswith("go="):
                    self.b.override("alias", *statement, ctx)
        elif name == "unset":
            names = [a for a in args if not a.word.startswith("-")]
            if any(a.word == "-f" for a in args):
                return
            for arg in names:
                if valid_name(arg.word):
                    self.b.unset(arg.word, self.span(arg)[0], statement, ctx, only=len(names) == 1)
        elif name in ("source", ".") and args:
            self.b.source(self.raw(args[0]), self.span(args[0])[0], statement, ctx)
        elif name == "eval":
            self.b.unknown(*statement, "eval runs text known only when the shell starts")
        elif name == "PATH_add" and args:  # direnv
            self.b.add_path([(self.raw(a), self.span(a)[0]) for a in args], statement, ctx, append=False)
        elif name == "path_add" and len(args) > 1 and args[0].word == "PATH":  # direnv: path_add PATH dir
            self.b.add_path([(self.raw(a), self.span(a)[0]) for a in args[1:]], statement, ctx, append=False)

    def declare(self, name: str, args: list[Any], statement: tuple[int, int], ctx: Context) -> None:
        if name == "local":
            return  # a function's own variable
        flags = "".join(a.word[1:] for a in args if a.word.startswith("-") and "=" not in a.word)
        if name == "export" and "n" in flags:
            return
        exported = name == "export" or "x" in flags
        if "f" in flags or "a" in flags or "A" in flags:
            return  # functions and arrays
        settings = [a for a in args if not a.word.startswith(("-", "+"))]
        for arg in settings:
            if "=" in arg.word:
                self.assignment(arg, statement, ctx, exported=exported, only=len(settings) == 1)
            elif exported and valid_name(arg.word):
                self.b.export_names([arg.word])

    def assignment(self, part: Any, statement: tuple[int, int], ctx: Context, *, exported: bool,
                   only: bool) -> None:
        raw = self.raw(part)
        start, _ = self.span(part)
        name, sep, value = raw.partition("=")
        append = name.endswith("+")
        name = name[:-1] if append else name
        if not sep or not valid_name(name):
            return
        if value.startswith("("):
            return  # an array
        self.b.assign(name, value, start + len(raw) - len(value), statement, ctx, exported=exported, only=only,
                      append=append)
