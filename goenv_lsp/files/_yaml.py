"""YAML with positions, for the CI kinds: PyYAML's safe loader *composes* the document (nodes with start and end
marks; nothing is constructed, so no tag can build an object), within bounds on nesting, nodes and — since an
alias is a shared node that a walk would expand — on the nodes a walk visits ("billion laughs").

Positions come from the marks' character offsets, turned into editor positions by ``LineIndex`` (PyYAML also
ends lines at U+0085, U+2028 and U+2029; editors do not). ``lines`` splits a scalar into the text of each line it
covers, as the file has it: a block scalar (``run: |``) from the line after its header, a quoted one inside its
quotes.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from goenv_lsp.facts import FileProblem, Spanned
from goenv_lsp.model import Range
from goenv_lsp.text import LineIndex

MAX_DEPTH = 100  # nested collections (PyYAML's composer recurses; CI files nest a few levels)
MAX_NODES = 200_000  # nodes composed (a 4 MiB file holds far fewer of any real CI file)
MAX_VISITS = 200_000  # nodes a walk of the document reads, aliases expanded
MAX_DOCUMENTS = 10
MAX_CHARS = 512 * 1024  # PyYAML's pure-Python loader reads ~100k characters a second; CI files are far smaller

_PREFIX = re.compile(r"(?:[&!][^\s]*\s+)*")  # an anchor and a tag before a scalar: `&x !!str value`
_BLANKS = " \t"


class Unreadable(Exception):
    """The document cannot be read as the kind's file (two documents where one is allowed …); ``offset`` is
    where."""

    def __init__(self, message: str, offset: int) -> None:
        super().__init__(message)
        self.message, self.offset = message, offset


class YamlLimit(Unreadable):
    """The document exceeds a bound."""


def _loader_class():
    import yaml  # only when a workspace has a CI file

    class BoundedLoader(yaml.SafeLoader):
        """The safe loader, composing only, with nesting and node counts bounded."""

        def __init__(self, stream: str) -> None:
            super().__init__(stream)
            self.depth = self.nodes = 0

        def compose_node(self, parent, index):  # type: ignore[no-untyped-def]
            self.depth += 1
            self.nodes += 1
            if self.depth > MAX_DEPTH or self.nodes > MAX_NODES:
                mark = self.peek_event().start_mark
                what = f"nested more than {MAX_DEPTH} levels deep" if self.depth > MAX_DEPTH else \
                    f"more than {MAX_NODES:,} YAML nodes"
                raise YamlLimit(f"goenv-lsp reads no further: {what}", mark.index)
            try:
                return super().compose_node(parent, index)
            finally:
                self.depth -= 1

    return BoundedLoader


@dataclass
class YamlDocument:
    """The composed documents of a file and the text they came from."""

    text: str
    lines: LineIndex
    roots: list  # yaml.Node (a mapping for any CI file), one per document
    visits: int = 0
    _items: dict = field(default_factory=dict)  # id(mapping node) → its items: each mapping is read once
    _seen: set = field(default_factory=set)  # the nodes ``once`` has answered for

    def once(self, node) -> bool:  # type: ignore[no-untyped-def]
        """True the first time a walk reaches ``node`` (an alias reaches one node again: read it once)."""
        if id(node) in self._seen:
            return False
        self._seen.add(id(node))
        return True

    # -- reading nodes, within MAX_VISITS --------------------------------------------------------------
    def _visit(self, node, count: int = 1) -> None:  # type: ignore[no-untyped-def]
        self.visits += count
        if self.visits > MAX_VISITS:
            raise YamlLimit(f"goenv-lsp reads no further: aliases expand to more than {MAX_VISITS:,} nodes",
                            node.start_mark.index)

    def items(self, node) -> list[tuple[str, object, object]]:  # type: ignore[no-untyped-def]
        """A mapping's (key, key node, value node) with scalar keys, merge keys (``<<: *defaults``) applied
        as YAML does: the mapping's own keys win, then each merged mapping in order. Not a mapping: []."""
        if node is None or node.id != "mapping":
            return []
        known = self._items.get(id(node))
        if known is not None:
            return known
        self._items[id(node)] = []  # a merge that reaches its own mapping merges nothing more
        self._visit(node, len(node.value))
        own: list[tuple[str, object, object]] = []
        merged: list[tuple[str, object, object]] = []
        for key, value in node.value:
            if key.id == "scalar" and key.tag == "tag:yaml.org,2002:merge":
                sources = value.value if value.id == "sequence" else [value]
                self._visit(value, len(sources) if value.id == "sequence" else 1)
                for source in sources:
                    merged += self.items(source)
            elif key.id == "scalar":
                own.append((key.value, key, value))
        seen = {k for k, _, _ in own}
        for entry in merged:
            if entry[0] not in seen:
                seen.add(entry[0])
                own.append(entry)
        self._items[id(node)] = own
        return own

    def get(self, node, *path: str):  # type: ignore[no-untyped-def]
        """The value at ``path`` of nested mapping keys, or None."""
        for key in path:
            node = next((v for k, _, v in self.items(node) if k == key), None)
            if node is None:
                return None
        return node

    def sequence(self, node) -> list:  # type: ignore[no-untyped-def]
        if node is None or node.id != "sequence":
            return []
        self._visit(node, len(node.value))
        return list(node.value)

    def flat(self, node, depth: int = 10) -> Iterator:  # type: ignore[no-untyped-def]
        """A scalar, or the scalars of nested sequences (GitLab flattens script arrays 10 levels deep)."""
        if node is None:
            return
        if node.id == "scalar":
            yield node
        elif node.id == "sequence" and depth > 0:
            for item in self.sequence(node):
                yield from self.flat(item, depth - 1)

    # -- positions -----------------------------------------------------------------------------------------
    def range(self, start: int, end: int) -> Range:
        return self.lines.range(start, end)

    def content(self, node) -> tuple[int, int]:  # type: ignore[no-untyped-def]
        """Offsets of a flow scalar's text in the file: after an anchor or tag, inside its quotes."""
        start, end = node.start_mark.index, node.end_mark.index
        start = _PREFIX.match(self.text, start, end).end()  # type: ignore[union-attr]
        if node.style in ("'", '"') and end - start >= 2:
            start, end = start + 1, end - 1
        return start, end

    def spanned(self, node) -> Spanned | None:  # type: ignore[no-untyped-def]
        """A one-line flow scalar as written (quotes excluded) with its range; None for other nodes."""
        if node is None or node.id != "scalar" or node.style in ("|", ">"):
            return None
        start, end = self.content(node)
        text = self.text[start:end]
        if "\n" in text or "\r" in text:
            return None
        return Spanned(text, self.range(start, end))

    def lines_of(self, node) -> list[Spanned]:  # type: ignore[no-untyped-def]
        """Each line a scalar covers, as the file has it (indentation and trailing blanks left out), with its
        range; blank lines are skipped. A block scalar's lines start after its header (``|``, ``>-``, ``|2``)."""
        if node is None or node.id != "scalar":
            return []
        if node.style in ("|", ">"):
            start, end = node.start_mark.index, node.end_mark.index
            header = self.lines.line_of(start)
            if header + 1 >= len(self.lines.starts):
                return []
            start = self.lines.starts[header + 1]
        else:
            start, end = self.content(node)
        found = []
        line = self.lines.line_of(start)
        while line < len(self.lines.starts) and self.lines.starts[line] < end:
            first = max(self.lines.starts[line], start)
            last = min(self.lines.starts[line + 1] if line + 1 < len(self.lines.starts) else len(self.text), end)
            raw = self.text[first:last].rstrip("\r\n")
            stripped = raw.lstrip(_BLANKS)
            text = stripped.rstrip(_BLANKS)
            if text:
                offset = first + len(raw) - len(stripped)
                found.append(Spanned(text, self.range(offset, offset + len(text))))
            line += 1
        return found


def compose(text: str) -> tuple[YamlDocument | None, FileProblem | None]:
    """The documents of ``text``, or the problem that stops PyYAML (with its position)."""
    import yaml

    lines = LineIndex(text)
    if len(text) > MAX_CHARS:
        return None, FileProblem(f"goenv-lsp reads no further: the file is larger than {MAX_CHARS // 1024} KiB",
                                 lines.range(0, 0))
    loader = None
    try:
        loader = _loader_class()(text)  # its reader checks the characters at once
        roots = []
        while loader.check_node():
            if len(roots) >= MAX_DOCUMENTS:
                raise YamlLimit(f"goenv-lsp reads no further: more than {MAX_DOCUMENTS} YAML documents",
                                loader.peek_event().start_mark.index)
            roots.append(loader.get_node())
    except YamlLimit as limit:
        return None, FileProblem(limit.message, lines.range(limit.offset, limit.offset))
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        offset = min(mark.index, len(text)) if mark is not None else 0
        return None, FileProblem(f"not valid YAML: {_reason(error)}", lines.range(offset, offset))
    except yaml.YAMLError as error:  # ReaderError: a character YAML does not allow
        offset = min(getattr(error, "position", 0) or 0, len(text))
        character = getattr(error, "character", None)
        reason = (f"the character U+{character:04X} is not allowed in YAML" if isinstance(character, int)
                  else str(error))
        return None, FileProblem(f"not valid YAML: {reason}", lines.range(offset, offset))
    except RecursionError:
        return None, FileProblem("goenv-lsp reads no further: nested too deeply", lines.range(0, 0))
    finally:
        if loader is not None:
            loader.dispose()
    return YamlDocument(text, lines, roots), None


def _reason(error) -> str:  # type: ignore[no-untyped-def]
    """PyYAML's problem, then its context ("found …, (while scanning …)"): a "token: found" would read as a
    secret assignment to the redaction of messages."""
    problem = error.problem or "parse error"
    if "'\\t'" in problem:
        return "a tab where YAML needs spaces (YAML indents with spaces only)"
    return f"{problem} ({error.context})" if error.context else problem
