from __future__ import annotations

from collections.abc import Iterator

from goenv_lsp.facts import Facts, GoTool, PathKind
from goenv_lsp.model import Severity
from goenv_lsp.rules._shared.anchors import env_setting_anchor, machine_anchor
from goenv_lsp.rules.registry import ALL_CONTEXTS, Input, Report, rule
from goenv_lsp.semantics.go_env import user_setting
from goenv_lsp.semantics.gobin import install_dir
from goenv_lsp.semantics.platform import NATIVE_32_BIT, runs_on

DOCS = """
## What it checks
Programs in the directory `go install` writes to (GOBIN, else `GOPATH/bin`) whose Go build information
says they are built for another OS or architecture than this machine (the `GOOS` and `GOARCH` build
settings `go version -m` shows; read from the file, never run). Those the machine cannot run at all are
errors; those it runs under emulation (amd64 programs on an Apple silicon Mac or on Windows on Arm) are
information. 32-bit programs on the matching 64-bit CPU count as native.

## Why it matters
`go install` itself never does this: with GOOS/GOARCH set it puts cross-compiled programs in
`bin/<goos>_<goarch>/` (or refuses when GOBIN is set). A foreign program in `bin` was copied there, built
with `go build -o`, synced with a dotfiles repository, or lives in a home directory shared between
machines (NFS) or migrated from an Intel Mac. Running it fails with `exec format error` (`cannot execute
binary file`), and an editor that starts it (gopls, dlv, staticcheck) reports that the tool crashed.
An emulated one runs, slower, and builds with its own architecture's assumptions.

## How to fix
Reinstall it on this machine: `go install <package>@<version>` (the message gives the exact command
from the build information), without GOOS/GOARCH set.

## Example
`~/go/bin/gopls` built for darwin/amd64 in a home directory moved to a Linux workstation.
"""


@rule(code="GE612", name="tool-foreign-platform", severity=Severity.ERROR,
      contexts=ALL_CONTEXTS,
      summary="Programs in GOBIN or GOPATH/bin are built for another OS or architecture", docs=DOCS,
      needs=(Input.GO_BINARIES, Input.GO_BIN_DIRS, Input.PLATFORM, Input.ENVIRONMENT, "goenv", "go.env"),
      tags=("platform", "gobin"))
def check(facts: Facts) -> Iterator[Report]:
    target = install_dir(facts)
    if target is None or facts.go_bin_dirs is None or not facts.os or not facts.arch:
        return
    found = next((d for d in facts.go_bin_dirs if facts.paths.same(d.path, target[0])), None)
    if found is None or found.kind is not PathKind.DIR:
        return
    here = f"{facts.os}/{facts.arch}"
    broken, emulated = [], []
    for tool in found.tools:
        if not tool.goos or not tool.goarch or (tool.goos, tool.goarch) == (facts.os, facts.arch):
            continue
        if (facts.arch, tool.goarch) in NATIVE_32_BIT and tool.goos == facts.os:
            continue  # 32-bit on the matching 64-bit CPU: native
        (emulated if runs_on(tool.goos, tool.goarch, facts.os, facts.arch) else broken).append(tool)
    setting = user_setting(facts, target[1])
    location = env_setting_anchor(facts, setting) if setting is not None and setting.value else machine_anchor(facts)
    if broken:
        failure = "`… is not a valid Win32 application`" if facts.os == "windows" else "`exec format error`"
        yield Report(f"{_list(broken)} in {found.path} {'is' if len(broken) == 1 else 'are'} built for another "
                     f"platform than this machine ({here}), which cannot run "
                     f"{'it' if len(broken) == 1 else 'them'} ({failure}); reinstall: "
                     f"{_reinstall(broken)}", location)
    if emulated:
        yield Report(f"{_list(emulated)} in {found.path} {'is' if len(emulated) == 1 else 'are'} built for "
                     f"{emulated[0].goarch}, not this machine's {facts.arch}: "
                     f"{'it runs' if len(emulated) == 1 else 'they run'} emulated; reinstall for a native build: "
                     f"{_reinstall(emulated)}", location, severity=Severity.INFO)


def _list(tools: list[GoTool]) -> str:
    shown = ", ".join(f"{t.name} ({t.goos}/{t.goarch})" for t in tools[:8])
    return shown + (f" and {len(tools) - 8} more" if len(tools) > 8 else "")


def _reinstall(tools: list[GoTool]) -> str:
    commands = []
    for tool in tools[:8]:
        version = tool.module_version if tool.module_version and tool.module_version.startswith("v") else None
        commands.append(f"`go install {tool.package}@{version}`" if tool.package and version else
                        f"rebuild {tool.name} from its source")
    return "; ".join(commands)
