from __future__ import annotations

from collections.abc import Iterator

from goenv_lsp.facts import Facts, Status
from goenv_lsp.model import Severity
from goenv_lsp.rules._shared.anchors import machine_anchor
from goenv_lsp.rules.registry import ALL_CONTEXTS, Context, Input, Report, rule
from goenv_lsp.semantics.binaries import running_go
from goenv_lsp.semantics.platform import NATIVE_32_BIT

DOCS = """
## What it checks
The go command on PATH is built for another architecture than the machine's own (`go env GOHOSTARCH`
against the machine's architecture as the OS reports it): typically the amd64 Go installer or an Intel
Homebrew (`/usr/local`) on an Apple silicon Mac, where Rosetta 2 runs it, or an x64 Go on Windows on Arm.

## Why it matters
It works, which is why it goes unnoticed. But the go command, the compiler and every tool run emulated
and slower, and GOARCH defaults to the go binary's own architecture, so every `go build`, `go test` and
`go install` (gopls included) produces amd64 programs that run emulated too. cgo then compiles for
x86-64 and fails to link against arm64 libraries (`ld: warning: ignoring file …, building for
macOS-x86_64 but attempting to link with file built for macOS-arm64`), and benchmarks measure the
emulation.

## How to fix
Install the Go build for this machine (`go1.X.Y.darwin-arm64.pkg`, `windows-arm64.msi` from
https://go.dev/dl/, or the arm64 Homebrew in `/opt/homebrew`), put it first on PATH, then reinstall the
tools you `go install`ed (gopls, dlv …) so they are native too.

## Example
`go env GOHOSTARCH` prints `amd64` on a MacBook with an M-series chip.
"""


@rule(code="GE611", name="go-binary-emulated", severity=Severity.WARNING,
      contexts=ALL_CONTEXTS, informational_in=(Context.CI,),  # multi-architecture jobs run emulated on purpose
      summary="The go command is built for another architecture than this machine", docs=DOCS,
      needs=(Input.GO_BINARIES, Input.PLATFORM), tags=("platform",))
def check(facts: Facts) -> Iterator[Report]:
    active = running_go(facts)
    if active is None or active.status is not Status.OK or not active.env or not facts.arch:
        return
    built_for = active.env.get("GOHOSTARCH")
    if not built_for or built_for == facts.arch or (facts.arch, built_for) in NATIVE_32_BIT:
        return
    emulation = {"darwin": "Rosetta 2", "windows": "Windows' x64 emulation"}.get(facts.os or "", "emulation")
    yield Report(f"{active.path} ({active.version}) is built for {built_for}, but this machine is {facts.arch}: "
                 f"it runs under {emulation}, and so does everything it builds, since GOARCH defaults to "
                 f"{built_for}; install the {facts.os}-{facts.arch} Go from https://go.dev/dl/ and reinstall your "
                 "tools", machine_anchor(facts))
