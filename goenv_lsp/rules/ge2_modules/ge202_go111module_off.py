from __future__ import annotations

from collections.abc import Iterator

from goenv_lsp.facts import Facts, Source
from goenv_lsp.model import Related, Severity
from goenv_lsp.rules._shared.anchors import file_anchor
from goenv_lsp.rules._shared.fixes import go_env_unset
from goenv_lsp.rules.registry import ALL_CONTEXTS, FixAvailability, Input, Report, rule
from goenv_lsp.semantics.go_env import user_setting
from goenv_lsp.semantics.module_mode import existing, nearest_at_root

DOCS = """
## What it checks
GO111MODULE=off, from the environment or the GOENV file, while the workspace has a go.mod (or a go.work).

## Why it matters
With GO111MODULE=off the go command works in GOPATH mode and ignores go.mod and go.work completely: the
module's own packages and its requirements are looked up under GOROOT/src and GOPATH/src, so a build
fails with `cannot find package "example.com/app/lib" in any of: … (from $GOROOT) … (from $GOPATH)`,
`go mod tidy` with `go: modules disabled by GO111MODULE=off; see 'go help modules'` and `go list -m` with
`go: list -m cannot be used with GO111MODULE=off`. gopls loads packages through the go command and
sees the same errors.
The variable is a leftover of Go 1.11–1.15; since Go 1.16 modules are the default: an empty GO111MODULE is
the healthy setting (there is no need to set it to `on`).

## How to fix
Unset it: `go env -u GO111MODULE` when `go env -w` wrote it, or remove `export GO111MODULE=off` from your
shell profile (and the CI or Dockerfile that sets it).

## Example
`go env -w GO111MODULE=off` once for an old GOPATH project, then a module checked out anywhere.
"""


@rule(code="GE202", name="go111module-off", severity=Severity.ERROR,
      contexts=ALL_CONTEXTS,
      summary="GO111MODULE=off makes the go command ignore the workspace's go.mod", docs=DOCS,
      fix=FixAvailability.SOMETIMES, fix_title="Unset GO111MODULE (`go env -u GO111MODULE`)",
      needs=(Input.ENVIRONMENT, Input.GO_BINARIES, Input.MODULES, "goenv", "go.env", "go.mod", "go.work"),
      tags=("go111module", "modules"))
def check(facts: Facts) -> Iterator[Report]:
    setting = user_setting(facts, "GO111MODULE")
    if setting is None or setting.value != "off":
        return
    go_mods = existing(facts, "go.mod")
    ignored = nearest_at_root(facts, "go.mod") or (go_mods[0] if go_mods else None)
    work = nearest_at_root(facts, "go.work")
    if ignored is None and work is None:
        return  # a GOPATH project: off is what it needs
    shown = ignored or work
    assert shown is not None
    name = "go.mod" if ignored is not None else "go.work"
    module = ignored.module.value if ignored is not None and ignored.module else None
    example = f'"{module}/…"' if module else '"…"'
    message = (f"GO111MODULE=off from {setting.describe_source} makes the go command ignore {shown.path}: imports "
               f"of the module's packages and requirements fail with `cannot find package {example} in any of: … "
               "(from $GOROOT) … (from $GOPATH)` and `go mod` commands with `go: modules disabled by "
               "GO111MODULE=off`")
    related = (Related(file_anchor(shown), f"this {name} is ignored while GO111MODULE=off"),)
    if setting.source is Source.ENVIRONMENT:
        where = "your user environment variables" if facts.os == "windows" else "your shell profile"
        yield Report(f"{message}; unset it in {where} (an empty GO111MODULE means modules)", file_anchor(shown))
    elif setting.in_goenv_file:
        yield Report(message, setting.location or file_anchor(shown), (go_env_unset(facts, "GO111MODULE"),),
                     related)
    else:
        yield Report(message, setting.location or file_anchor(shown), related=related)
