"""GE802 golang-tag-floats: golang images with no Go version in the tag; the fix names the go line's release."""

from __future__ import annotations

import pytest
from dockerhelp import findings, lines
from fixhelp import apply_edits

from goenv_lsp.rules.ge8_versions.ge802_golang_tag_floats import check as GE802


@pytest.mark.parametrize(("image", "fixed"), [
    ("golang", "golang:1.27"), ("golang:latest", "golang:1.27"), ("golang:alpine", "golang:1.27-alpine"),
    ("golang:alpine3.22", "golang:1.27-alpine3.22"), ("golang:1-bookworm", "golang:1.27-bookworm"),
    ("golang:1", "golang:1.27"), ("docker.io/library/golang:bookworm", "docker.io/library/golang:1.27-bookworm"),
])
def test_floating_tags_and_the_fix_keeps_the_variant(image: str, fixed: str) -> None:
    text = f"FROM --platform=$BUILDPLATFORM {image} AS build\nRUN go build ./...\n"
    [finding] = findings(GE802, text)
    assert lines(finding) == (1, 31)
    assert "moves to the next Go version without a commit" in finding.message and "beta" not in finding.message
    assert "`go 1.27.3` in go.mod" in finding.message
    [fix] = finding.fixes
    new = apply_edits(text, [(e.range, e.new_text) for e in fix.edits])
    assert new == text.replace(image, fixed)
    assert findings(GE802, new) == []


@pytest.mark.parametrize("image", ["golang:1.27", "golang:1.27.3-alpine", "golang:latest@sha256:0123456789abcdef",
                                   "golang:${GO}", "golang:rc", "golang:tip-alpine", "alpine:latest", "node"])
def test_version_tags_digests_and_other_images_are_quiet(image: str) -> None:
    assert findings(GE802, f"FROM {image}\n") == []


def test_quiet_outside_a_module_and_for_a_stage_built_on_a_stage() -> None:
    assert findings(GE802, "FROM golang:1.27 AS build\nFROM build\n") == []
    assert findings(GE802, "FROM golang\n", go_mod="not a go.mod at all (\n") == []


def test_a_floating_tag_from_an_arg_default_is_fixed_there() -> None:
    text = "ARG GO_VERSION=latest\nARG VARIANT=alpine\nFROM golang:${GO_VERSION}\nFROM golang:${VARIANT}\n"
    first, second = findings(GE802, text)
    assert "(`golang:latest` with the ARG defaults)" in first.message
    assert first.location.range.start.line == 2 and first.fixes[0].edits[0].range.start.line == 0
    fixed = apply_edits(text, [(e.range, e.new_text) for f in (first, second) for e in f.fixes[0].edits])
    assert fixed == "ARG GO_VERSION=1.27\nARG VARIANT=1.27-alpine\nFROM golang:${GO_VERSION}\nFROM golang:${VARIANT}\n"
    assert findings(GE802, fixed) == []
    assert findings(GE802, "ARG V\nFROM golang:${V}\n") == []  # no default: not known
