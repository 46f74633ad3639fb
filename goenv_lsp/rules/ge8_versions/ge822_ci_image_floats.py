from __future__ import annotations

from collections.abc import Iterator

from goenv_lsp.facts import Facts, Spanned, Status
from goenv_lsp.files import _ci, github_workflow, gitlab_ci
from goenv_lsp.files import kind as file_kind
from goenv_lsp.files.go_mod import ModFileFacts
from goenv_lsp.model import Applicability, Fix, Location, Related, Severity, TextEdit
from goenv_lsp.rules.registry import ALL_CONTEXTS, FixAvailability, Input, Report, rule
from goenv_lsp.semantics import version as gover
from goenv_lsp.semantics.workspace import mod_go

DOCS = """
## What it checks
A CI job — GitLab CI `image:`, a GitHub Actions job `container:` — running in the official golang image with
a tag that names no Go version: none (`golang`), `latest`, a variant alone (`golang:alpine`,
`golang:bookworm`), or the major version alone (`golang:1`, `golang:1-alpine`). A digest (`@sha256:…`) pins the
image and is fine.

## Why it matters
These tags are the newest stable Go release, so they move across Go versions: the Go a job builds with changes
the day a new Go is out, with no commit, and it is not the version the module's go line names — a new
release's vet checks, changed defaults or a dropped platform break a job that passed yesterday, and two
pipelines of one commit can disagree. (`latest` is not a beta: release candidates carry their own tags.)

## How to fix
Pin the go line's version, keeping the variant: `golang:1.27-alpine` (the quick fix writes it); raise it together
with the go line.

## Example
`.gitlab-ci.yml`: `image: golang:latest` for a module whose go.mod says `go 1.27.3`.
"""


@rule(code="GE822", name="ci-image-floats", severity=Severity.WARNING,
      contexts=ALL_CONTEXTS,
      only_with=(github_workflow.KIND_NAME, gitlab_ci.KIND_NAME),
      summary="A CI job runs in golang:latest or another golang tag without a Go version: it moves across Go "
              "versions and disagrees with the go line",
      docs=DOCS, fix=FixAvailability.ALWAYS, fix_title="Pin the go line's version",
      needs=(github_workflow.KIND_NAME, gitlab_ci.KIND_NAME, "go.mod", Input.MODULES), tags=("versions", "ci"))
def check(facts: Facts) -> Iterator[Report]:
    for ci in (*github_workflow.workflows(facts), *gitlab_ci.gitlab_configs(facts)):
        if ci.status is not Status.OK or not ci.floating_images:
            continue
        module = facts.module_for(ci.path)
        go_mod = facts.file(module.go_mod) if module else None
        if not isinstance(go_mod, ModFileFacts) or go_mod.status is not Status.OK:
            continue
        go_line = mod_go(go_mod)
        line = gover.lang(go_line) or go_line
        for image in ci.floating_images:
            yield _report(facts, ci, image, go_mod, go_line, line)


def pinned(image: str, line: str) -> str:
    """``golang:1-alpine`` with the Go line's tag: ``golang:1.27-alpine``."""
    ref = _ci.image_ref(image)
    tag = ref.tag or "latest"
    major, _, variant = tag.partition("-")
    if tag == "latest" or (major.isdigit() and not variant):
        return f"{ref.repository}:{line}"
    return f"{ref.repository}:{line}-{variant if major.isdigit() else tag}"


def _report(facts: Facts, ci, image: Spanned, go_mod: ModFileFacts, go_line: str,  # type: ignore[no-untyped-def]
            line: str) -> Report:
    target = pinned(image.value, line)
    kind = file_kind(ci.kind)
    where = f"{kind.title if kind else ci.kind} {facts.paths.basename(ci.path)}"
    related = ()
    if go_mod.go is not None:
        related = (Related(Location(go_mod.path, go_mod.go.range), f"the module's go line: go {go_line}"),)
    return Report(f"`{image.value}` in {where} moves across Go versions: it is whatever Go was released last, not "
                  f"the go line's {line}, and changes with no commit; pin {target}",
                  Location(ci.path, image.range),
                  (Fix(f"Pin {target}", Applicability.SAFE, edits=(TextEdit(ci.path, image.range, target),)),),
                  related, module=go_mod.path)
