""".vscode/settings.json reduced to the settings goenv-lsp reads, flattened to dotted keys.

VS Code settings files hold top-level setting ids ("go.alternateTools": {...}); a nested
"go": {"goroot": ...} is not a form VS Code settings use, so it is ignored. Maps are flattened one
level: "go.alternateTools.go", "go.toolsEnvVars.GOROOT", "gopls.build.env.GOFLAGS"; a map setting
whose value is not an object is kept under its own key so rules can say so. Pure: no I/O.
"""

from __future__ import annotations

from goenv_lsp.facts import FileProblem, SettingsFacts, SettingValue, Status
from goenv_lsp.parsers.jsonc import JsonDocument, JsonMember, decode_text, parse_jsonc

# Settings kept as they are (lists and objects as JSON values).
_PLAIN = frozenset({
    "go.goroot", "go.gopath", "go.toolsGopath", "go.inferGopath", "go.toolsManagement.go",
    "go.toolsManagement.autoUpdate", "go.useLanguageServer", "go.languageServerFlags",
})
# Settings whose object value is flattened: tool or variable name → value.
_MAPS = frozenset({"go.alternateTools", "go.toolsEnvVars"})
# Members of the "gopls" object that are environment maps.
_GOPLS_MAPS = frozenset({"build.env", "env"})

_KINDS = {"object": "an object", "array": "an array", "string": "a string", "number": "a number",
          "boolean": "a boolean", "null": "null"}


def parse_vscode_settings(data: bytes, path: str) -> SettingsFacts:
    name = path.replace("\\", "/").rsplit("/", 1)[-1] or path
    text, problem = decode_text(data, name)
    if text is None:
        return SettingsFacts(path, Status.MALFORMED, (problem,) if problem else ())
    doc = parse_jsonc(text)
    problems = [_problem(doc, name, e.message, e.start, e.end) for e in doc.errors]
    root = doc.root
    if root is not None and root.kind != "object":
        message = f"the top level must be an object {{...}}, not {_KINDS[root.kind]}"
        end = root.start + 1 if root.kind == "array" else root.end
        problems.append(_problem(doc, name, message, root.start, end))
        root = None
    values: list[SettingValue] = []
    if root is not None:
        for member in root.effective_members():
            values.extend(_flatten(doc, member))
    return SettingsFacts(path, Status.MALFORMED if problems else Status.OK, tuple(problems), tuple(values))


def _flatten(doc: JsonDocument, member: JsonMember) -> list[SettingValue]:
    key, node = member.key, member.value
    if node is None:
        return []
    if key in _PLAIN:
        return [_value(doc, key, member)]
    if key in _MAPS:
        return _map(doc, key, member)
    if key == "gopls":
        if node.kind != "object":
            return [_value(doc, key, member)]
        out: list[SettingValue] = []
        for child in node.effective_members():
            child_key = f"gopls.{child.key}"
            if child.key in _GOPLS_MAPS:
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


def _value(doc: JsonDocument, key: str, member: JsonMember) -> SettingValue:
    node = member.value
    assert node is not None
    return SettingValue(key, node.to_python(), doc.range(node.start, node.end),
                        doc.range(member.key_start, member.key_end))


def _problem(doc: JsonDocument, name: str, message: str, start: int, end: int) -> FileProblem:
    rng = doc.range(start, end)
    return FileProblem(f"{name}:{rng.start.line + 1}:{rng.start.character + 1}: {message}", rng)
