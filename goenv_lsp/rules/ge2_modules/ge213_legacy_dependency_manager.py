from __future__ import annotations

from collections.abc import Iterator

from goenv_lsp.facts import Facts
from goenv_lsp.model import Location, Related, Severity
from goenv_lsp.rules.registry import ALL_CONTEXTS, FixAvailability, Input, Report, rule
from goenv_lsp.semantics import version as gover
from goenv_lsp.semantics.binaries import local_version, running_go
from goenv_lsp.semantics.legacy_deps import NO_CONVERSION_GO, legacy_files
from goenv_lsp.semantics.modules import scopes, settings_of

DOCS = """
## What it checks
A workspace whose root holds the files of a pre-module dependency manager — `Gopkg.lock` / `Gopkg.toml`
(dep), `glide.yaml` / `glide.lock`, `Godeps/Godeps.json` (godep), `vendor/vendor.json` (govendor),
`vendor/manifest` (gvt), `vendor.conf` and the other names `go mod init` once converted — but no go.mod and
no go.work at or above the root, while the go command is in module mode (GO111MODULE empty or `on`).
Reported on the first such file. Quiet with GO111MODULE=off or auto (GOPATH mode, where dep and glide work
as designed) and when a go.mod exists (the old files are then leftovers).

## Why it matters
Since Go 1.16 module mode is the default, inside GOPATH/src too: there is no implicit conversion of these
files. `go build`, `go test` and gopls stop with `go: go.mod file not found in current directory or any
parent directory; see 'go help modules'`. Up to Go 1.21 `go mod init` read the old lock file and copied its
versions into go.mod; Go 1.22 removed that conversion (cmd/go/internal/modconv): `go mod init` now writes
only the module and go lines, and `go mod tidy` picks the newest version of each dependency, not the
versions the lock file pinned.

## How to fix
Run `go mod init <module path>` at the root, then `go mod tidy`; compare the chosen versions with the old
lock file and pin any that must stay with `go get example.com/dep@v1.2.3`. Delete the old manager's files
once the build works. (Building in GOPATH mode with GO111MODULE=off still works, but it is deprecated.)

## Example
A checkout of an old project with `Gopkg.toml`, `Gopkg.lock` and `vendor/`, but no go.mod.
"""


@rule(code="GE213", name="legacy-dependency-manager", severity=Severity.WARNING,
      contexts=ALL_CONTEXTS,
      summary="a legacy dependency manager's files (Gopkg.lock, glide.yaml, …) at the root but no go.mod",
      docs=DOCS, fix=FixAvailability.NONE,
      needs=(Input.PATH_INFO, Input.MODULES, Input.ENVIRONMENT, Input.GO_BINARIES, "go.mod", "go.work", "goenv",
             "go.env"), tags=("modules",))
def check(facts: Facts) -> Iterator[Report]:
    found = legacy_files(facts)
    settings = settings_of(facts)
    if not found or settings is None or settings.module_mode is not True or facts.files_of("go.mod") is None:
        return
    root, ops = facts.root, facts.paths
    if facts.module_for(root) is not None or any(
            ops.basename(s.path) == "go.work" and ops.inside(root, ops.dirname(s.path), strict=False)
            for s in scopes(facts)):
        return
    path, name, tool = found[0]
    local = local_version(running_go(facts))
    if local and gover.compare(local, NO_CONVERSION_GO) < 0:
        init = f"`go mod init` (Go {local}) still converts {name} into go.mod requirements"
    else:
        init = f"`go mod init` no longer converts {name} (since Go 1.22 it writes a go.mod without requirements)"
    others = tuple(Related(Location(p), f"{n} ({t}) is here too") for p, n, t in found[1:])
    yield Report(f"{name} ({tool}) but no go.mod: in module mode go build, go test and gopls fail with "
                 f"`go: go.mod file not found in current directory or any parent directory; see 'go help modules'`; "
                 f"{init}: run `go mod init <module path>` and `go mod tidy`, then check the versions",
                 Location(path), related=others)
