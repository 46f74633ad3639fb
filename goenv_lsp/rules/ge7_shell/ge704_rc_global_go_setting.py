from __future__ import annotations

from collections.abc import Callable, Iterator

from goenv_lsp.facts import Facts, Status
from goenv_lsp.files.go_mod import mod_file
from goenv_lsp.files.shell_rc_kinds import ENVRC
from goenv_lsp.model import Applicability, Severity
from goenv_lsp.rules.ge7_shell._rc import (
    ENVIRONMENT_INPUTS,
    SHELL_FILES,
    delete_lines,
    environment_link,
    exported,
    file_label,
    in_effect,
)
from goenv_lsp.rules.registry import EDITOR_ONLY, FixAvailability, Report, rule
from goenv_lsp.semantics import version as gover
from goenv_lsp.semantics.binaries import local_version, running_go
from goenv_lsp.semantics.workspace import mod_go

DOCS = """
## What it checks
A Go setting exported for every shell by a startup file that a healthy setup does not need:
`GO111MODULE=off` or `auto`, GOFLAGS with `-mod=…` or `-insecure`, `GOSUMDB=off`, `GOPROXY=direct` or `off`,
`GOTOOLCHAIN=local` while a module of the workspace needs a newer Go than the one that runs, and GOOS/GOARCH
other than this machine's. A workspace `.envrc` is where a project's own settings belong: it is left alone, and
so are lines inside `if`, `case`, functions or after `&&`/`||` are left alone (they are
deliberate), and so is an empty or `on` GO111MODULE (empty is the default and means on).

## Why it matters
An exported setting reaches every build, test, `go install` and gopls on the machine, long after the project
that needed it: GO111MODULE=off ignores go.mod, `-mod=vendor` breaks modules that have requirements but no
vendor/, GOSUMDB=off and `-insecure` drop the checks that protect downloads (and GOSUMDB=off breaks toolchain
downloads), GOPROXY=off stops every download, GOTOOLCHAIN=local stops go from fetching the Go a module asks
for, and a GOOS/GOARCH leftover from cross-compiling makes everything build for another platform. The
environment rules (GE202, GE502, GE503, GE407, GE405, GE408, GE131, GE110, GE610) say what the value does; this
finding is on the line that sets it, and links to their finding when the environment goenv-lsp ran in has the
same value.

## How to fix
Delete the line (the fix does; UNSAFE: check nothing still relies on it) and open a new terminal. Set what one
project needs where it applies: `go env -w` for your user only when you do want it everywhere, a `.envrc` or
the project's CI for one project, `GOOS=linux go build` on the command line for one cross-build.

## Example
`~/.zshrc` still has `export GO111MODULE=off` from a 2018 tutorial: go.mod files are ignored in every project.
"""

Verdict = tuple[str, Severity, tuple[str, ...]]  # why, severity, the environment rules that judge the value
Check = Callable[[Facts, str], Verdict | None]


def _go111module(facts: Facts, value: str) -> Verdict | None:
    if value == "off":
        return "the go command ignores go.mod files (GOPATH mode) in every project", Severity.WARNING, ("GE202",)
    if value == "auto":
        return ("`auto` is a leftover: modules are on by default since Go 1.16, and `auto` turns them off outside a "
                "module", Severity.INFO, ("GE202",))
    return None


def _goflags(facts: Facts, value: str) -> Verdict | None:
    flags = value.split()
    if any(f.lstrip("-").startswith("insecure") for f in flags if f.startswith("-")):
        return "`-insecure` fetches modules over plain HTTP without checks, everywhere", Severity.WARNING, ("GE407",)
    mod = next((f.lstrip("-")[4:] for f in flags if f.startswith("-") and f.lstrip("-").startswith("mod=")), None)
    if mod == "vendor":
        return ("every module with requirements but no vendor/ directory fails with `go: inconsistent vendoring`",
                Severity.WARNING, ("GE502", "GE503"))
    if mod == "mod":
        return ("every go command may rewrite go.mod and go.sum, in every module, instead of reporting what is "
                "missing", Severity.WARNING, ("GE503",))
    return None  # -mod=readonly is the default


def _gosumdb(facts: Facts, value: str) -> Verdict | None:
    if value == "off":
        return ("downloads are no longer checked against the checksum database, and toolchain downloads fail",
                Severity.WARNING, ("GE405",))
    return None


def _goproxy(facts: Facts, value: str) -> Verdict | None:
    if value == "off":
        return "every module download fails", Severity.WARNING, ("GE131",)
    if value == "direct":
        return ("every module is fetched from its origin repository, never the module mirror (slower, and gone "
                "when a repository is)", Severity.INFO, ("GE408",))
    return None


def _gotoolchain(facts: Facts, value: str) -> Verdict | None:
    running = local_version(running_go(facts))
    if value != "local" or not running:
        return None
    for module in facts.modules or ():
        found = mod_file(facts, module.go_mod)
        if found is not None and found.status is Status.OK and found.go is not None \
                and gover.compare(mod_go(found), running) > 0:
            return (f"{module.go_mod} needs go {mod_go(found)} but the go that runs is go{running}, and `local` "
                    "stops the go command from fetching it", Severity.WARNING, ("GE110",))
    return None


def _platform(key: str) -> Check:
    def check(facts: Facts, value: str) -> Verdict | None:
        active = running_go(facts)
        env = (active.env if active else None) or {}
        host = env.get(f"GOHOST{key[2:]}") or (facts.os if key == "GOOS" else facts.arch)
        if not value or not host or value == host:
            return None
        return f"every build, test and gopls targets {value}, not this machine's {host}", Severity.WARNING, ("GE610",)

    return check


CHECKS: dict[str, Check] = {"GO111MODULE": _go111module, "GOFLAGS": _goflags, "GOSUMDB": _gosumdb,
                            "GOPROXY": _goproxy, "GOTOOLCHAIN": _gotoolchain, "GOOS": _platform("GOOS"),
                            "GOARCH": _platform("GOARCH")}


@rule(code="GE704", name="rc-global-go-setting", severity=Severity.WARNING,
      contexts=EDITOR_ONLY,
      only_with=SHELL_FILES,
      summary="A shell startup file exports a Go setting for every shell that a healthy setup does not need",
      docs=DOCS, fix=FixAvailability.SOMETIMES, fix_title="Delete the line",
      needs=(*SHELL_FILES, *ENVIRONMENT_INPUTS),
      tags=("shell",))
def check(facts: Facts) -> Iterator[Report]:
    for name, judge in CHECKS.items():
        for found in in_effect(facts, name):
            line = found.last
            if found.file.kind == ENVRC or line.conditional or line.expanded is None or not exported(facts, line):
                continue
            verdict = judge(facts, line.expanded.strip())
            if verdict is None:
                continue
            why, severity, codes = verdict
            related, also = environment_link(facts, found, codes)
            fix = delete_lines(found, f"Delete the {name} line", Applicability.UNSAFE)
            yield Report(f"{file_label(facts, found.file)} exports {name}={line.value.value} for every shell: {why}"
                         f"{also}", found.location, (fix,) if fix else (), related, severity=severity)
