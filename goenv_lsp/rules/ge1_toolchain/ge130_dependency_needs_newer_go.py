from __future__ import annotations

from collections.abc import Iterator

from goenv_lsp.facts import CachedRequirement, Facts, Source, ToolchainMode
from goenv_lsp.files.go_mod import ModFileFacts
from goenv_lsp.model import Applicability, CommandKind, Fix, Location, Range, Severity, TextEdit
from goenv_lsp.rules._shared.anchors import related_setting
from goenv_lsp.rules._shared.fixes import go_command
from goenv_lsp.rules._shared.inputs import TOOLCHAIN_INPUTS
from goenv_lsp.rules.registry import ALL_CONTEXTS, FixAvailability, Input, Report, Scope, rule
from goenv_lsp.semantics import version as gover
from goenv_lsp.semantics.binaries import running_go
from goenv_lsp.semantics.modcache import goflags_mod, needed_go, newest_fitting, scope_requirements, uses_vendor
from goenv_lsp.semantics.modules import ModuleScope
from goenv_lsp.semantics.selection import ToolchainDecision, toolchain_decision

DOCS = """
## What it checks
The `go` line of each required module version, read from the module cache
(`$GOMODCACHE/cache/download/<path>/@v/<version>.mod`, no network): a dependency that needs a newer Go than
the toolchain that will run (the local go, or the one GOTOOLCHAIN switches to for the go/toolchain line), or
than the main module's own `go` line. The finding sits on the require line and names the go line the
dependency forces and the newest cached version that still fits. Requirements replaced by a directory, modules
of the same go.work, versions that are not cached and vendor mode (vendor/modules.txt decides there) are not
judged.

## Why it matters
Since Go 1.21 a dependency's `go` line is a minimum. A build with an older toolchain stops with
`go: golang.org/x/net@v0.36.0 requires go >= 1.23.0 (running go 1.22.10; GOTOOLCHAIN=local)` — `go build` never
switches toolchains for a dependency, whatever GOTOOLCHAIN says (only `go get` and `go mod tidy` do). A main
module whose go line is lower than a dependency's fails with `go: updates to go.mod needed; to update it:
go mod tidy`. The classic cause is `go get -u` run with a newer Go: it upgrades golang.org/x/… and silently
raises the minimum.

## How to fix
Build with a Go at least as new as the dependency needs: put a newer go first on PATH, or raise the module's
go line so that GOTOOLCHAIN=auto switches to it. If the main module's go line is only behind, raise it (what
`go mod tidy` does). Downgrading the dependency to the newest cached version that fits is offered too, as an
unsafe fix: it gives up the dependency's fixes, so prefer it only when the module must keep building with the
older Go.

## Example
go.mod has `go 1.22` and `require example.com/dep v1.1.0`; the cached `v1.1.0.mod` says `go 1.23.0`; go 1.22.10
is the only go and GOTOOLCHAIN=local. The fix offers `v1.0.0`, cached with `go 1.21`.
"""

STRICT = "1.21"  # gover.GoStrictVersion: a dependency's go line from here on is a requirement on go itself


@rule(code="GE130", name="dependency-needs-newer-go", severity=Severity.ERROR,
      contexts=ALL_CONTEXTS,
      summary="A required module version needs a newer Go than the toolchain or the module's go line",
      docs=DOCS, fix=FixAvailability.SOMETIMES,
      fix_title="Raise the go line, or require the newest cached version that fits",
      scope=Scope.MODULE, needs=(*TOOLCHAIN_INPUTS, Input.MODULE_CACHE, Input.TOOLCHAINS),
      tags=("toolchain", "dependencies"))
def check(facts: Facts, scope: ModuleScope | None) -> Iterator[Report]:
    decision = toolchain_decision(facts, scope.file) if scope else None
    if scope is None or decision is None or decision.mode is ToolchainMode.INVALID or decision.error \
            or not decision.enabled:
        return
    running = decision.running
    if gover.compare(running, "1.21") < 0:
        return  # before Go 1.21 a dependency's go line was advisory
    mod_flag = goflags_mod(facts)
    for go_mod, found in scope_requirements(facts, scope):
        main_go = go_mod.go.value if go_mod.go else None
        if uses_vendor(facts, go_mod, found, workspace=scope.file.kind == "go.work"):
            continue  # vendor mode: vendor/modules.txt records the go lines, not the cache
        for requirement in found.requirements:
            needed = needed_go(requirement)
            if needed is None or requirement.local:
                continue
            if gover.compare(needed, running) > 0:
                yield _too_new_for_toolchain(facts, decision, go_mod, found.go_sum, requirement, needed, main_go)
            elif (main_go and gover.compare(needed, main_go) > 0 and gover.compare(needed, STRICT) >= 0
                  and scope.file.kind == "go.mod" and mod_flag in ("", "readonly")):
                yield _go_line_behind(go_mod, found.go_sum, requirement, needed, main_go, mod_flag)


def _too_new_for_toolchain(facts: Facts, decision: ToolchainDecision, go_mod: ModFileFacts, go_sum: str | None,
                           requirement: CachedRequirement, needed: str, main_go: str | None) -> Report:
    running, setting = decision.running, decision.setting
    explain = f"; GOTOOLCHAIN={setting.value}" if setting.value and setting.value != "auto" else ""
    if decision.mode is not ToolchainMode.LOCAL and decision.file and decision.file.toolchain \
            and decision.file.toolchain.value == "default":
        explain += f"; {decision.file.kind} sets toolchain default"
    what = _what(requirement)
    message = f"{what} needs go {needed} (its cached go.mod says `go {needed}`), newer than go {running} that runs"
    builds = "builds that need its packages fail" if requirement.indirect else "go build, go test and gopls fail"
    if requirement.replacement:
        message += f": {builds} with `requires go >= {needed} (running go {running}{explain})`"
    else:
        module = "module " if decision.file and decision.file.kind == "go.work" else ""  # workspace mode's words
        message += f": {builds} with `go: {module}{what} requires go >= {needed} (running go {running}{explain})`"
    if main_go and gover.compare(main_go, needed) >= 0:
        message += f"; it is why {go_mod.kind} says go {main_go} — lowering that line would not help"
    others = [b for b in facts.go_binaries or () if b is not running_go(facts) and b.version
              and gover.compare(gover.from_runtime(b.version), needed) >= 0]
    if others:
        message += f"; {others[0].path} ({others[0].version}) satisfies it: put its directory first on PATH"
    wanted = gover.toolchain_for_go_line(needed)
    at_hand = (facts.toolchains or {}).get(wanted)
    on_path = at_hand is not None and "golang.org/toolchain@" not in at_hand.replace("\\", "/")
    if at_hand:
        message += f"; {wanted} is at hand ({at_hand})"
    fixes: list[Fix] = []
    # auto mode then switches (downloading if need be); path mode only to a go1.X.Y on PATH
    switches = decision.mode is ToolchainMode.AUTO or (decision.mode is ToolchainMode.PATH and on_path)
    governs = go_mod.go is not None and decision.file is not None and decision.file.path == go_mod.path \
        and not (go_mod.toolchain and go_mod.toolchain.value == "default")
    if switches and governs:
        fixes.append(_raise_go_line(go_mod, needed, f"Raise the go line to {needed}: GOTOOLCHAIN="
                                    f"{setting.value or 'auto'} then switches to {wanted}", Applicability.UNSAFE))
    elif at_hand and governs and setting.value in ("", "local") and setting.source is not Source.ENVIRONMENT:
        # GOTOOLCHAIN=local from a file go env -w can override: allow switching to the toolchain at hand
        raised = _raise_go_line(go_mod, needed, "", Applicability.UNSAFE)
        fixes.append(Fix(f"Raise the go line to {needed} and run `go env -w GOTOOLCHAIN=auto`: the go command then "
                         f"uses {wanted}", Applicability.UNSAFE, edits=raised.edits,
                         command=go_command(facts, CommandKind.GO_ENV_WRITE, "env", "-w", "GOTOOLCHAIN=auto")))
    limit = min((v for v in (running, main_go) if v), key=gover.sort_key)
    message += _fitting(requirement, limit)
    downgrade = _downgrade(go_mod, go_sum, requirement, limit)
    if downgrade:
        fixes.append(downgrade)
    severity = Severity.WARNING if requirement.indirect else None
    if main_go and gover.compare(needed, main_go) <= 0:
        severity = Severity.INFO  # GE110 reports the go line itself
    return Report(message, Location(go_mod.path, requirement.range), tuple(fixes), related_setting(setting),
                  module=go_mod.path, severity=severity)


def _fitting(requirement: CachedRequirement, limit: str) -> str:
    """Which cached version still fits ``limit``, as far as the probe looked (older versions, newest first)."""
    if requirement.older is None:
        return ""
    older = newest_fitting(requirement, limit)
    if older is None:
        return f"; no older cached version fits go {limit}"
    return f"; the newest cached version that fits go {limit} is {older.version} ({_go(older.go)})"


def _go(line: str | None) -> str:
    return f"go {line}" if line else "no go line"


def _what(requirement: CachedRequirement) -> str:
    if requirement.replacement:
        return f"{requirement.replacement}@{requirement.replacement_version} (replacing {requirement.path})"
    return f"{requirement.path}@{requirement.version}"


def _go_line_behind(go_mod: ModFileFacts, go_sum: str | None, requirement: CachedRequirement, needed: str,
                    main_go: str, mod_flag: str) -> Report:
    disabled = ", disabled by -mod=readonly" if mod_flag else ""
    message = (f"{_what(requirement)} needs go {needed} (its cached go.mod says `go {needed}`), newer than the go "
               f"{main_go} of {go_mod.kind}: go build, go test and gopls fail with `go: updates to go.mod needed"
               f"{disabled}; to update it: go mod tidy`{_fitting(requirement, main_go)}")
    fixes = [_raise_go_line(go_mod, needed, f"Raise the go line to {needed} (what `go mod tidy` does)",
                            Applicability.SAFE)] if go_mod.go else []
    downgrade = _downgrade(go_mod, go_sum, requirement, main_go)
    if downgrade:
        fixes.append(downgrade)
    return Report(message, Location(go_mod.path, requirement.range), tuple(fixes), module=go_mod.path,
                  severity=Severity.WARNING if requirement.indirect else None)


def _raise_go_line(go_mod: ModFileFacts, needed: str, title: str, applicability: Applicability) -> Fix:
    assert go_mod.go is not None
    return Fix(title, applicability, edits=(TextEdit(go_mod.path, go_mod.go.range, needed),))


def _downgrade(go_mod: ModFileFacts, go_sum: str | None, requirement: CachedRequirement, limit: str) -> Fix | None:
    """Require the newest cached version that fits ``limit``, with the go.sum lines the cache proves."""
    if requirement.replacement is not None:
        return None  # the replace line decides which version is built: not this require line
    older = newest_fitting(requirement, limit)
    if older is None:
        return None
    edits = [TextEdit(go_mod.path, requirement.range, older.version)]
    if go_sum is not None and older.go_mod_sum and older.zip_sum:
        lines = (f"{requirement.path} {older.version} {older.zip_sum}\n"
                 f"{requirement.path} {older.version}/go.mod {older.go_mod_sum}\n")
        edits.append(TextEdit(go_sum, Range.of(0, 0), lines))
    return Fix(f"Require {older.version}, the newest cached version that fits go {limit} ({_go(older.go)}; downgrades "
               f"{requirement.path})", Applicability.UNSAFE, edits=tuple(edits))
