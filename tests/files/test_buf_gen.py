"""The buf.gen.yaml kind: which plugins buf runs locally, which remotely, with the range that names each."""

from __future__ import annotations

from goenv_lsp.facts import Status
from goenv_lsp.facts.paths import POSIX
from goenv_lsp.files import kind_of
from goenv_lsp.files.base import ParseContext
from goenv_lsp.files.buf_gen import MAX_DEPTH, parse_buf_gen
from goenv_lsp.model import Range

CTX = ParseContext("/w", "/home/dev", POSIX)


def plugins(text: str) -> list[tuple[str, str | None, bool, tuple[str, ...]]]:
    facts = parse_buf_gen(text.encode(), "/w/buf.gen.yaml", CTX)
    assert facts.status is Status.OK, facts.problems
    return [(p.spec.value, p.program, p.remote, p.options) for p in facts.plugins]


def test_v1_plugin_and_name_keys() -> None:
    assert plugins("version: v1\nplugins:\n  - plugin: go\n    out: gen\n    opt: paths=source_relative\n"
                   "  - name: go-grpc\n    out: gen\n  - plugin: buf.build/grpc/go\n    out: gen\n"
                   "  - name: java\n    out: j\n  - plugin: vt\n    path: bin/protoc-gen-vt\n") == [
        ("go", "protoc-gen-go", False, ("paths=source_relative",)), ("go-grpc", "protoc-gen-go-grpc", False, ()),
        ("buf.build/grpc/go", None, True, ()), ("java", None, False, ()), ("vt", "bin/protoc-gen-vt", False, ())]


def test_v2_local_remote_and_builtin() -> None:
    found = plugins('version: v2\nplugins:\n  - local: protoc-gen-go\n  - remote: buf.build/protocolbuffers/go:v1.36\n'
                    '  - local: ["go", "run", "google.golang.org/grpc/cmd/protoc-gen-go-grpc"]\n'
                    '    opt: [a=1, b]\n  - protoc_builtin: cpp\n')
    assert found == [("protoc-gen-go", "protoc-gen-go", False, ()),
                     ("buf.build/protocolbuffers/go:v1.36", None, True, ()), ("go", "go", False, ("a=1", "b")),
                     ("cpp", None, False, ())]


def test_ranges_and_version() -> None:
    facts = parse_buf_gen(b"version: v2\nplugins:\n  - local: \"protoc-gen-go\"\n", "/w/buf.gen.yaml", CTX)
    assert facts.version is not None and facts.version.range == Range.of(0, 9, 11)
    assert facts.plugins[0].spec.range == Range.of(2, 11, 26)  # the quotes too


def test_bad_yaml_deep_nesting_and_names() -> None:
    bad = parse_buf_gen(b"version: v2\nplugins: [\n", "/w/buf.gen.yaml", CTX)
    assert bad.status is Status.MALFORMED and bad.problems[0].message.startswith("not valid YAML")
    deep = parse_buf_gen(b"a: " + b"[" * (MAX_DEPTH + 1) + b"]" * (MAX_DEPTH + 1), "/w/buf.gen.yaml", CTX)
    assert deep.status is Status.MALFORMED and "nested" in deep.problems[0].message
    assert parse_buf_gen(b"- just\n- a list\n", "/w/buf.gen.yaml", CTX).plugins == ()
    found = kind_of("/w/proto/buf.gen.yaml", "/w", POSIX)
    assert found is not None and found.name == "buf.gen.yaml"
