"""GE810 go-env-after-run: Go settings an ENV/ARG makes after the RUN that needed them; the fix moves it up."""

from __future__ import annotations

import pytest
from dockerhelp import findings, lines
from fixhelp import apply_edits

from goenv_lsp.model import Applicability
from goenv_lsp.rules.ge8_versions.ge810_go_env_after_run import check as GE810

E6 = """\
FROM golang:1.27-alpine AS build
COPY go.mod go.sum ./
RUN go mod download
ENV GOPROXY=https://goproxy.example.com,direct
COPY . .
RUN go build -o /app .
"""


def moved(text: str) -> str:
    [finding] = findings(GE810, text)
    return apply_edits(text, [(e.range, e.new_text) for e in finding.fixes[0].edits])


def test_proxy_set_after_the_download() -> None:
    [finding] = findings(GE810, E6)
    assert lines(finding) == (4, 4)
    assert finding.message.startswith("GOPROXY is set after the RUN on line 3, so `go mod download` there ran "
                                      "without it")
    assert [r.location.range.start.line for r in finding.related] == [2]
    assert finding.fixes[0].applicability is Applicability.SAFE
    assert moved(E6) == ("FROM golang:1.27-alpine AS build\nCOPY go.mod go.sum ./\n"
                         "ENV GOPROXY=https://goproxy.example.com,direct\nRUN go mod download\nCOPY . .\n"
                         "RUN go build -o /app .\n")
    assert findings(GE810, moved(E6)) == []


@pytest.mark.parametrize(("setting", "run"), [
    ("ENV GOFLAGS=-mod=vendor", "RUN go test ./..."), ("ARG GOTOOLCHAIN=go1.27.3", "RUN go mod download"),
    ("ENV GOPRIVATE example.com/internal", "RUN go get example.com/internal/lib"),
    ("ENV GONOSUMDB=example.com GOSUMDB=off", "RUN cd /src && go mod tidy"),
])
def test_each_watched_variable_and_the_commands_it_governs(setting: str, run: str) -> None:
    text = f"FROM golang:1.27\n{run}\n{setting}\n"
    first, *_ = findings(GE810, text)
    assert apply_edits(text, [(e.range, e.new_text) for e in first.fixes[0].edits]) == (
        f"FROM golang:1.27\n{setting}\n{run}\n")


@pytest.mark.parametrize("text", [
    "FROM golang:1.27\nRUN go mod download\nENV GOFLAGS=-mod=mod\nRUN go build\n",  # GOFLAGS: not for downloads
    "FROM golang:1.27\nRUN GOPROXY=direct go mod download\nENV GOPROXY=direct\n",  # set on the command
    "FROM golang:1.27\nRUN go env -w GOPROXY=direct && go mod download\nENV GOPROXY=direct\n",
    "FROM golang:1.27\nENV GOPROXY=a\nRUN go mod download\nENV GOPROXY=b\n",  # changed on purpose
    "FROM golang:1.27 AS a\nENV GOPROXY=a\nFROM a\nRUN go mod download\nENV GOPROXY=b\n",  # inherited
    "FROM golang:1.27 AS a\nRUN go build\nFROM alpine\nENV GOPROXY=b\n",  # another stage
    "FROM golang:1.27\nRUN echo go mod download\nENV GOPROXY=b\n",  # no go command
    "ARG GOPROXY=direct\nFROM golang:1.27\nRUN go mod download\n",  # a FROM-line ARG
    "FROM golang:1.27\nRUN go version && go env\nENV GOTOOLCHAIN=go1.27.3\n",  # they only report
    "FROM golang:1.27\nRUN go test ./...\nENV GOFLAGS=-trimpath\nRUN go build -o /app\n",  # for the build
])
def test_quiet(text: str) -> None:
    assert findings(GE810, text) == []


def test_moving_an_env_that_refers_to_variables_is_unsafe() -> None:
    text = "FROM golang:1.27\nRUN go build\nARG P\nENV GOFLAGS=-trimpath PATH=$P:$PATH\n"
    [finding] = findings(GE810, text)
    assert finding.fixes[0].applicability is Applicability.UNSAFE


def test_an_env_on_the_last_line_without_a_line_end_moves() -> None:
    text = "FROM golang:1.27\nRUN go build\nENV GOFLAGS=-trimpath"
    assert moved(text) == "FROM golang:1.27\nENV GOFLAGS=-trimpath\nRUN go build\n"


def test_an_env_holding_a_secret_is_not_moved_by_an_edit() -> None:
    text = "FROM golang:1.27\nRUN go mod download\nENV GOPROXY=https://ci:s3cr3tT0ken@proxy.example.com/go\n"
    [finding] = findings(GE810, text)
    assert finding.fixes == () and "s3cr3tT0ken" not in repr(finding)
