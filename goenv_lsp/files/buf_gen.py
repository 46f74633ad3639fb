"""buf.gen.yaml: the plugins ``buf generate`` runs, with the range of each. Versions v1beta1/v1 name a plugin
with ``name:`` or ``plugin:`` (a ``buf.build/…`` reference runs remotely; another name runs the
``protoc-gen-<name>`` that PATH finds, or ``path:``; protoc's built-in generators run in protoc) and v1's
``remote:``; v2 with ``local:`` (a program name or path, or a command as a list), ``remote:`` and
``protoc_builtin:``. Remote plugins run on the Buf Schema Registry: nothing local is needed for them."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from goenv_lsp.facts import Facts, FileFacts, FileProblem, Spanned, Status
from goenv_lsp.files.base import EditorHints, FileKind, ParseContext, Where, decode_failed
from goenv_lsp.text import LineIndex, decode_text

KIND_NAME = "buf.gen.yaml"
MAX_BYTES = 256 << 10
MAX_DEPTH = 100  # nesting of collections
# generators built into protoc (buf runs protoc for them when no protoc-gen-<name> is on PATH)
PROTOC_BUILTINS = frozenset({"cpp", "csharp", "java", "js", "kotlin", "objc", "php", "pyi", "python", "ruby",
                             "rust", "upb", "upbdefs", "upb_minitable"})


@dataclass(frozen=True)
class BufPlugin:
    """One entry of ``plugins:``: ``program`` is the local program buf runs (``protoc-gen-go``, a path, or the
    first word of a ``local:`` list), None for remote and protoc built-in plugins; ``spec`` spans the value
    that names the plugin."""

    spec: Spanned
    program: str | None = None
    remote: bool = False
    command: tuple[str, ...] = ()  # a ``local:``/``path:`` list: the whole command (``go run …``)
    options: tuple[str, ...] = ()  # ``opt:`` (a string or a list), as written


@dataclass(frozen=True)
class BufGenFacts(FileFacts):
    version: Spanned | None = None
    plugins: tuple[BufPlugin, ...] = ()


def parse_buf_gen(data: bytes, path: str, ctx: ParseContext | None = None) -> BufGenFacts:
    if len(data) > MAX_BYTES:
        return BufGenFacts(path=path, kind=KIND_NAME, status=Status.MALFORMED,
                           problems=(FileProblem(f"larger than {MAX_BYTES >> 10} KiB: not read as a buf.gen.yaml"),))
    text, error = decode_text(data)
    if text is None:
        return decode_failed(path, KIND_NAME, error, BufGenFacts)  # type: ignore[arg-type,return-value]
    import yaml

    lines = LineIndex(text)
    try:
        if _depth(text) > MAX_DEPTH:  # composing is recursive: refuse what would exhaust the stack
            return BufGenFacts(path=path, kind=KIND_NAME, status=Status.MALFORMED,
                               problems=(FileProblem(f"nested more than {MAX_DEPTH} levels deep: not read"),))
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except (yaml.YAMLError, RecursionError) as exc:
        mark = getattr(exc, "problem_mark", None)
        where = lines.range(mark.index, mark.index) if mark is not None else None
        return BufGenFacts(path=path, kind=KIND_NAME, status=Status.MALFORMED,
                           problems=(FileProblem(f"not valid YAML: {getattr(exc, 'problem', None) or exc}",
                                                 where),))
    if not isinstance(root, yaml.MappingNode):
        return BufGenFacts(path=path, kind=KIND_NAME)
    top = _mapping(root)
    version = _scalar(top.get("version"), lines)
    plugins = top.get("plugins")
    found = [dataclasses.replace(p, options=_options(_mapping(item).get("opt")))
             for item in (plugins.value if isinstance(plugins, yaml.SequenceNode) else ())
             if isinstance(item, yaml.MappingNode) and (p := _plugin(_mapping(item), lines)) is not None]
    return BufGenFacts(path=path, kind=KIND_NAME, version=version, plugins=tuple(found))


def _mapping(node) -> dict[str, object]:
    import yaml

    return {k.value: v for k, v in node.value if isinstance(k, yaml.ScalarNode)}


def _depth(text: str) -> int:
    """How deep the collections nest, from the (iterative) scanner's tokens."""
    import yaml

    depth = deepest = 0
    for token in yaml.scan(text, Loader=yaml.SafeLoader):
        if isinstance(token, (yaml.BlockSequenceStartToken, yaml.BlockMappingStartToken,
                              yaml.FlowSequenceStartToken, yaml.FlowMappingStartToken)):
            depth += 1
            deepest = max(deepest, depth)
        elif isinstance(token, (yaml.BlockEndToken, yaml.FlowSequenceEndToken, yaml.FlowMappingEndToken)):
            depth -= 1
    return deepest


def _scalar(node, lines: LineIndex) -> Spanned | None:
    import yaml

    if not isinstance(node, yaml.ScalarNode) or not isinstance(node.value, str):
        return None
    start, end = node.start_mark.index, node.end_mark.index  # offsets in the text (PyYAML reads a str)
    if lines.line_of(start) != lines.line_of(end):
        end = start
    return Spanned(node.value, lines.range(start, end))


def _options(node) -> tuple[str, ...]:
    import yaml

    if isinstance(node, yaml.ScalarNode) and isinstance(node.value, str):
        return (node.value,)
    return _words(node)


def _words(node) -> tuple[str, ...]:
    import yaml

    if isinstance(node, yaml.SequenceNode):
        return tuple(i.value for i in node.value if isinstance(i, yaml.ScalarNode))
    return ()


def _plugin(entry: dict[str, object], lines: LineIndex) -> BufPlugin | None:
    import yaml

    for key in ("remote", "protoc_builtin"):
        if (spec := _scalar(entry.get(key), lines)) is not None:
            return BufPlugin(spec, remote=key == "remote")
    local = entry.get("local")
    if local is not None:  # v2
        if isinstance(local, yaml.SequenceNode):
            words = _words(local)
            first = local.value[0] if local.value else None
            spec = _scalar(first, lines)
            return BufPlugin(spec, words[0], command=words) if spec is not None and words else None
        spec = _scalar(local, lines)
        return BufPlugin(spec, spec.value) if spec is not None and spec.value else None
    spec = _scalar(entry.get("plugin"), lines) or _scalar(entry.get("name"), lines)  # v1, v1beta1
    if spec is None or not spec.value:
        return None
    if "/" in spec.value:  # buf.build/protocolbuffers/go: a remote plugin
        return BufPlugin(spec, remote=True)
    path = entry.get("path")
    if isinstance(path, yaml.SequenceNode) and _words(path):
        return BufPlugin(spec, _words(path)[0], command=_words(path))
    if (named := _scalar(path, lines)) is not None and named.value:
        return BufPlugin(spec, named.value)
    if spec.value in PROTOC_BUILTINS:
        return BufPlugin(spec)
    return BufPlugin(spec, f"protoc-gen-{spec.value}")


def buf_gen_files(facts: Facts) -> tuple[BufGenFacts, ...]:
    return tuple(f for f in facts.files_of(KIND_NAME) or () if isinstance(f, BufGenFacts))


KIND = FileKind(
    name=KIND_NAME, title="buf.gen.yaml", where=Where.TREE, names=("buf.gen.yaml", "buf.gen.yml"),
    parse=parse_buf_gen, facts_type=BufGenFacts,
    # matched by name (not by the yaml language: other YAML files must not start the server)
    editor=EditorHints(nvim_filetypes=("yaml",), jetbrains_file_type="YAML", language_id="yaml"),
)
