from __future__ import annotations

from collections.abc import Iterator

from goenv_lsp.facts import Facts
from goenv_lsp.model import Severity
from goenv_lsp.rules._shared.anchors import env_setting_anchor
from goenv_lsp.rules.registry import ALL_CONTEXTS, Input, Report, rule
from goenv_lsp.semantics.go_dirs import gopath_entries
from goenv_lsp.semantics.go_env import user_setting
from goenv_lsp.semantics.module_mode import existing, in_gopath_src, nearest_at_root

DOCS = """
## What it checks
A workspace the go command treats in GOPATH mode — GO111MODULE=off, or GO111MODULE=auto with no go.mod and
no go.work in the workspace or above it — that is not inside any `GOPATH/src`.

## Why it matters
In GOPATH mode an import path is a directory under `GOROOT/src` or `GOPATH/src`, nothing else. Outside
them a main package that imports only the standard library still builds, but every import of the
project's own packages or of a third-party one fails with `cannot find package "…" in any of: …
(from $GOROOT) … (from $GOPATH)`, and gopls reports those errors in every file. (With an empty
GO111MODULE the go command would instead stop with `go: go.mod file not found in current directory or any
parent directory`: either way, the project lacks a go.mod.)

## How to fix
Make the project a module: `go mod init <module path>` in its root (then `go mod tidy`), and unset
GO111MODULE. A legacy project that must stay in GOPATH mode belongs in `$GOPATH/src/<import path>`.

## Example
`export GO111MODULE=auto` and a project without go.mod cloned to `~/src/tool`.
"""


@rule(code="GE204", name="gopath-mode-outside-gopath", severity=Severity.WARNING,
      contexts=ALL_CONTEXTS,
      summary="GOPATH mode (no go.mod, GO111MODULE off or auto) in a workspace outside every GOPATH/src", docs=DOCS,
      needs=(Input.ENVIRONMENT, Input.GO_BINARIES, Input.MODULES, "goenv", "go.env", "go.mod", "go.work"),
      tags=("go111module", "gopath"))
def check(facts: Facts) -> Iterator[Report]:
    setting = user_setting(facts, "GO111MODULE")
    entries = gopath_entries(facts)
    if setting is None or entries is None or not facts.root or setting.value not in ("off", "auto"):
        return
    if facts.files_of("go.mod") is None or facts.files_of("go.work") is None:
        return  # unknown
    if existing(facts, "go.mod") or (setting.value == "auto" and nearest_at_root(facts, "go.work")):
        return  # modules (GE202 says so when GO111MODULE=off ignores them)
    if not entries or in_gopath_src(facts, facts.root, entries):
        return  # a GOPATH project in its place (no GOPATH at all: go reports that itself)
    gopath = facts.paths.list_separator.join(entries)
    yield Report(f"GO111MODULE={setting.value} from {setting.describe_source} and no go.mod: the go command works in "
                 f"GOPATH mode in {facts.root}, which is outside GOPATH/src (GOPATH={gopath}); imports of its own "
                 "packages fail with `cannot find package \"…\" in any of: … (from $GOROOT) … (from $GOPATH)`. "
                 "Run `go mod init <module path>` there", env_setting_anchor(facts, setting))
