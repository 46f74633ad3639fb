"""GE813 cgo-without-c-compiler: CGO_ENABLED=1 on a golang alpine image, no C compiler installed. The real part
runs the Dockerfile's RUN line with the real go and no gcc on PATH (as in the image): go's own words."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
import testbed
from dockerhelp import findings, lines
from fixhelp import apply_edits
from ge6help import CACHE
from realgo import facts_of, write

from goenv_lsp.engine import evaluate
from goenv_lsp.model import Severity
from goenv_lsp.rules.ge8_versions.ge813_cgo_without_c_compiler import check as GE813

ALPINE = """\
FROM golang:1.27-alpine AS build
WORKDIR /src
COPY . .
RUN CGO_ENABLED=1 go build -o app .
"""
SERVER = 'package main\n\nimport (\n\t"fmt"\n\t"net"\n)\n\nfunc main() { fmt.Println(net.IPv4len) }\n'


def test_cgo_on_without_gcc() -> None:
    [finding] = findings(GE813, ALPINE)
    assert finding.severity is Severity.ERROR and lines(finding) == (4, 21)
    assert 'cgo: C compiler "gcc" not found' in finding.message
    fixed = apply_edits(ALPINE, [(e.range, e.new_text) for e in finding.fixes[0].edits])
    assert fixed == ALPINE.replace("RUN CGO", "RUN apk add --no-cache gcc musl-dev\nRUN CGO")
    assert findings(GE813, fixed) == []


def test_set_by_env_or_arg_in_a_stage_or_the_stage_it_builds_on() -> None:
    [finding] = findings(GE813, "FROM golang:alpine AS a\nARG CGO_ENABLED=1\nRUN go test -race ./...\n")
    assert finding.related and finding.related[0].location.range.start.line == 1
    assert findings(GE813, "FROM golang:1.27-alpine AS a\nENV CGO_ENABLED=1\nFROM a\nRUN go install ./...\n")


@pytest.mark.parametrize("text", [
    ALPINE.replace("CGO_ENABLED=1 ", ""),  # alpine's default is off
    ALPINE.replace("COPY . .", "RUN apk add --no-cache build-base"),
    ALPINE.replace("COPY . .", "RUN apk add --no-cache $DEPS"),  # not knowable
    ALPINE.replace("RUN CGO", "RUN apk add gcc musl-dev && CGO"),
    ALPINE.replace("RUN CGO", "RUN CC=clang CGO"),
    ALPINE.replace("golang:1.27-alpine", "golang:1.27-bookworm"),  # gcc is there
    ALPINE.replace("golang:1.27-alpine", "example.com/golang-alpine:1.27"),  # not known
    "FROM golang:1.27-alpine AS a\nRUN apk add gcc musl-dev\nFROM a\nRUN CGO_ENABLED=1 go build\n",
    ALPINE.replace("go build", "go vet"),
])
def test_quiet(text: str) -> None:
    assert findings(GE813, text) == []


@pytest.mark.realgo
def test_real_build_without_gcc_fails_as_the_finding_says(tmp_path: Path) -> None:
    go_bin = testbed.go_root("1.27.3") / "bin"
    env = testbed.isolated_env(tmp_path, [go_bin], GOCACHE=CACHE)  # PATH has no gcc, like the alpine image
    ws = tmp_path / "ws"
    write(ws, {"go.mod": "module example.com/server\n\ngo 1.27.3\n", "main.go": SERVER, "build/Dockerfile": ALPINE})
    [finding] = evaluate(facts_of(ws, env), rules=[GE813])
    run_line = ALPINE.splitlines()[3].removeprefix("RUN ")
    built = subprocess.run(["sh", "-c", run_line], cwd=ws, env=env, capture_output=True, text=True, timeout=300)
    assert built.returncode == 1
    quoted = finding.message.split("`")[3]  # after `go build`
    assert built.stderr == f"# runtime/cgo\n{quoted}\n"


def test_an_alpine_tag_from_an_arg_default() -> None:
    text = "ARG GO_VERSION=1.27\nFROM golang:${GO_VERSION}-alpine\nENV CGO_ENABLED=1\nRUN go build\n"
    assert findings(GE813, text)
    assert findings(GE813, text.replace("-alpine", "-${VARIANT}")) == []  # not known
