from __future__ import annotations

from collections.abc import Iterator

from goenv_lsp.facts import Facts, GoTool
from goenv_lsp.files.go_mod import ModFileFacts
from goenv_lsp.model import Location, Severity
from goenv_lsp.rules.registry import ALL_CONTEXTS, Input, Report, rule
from goenv_lsp.semantics import version as gover
from goenv_lsp.semantics.binaries import running_go
from goenv_lsp.semantics.generators import run_commands
from goenv_lsp.semantics.workspace import mod_go

DOCS = """
## What it checks
A code generator that a `//go:generate` line or a Makefile recipe runs, which loads and type-checks Go
packages with `golang.org/x/tools/go/packages` (stringer, wire, enumer, moq, mockery, counterfeiter,
gqlgen, controller-gen, ent), and whose Go build information (read from the file, never
run) says it was built with a Go older than the `go` line of the module it runs in.

## Why it matters
Such a tool type-checks with the `go/types` compiled into it, which knows only the language up to the Go
that built it. go/packages (golang.org/x/tools v0.12.0 and later) hands it the module's go line, and a tool
built with Go 1.22 then stops on a go 1.24 module with `package requires newer Go version go1.24` (tools
built with Go 1.24 and later add `(application built with go1.24)`); with older go/packages it fails on
the first newer language feature instead. go generate fails although the go command builds the module.

## How to fix
Reinstall the tool with the go that runs (or any Go at least as new as the go line): `go install
golang.org/x/tools/cmd/stringer@v0.31.0` — the version it has, or a newer one if that release predates the
Go version. Running it with `go run golang.org/x/tools/cmd/stringer` or, with Go 1.24 and later, as a
`tool` in go.mod (`go tool stringer`) builds it with the current Go every time.

## Example
`//go:generate stringer -type=Kind` in a go 1.24 module, with `~/go/bin/stringer` built with go1.22.10.
"""

# main packages (or their prefixes) of generators that type-check the packages they read
_LOADERS = ("golang.org/x/tools/cmd/stringer", "golang.org/x/tools/cmd/bundle", "github.com/google/wire/cmd/wire",
            "github.com/dmarkham/enumer", "github.com/alvaroloes/enumer", "github.com/matryer/moq",
            "github.com/vektra/mockery", "github.com/maxbrunsfeld/counterfeiter", "github.com/99designs/gqlgen",
            "sigs.k8s.io/controller-tools/cmd/controller-gen", "entgo.io/ent/cmd/ent")


@rule(code="GE632", name="generator-built-with-old-go", severity=Severity.WARNING,
      contexts=ALL_CONTEXTS,
      only_with=(Input.GO_GENERATE, "makefile"),  # where the generators are run
      summary="A generator go:generate or a Makefile runs was built with a Go older than the module's go line",
      docs=DOCS, needs=(Input.GENERATORS, Input.GO_GENERATE, Input.GO_BINARIES, Input.MODULES, "go.mod", "makefile"),
      tags=("codegen", "gobin"))
def check(facts: Facts) -> Iterator[Report]:
    tools = {t.name: t for t in facts.generators or () if t.package and t.go_version}
    reported: set[tuple[str, str]] = set()
    for file, words in run_commands(facts):
        tool = tools.get(words[0].text) if words else None
        if tool is None or not any(tool.package == p or (tool.package or "").startswith(p + "/") for p in _LOADERS):
            continue
        module = facts.module_for(file.path)
        go_mod = facts.file(module.go_mod) if module else None
        if not isinstance(go_mod, ModFileFacts) or (file.path, tool.name) in reported:
            continue
        built = gover.from_runtime(tool.go_version or "")
        line = mod_go(go_mod)
        if not built or not gover.is_valid(line) or gover.compare(gover.lang(built), gover.lang(line)) >= 0:
            continue
        reported.add((file.path, tool.name))
        yield Report(_message(facts, tool, built, line), Location(file.path, words[0].range))


def _message(facts: Facts, tool: GoTool, built: str, line: str) -> str:
    lang = gover.lang(line)
    suffix = f" (application built with go{gover.lang(built)})" if gover.compare(built, "1.24") >= 0 else ""
    version = tool.module_version if tool.module_version and tool.module_version.startswith("v") else None
    install = f"`go install {tool.package}@{version}`" if version else f"`go install {tool.package}@<version>`"
    active = running_go(facts)
    runs = gover.from_runtime(active.version or "") if active and active.version else ""
    with_go = (f"with the go that runs (go{runs})" if runs and gover.compare(gover.lang(runs), lang) >= 0
               else f"with Go {lang} or later")
    return (f"{tool.name} ({tool.path}) was built with go{built}, older than this module's go {line}: it "
            f"type-checks with the go/types of go{built}, which rejects the go line (`package requires newer Go "
            f"version go{lang}{suffix}`, with golang.org/x/tools v0.12.0 or later) or the newer language "
            f"features; reinstall it {with_go}: {install}")
