""".vscode/settings.json reduced to the settings goenv-lsp reads, flattened to dotted keys.

VS Code settings files hold top-level setting ids ("go.alternateTools": {...}); a nested
"go": {"goroot": ...} is not a form VS Code settings use, so it is ignored. Every top-level "go.*" setting
and every member of the "gopls" object is kept. Maps are flattened one level: "go.alternateTools.go",
"go.toolsEnvVars.GOROOT", "gopls.build.env.GOFLAGS" (gopls reads a member by the last segment of its dotted
name, so "gopls.env" is the same map); a map setting whose value is not an object is kept under its own
key so rules can say so. Each value knows where its key is and what to delete to remove the setting.
Credentials in URLs are redacted. Pure: no I/O.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from goenv_lsp.facts import Facts, FileFacts, FileProblem, Status
from goenv_lsp.files._jsonc import JsonDocument, JsonError, JsonMember, parse_jsonc
from goenv_lsp.files.base import EditorHints, FileKind, ParseContext, Where, capped, decode_failed
from goenv_lsp.frozen import freeze_value
from goenv_lsp.model import Range
from goenv_lsp.redact import redact_data
from goenv_lsp.text import decode_text

PATH = ".vscode/settings.json"
_BLANKS = re.compile(r"[ \t]*")
_LINE_END = re.compile(r"[ \t]*(?:\r\n|\r|\n)")


@dataclass(frozen=True)
class SettingValue:
    """A leaf value in a settings file. ``value`` is the JSON value (str, number, bool, None, …); None also for a
    go.* setting no rule reads."""

    key: str  # dotted path, e.g. "go.alternateTools.go" or "go.toolsEnvVars.GOROOT"
    value: object
    range: Range  # of the value token
    key_range: Range | None = None  # of the quoted key (the member's own key: "GOFLAGS" in go.toolsEnvVars)
    removal: Range | None = None  # deleting this removes the member (its whole lines when it has them alone)
    item_ranges: tuple[Range, ...] = ()  # an array's elements, in order

    def __post_init__(self) -> None:
        object.__setattr__(self, "value", freeze_value(self.value))


@dataclass(frozen=True)
class SettingsFacts(FileFacts):
    """.vscode/settings.json (JSONC), reduced to the settings goenv-lsp reads."""

    values: tuple[SettingValue, ...] = ()

    def get(self, key: str) -> SettingValue | None:
        return next((v for v in self.values if v.key == key), None)


# Settings whose object value is flattened: tool or variable name → value.
_MAPS = frozenset({"go.alternateTools", "go.toolsEnvVars"})
# go.* settings whose values rules read (lists and objects as JSON values); of the others only the key is kept
# (value None), so a value nothing reads (go.testEnvVars, go.delveConfig …) never reaches facts or reports.
_READ = frozenset({
    "go.goroot", "go.gopath", "go.toolsGopath", "go.inferGopath", "go.toolsManagement.go",
    "go.toolsManagement.autoUpdate", "go.useLanguageServer", "go.languageServerFlags", "go.buildFlags",
    "go.testFlags",
})

_KINDS = {"object": "an object", "array": "an array", "string": "a string", "number": "a number",
          "boolean": "a boolean", "null": "null"}


def parse_vscode_settings(data: bytes, path: str, ctx: ParseContext | None = None) -> SettingsFacts:
    text, error = decode_text(data)
    if text is None:
        return decode_failed(path, KIND_NAME, error, SettingsFacts)  # type: ignore[arg-type,return-value]
    doc = parse_jsonc(text)
    errors = list(doc.errors)
    root = doc.root
    if root is not None and root.kind != "object":
        message = f"the top level must be an object {{...}}, not {_KINDS[root.kind]}"
        errors.append(JsonError(message, root.start, root.start + 1 if root.kind == "array" else root.end))
        root = None
    problems = capped(errors, lambda e: _problem(doc, e.message, e.start, e.end))  # positions only of those kept
    values: list[SettingValue] = []
    if root is not None:
        for member in root.effective_members():
            values.extend(_flatten(doc, member))
    return SettingsFacts(path=path, kind=KIND_NAME, status=Status.MALFORMED if problems else Status.OK,
                         problems=problems, values=tuple(values))


def _flatten(doc: JsonDocument, member: JsonMember) -> list[SettingValue]:
    key, node = member.key, member.value
    if node is None:
        return []
    if key in _MAPS:
        return _map(doc, key, member)
    if key.startswith("go."):
        return [_value(doc, key, member, keep=key in _READ)]
    if key == "gopls":
        if node.kind != "object":
            return [_value(doc, key, member)]
        out: list[SettingValue] = []
        for child in node.effective_members():
            child_key = f"gopls.{child.key}"
            if child.key.rsplit(".", 1)[-1] == "env":  # "build.env", "env"
                out.extend(_map(doc, child_key, child))
            else:
                out.append(_value(doc, child_key, child))
        return out
    return []


def _map(doc: JsonDocument, key: str, member: JsonMember) -> list[SettingValue]:
    node = member.value
    if node is None or node.kind != "object":
        return [_value(doc, key, member)]
    return [_value(doc, f"{key}.{child.key}", child) for child in node.effective_members()]


def _value(doc: JsonDocument, key: str, member: JsonMember, keep: bool = True) -> SettingValue:
    node = member.value
    assert node is not None
    scalar = node.kind in ("string", "number")  # a map member's value is its variable's: TOKEN=… is hidden whole
    value = redact_data(node.to_python(), member.key if scalar else "") if keep else None
    return SettingValue(key, value, doc.range(node.start, node.end),
                        doc.range(member.key_start, member.key_end), _removal(doc, member, node.end),
                        tuple(doc.range(item.start, item.end) for item in node.items))


def _removal(doc: JsonDocument, member: JsonMember, value_end: int) -> Range:
    """The member with its comma; its whole lines when nothing else is on them (a trailing comma left behind
    before a closing brace is fine: VS Code reads settings.json as JSONC)."""
    text, lines = doc.text, doc.lines
    start, end = member.key_start, (member.comma + 1 if member.comma is not None else value_end)
    line_start = lines.starts[lines.line_of(start)]
    line_end = _LINE_END.match(text, end)  # both matches stop at the first other character: linear overall
    if _BLANKS.match(text, line_start).end() >= start and line_end is not None:
        start, end = line_start, line_end.end()
    return doc.range(start, end)


def _problem(doc: JsonDocument, message: str, start: int, end: int) -> FileProblem:
    return FileProblem(message, doc.range(start, end))


def workspace_settings(facts: Facts) -> SettingsFacts | None:
    """The workspace folder's .vscode/settings.json, if it was read."""
    if not facts.root:
        return None
    found = facts.file(facts.paths.join(facts.root, ".vscode", "settings.json"))
    return found if isinstance(found, SettingsFacts) else None


KIND_NAME = "vscode-settings"
KIND = FileKind(
    name=KIND_NAME, title=".vscode/settings.json", where=Where.ROOT, names=(PATH,), parse=parse_vscode_settings,
    facts_type=SettingsFacts,
    editor=EditorHints(nvim_filetypes=("json", "jsonc"), emacs_modes=("goenv-lsp-settings-mode",),
                       helix_language="vscode-settings", language_id="jsonc"),
)
