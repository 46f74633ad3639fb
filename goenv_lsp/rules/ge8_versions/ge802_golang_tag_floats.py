from __future__ import annotations

from collections.abc import Iterator

from goenv_lsp.facts import Facts
from goenv_lsp.files.dockerfile import DockerfileFacts, DockerStage
from goenv_lsp.files.go_mod import ModFileFacts
from goenv_lsp.model import Applicability, Fix, Location, Range, Related, Severity, TextEdit, utf16_len
from goenv_lsp.rules.ge8_versions._docker import ok_dockerfiles
from goenv_lsp.rules.registry import ALL_CONTEXTS, FixAvailability, Input, Report, rule
from goenv_lsp.semantics import version as gover

DOCS = """
## What it checks
A Dockerfile stage built `FROM golang:latest`, `FROM golang` (no tag: the same), or a tag that names a variant
but no Go version — `golang:alpine`, `golang:bookworm`, `golang:1-alpine` — in a module whose go.mod has a `go`
line; a tag from a global ARG's default (`ARG GO_VERSION=latest`, `FROM golang:${GO_VERSION}`) counts, and the
fix goes to the default. An image pinned by digest (`golang:latest@sha256:…`) does not move and is left alone.

## Why it matters
These tags follow the newest stable Go release: when Go 1.28 comes out, the next `docker build` of the same
commit compiles with it (a new compiler, new vet checks, a new standard library, new GODEBUG defaults) while
go.mod and CI still say `go 1.27`. The tag says nothing about the Go the module was tested with, so the image
and the go line drift apart without a commit, and an old commit no longer rebuilds the way it did.

## How to fix
Name the go line's release in the tag, keeping the variant: `golang:alpine` → `golang:1.27-alpine`,
`golang:latest` → `golang:1.27` (the quick fix does this). Raise the tag together with the go line (GE801
reports a tag that falls behind it); for fully repeatable builds pin a digest as well.

## Example
go.mod says `go 1.27.3`; the Dockerfile says `FROM golang:alpine AS build`.
"""


@rule(code="GE802", name="golang-tag-floats", severity=Severity.WARNING,
      contexts=ALL_CONTEXTS,
      only_with=("dockerfile",),
      summary="A Dockerfile builds FROM golang:latest, golang:alpine or untagged golang: Go changes with no commit",
      docs=DOCS, fix=FixAvailability.ALWAYS, fix_title="Name the go line's release in the tag",
      needs=(Input.MODULES, "go.mod", "dockerfile"), tags=("versions", "containers", "reproducibility"))
def check(facts: Facts) -> Iterator[Report]:
    for dockerfile in ok_dockerfiles(facts):
        module = facts.module_for(dockerfile.path)
        go_mod = facts.file(module.go_mod) if module else None
        if not isinstance(go_mod, ModFileFacts) or go_mod.go is None or not gover.lang(go_mod.go.value):
            continue
        for stage in dockerfile.stages:
            if not stage.golang or "@" in stage.resolved or "$" in (stage.resolved_tag or ""):
                continue
            written = "$" not in stage.image.value and _floats(stage.tag)
            from_arg = "$" in stage.image.value and stage.tag_range is not None and _floats(stage.resolved_tag)
            if written or from_arg:
                yield _report(dockerfile, stage, go_mod)


def _floats(tag: str | None) -> bool:
    """No Go version in the tag: latest, a variant alone (alpine, bookworm), or the major version alone (1-alpine)."""
    if tag is None or tag == "1" or tag.startswith("1-"):
        return True
    return not tag[:1].isdigit() and not tag.startswith(("rc", "tip"))  # rc, tip: pre-releases, on purpose


def _report(dockerfile: DockerfileFacts, stage: DockerStage, go_mod: ModFileFacts) -> Report:
    assert go_mod.go is not None
    release = gover.lang(go_mod.go.value)
    image = stage.image
    tag = stage.resolved_tag
    if tag is None:
        new_tag, start, end = f":{release}", len(image.value), len(image.value)
    else:
        start, end = len(stage.repository) + 1, len(image.value)
        variant = "" if tag == "latest" else tag[2:] if tag.startswith("1-") else "" if tag == "1" else tag
        new_tag = release + (f"-{variant}" if variant else "")
    column = image.range.start.character
    edit_range = Range.of(image.range.start.line, column + utf16_len(image.value[:start]),
                          column + utf16_len(image.value[:end]))
    written = f"`FROM {image.value}`" + ("" if tag else " (no tag: latest)")
    if "$" in image.value and stage.tag_range is not None:  # the edit goes where the ARG default is
        edit_range = stage.tag_range
        written += f" (`{stage.resolved.split('@', 1)[0]}` with the ARG defaults)"
    pinned = f"{stage.repository}:{new_tag.lstrip(':')}"
    fix = Fix(f"Use {pinned}", Applicability.SAFE, edits=(TextEdit(dockerfile.path, edit_range, new_tag),))
    return Report(
        f"{written} is whichever Go release is newest when the image is pulled: the build moves to the next Go "
        f"version without a commit, drifting away from `go {go_mod.go.value}` in go.mod; pin {pinned}",
        Location(dockerfile.path, image.range), (fix,),
        (Related(Location(go_mod.path, go_mod.go.range), f"the module's go line: go {go_mod.go.value}"),),
        module=go_mod.path)
