"""Inputs of n lines for the linearity tests: realistic statements with problems mixed in (every problem a parser
collects is work), so that a cost per line that grows with the file shows up as a ratio of run times."""

from __future__ import annotations

from collections.abc import Callable

from goenv_lsp.files import FileKind


def mixed(n: int, statement: Callable[[int], str], filler: str = "", every: int = 10) -> list[str]:
    """n lines: a statement on every ``every``-th, the cheap ``filler`` (a blank or comment line) between."""
    return [statement(i) if i % every == 0 else filler for i in range(n)]


def go_mod(n: int) -> bytes:
    head = ["module example.com/app", "go 1.22.0", "toolchain go1.22.4", "require ("]
    body = mixed(n - 5, lambda i: f"\tex.com/d{i} v1.{i}.0" if i % 40 else f"\tex.com/b{i} v1 x", "\t// c")
    return "\n".join([*head, *body, ")"]).encode()


def go_work(n: int) -> bytes:
    body = mixed(n - 2, lambda i: f"use ./m{i}" if i % 40 else "use", "// c")
    return "\n".join(["go 1.22.0", "toolchain go1.22.4", *body]).encode()


def settings(n: int) -> bytes:
    kinds = ('"editor.key{i}": "value {i}",', '"go.toolsEnvVars": {{"GOFLAGS": "-mod={i}"}},',
             '"go.alternateTools": {{"go": "/opt/go{i}/bin/go"}},', '"bad{i}" {i},')
    body = mixed(n - 2, lambda i: kinds[i // 10 % 4].format(i=i), "  // c")
    return "\n".join(["{", *body, "}"]).encode()


def devcontainer(n: int) -> bytes:
    kinds = ('"image": "golang:1.{i}-alpine",', '"features": {{"ghcr.io/devcontainers/features/go:1": {{"version": '
             '"1.{i}"}}}},', '"postCreateCommand": {{"c{i}": "go install x@latest"}},', '"bad{i}" {i},')
    body = mixed(n - 2, lambda i: kinds[i // 10 % 4].format(i=i), "  // c")
    return "\n".join(["{", *body, "}"]).encode()


def workspace_xml(n: int) -> bytes:
    body = mixed(n - 4, lambda i: f'  <component name="C{i}" url="file://$USER_HOME$/x&amp;{i}" />')
    tail = ['  <component name="GOROOT" url="file://$USER_HOME$/sdk/go1.22.0" />', "</project>"]
    return "\n".join(['<?xml version="1.0" encoding="UTF-8"?>', '<project version="4">', *body, *tail]).encode()


def dockerfile(n: int) -> bytes:
    kinds = ("FROM golang:1.22-alpine AS stage{i}", "ARG GO_VERSION=1.22.{i}", "ENV GOFLAGS=-mod=mod GOTOOLCHAIN=local",
             "RUN go build ./... \\\n    && echo {i}", "ENV GOPATH /go{i}", "RUN <<EOF\ngo get -u ./...\nEOF",
             "FROM stage{i} AS next{i}")
    return "\n".join(mixed(n, lambda i: kinds[i // 10 % 7].format(i=i), "# c")).encode()


def workflow(n: int) -> bytes:
    """A workflow of n lines: jobs of setup-go steps (a matrix, quoted and unquoted versions) and run: scripts."""
    head = ["on: push", "env:", "  GO: '1.22'", "jobs:"]
    job = ["  j{i}:", "    strategy: {{matrix: {{go: [1.2{i}, '1.27.x', stable]}}}}", "    container: golang:1.{i}",
           "    steps:", "      - uses: actions/setup-go@v6", "        with:",
           "          go-version: ${{{{ matrix.go }}}}", "      - run: |", "          go get -u ./...",
           "          go install x@latest # {i}"]
    body = [line.format(i=i) for i in range(max(1, (n - len(head)) // len(job))) for line in job]
    return "\n".join([*head, *body]).encode()


def gitlab_ci(n: int) -> bytes:
    head = ["image: golang:latest", "variables:", "  GO_VERSION: '1.22'", ".go: &go", "  image: golang:1.21"]
    job = ["j{i}:", "  <<: *go", "  image: golang:${{GO_VERSION}}-alpine", "  script:", "    - go get -u ./...",
           "    - >", "      go run x@latest {i}"]
    body = [line.format(i=i) for i in range(max(1, (n - len(head)) // len(job))) for line in job]
    return "\n".join([*head, *body]).encode()


def env_file(n: int) -> bytes:
    kinds = ("GOFLAGS=-mod=mod{i}", "GOPROXY=https://proxy.golang.org,direct", "a={i}")
    return "\n".join(mixed(n, lambda i: kinds[i // 10 % 3].format(i=i), "# written by go env -w")).encode()


def toml(n: int) -> bytes:
    half = n // 2
    select = mixed(half - 3, lambda i: '  "GE1",', "")
    settings = mixed(n - half - 1, lambda i: f'"go.key{i}" = "value {i}"', "# c")
    return "\n".join(["# settings", "select = [", *select, "]", "[editor-settings]", *settings]).encode()


def env_json(n: int) -> bytes:
    body = mixed(n - 2, lambda i: f'\t"GOVAR{i}": "value {i}",', "")
    return "\n".join(["{", *body, '\t"GOROOT": "/usr/local/go"', "}"]).encode()


def go_version(n: int) -> bytes:
    return ("go: downloading go1.22.0 (linux/amd64)\n" * (n - 1) + "go version go1.22.0 linux/amd64\n").encode()


def go_version_m(n: int) -> bytes:
    lines = ["/usr/local/bin/tool: go1.22.0", "\tpath\texample.com/tool", "\tmod\texample.com/tool\tv1.0.0\th1:x="]
    lines += [f"\tdep\texample.com/m{i}\tv1.{i}.0\th1:abc=" if i % 2 else f"\tbuild\tK{i}=v" for i in range(n - 3)]
    return ("\n".join([*lines, ""])).encode()


def snapshot(n: int) -> bytes:
    """Facts of n/10 environment variables and PATH entries, a blank line between each line of the JSON."""
    from goenv_lsp.facts import Facts
    from goenv_lsp.inputs.snapshot import dumps

    half = n // 20
    facts = Facts(root="/work/app", os="linux", env={f"GOVAR{i}": f"value {i}" for i in range(half)},
                  path_entries=tuple(f"/opt/bin{i}" for i in range(n // 10 - half - 10)))
    return "\n".join(line + "\n" * 9 for line in dumps(facts).split("\n")).encode()


def repeat_seed(kind: FileKind, n: int) -> bytes:
    """For a kind without its own: the lines of its longest seed, repeated to n lines."""
    from . import corpus

    lines = max(corpus.file_seeds(kind), key=len).split(b"\n") or [b""]
    return b"\n".join(lines[i % len(lines)] for i in range(n))


BIG: dict[str, Callable[[int], bytes]] = {
    "go.mod": go_mod, "go.work": go_work, "vscode-settings": settings, "goland-workspace": workspace_xml,
    "dockerfile": dockerfile, "goenv": env_file, "go.env": env_file, "github-workflow": workflow,
    "gitlab-ci": gitlab_ci, "devcontainer": devcontainer,
}
