from __future__ import annotations

from collections.abc import Iterator

from goenv_lsp.facts import Facts
from goenv_lsp.files import kind as file_kind
from goenv_lsp.files.go_mod import ModFileFacts
from goenv_lsp.model import Applicability, Fix, Location, Severity, TextEdit
from goenv_lsp.rules.ge8_versions._commands import (
    GoCommand,
    Word,
    columns_known,
    command_kinds,
    go_commands,
    word_range,
)
from goenv_lsp.rules.registry import ALL_CONTEXTS, FixAvailability, Input, Report, rule
from goenv_lsp.semantics import version as gover
from goenv_lsp.semantics.workspace import mod_go, short_path

DOCS = """
## What it checks
A go command in a build file — a Dockerfile `RUN`, a CI step's `run:` or `script:`, a Makefile recipe, a
`//go:generate` line — that fetches whatever is newest when the build runs: `go get -u` (or `-u=patch`), or
`go get`, `go install` or `go run` of `…@latest`.

## Why it matters
go.mod and go.sum pin what the module builds with; these commands step around them. `go get -u` in an image
build upgrades every dependency to a version nobody tested, and a dependency whose newer release raised its
`go` line stops the build (`go: … requires go >= 1.25.0 (running go 1.24.11; GOTOOLCHAIN=local)`) on a day
nothing in the repository changed. A tool run `@latest` (a code generator, a linter) changes output and
behaviour between two builds of the same commit.

## How to fix
Build what go.mod pins: `go mod download` instead of `go get -u` (upgrade on purpose, in a commit, with
`go get -u` and the tests). Run tools at a fixed version: the version go.mod already requires (the quick fix
writes it in place of `latest` when the tool's module is in go.mod), or, with Go 1.24 and later, record the
tool in go.mod (`go get -tool golang.org/x/tools/cmd/stringer@v0.31.0`) and run `go tool stringer`.

## Example
`RUN go install github.com/swaggo/swag/cmd/swag@latest && swag init` in a Dockerfile.
"""

_FETCHING = {"get", "install", "run"}


@rule(code="GE811", name="build-fetches-latest", severity=Severity.WARNING,
      contexts=ALL_CONTEXTS,
      only_with=command_kinds(),
      summary="A build file runs `go get -u` or a go command `@latest`: builds change with no commit",
      docs=DOCS, fix=FixAvailability.SOMETIMES, fix_title="Pin the version go.mod requires",
      needs=(Input.MODULES, "go.mod", *command_kinds()), tags=("versions", "reproducibility"))
def check(facts: Facts) -> Iterator[Report]:
    for command in go_commands(facts):
        if command.subcommand.text not in _FETCHING:
            continue
        if command.subcommand.text == "get":
            upgrade = next((w for w in command.args if w.text in ("-u", "-u=patch", "--u")), None)
            if upgrade is not None:
                yield _upgrade(facts, command, upgrade)
                continue
        for word in command.args:
            if not word.text.startswith("-") and word.text.endswith("@latest"):
                yield _latest(facts, command, word)


def _where(facts: Facts, command: GoCommand) -> str:
    """``deploy/Dockerfile``, ``GitHub Actions workflow .github/workflows/ci.yml``, ``a //go:generate line of
    gen.go``: the path from the workspace root, with what the file is when its name does not say it."""
    path = command.file.path
    shown = short_path(facts, path, facts.root) if facts.root else path
    if command.file.kind == "go":
        return f"a //go:generate line of {shown}"
    found = file_kind(command.file.kind)
    title = found.title if found else command.file.kind
    named = title.split()[0].lower() in facts.paths.basename(path).lower()
    return shown if named else f"{title} {shown}"


def _upgrade(facts: Facts, command: GoCommand, flag: Word) -> Report:
    return Report(
        f"`go get {flag.text}` in {_where(facts, command)} upgrades dependencies to whatever is newest when the "
        "build runs: versions go.mod and go.sum never recorded, and a dependency's newer go line can stop the "
        "build; build what go.mod pins (`go mod download`) and upgrade in a commit",
        Location(command.file.path, word_range(command.line, flag)))


def _latest(facts: Facts, command: GoCommand, word: Word) -> Report:
    package = word.text[: -len("@latest")]
    go_mod = _go_mod(facts, command)
    required = _required(go_mod, package) if go_mod else None
    tool = ""
    if go_mod is not None and gover.compare(mod_go(go_mod), "1.24") >= 0 and command.subcommand.text != "get":
        tool = f", or record it in go.mod (`go get -tool {package}@…`) and run `go tool {package.rsplit('/')[-1]}`"
    fixes = ()
    if required is not None and columns_known(command.line):
        raw = command.line.value[word.column: word.column + word.width]  # quotes included
        start = raw.rindex("@latest") + 1
        edit = TextEdit(command.file.path, word_range(command.line, word, start, start + len("latest")), required)
        fixes = (Fix(f"Pin {package}@{required}, the version go.mod requires", Applicability.SAFE, edits=(edit,)),)
    pinned = f"the version go.mod requires ({required})" if required else "a fixed version"
    return Report(
        f"`go {command.subcommand.text} {word.text}` in {_where(facts, command)} takes whatever release is newest "
        f"when it runs, so two builds of the same commit can differ; pin {pinned}{tool}",
        Location(command.file.path, word_range(command.line, word)), fixes)


def _go_mod(facts: Facts, command: GoCommand) -> ModFileFacts | None:
    module = facts.module_for(command.file.path)
    found = facts.file(module.go_mod) if module else None
    return found if isinstance(found, ModFileFacts) else None


def _required(go_mod: ModFileFacts, package: str) -> str | None:
    """The version go.mod requires of the module that provides ``package`` (the longest matching path)."""
    providers = [r for r in go_mod.requires if package == r.path or package.startswith(r.path + "/")]
    return max(providers, key=lambda r: len(r.path)).version if providers else None
