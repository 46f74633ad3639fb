from __future__ import annotations

from collections.abc import Iterator

from goenv_lsp.facts import Facts, Status
from goenv_lsp.model import Severity
from goenv_lsp.rules._shared.anchors import env_setting_anchor, machine_anchor
from goenv_lsp.rules._shared.fixes import unset_if_written
from goenv_lsp.rules.registry import ALL_CONTEXTS, FixAvailability, Input, Report, rule
from goenv_lsp.semantics import version as gover
from goenv_lsp.semantics.binaries import running_go
from goenv_lsp.semantics.cgo import AUTO_OFF_SINCE, c_compiler_hint, cgo_file_notes, cgo_state, default_cc
from goenv_lsp.semantics.go_env import user_setting

DOCS = """
## What it checks
Go 1.20 and later, with cgo wanted but no C compiler: (1) cgo is on — CGO_ENABLED=1 set, or CC set — and
the compiler `go env CC` names is not on PATH (looked up as exec.LookPath does, never run); (2) neither is
set, the default compiler (`gcc`, `clang` on macOS and the BSDs) is not on PATH, so the go command turned
cgo off by itself, and the workspace has cgo files (see GE620 for how they are found).

## Why it matters
(1) Every build that needs cgo fails, and with cgo on that includes any program importing `net` or
`os/user`, because the standard library's `runtime/cgo` is compiled on demand since Go 1.20:
`cgo: C compiler "gcc" not found: exec: "gcc": executable file not found in $PATH`.
(2) Since Go 1.20, when CC is not set in the environment and the default C compiler is missing, `go env
CGO_ENABLED` reports 0: pure-Go builds keep working, but the workspace's cgo files are left out without a
word (`undefined:` errors, or `build constraints exclude all Go files`). A CC written only in the GOENV
file does not stop this; the check reads the OS environment.

## How to fix
Install a C compiler (`sudo apt install gcc`, `xcode-select --install` on macOS, a MinGW-w64 gcc on
Windows) or point CC at one. If you do not need cgo, drop CGO_ENABLED=1 (the fix removes it from the GOENV
file when it is there) or set CGO_ENABLED=0 for the builds that must not use it.

## Example
A slim container or a fresh Windows machine: `go build` of a program importing `net` with CGO_ENABLED=1
fails in `# runtime/cgo`.
"""


@rule(code="GE621", name="c-compiler-missing", severity=Severity.ERROR,
      contexts=ALL_CONTEXTS,
      summary="cgo is wanted but its C compiler is not on PATH (Go ≥ 1.20)", docs=DOCS,
      fix=FixAvailability.SOMETIMES, fix_title="Remove the cgo setting from the GOENV file",
      needs=(Input.GO_BINARIES, Input.ENVIRONMENT, Input.PATH_DIRS, Input.CGO_FILES, "goenv", "go.env"),
      tags=("cgo",))
def check(facts: Facts) -> Iterator[Report]:
    active = running_go(facts)
    version = gover.from_runtime(active.version or "") if active else ""
    if active is None or active.status is not Status.OK or not version or gover.compare(version,
                                                                                        AUTO_OFF_SINCE) < 0:
        return
    state = cgo_state(facts, active)
    if state is None:
        return
    goos = (active.env or {}).get("GOOS", "")
    install = c_compiler_hint(goos)
    if state.enabled and state.compiler_found is False and not state.cross:
        cc = user_setting(facts, "CC")
        why = [s for s in (state.setting, cc) if s is not None and s.value]
        reason = " and ".join(f"{s.key}={s.value} from {s.describe_source}" for s in why) or "cgo is on"
        anchor = next((s for s in why if s.location is not None), None)
        fixes = unset_if_written(facts, state.setting) if state.setting and state.setting.in_goenv_file else ()
        if not fixes and cc is not None and cc.in_goenv_file and (facts.path_commands or {}).get(default_cc(goos)):
            fixes = unset_if_written(facts, cc)  # the default compiler is there
        path = "%PATH%" if facts.os == "windows" else "$PATH"
        if state.compiler != default_cc(goos):
            install = f"{state.compiler}, or point CC at an installed C compiler"
        yield Report(f"{reason}, but the C compiler `{state.compiler}` is not on PATH: every build that needs cgo "
                     "fails — programs importing net or os/user too — with `cgo: C compiler "
                     f"\"{state.compiler}\" not found: exec: \"{state.compiler}\": executable file not found in "
                     f"{path}`; install {install}", env_setting_anchor(facts, anchor) if anchor else
                     machine_anchor(facts), fixes)
    elif state.auto_off and facts.cgo_files:
        files = ", ".join(facts.paths.relative(f, facts.root or "") or f for f in facts.cgo_files[:5])
        yield Report(f"no C compiler: `{default_cc(goos)}` is not on PATH, so go {version} turned cgo off by itself "
                     f"(`go env CGO_ENABLED` is 0) and leaves out the cgo files {files}; install {install}",
                     machine_anchor(facts), related=cgo_file_notes(facts), severity=Severity.WARNING)
