"""The Dockerfile kind: base images and Go variables with their spans; each Dockerfile belongs to its module."""

from __future__ import annotations

import asyncio
import textwrap

import pytest

from goenv_lsp.facts import Status
from goenv_lsp.facts.paths import POSIX
from goenv_lsp.files import kind_of
from goenv_lsp.files.base import ParseContext
from goenv_lsp.files.dockerfile import DockerfileFacts, dockerfiles, module_of, parse_dockerfile
from goenv_lsp.model import Range
from goenv_lsp.probe import ProbeOptions, collect
from goenv_lsp.probe.fake import FakeSystem

CTX = ParseContext("/w", "/home/dev", POSIX)
MULTI_STAGE = textwrap.dedent('''\
    # syntax=docker/dockerfile:1
    ARG GO_VERSION=1.22
    FROM --platform=$BUILDPLATFORM golang:${GO_VERSION}-alpine AS build
    ENV GOTOOLCHAIN=local \\
        GOFLAGS="-mod=vendor -trimpath" PATH=/x
    ENV CGO_ENABLED 0
    RUN go build ./...
    FROM gcr.io/distroless/static@sha256:0123
    ''')


def parse(text: str) -> DockerfileFacts:
    return parse_dockerfile(text.encode(), "/w/Dockerfile", CTX)


def test_stages_and_go_variables_with_their_spans() -> None:
    facts = parse(MULTI_STAGE)
    assert facts.status is Status.OK and facts.problems == ()
    build, final = facts.stages
    assert (build.image.value, build.stage, build.repository, build.tag) == (
        "golang:${GO_VERSION}-alpine", "build", "golang", "${GO_VERSION}-alpine")
    assert build.image.range == Range.of(2, 31, 58)
    assert (final.repository, final.tag, final.stage) == ("gcr.io/distroless/static", None, None)
    assert [(v.instruction, v.key, v.value.value, v.value.range) for v in facts.variables] == [
        ("ARG", "GO_VERSION", "1.22", Range.of(1, 15, 19)),
        ("ENV", "GOTOOLCHAIN", "local", Range.of(3, 16, 21)),
        ("ENV", "GOFLAGS", '"-mod=vendor -trimpath"', Range.of(4, 12, 35)),
        ("ENV", "CGO_ENABLED", "0", Range.of(5, 16, 17)),
    ]  # PATH is not a Go variable


@pytest.mark.parametrize(("image", "repository", "tag"), [
    ("golang", "golang", None), ("golang:1.27.3-bookworm", "golang", "1.27.3-bookworm"),
    ("docker.io/library/golang:latest", "docker.io/library/golang", "latest"),
    ("localhost:5000/golang:1.22", "localhost:5000/golang", "1.22"), ("golang@sha256:ab", "golang", None),
])
def test_image_references(image: str, repository: str, tag: str | None) -> None:
    [stage] = parse(f"FROM {image}\n").stages
    assert (stage.repository, stage.tag) == (repository, tag)


def test_credentials_in_an_image_reference_are_redacted() -> None:
    [stage] = parse("FROM https://user:token@registry.example.com/golang:1.22\n").stages
    assert "token" not in stage.image.value


def test_no_from_is_a_problem_and_junk_never_raises() -> None:
    facts = parse("RUN echo hi\n")
    assert facts.status is Status.MALFORMED
    assert facts.problems[0].message.startswith("no FROM instruction")
    assert parse("# only a comment\nARG X=1\n").problems == ()
    assert parse_dockerfile(b"\x00\xff", "/w/Dockerfile", CTX).status is Status.MALFORMED
    for junk in ("FROM", "ENV", "ENV =x", "FROM \\\n", "\\\n" * 50, "ENV A=\"unterminated\n"):
        parse(junk)


@pytest.mark.parametrize("name", ["Dockerfile", "Dockerfile.dev", "api.Dockerfile", "build.dockerfile",
                                  "Containerfile"])
def test_file_names(name: str) -> None:
    assert kind_of(f"/w/svc/{name}", "/w", POSIX).name == "dockerfile"


@pytest.mark.parametrize("name", ["Dockerfile.dockerignore", "api.Dockerfile.dockerignore", ".dockerignore"])
def test_buildkit_ignore_files_are_not_dockerfiles(name: str) -> None:
    assert kind_of(f"/w/svc/{name}", "/w", POSIX) is None


def test_found_in_the_tree_and_owned_by_their_module() -> None:
    fake = FakeSystem.from_fixture("""
[env]
HOME = "/home/dev"
PATH = "/usr/local/go/bin"
[files]
"/w/Dockerfile" = "FROM alpine\\n"
"/w/services/api/go.mod" = "module example.com/api\\n\\ngo 1.27.3\\n"
"/w/services/api/Dockerfile" = "FROM golang:1.22\\n"
"/w/services/api/deploy/prod.Dockerfile" = "FROM golang:1.27\\n"
"/w/node_modules/x/Dockerfile" = "FROM node\\n"
[[go]]
root = "/usr/local/go"
version = "1.27.3"
""")
    facts = asyncio.run(collect("/w", ProbeOptions(), fake))
    found = {d.path: module_of(facts, d) for d in dockerfiles(facts)}
    assert set(found) == {"/w/Dockerfile", "/w/services/api/Dockerfile", "/w/services/api/deploy/prod.Dockerfile"}
    assert found["/w/Dockerfile"] is None
    assert found["/w/services/api/Dockerfile"].go_mod == "/w/services/api/go.mod"
    assert found["/w/services/api/deploy/prod.Dockerfile"].go_mod == "/w/services/api/go.mod"


@pytest.mark.parametrize("name", ["Containerfile.dev", "api.Containerfile"])
def test_containerfile_names(name: str) -> None:
    assert kind_of(f"/w/svc/{name}", "/w", POSIX).name == "dockerfile"


def pins(text: str) -> list[tuple[str, str, Range, bool, bool]]:
    return [(p.version, p.label, p.range, p.local, p.editable) for p in parse(text).go_pins]


@pytest.mark.parametrize(("image", "version", "column"), [
    ("golang:1.22", "1.22", 12), ("golang:1.22.3", "1.22.3", 12), ("golang:1.22-alpine3.20", "1.22", 12),
    ("golang:1.22rc1-bookworm", "1.22rc1", 12), ("docker.io/library/golang:1.21.13", "1.21.13", 30),
    ("mirror.gcr.io/library/golang:1.27", "1.27", 34),
])
def test_pins_of_version_tags(image: str, version: str, column: int) -> None:
    [(found, label, where, local, editable)] = pins(f"FROM {image} AS build\n")
    assert (found, label, local, editable) == (version, f"FROM {image}", True, True)
    assert where == Range.of(0, column, column + len(version))


@pytest.mark.parametrize("image", ["golang", "golang:latest", "golang:alpine", "golang:bookworm", "golang:1",
                                   "golang:${GO_VERSION}", "golang:tip", "alpine:3.20", "build"])
def test_no_pin_without_a_concrete_version(image: str) -> None:
    assert pins(f"FROM {image}\n") == []


def test_pins_of_other_registries_and_windows_images_do_not_say_local() -> None:
    found = pins("FROM registry.example.com/golang:1.22\nFROM golang:1.24-windowsservercore-ltsc2022\n")
    assert [(v, local) for v, _, _, local, _ in found] == [("1.22", False), ("1.24", False)]


def test_a_pin_from_an_arg_default_sits_on_the_default() -> None:
    text = 'ARG GO_VERSION="1.22"\nFROM --platform=$BUILDPLATFORM golang:${GO_VERSION}-alpine AS build\n'
    [(version, label, where, local, editable)] = pins(text)
    assert (version, where, local, editable) == ("1.22", Range.of(0, 16, 20), True, True)
    assert label == "FROM golang:${GO_VERSION}-alpine (`golang:1.22-alpine` with the ARG defaults)"
    # an inline default when the ARG has none; an ARG inside a stage does not reach FROM lines
    [(version, _, where, _, _)] = pins("ARG V\nFROM golang:${V:-1.21.3}\n")
    assert (version, where) == ("1.21.3", Range.of(1, 17, 23))
    assert pins("FROM scratch\nARG V=1.22\nFROM golang:$V\n") == []


def test_one_pin_for_an_arg_used_by_two_stages() -> None:
    assert len(pins("ARG V=1.22\nFROM golang:$V AS a\nFROM golang:${V}-alpine AS b\n")) == 1


def test_a_digest_pins_the_image_so_the_tag_is_not_editable() -> None:
    [(version, label, _, _, editable)] = pins("FROM golang:1.22@sha256:0123456789abcdef0123\n")
    assert (version, editable) == ("1.22", False)
    assert label == "FROM golang:1.22@sha256:0123456789ab… (pinned by digest: a new tag needs its own digest)"


def test_stages_know_the_stage_they_build_on() -> None:
    facts = parse("FROM golang:1.27 AS Build\nFROM build AS test\nFROM test\nFROM --platform=linux/arm64 alpine\n")
    assert [(s.index, s.stage, s.base, s.platform) for s in facts.stages] == [
        (0, "Build", None, None), (1, "test", 0, None), (2, None, 1, None), (3, None, None, "linux/arm64")]
    assert [s.golang for s in facts.stages] == [True, False, False, False]


def commands(text: str) -> list[tuple[str, Range]]:
    return [(c.value, c.range) for c in parse(text).commands]


def test_run_lines_with_their_ranges() -> None:
    text = ("FROM golang:1.27\n"
            "RUN --mount=type=cache,target=/go/pkg/mod go mod download && \\\n"
            "    # a comment inside the instruction\n"
            "    go get -u ./...\n"
            'run ["go", "install", "x@latest"]\n')
    assert commands(text) == [
        ("go mod download &&", Range.of(1, 42, 60)),
        ("go get -u ./...", Range.of(3, 4, 19)),
        ('"go"  "install"  "x@latest"', Range.of(4, 5, 32)),
    ]


def test_heredoc_bodies_are_commands_when_a_shell_runs_them() -> None:
    text = ("FROM golang:1.27\n"
            "RUN <<EOF\n"
            "set -e\n"
            "\tgo get -u ./...\n"
            "EOF\n"
            "RUN python3 <<EOF\n"
            "FROM golang:1.0\n"  # data, not an instruction
            "go get -u\n"
            "EOF\n"
            "RUN bash -e <<-'END'\n"
            "\tgo install x@latest\n"
            "\tEND\n"
            "ENV GOFLAGS=-mod=mod\n")
    facts = parse(text)
    assert [c.value for c in facts.commands] == ["<<EOF", "set -e", "go get -u ./...", "python3 <<EOF",
                                                 "bash -e <<-'END'", "go install x@latest"]
    assert facts.commands[2].range == Range.of(3, 1, 16)
    assert [(i.keyword.value, i.line, i.last) for i in facts.instructions] == [
        ("FROM", 0, 0), ("RUN", 1, 4), ("RUN", 5, 8), ("RUN", 9, 11), ("ENV", 12, 12)]
    assert len(facts.stages) == 1 and [v.key for v in facts.variables] == ["GOFLAGS"]


def test_a_shebang_decides_what_runs_a_heredoc() -> None:
    assert "go get -u" not in [c.value for c in parse("FROM x\nRUN <<EOF\n#!/usr/bin/env python3\ngo get -u\nEOF\n")
                               .commands]
    assert "go get -u" in [c.value for c in parse("FROM x\nRUN <<EOF\n#!/bin/bash\ngo get -u\nEOF\n").commands]


def test_escape_directive_crlf_and_lowercase_instructions() -> None:
    text = ("# escape=`\r\nfrom golang:1.24-windowsservercore-ltsc2022 as build\r\n"
            "run go build `\r\n  -o C:\\app.exe .\r\n")
    facts = parse(text)
    assert facts.crlf and [s.stage for s in facts.stages] == ["build"]
    assert [(c.value, c.range) for c in facts.commands] == [("go build", Range.of(2, 4, 12)),
                                                            ("-o C:\\app.exe .", Range.of(3, 2, 17))]
    [pin] = facts.go_pins
    assert (pin.version, pin.range) == ("1.24", Range.of(1, 12, 16))


def test_variables_know_their_stage_and_where_the_name_is() -> None:
    facts = parse("ARG GOPROXY=off\nFROM golang:1.27\nENV CGO_ENABLED 0\nENV GOFLAGS=-mod=mod CC=clang\n")
    assert [(v.instruction, v.key, v.stage, v.key_range) for v in facts.variables] == [
        ("ARG", "GOPROXY", -1, Range.of(0, 4, 11)), ("ENV", "CGO_ENABLED", 0, Range.of(2, 4, 15)),
        ("ENV", "GOFLAGS", 0, Range.of(3, 4, 11)), ("ENV", "CC", 0, Range.of(3, 21, 23))]


def test_only_secret_free_env_and_arg_lines_are_kept() -> None:
    facts = parse("FROM golang:1.27\nRUN curl -H 'x' go\nENV GOFLAGS=-trimpath \\\n  GOPROXY=direct\n"
                  "ENV GITHUB_TOKEN=ghp_0123456789abcdefghijklmnop\nCOPY --from=build /app /app\n")
    assert facts.lines == ("", "", "ENV GOFLAGS=-trimpath \\", "  GOPROXY=direct", "", "", "")
    assert [i.value for i in facts.instructions] == ["", "", "GOFLAGS=-trimpath   GOPROXY=direct", "",
                                                     "--from=build /app /app"]
