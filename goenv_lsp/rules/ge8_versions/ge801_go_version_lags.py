from __future__ import annotations

from collections.abc import Iterator

from goenv_lsp.facts import Facts
from goenv_lsp.model import Applicability, Fix, Location, Related, Severity, TextEdit
from goenv_lsp.rules.ge8_versions._pins import PinnedFile, pin_kinds, pins, spelled_like
from goenv_lsp.rules.registry import ALL_CONTEXTS, FixAvailability, Input, Report, rule
from goenv_lsp.semantics import version as gover
from goenv_lsp.semantics.workspace import GO_STRICT, mod_go, short_path

DOCS = """
## What it checks
A Go version another file selects for the module — a Dockerfile's `FROM golang:X`, GitHub Actions
`setup-go` `go-version`, GitLab CI `image: golang:X`, `.go-version`, `.tool-versions`, `.mise.toml`, a dev
container's Go feature, GoLand's project SDK — that is older than the module's go.mod `go` line. A two-part
version (`1.22`, `golang:1.22-alpine`) stands for the newest release of that line, so `1.27` satisfies
`go 1.27.3`; a file that pins a newer version than go.mod is fine. Each file is compared with the module it sits
in (or the one it names: setup-go's `go-version-file`, a `working-directory`).

## Why it matters
Since Go 1.21 the `go` line is a minimum. Official golang images set `GOTOOLCHAIN=local`, so an older image
stops at the first go command: `go: go.mod requires go >= 1.27.0 (running go 1.22.12; GOTOOLCHAIN=local)`.
Elsewhere (setup-go, a version manager) the older go downloads the newer toolchain at every run, or fails where
downloads are off — and the version the file names is not the one that builds.

## How to fix
Raise the file's version to the go line (the quick fix rewrites the version in place, keeping its form:
`1.22` → `1.27`, `go1.22.3` → `go1.27.0`), or — when the go line was raised by mistake — lower that instead,
with `go mod edit -go=…` after checking the dependencies allow it. setup-go's `go-version-file: go.mod` keeps
a workflow aligned by itself.

## Example
go.mod says `go 1.27.0`; `docker/Dockerfile` says `FROM golang:1.22-alpine AS build`.
"""


@rule(code="GE801", name="go-version-lags", severity=Severity.WARNING,
      contexts=ALL_CONTEXTS,
      only_with=pin_kinds(),
      summary="A Dockerfile, CI workflow, version file or editor SDK selects an older Go than go.mod's go line",
      docs=DOCS, fix=FixAvailability.SOMETIMES, fix_title="Raise the file's Go version to the go line",
      needs=(Input.MODULES, "go.mod", *pin_kinds()), tags=("versions",))
def check(facts: Facts) -> Iterator[Report]:
    for pinned in pins(facts):
        go_line = mod_go(pinned.go_mod)
        if not _lags(pinned.pin.version, go_line):
            continue
        yield _report(facts, pinned, go_line)


def _lags(pin: str, go_line: str) -> bool:
    parsed = gover.parse(pin)
    if parsed is None or not gover.is_valid(go_line):
        return False
    if _is_line(pin):  # "1.22": the newest 1.22.x
        return gover.compare(pin, gover.lang(go_line) or go_line) < 0
    return gover.compare(pin, go_line) < 0


def _is_line(version: str) -> bool:
    parsed = gover.parse(version)
    return parsed is not None and parsed.patch == "" and parsed.kind == ""


def _report(facts: Facts, pinned: PinnedFile, go_line: str) -> Report:
    pin, go_mod = pinned.pin, pinned.go_mod
    where = short_path(facts, go_mod.path, facts.root) if facts.root else go_mod.path
    running = f"{pin.version}.x" if _is_line(pin.version) else pin.version  # "1.22": the newest 1.22 release
    if gover.compare(pin.version, GO_STRICT) < 0:
        effect = (f"Go before 1.21 does not enforce the go line: it builds with an older compiler and standard "
                  f"library, and a failure ends with `note: module requires Go {go_line}`")
    elif pin.local:
        effect = (f"it never switches toolchains (GOTOOLCHAIN=local), so the build fails: `go: go.mod requires go "
                  f">= {go_line} (running go {running}; GOTOOLCHAIN=local)`")
    else:
        effect = (f"the go command there downloads and runs go{gover.toolchain_for_go_line(go_line)[2:]} instead, "
                  "or fails where toolchain downloads are off")
    fixes = ()
    if pin.editable:
        target = spelled_like(pin.text, go_line)
        fixes = (Fix(f"Change {pin.text} to {target}", Applicability.SAFE,
                     edits=(TextEdit(pinned.file.path, pin.range, target),)),)
    related = ()
    if go_mod.go is not None:
        related = (Related(Location(go_mod.path, go_mod.go.range), f"the module needs go >= {go_line}"),)
    return Report(f"{pin.label} selects Go {pin.version}, older than `go {go_line}` in {where}: {effect}",
                  Location(pinned.file.path, pin.range), fixes, related,
                  severity=Severity.ERROR if pin.local else None, module=pinned.module.go_mod)
