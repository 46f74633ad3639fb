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
