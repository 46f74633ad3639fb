"""Dockerfiles at any depth of a real workspace, probed by the real collector: GE801 on the lagging FROM line
(the go command's own words, from the real go 1.22.10 with GOTOOLCHAIN=local, as the official image runs it),
GE802 and GE811 on theirs, and a correct multi-stage Dockerfile quiet."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
import testbed
from realgo import apply, backticked, facts_of, write

from goenv_lsp.engine import evaluate
from goenv_lsp.files.dockerfile import dockerfiles
from goenv_lsp.model import Severity
from goenv_lsp.rules import by_code

pytestmark = pytest.mark.realgo

LAGGING = """\
# syntax=docker/dockerfile:1
FROM golang:1.22.10-alpine AS build
WORKDIR /src
COPY . .
RUN go get -u ./... && \\
    CGO_ENABLED=0 go build -o /app .
FROM gcr.io/distroless/static
COPY --from=build /app /app
"""
CORRECT = """\
ARG GO_VERSION=1.27
FROM --platform=$BUILDPLATFORM golang:${GO_VERSION}-alpine AS build
WORKDIR /src
COPY go.mod ./
RUN go mod download
COPY . .
ARG TARGETOS TARGETARCH
RUN CGO_ENABLED=0 GOOS=$TARGETOS GOARCH=$TARGETARCH go build -trimpath -o /app .
FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /app /app
ENTRYPOINT ["/app"]
"""


def test_dockerfiles_at_depth_in_a_real_workspace(tmp_path: Path) -> None:
    go_bin = testbed.go_root("1.27.3") / "bin"
    env = testbed.isolated_env(tmp_path, [go_bin])
    ws = tmp_path / "ws"
    write(ws, {"go.mod": "module example.com/app\n\ngo 1.27.3\n", "main.go": "package main\n\nfunc main() {}\n",
               "deploy/docker/Dockerfile": LAGGING, "build/Dockerfile": CORRECT,
               "tools/Containerfile.dev": "FROM golang:alpine\r\nRUN go version\r\n",
               "node_modules/x/Dockerfile": "FROM golang:1.10\n"})
    facts = facts_of(ws, env)
    found = sorted(Path(d.path).relative_to(ws).as_posix() for d in dockerfiles(facts))
    assert found == ["build/Dockerfile", "deploy/docker/Dockerfile", "tools/Containerfile.dev"]
    rules = [by_code(c) for c in ("GE801", "GE802", "GE810", "GE811", "GE812", "GE813", "GE814")]
    findings = sorted(evaluate(facts, rules=rules), key=lambda f: f.code)
    assert [(f.code, Path(f.location.path).relative_to(ws).as_posix(), f.location.range.start.line)
            for f in findings] == [("GE801", "deploy/docker/Dockerfile", 1), ("GE802", "tools/Containerfile.dev", 0),
                                   ("GE811", "deploy/docker/Dockerfile", 4)]
    lags = findings[0]
    assert lags.severity is Severity.ERROR

    # what the image's go (GOTOOLCHAIN=local, as the official images set) says of this module
    go122 = testbed.go_root("1.22.10") / "bin"
    ran = subprocess.run([str(go122 / "go"), "build", "./..."], cwd=ws, capture_output=True, text=True, timeout=120,
                         env=testbed.isolated_env(tmp_path, [go122], GOTOOLCHAIN="local"))
    assert ran.returncode == 1 and ran.stderr.splitlines()[0] == backticked(lags.message.split(": it never", 1)[1])

    apply(lags.fixes[0])
    assert "FROM golang:1.27.3-alpine AS build\n" in (ws / "deploy/docker/Dockerfile").read_text()
    assert sorted(f.code for f in evaluate(facts_of(ws, env), rules=rules)) == ["GE802", "GE811"]


def test_env_after_the_run_that_needed_it_in_a_real_workspace(tmp_path: Path) -> None:
    """GE810 on a real file: the RUN's go command runs with the image's defaults (the real go says which GOPROXY
    that is), and the fix, which moves the ENV above the RUN, clears the finding."""
    go_bin = testbed.go_root("1.27.3") / "bin"
    env = testbed.isolated_env(tmp_path, [go_bin], GOPROXY=None)
    ws = tmp_path / "ws"
    write(ws, {"go.mod": "module example.com/app\n\ngo 1.27.3\n", "main.go": "package main\n\nfunc main() {}\n",
               "Dockerfile": "FROM golang:1.27-alpine\nWORKDIR /src\nCOPY . .\nRUN go mod download\n"
                             "ENV GOPROXY=https://goproxy.corp.example.com\nRUN go build -o /app .\n"})
    [late] = evaluate(facts_of(ws, env), rules=[by_code("GE810")])
    assert (late.location.range.start.line, "GOPROXY" in late.message) == (4, True)
    # what `go mod download` at line 4 uses: the default, not the company proxy set after it
    ran = subprocess.run([str(go_bin / "go"), "env", "GOPROXY"], cwd=ws, env=env, capture_output=True, text=True,
                         timeout=60)
    assert ran.stdout.strip() == "https://proxy.golang.org,direct"
    apply(late.fixes[0])
    text = (ws / "Dockerfile").read_text()
    assert text.index("ENV GOPROXY=") < text.index("RUN go mod download")
    assert evaluate(facts_of(ws, env), rules=[by_code("GE810")]) == []
