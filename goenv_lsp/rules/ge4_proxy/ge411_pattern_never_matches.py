from __future__ import annotations

from collections.abc import Iterator

from goenv_lsp.facts import Facts
from goenv_lsp.model import Severity
from goenv_lsp.rules._shared.anchors import env_setting_anchor
from goenv_lsp.rules.ge4_proxy._settings import shell_hint, where, write_fix
from goenv_lsp.rules.registry import ALL_CONTEXTS, FixAvailability, Input, Report, rule
from goenv_lsp.semantics.go_env import user_setting
from goenv_lsp.semantics.patterns import dead_patterns, split_patterns
from goenv_lsp.semantics.private import PATTERN_LISTS

DOCS = """
## What it checks
Each pattern of GOPRIVATE, GONOPROXY, GONOSUMDB and GOINSECURE that can never match a module path: one
written as a URL (`https://github.com/acme/*`), with spaces or quotes around it (`GOPRIVATE="a.com, b.com"`
in a shell profile, quotes copied into the GOENV file, a `\\r` at the end of a CRLF line), a `;` used as
separator, more than one trailing `/`, or a glob syntax error (`[`).

## Why it matters
The go command compares each comma-separated pattern, exactly as written, with the leading path elements
of a module path (`module.MatchPrefixPatterns`): it trims nothing and never reports a bad pattern. A
pattern that matches nothing makes the module public again: its path is sent to proxy.golang.org and
looked up in sum.golang.org, and the download fails with `404 Not Found` / `410 Gone`, or
`verifying module: … reading https://sum.golang.org/lookup/…` — while `go env GOPRIVATE` shows the
setting you made.

## How to fix
Write module path patterns only, separated by commas: `go env -w GOPRIVATE=github.com/acme/*,git.corp.com`.
A value exported in the OS environment must be changed where it is exported (`go env -w` does not
override it).

## Example
`go env -w GOPRIVATE=https://github.com/acme/*` — the pattern has five path elements, the first being
`https:`; no module path matches it. `github.com/acme/*` (or `github.com/acme`) does.
"""


@rule(code="GE411", name="module-pattern-never-matches", severity=Severity.WARNING,
      contexts=ALL_CONTEXTS,
      summary="A GOPRIVATE / GONOPROXY / GONOSUMDB / GOINSECURE pattern can never match a module path",
      docs=DOCS, fix=FixAvailability.SOMETIMES, fix_title="Rewrite the pattern as a module path pattern",
      needs=(Input.ENVIRONMENT, Input.GO_BINARIES, "goenv", "go.env"), tags=("private-modules",))
def check(facts: Facts) -> Iterator[Report]:
    for key in PATTERN_LISTS:
        setting = user_setting(facts, key)
        if setting is None or not setting.value:
            continue
        dead = dead_patterns(setting.value)
        if not dead:
            continue
        replaced = {d.pattern: d.suggestion for d in dead}
        kept = [replaced.get(p, p) for p in split_patterns(setting.value) if replaced.get(p, p)]
        fixed = ",".join(dict.fromkeys(p for item in kept for p in item.split(",")))
        fixable = all(d.suggestion for d in dead)
        fixes = write_fix(facts, {key: fixed}, (setting,)) if fixed and fixable else ()
        for item in dead:
            meant = f"; write `{item.suggestion}`" if item.suggestion else ""
            yield Report(f"{where(setting)}: the pattern {item.pattern!r} never matches a module path "
                         f"({item.reason}){meant}{shell_hint(setting)}", env_setting_anchor(facts, setting), fixes)
