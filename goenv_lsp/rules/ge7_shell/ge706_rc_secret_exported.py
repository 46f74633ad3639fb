from __future__ import annotations

from collections.abc import Iterator

from goenv_lsp.facts import Facts
from goenv_lsp.files._shell_words import ValueKind
from goenv_lsp.model import Location, Severity
from goenv_lsp.rules.ge7_shell._rc import SHELL_FILES, file_label, readable_files
from goenv_lsp.rules.registry import ALL_CONTEXTS, Report, rule

DOCS = """
## What it checks
A variable whose name says it holds a secret (`GITHUB_TOKEN`, `NPM_AUTH_TOKEN`, `AWS_SECRET_ACCESS_KEY`,
`DB_PASSWORD`, `API_KEY`, `…_CREDENTIALS`) exported from a shell startup file with the secret written in the
file. A value read when the shell starts (`export GITHUB_TOKEN="$(pass show github/token)"`, `$(security
find-generic-password -w -s github)`, `$(op read op://…)`, `$(gh auth token)`) or taken from another variable is
fine. goenv-lsp never reads the value into its facts: neither the finding, the JSON output, the logs nor the
editor show it.

## Why it matters
Every program started from the shell gets the secret in its environment: build scripts, `go generate`
generators, test binaries, tools that dump the environment into logs or bug reports, and everything Go modules
you download may run. The file itself ends up in dotfile repositories, backups and screen shares in plain
text. The Go toolchain needs no token in the environment: private modules authenticate through `~/.netrc`,
`GOAUTH` or git's credential helper.

## How to fix
Move the secret into a password manager or the system keychain and read it when needed:
`export GITHUB_TOKEN="$(pass show github/token)"`, or better, only for the command that needs it
(`GITHUB_TOKEN="$(gh auth token)" goreleaser …`). For private Go modules use git's credential helper or
`GOAUTH`. Then revoke the token that was in the file: it has been readable for as long as it was there.

## Example
`~/.zshrc` has `export GITHUB_TOKEN=ghp_…` (reported without the value).
"""


@rule(code="GE706", name="rc-secret-exported", severity=Severity.WARNING,
      contexts=ALL_CONTEXTS,  # a secret written in a committed .envrc is the repository's problem
      only_with=SHELL_FILES,
      summary="A shell startup file exports a secret written in the file", docs=DOCS,
      needs=SHELL_FILES, tags=("security", "shell"))
def check(facts: Facts) -> Iterator[Report]:
    for file in readable_files(facts):
        for line in file.assignments:
            if line.secret and line.exported and line.value_kind is ValueKind.LITERAL:
                yield Report(f"{file_label(facts, file)} exports {line.name} with its value written in the file: "
                             "every program started from the shell gets it, and the file holds it in plain text "
                             "(the value is not shown); read it from a password manager or keychain when needed, "
                             "and revoke it", Location(file.path, line.statement))
