""".idea/workspace.xml of GoLand / IntelliJ with the Go plugin: the project GOROOT and whether Go modules
integration is on.

As GoLand writes them:

    <component name="GOROOT" url="file://$USER_HOME$/sdk/go1.22.0" />   (older: path="/usr/local/go")
    <component name="VgoProject">
      <integration-enabled>false</integration-enabled>     (absent: GoLand's default)
      <settings-migrated>true</settings-migrated>
    </component>

The XML is read by a small well-formedness-checking scanner that keeps attribute offsets. It
never resolves entities beyond the five predefined ones and character references (no DTD,
no external entities). A file that is not well-formed is MALFORMED with its first error, and no
values: the IDE does not load such a file either.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_NAME = re.compile(r"[:A-Za-z_\u00c0-\U000effff][:\w.\-\u00b7]*")
_SPACE = re.compile(r"[ \t\r\n]*")
_BAD_CHAR = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_ENTITY = re.compile(r"&(?:#([0-9]+)|#x([0-9a-fA-F]+)|([:A-Za-z_][:\w.\-]*))?;?")
_PREDEFINED = {"lt": "<", "gt": ">", "amp": "&", "quot": '"', "apos": "'"}
_DRIVE = re.compile(r"/[A-Za-z]:[/\\]")


@dataclass
class _Attr:
    value: str  # entity references decoded
    start: int  # offsets of the quoted value, quotes included
    end: int


@dataclass
class _Element:
    name: str
    start: int
    attrs: dict[str, _Attr] = field(default_factory=dict)
    children: list[_Element] = field(default_factory=list)
    text: list[str] = field(default_factory=list)
    content: tuple[int, int] = (0, 0)  # offsets between the start and end tags

    def child(self, tag: str, name: str | None = None) -> _Element | None:
        """The first child element ``<tag>``, with attribute name="``name``" if given."""
        return next((c for c in self.children if c.name == tag
                     and (name is None or ("name" in c.attrs and c.attrs["name"].value == name))), None)


class _XmlError(Exception):
    def __init__(self, message: str, offset: int) -> None:
        super().__init__(message)
        self.offset = offset


def _decode(raw: str, offset: int) -> str:
    """Entity and character references in ``raw`` (which starts at ``offset``) replaced."""
    if "&" not in raw:
        return raw

    def one(m: re.Match[str]) -> str:
        dec, hexa, name = m.groups()
        where = offset + m.start()
        if not m.group().endswith(";") or not (dec or hexa or name):
            raise _XmlError("'&' must be written as &amp;", where)
        if name:
            if name not in _PREDEFINED:
                raise _XmlError(f"unknown entity &{name};", where)
            return _PREDEFINED[name]
        if len(dec or hexa) > 7:
            raise _XmlError(f"invalid character reference {m.group()}", where)
        code = int(dec, 10) if dec else int(hexa, 16)
        if code > 0x10FFFF or 0xD800 <= code <= 0xDFFF or _BAD_CHAR.match(chr(code)):
            raise _XmlError(f"invalid character reference {m.group()}", where)
        return chr(code)

    return _ENTITY.sub(one, raw)


def _parse_xml(text: str) -> _Element:
    """The root element; raises _XmlError at the first well-formedness error."""
    bad = _BAD_CHAR.search(text)
    if bad:
        raise _XmlError(f"invalid character U+{ord(bad.group()):04X}", bad.start())
    top = _Element("", 0)  # holds the root element
    stack = [top]
    i, n = 0, len(text)
    while i < n:
        if text[i] != "<":
            j = text.find("<", i)
            j = n if j < 0 else j
            chunk = text[i:j]
            if len(stack) == 1:
                if chunk.strip(" \t\r\n"):
                    skipped = len(chunk) - len(chunk.lstrip(" \t\r\n"))
                    raise _XmlError("text outside the root element", i + skipped)
            else:
                stack[-1].text.append(_decode(chunk, i))
            i = j
        elif text.startswith("<!--", i):
            i = _find(text, "-->", i + 4, "unterminated comment <!--", i) + 3
        elif text.startswith("<![CDATA[", i):
            if len(stack) == 1:
                raise _XmlError("CDATA outside the root element", i)
            j = _find(text, "]]>", i + 9, "unterminated <![CDATA[ section", i)
            stack[-1].text.append(text[i + 9:j])
            i = j + 3
        elif text.startswith("<?", i):
            i = _find(text, "?>", i + 2, "unterminated <? processing instruction", i) + 2
        elif text.startswith("<!DOCTYPE", i):
            if len(stack) > 1 or top.children:
                raise _XmlError("<!DOCTYPE after the root element started", i)
            close = _find(text, ">", i, "unterminated <!DOCTYPE", i)
            bracket = text.find("[", i, close)
            if bracket >= 0:  # an internal subset: skipped, its entities are not used
                close = _find(text, ">", _find(text, "]", bracket, "unterminated <!DOCTYPE", i), "", i)
            i = close + 1
        elif text.startswith("</", i):
            m = _NAME.match(text, i + 2)
            if not m:
                raise _XmlError("'</' not followed by a tag name", i)
            j = _SPACE.match(text, m.end()).end()
            if not text.startswith(">", j):
                raise _XmlError(f"expected '>' to end </{m.group()}", j)
            if len(stack) == 1 or stack[-1].name != m.group():
                raise _XmlError(f"</{m.group()}> does not close "
                                + (f"<{stack[-1].name}>" if len(stack) > 1 else "any open element"), i)
            elem = stack.pop()
            elem.content = (elem.content[0], i)
            i = j + 1
        else:
            i = _start_tag(text, i, stack)
    if len(stack) > 1:
        raise _XmlError(f"the file ends inside <{stack[-1].name}> (truncated?)", n)
    if not top.children:
        raise _XmlError("no XML root element", n)
    return top.children[0]


def _find(text: str, what: str, start: int, message: str, at: int) -> int:
    j = text.find(what, start)
    if j < 0:
        raise _XmlError(message or f"expected {what!r}", at)
    return j


def _start_tag(text: str, i: int, stack: list[_Element]) -> int:
    m = _NAME.match(text, i + 1)
    if not m:
        raise _XmlError("'<' not followed by a tag name (write &lt; for a literal '<')", i)
    if len(stack) == 1 and stack[0].children:
        raise _XmlError(f"a second root element <{m.group()}>", i)
    elem = _Element(m.group(), i)
    j = m.end()
    while True:
        k = _SPACE.match(text, j).end()
        if text.startswith("/>", k) or text.startswith(">", k):
            break
        attr = _NAME.match(text, k)
        if not attr:
            raise _XmlError(f"expected an attribute, '>' or '/>' in <{elem.name}>", k)
        if k == j:
            raise _XmlError("attributes must be separated by whitespace", k)
        eq = _SPACE.match(text, attr.end()).end()
        if not text.startswith("=", eq):
            raise _XmlError(f"expected '=' after attribute {attr.group()}", eq)
        q = _SPACE.match(text, eq + 1).end()
        quote = text[q:q + 1]
        if quote not in ('"', "'"):
            raise _XmlError(f"the value of attribute {attr.group()} must be quoted", q)
        end = _find(text, quote, q + 1, f"unterminated value of attribute {attr.group()}", q)
        raw = text[q + 1:end]
        if "<" in raw:
            raise _XmlError("'<' in an attribute value", q + 1 + raw.index("<"))
        if attr.group() in elem.attrs:
            raise _XmlError(f"duplicate attribute {attr.group()}", k)
        value = _decode(re.sub(r"\r\n|[\r\n\t]", " ", raw), q + 1)  # attribute-value normalisation
        elem.attrs[attr.group()] = _Attr(value, q, end + 1)
        j = end + 1
    stack[-1].children.append(elem)
    if text.startswith("/>", k):
        elem.content = (k, k)
        return k + 2
    elem.content = (k + 1, k + 1)
    stack.append(elem)
    return k + 1


def local_path(raw: str, project_dir: str, home: str | None) -> str:
    """An IntelliJ path or ``file://`` url with $PROJECT_DIR$ / $USER_HOME$ expanded."""
    path = raw[len("file://"):] if raw.startswith("file://") else raw
    path = path.replace("$PROJECT_DIR$", project_dir)
    if home is not None:
        path = path.replace("$USER_HOME$", home)
    return path[1:] if _DRIVE.match(path) else path  # file:///C:/Go → C:/Go


@dataclass(frozen=True)
class ProjectGoroot:
    """The project SDK attribute as written: its value and the offsets of the quoted value."""

    raw: str
    start: int
    end: int


def read_project_goroot(text: str) -> tuple[ProjectGoroot | None, tuple[str, int] | None]:
    """(the GOROOT component's url/path attribute, None) or (None, (error message, offset))."""
    settings, problem = read_project(text)
    return (settings.goroot if settings else None), problem


@dataclass(frozen=True)
class ProjectSettings:
    goroot: ProjectGoroot | None  # the GOROOT component's url/path attribute
    modules_integration: ProjectGoroot | None  # <component name="VgoProject"><integration-enabled>: its text


def read_project(text: str) -> tuple[ProjectSettings | None, tuple[str, int] | None]:
    """The settings goenv-lsp reads from workspace.xml, or (None, (error message, offset))."""
    try:
        root = _parse_xml(text)
    except _XmlError as err:
        return None, (str(err), err.offset)
    if root.name != "project":
        return None, (f"the root element is <{root.name}>, not <project>", root.start)
    component = root.child("component", name="GOROOT")
    attr = None if component is None else component.attrs.get("url") or component.attrs.get("path")
    goroot = ProjectGoroot(attr.value, attr.start, attr.end) if attr is not None else None
    vgo = root.child("component", name="VgoProject")
    enabled = vgo.child("integration-enabled") if vgo is not None else None
    integration = None
    if enabled is not None and not enabled.children:
        start, end = enabled.content
        raw = text[start:end]
        value = "".join(enabled.text).strip(" \t\r\n")
        lead = len(raw) - len(raw.lstrip(" \t\r\n"))
        integration = ProjectGoroot(value, start + lead, start + lead + len(raw.strip(" \t\r\n")))
    return ProjectSettings(goroot, integration), None
