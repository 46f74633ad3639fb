"""Targets for the file kinds (every kind the registry parses, through ``goenv_lsp.files.parse``) and for the raw
parsers underneath them (go.mod/go.work, JSONC, the workspace.xml scanner)."""

from __future__ import annotations

import json
import zlib
from functools import partial

from goenv_lsp.facts import FileFacts, FileProblem, PathFlavor, PathOps, Status
from goenv_lsp.files import MAX_PROBLEMS, PARSED, FileKind, ParseContext, Where, cap_problems, parse
from goenv_lsp.files._goland_xml import local_path, read_project_goroot
from goenv_lsp.files._jsonc import JsonNode, parse_jsonc
from goenv_lsp.files._modfile import parse_modfile
from goenv_lsp.serde import from_data, to_data

from .. import big, corpus
from ..checks import TextLines, json_like, ranges_inside, require, same
from . import Target

GUARDS = ("goenv-lsp could not parse this file", "internal error")  # the last-resort catches: a crash behind them

MODFILE_TOKENS = (
    b"module", b"go", b"toolchain", b"require", b"replace", b"exclude", b"retract", b"use", b"godebug", b"tool",
    b"ignore", b"=>", b"(", b")", b"(\n", b"\n)\n", b"//", b"/*", b'"', b"`", b"v1.2.3", b"v2.0.0+incompatible",
    b"v0.0.0-20200101000000-abcdefabcdef", b"v1.2.3-pre.1+build", b"go1.22.0", b"1.22", b"1.21rc1", b"default",
    b"[", b"]", b",", b"../local", b"./", b"C:\\dir", b"example.com/m/v2", b"gopkg.in/yaml.v3", b"\\x41", b"\\u00e9",
    b"\\377", b"\\U0001F600", b"@v1", b"key=value", b"\xc2\xa0", b"\xe3\x80\x80",
)
JSONC_TOKENS = (
    b"{", b"}", b"[", b"]", b":", b",", b'"', b"//", b"/*", b"*/", b"\\u", b"\\ud83d\\ude00", b"\\ud800", b'\\"',
    b"true", b"false", b"null", b"-0.5e10", b"1e400", b"01", b'"go.goroot"', b'"go.alternateTools"',
    b'"go.toolsEnvVars"', b'"gopls"', b'"build.env"', b'"env"', b'"go.gopath"', b'"go.toolsGopath"',
    b'"go.inferGopath"', b'"go.languageServerFlags"', b"${workspaceFolder}", b"${env:HOME}", b"\xe2\x80\xa8",
)
XML_TOKENS = (
    b"<", b">", b"</", b"/>", b"<!--", b"-->", b"<![CDATA[", b"]]>", b"<?xml version='1.0'?>", b"?>", b"<!DOCTYPE x [",
    b"]>", b"&amp;", b"&lt;", b"&#x10FFFF;", b"&#0;", b"&#xD800;", b"&#99999999;", b"&unknown;", b"&", b";",
    b'<component name="GOROOT"', b'url="file://$USER_HOME$/go"', b'path="/usr/local/go"', b"$PROJECT_DIR$",
    b"file:///C:/Go", b"<project version=\"4\">", b"</project>", b"</component>", b"'", b'"', b"=", b"\t",
)
DOCKERFILE_TOKENS = (
    b"FROM ", b" AS ", b"ENV ", b"ARG ", b"RUN ", b"COPY ", b"--platform=$BUILDPLATFORM ", b"golang:1.22-alpine",
    b"@sha256:0123", b"${GO_VERSION}", b"${GO_VERSION:-1.22}", b"$GOTOOLCHAIN", b"\\\n", b"# escape=`\n",
    b"# syntax=docker/dockerfile:1\n", b"`\n", b"GOTOOLCHAIN=", b"CGO_ENABLED=0", b"GOFLAGS=\"-mod=mod\" ", b"<<EOF\n",
    b"\nEOF\n", b"ONBUILD ", b"'", b'"', b"\\", b"=", b"https://user:pass@host/", b"RUN <<-'END' bash\n", b"\tEND\n",
    b"RUN python3 <<EOF\n", b"#!/bin/sh\n", b'["go", "get", "-u"]', b"--mount=type=cache,target=/x ", b"go get -u ",
    b"go install x@latest", b"ARG GO_VERSION=1.22\n", b"golang:${GO_VERSION}-alpine", b"FROM build AS test\n",
    b"COPY --from=build /app /app\n", b"FROM scratch\n", b"CC=", b"\r\n", b"<<<",
)
DEVCONTAINER_TOKENS = (
    *JSONC_TOKENS[:20], b'"image"', b'"golang:1.22-alpine"', b'"mcr.microsoft.com/devcontainers/go:1-1.22-bookworm"',
    b'"features"', b'"ghcr.io/devcontainers/features/go:1"', b'"version"', b'"1.22.3"', b'"latest"',
    b'"postCreateCommand"', b'"go install golang.org/x/tools/gopls@latest"', b'"containerEnv"', b'"GOTOOLCHAIN"',
    b'"local"', b"@sha256:0123",
)
ENV_FILE_TOKENS = (
    b"GOTOOLCHAIN=", b"GOROOT=", b"GOPATH=", b"GOPROXY=https://user:pass@proxy.example.com", b"GOFLAGS=-mod=mod",
    b"GOENV=", b"=", b"#", b"\r\n", b"A", b"a=", b"go1.27.3+auto", b"local", b"off", b"\xc3\xa9",
)
SHELL_TOKENS = (
    b"export ", b"GOROOT=", b"GOPATH=", b"PATH=", b"$PATH", b"${PATH}", b"${HOME:-x}", b"~/", b'"', b"'", b"\\\n",
    b"$(go env GOPATH)", b"`date`", b"if [ -f x ]; then\n", b"\nfi\n", b"case $- in\n", b"*i*) ;;\n", b"esac\n",
    b"[[ $- == *i* ]] && ", b"source ~/.bashrc\n", b". ", b"alias go=", b"go() {", b"}\n", b"function go\n",
    b"end\n", b"set -gx ", b"fish_add_path ", b"path+=(", b")", b"unset ", b"eval ", b"<<EOF\n", b"\nEOF\n", b";",
    b"&&", b"||", b"#", b"GITHUB_TOKEN=ghp_0123456789abcdefghij0123", b"declare -x ", b"typeset -x ", b"PATH_add ",
)
YAML_TOKENS = (
    b"jobs:\n", b"  steps:\n", b"    - uses: actions/setup-go@v6\n", b"      with:\n", b"go-version: ", b"1.20",
    b"'1.22'", b"${{ matrix.go }}", b"${{ env.GO }}", b"strategy: {matrix: {go: [", b"include:", b"run: |\n",
    b"run: >-\n", b"script:\n", b"  - ", b"image: golang:latest", b"image: {name: ", b"container: golang:1.22",
    b"go-version-file: go.mod", b"&a ", b"*a", b"<<: ", b"!!str ", b"!!python/object:os.system ", b"---\n",
    b"? ", b": ", b"- ", b"\t", b"\r\n", b"#", b"'", b'"', b"|2\n", b"\xc2\x85", b"\xe2\x80\xa8", b"%YAML 1.1\n",
)
MAKEFILE_TOKENS = (
    b"\t", b"\\\n", b":", b"::", b" := ", b" = ", b"; ", b"#", b"define X\n", b"endef\n", b"ifeq (a,b)\n",
    b"endif\n", b".RECIPEPREFIX = >\n", b"@", b"-", b"$(GO) install x/y@latest", b"protoc --go_out=. ",
)
BUF_GEN_TOKENS = (
    b"version: v2\n", b"plugins:\n", b"  - local: protoc-gen-go\n", b"  - remote: buf.build/grpc/go\n",
    b"    opt: [a, b]\n", b"  - plugin: go\n", b"    path: [go, run, x]\n", b"&a ", b"*a", b"{", b"[", b"'",
)
_TOKENS = {"go.mod": MODFILE_TOKENS, "go.work": MODFILE_TOKENS, "vscode-settings": JSONC_TOKENS,
           "goland-workspace": XML_TOKENS, "dockerfile": DOCKERFILE_TOKENS, "goenv": ENV_FILE_TOKENS,
           "go.env": ENV_FILE_TOKENS, "github-workflow": YAML_TOKENS, "gitlab-ci": YAML_TOKENS,
           "makefile": MAKEFILE_TOKENS, "buf.gen.yaml": BUF_GEN_TOKENS, "devcontainer": DEVCONTAINER_TOKENS,
           **dict.fromkeys(("bash-startup", "sh-profile", "zsh-startup", "fish-config", "envrc"), SHELL_TOKENS)}
_NESTING = {
    "go.mod": ((b"(", b")"), (b"require (\n", b")\n"), (b"[", b"]")),
    "vscode-settings": ((b"[", b"]"), (b'{"a":', b"}"), (b"/*", b"*/")),
    "goland-workspace": ((b"<a>", b"</a>"), (b"<!--", b"-->"), (b"<![CDATA[", b"]]>"), (b"<a x='", b"'>")),
    "dockerfile": ((b"${", b"}"), (b"\\\n", b""), (b'["', b'"]')),
    "github-workflow": ((b"[", b"]"), (b"{", b"}"), (b"a:\n  ", b"\n"), (b"- ", b"\n")),
}
_NESTING["gitlab-ci"] = _NESTING["github-workflow"]
_NESTING["go.work"] = _NESTING["go.mod"]
_NESTING.update(dict.fromkeys(("bash-startup", "sh-profile", "zsh-startup", "fish-config", "envrc"), (
    (b"$(", b")"), (b"${", b"}"), (b"if x; then\n", b"\nfi\n"), (b"{ ", b"; }"), (b'"', b'"'),
    (b"begin\n", b"\nend\n"))))
_NESTING["devcontainer"] = _NESTING["vscode-settings"]
POSIX, WINDOWS = PathOps(PathFlavor.POSIX), PathOps(PathFlavor.WINDOWS)


def where(kind: FileKind, windows: bool) -> tuple[str, ParseContext]:
    """A path a file of ``kind`` has, and the context it is parsed in, on a Linux or a Windows machine."""
    paths = WINDOWS if windows else POSIX
    root, home = ("C:\\work\\app", "C:\\Users\\dev") if windows else ("/work/app", "/home/dev")
    name = kind.names[0].replace("*", "x") if kind.names else kind.name
    base = {Where.HOME: home, Where.GOROOT: paths.join(root, "go")}.get(kind.where, root)
    return paths.join(base, *name.split("/")), ParseContext(root=root, home=home, paths=paths)


def check_file_facts(kind: FileKind, facts: FileFacts, data: bytes, path: str, capped: bool = True) -> None:
    require(isinstance(facts, kind.facts_class), f"{type(facts).__name__} is not {kind.facts_class.__name__}")
    require(facts.kind == kind.name and facts.path == path, "facts of another file")
    require(isinstance(facts.status, Status), f"status {facts.status!r}")
    require((facts.status is Status.OK) == (not facts.problems), f"status {facts.status} with "
            f"{len(facts.problems)} problems")
    require(not capped or len(facts.problems) <= MAX_PROBLEMS + 1, f"{len(facts.problems)} problems reported")
    for problem in facts.problems:
        require(isinstance(problem, FileProblem) and isinstance(problem.message, str) and problem.message,
                f"bad problem {problem!r}")
        require(not problem.message.startswith(GUARDS), f"a parser raised: {problem.message}")
    ranges_inside(facts, TextLines.of_bytes(data))
    json_like(facts)


def run_kind(kind: FileKind, data: bytes | str) -> FileFacts:
    assert isinstance(data, bytes) and kind.parse is not None
    path, ctx = where(kind, windows=zlib.crc32(data) % 4 == 0)
    raw = kind.parse(data, path, ctx)  # unguarded: what the registry's parse() would hide is a crash here
    check_file_facts(kind, raw, data, path, capped=False)
    facts = parse(kind, data, path, ctx)  # as every caller reads files: problems capped
    check_file_facts(kind, facts, data, path)
    same(cap_problems(raw), facts, "the facts")
    again = from_data(FileFacts, json.loads(json.dumps(to_data(facts))))  # what a snapshot keeps of them
    same(again, facts, "the facts read back from a snapshot")
    return facts


def parse_kind(kind: FileKind, data: bytes | str) -> FileFacts:
    assert isinstance(data, bytes)
    path, ctx = where(kind, windows=False)
    return parse(kind, data, path, ctx)


def kind_target(kind: FileKind) -> Target:
    return Target(name=f"file:{kind.name}", run=partial(run_kind, kind), seeds=partial(corpus.file_seeds, kind),
                  tokens=_TOKENS.get(kind.name, ()), nesting=_NESTING.get(kind.name, ()),
                  big=big.BIG.get(kind.name) or partial(big.repeat_seed, kind), call=partial(parse_kind, kind))


def run_modfile(data: bytes | str) -> object:
    from goenv_lsp.files import _modfile

    assert isinstance(data, bytes)
    crc = zlib.crc32(data)
    kind, windows = ("go.work" if crc & 1 else "go.mod"), bool(crc & 2)
    parsed = _modfile._parse(data, kind, kind, windows)  # under parse_modfile's guard
    require(len(parsed.problems) == len(parsed.go_messages), "a problem without its go message")
    require(all(m.startswith(f"{kind}:") for m in parsed.go_messages), "a go message without its position")
    ranges_inside(parsed, TextLines.of_bytes(data))
    same(_modfile.parse_modfile(data, kind, kind, windows), parsed, "the parse")
    return parsed


def _nodes(root: JsonNode) -> list[JsonNode]:
    found, stack = [], [root]
    while stack:
        node = stack.pop()
        found.append(node)
        stack += node.items + [m.value for m in node.members if m.value is not None]
    return found


def run_jsonc(text: bytes | str) -> object:
    assert isinstance(text, str)
    doc = parse_jsonc(text)
    n = len(text)
    for error in doc.errors:
        require(isinstance(error.message, str) and 0 <= error.start <= error.end <= n, f"bad error {error}")
    require(doc.errors == sorted(doc.errors, key=lambda e: e.start), "errors out of order")
    for node in _nodes(doc.root) if doc.root else ():
        require(0 <= node.start <= node.end <= n, f"node {node.kind} at {node.start}..{node.end} outside the text")
        for member in node.members:
            require(node.start < member.key_start < member.key_end <= node.end, "member key outside its object")
    value = doc.root.to_python() if doc.root else None
    ranges_inside([doc.range(e.start, e.end) for e in doc.errors[:20]], TextLines((text,)))
    again = parse_jsonc(text)
    same((again.errors, repr(again.root.to_python() if again.root else None)), (doc.errors, repr(value)), "the parse")
    return doc


def run_goland_xml(text: bytes | str) -> object:
    assert isinstance(text, str)
    goroot, problem = read_project_goroot(text)
    require(goroot is None or problem is None, "both a value and an error")
    if problem is not None:
        message, offset = problem
        require(isinstance(message, str) and message and 0 <= offset <= len(text), f"bad error {problem}")
    if goroot is not None:
        require(0 <= goroot.start < goroot.end <= len(text), "attribute outside the text")
        require(text[goroot.start] in "\"'" and text[goroot.end - 1] == text[goroot.start], "attribute unquoted")
        require(isinstance(local_path(goroot.raw, "/work/app", "/home/dev"), str), "local path")
    same(read_project_goroot(text), (goroot, problem), "the parse")
    return goroot, problem


def targets() -> list[Target]:
    found = [kind_target(kind) for kind in PARSED]
    found += [
        Target("modfile", run_modfile, _mod_and_work_seeds, MODFILE_TOKENS, _NESTING["go.mod"], big=big.BIG["go.mod"],
               call=lambda data: parse_modfile(data, "go.mod", "go.mod")),  # type: ignore[arg-type]
        Target("jsonc", run_jsonc, lambda: corpus.file_seeds(_kind("vscode-settings")), JSONC_TOKENS,
               _NESTING["vscode-settings"], text=True, big=big.BIG["vscode-settings"], call=parse_jsonc),
        Target("goland-xml", run_goland_xml, lambda: corpus.file_seeds(_kind("goland-workspace")), XML_TOKENS,
               _NESTING["goland-workspace"], text=True, big=big.BIG["goland-workspace"], call=read_project_goroot),
    ]
    return found


def _kind(name: str) -> FileKind:
    return next(k for k in PARSED if k.name == name)


def _mod_and_work_seeds() -> tuple[bytes, ...]:
    return (*corpus.file_seeds(_kind("go.mod")), *corpus.file_seeds(_kind("go.work")))
