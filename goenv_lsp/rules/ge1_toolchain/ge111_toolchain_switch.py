from __future__ import annotations

import re
from collections.abc import Iterator

from goenv_lsp.facts import Facts, SwitchReason, ToolchainMode
from goenv_lsp.model import Severity
from goenv_lsp.rules._shared.anchors import related_setting, span_location
from goenv_lsp.rules._shared.fixes import go_env_unset, go_env_write
from goenv_lsp.rules._shared.inputs import TOOLCHAIN_INPUTS
from goenv_lsp.rules.registry import ALL_CONTEXTS, FixAvailability, Input, Report, Scope, rule
from goenv_lsp.semantics import version as gover
from goenv_lsp.semantics.binaries import running_go
from goenv_lsp.semantics.go_env import Setting, user_setting
from goenv_lsp.semantics.modules import ModuleScope
from goenv_lsp.semantics.patterns import match_prefix_patterns
from goenv_lsp.semantics.selection import toolchain_decision

TOOLCHAIN_MODULE = "golang.org/toolchain"

DOCS = """
## What it checks
Which toolchain the go command will really run in this module, when it is not the local one: the
`go` or `toolchain` line (or a `GOTOOLCHAIN=go1.X.Y` minimum) asks for a newer Go and GOTOOLCHAIN allows
switching (`auto`, `path`, `…+auto`). It says whether that toolchain is already available (a `go1.X.Y`
binary on PATH, or extracted in the module cache) or must be downloaded. It is an error when that download
cannot succeed: `GOPROXY=off` (unless `GONOPROXY`/`GOPRIVATE` covers `golang.org/toolchain`), `GOSUMDB=off`
(a toolchain must be verified by the checksum database; only a single `file://` GOPROXY is exempt), or
`path` mode, which never downloads. With `GOTOOLCHAIN=local` it notes a `toolchain` line that is ignored.

## Why it matters
The switch is silent: `go version` reports the switched-to version, while gopls and many editors measure
the `go` on PATH. Without network, a proxy that blocks `golang.org/toolchain`, or `GOSUMDB=off`, every
command — even `go env` — fails with `go: download go1.27.0 for linux/amd64: toolchain not available`.
In `path` mode the go command never downloads and fails with `cannot find "go1.27.0" in PATH`.

## How to fix
Install the wanted Go and put it first on PATH (or install `go1.X.Y` with `golang.org/dl`), or make sure
downloads can work: the fix removes `GOPROXY=off` or `GOSUMDB=off` from the GOENV file (`go env -u`, run
with `GOTOOLCHAIN=local` because the switch would stop that command too).

## Example
go.mod has `go 1.27.3`, the local Go is 1.24.11 with the default `GOTOOLCHAIN=auto`: every command first
downloads `golang.org/toolchain@v0.0.1-go1.27.3.linux-amd64`.
"""


@rule(code="GE111", name="toolchain-switch", severity=Severity.WARNING,
      contexts=ALL_CONTEXTS,
      summary="The go command will switch to (and maybe download) another toolchain", docs=DOCS,
      fix=FixAvailability.SOMETIMES, fix_title="Allow downloads with GOTOOLCHAIN=auto (path mode never downloads)",
      scope=Scope.MODULE, needs=(*TOOLCHAIN_INPUTS, Input.TOOLCHAINS), tags=("toolchain",))
def check(facts: Facts, scope: ModuleScope | None) -> Iterator[Report]:
    decision = toolchain_decision(facts, scope.file) if scope else None
    if decision is None or decision.mode is ToolchainMode.INVALID or decision.language_version_bug:
        return  # GE112 explains the language-version case precisely
    file, setting = decision.file, decision.setting
    if not decision.switches:
        if decision.mode is ToolchainMode.LOCAL and file and file.toolchain and file.toolchain.value != "default":
            wanted = gover.from_toolchain(file.toolchain.value)
            if wanted and gover.compare(wanted, decision.local) > 0 and (
                    not file.go or gover.compare(file.go.value, decision.local) <= 0):
                yield Report(f"toolchain {file.toolchain.value} is ignored because GOTOOLCHAIN="
                             f"{setting.value or 'local'} ({setting.describe_source}); builds use the local "
                             f"go {decision.local}", span_location(file.path, file.toolchain),
                             related=related_setting(setting), severity=Severity.INFO)
        return
    chosen = decision.chosen
    if decision.reason is SwitchReason.TOOLCHAIN_LINE and file and file.toolchain:
        location, why = span_location(file.path, file.toolchain), f"the toolchain line of {file.kind}"
    elif decision.reason is SwitchReason.GO_LINE and file and file.go:
        location, why = span_location(file.path, file.go), f"the go line of {file.kind}"
    else:
        return  # a GOTOOLCHAIN minimum alone: reported where it is set, not on a file we own
    available = (facts.toolchains or {}).get(chosen)
    in_cache = available is not None and "golang.org/toolchain@" in available.replace("\\", "/")
    if in_cache and decision.mode is ToolchainMode.PATH:
        available = None  # path mode only looks on PATH, never in the module cache
    mode = f"GOTOOLCHAIN={setting.value or 'auto'} ({setting.describe_source})"
    if available:
        yield Report(f"the go command switches from the local go {decision.local} to {chosen} ({available}), "
                     f"as {why} asks and {mode} allows; gopls still measures the go on PATH",
                     location, related=related_setting(setting), severity=Severity.INFO)
    elif decision.mode is ToolchainMode.PATH:
        yield Report(f"{why} asks for {chosen} but {mode} never downloads and no {chosen} is on PATH: "
                     f"every go command fails with `go: cannot find \"{chosen}\" in PATH`", location,
                     (go_env_write(facts, "GOTOOLCHAIN", "auto"),), related_setting(setting),
                     severity=Severity.ERROR)
    elif (blocked := _download_blocked(facts, chosen)) is not None:
        blocker, failure = blocked
        fixes = (go_env_unset(facts, blocker.key),) if blocker.in_goenv_file else ()
        yield Report(f"{why} asks for {chosen} (local go {decision.local}; {mode}), but {blocker.key}="
                     f"{blocker.value} ({blocker.describe_source}) {failure}", location, fixes,
                     (*related_setting(setting), *related_setting(blocker)), severity=Severity.ERROR)
    else:
        platform = _platform(facts)
        yield Report(f"{why} asks for {chosen}, newer than the local go {decision.local}: under {mode} every "
                     f"go command first downloads golang.org/toolchain@v0.0.1-{chosen}.{platform} and fails "
                     "offline or behind a proxy that blocks it", location, related=related_setting(setting))


def _platform(facts: Facts) -> str:
    active = running_go(facts)
    env = (active.env if active else None) or {}
    return f"{env.get('GOHOSTOS', 'GOOS')}-{env.get('GOHOSTARCH', 'GOARCH')}"


def _download_blocked(facts: Facts, chosen: str) -> tuple[Setting, str] | None:
    """The setting that makes the toolchain download fail for certain, and how it fails (the go command's words,
    from go 1.22.10 and 1.27.3 run offline); None when the download may work."""
    proxy, sumdb = user_setting(facts, "GOPROXY"), user_setting(facts, "GOSUMDB")
    if proxy is None or sumdb is None or _direct_for_toolchains(facts):
        return None
    goos, _, goarch = _platform(facts).partition("-")
    entries = [e.strip() for e in re.split(r"[,|]", proxy.value) if e.strip()]
    if entries[:1] == ["off"]:  # modfetch proxyList: nothing before off, so no lookup at all
        return proxy, ("forbids the download: every go command fails with "
                       f"`go: download {chosen} for {goos}/{goarch}: toolchain not available`")
    single_file_proxy = proxy.value.startswith("file://") and not any(c in proxy.value for c in ",|")
    if sumdb.value == "off" and not single_file_proxy:  # modfetch.useSumDB: a toolchain must be verified
        return sumdb, ("and a downloaded toolchain must be verified by the checksum database: every go command "
                       f"fails with `go: download {chosen}: golang.org/toolchain@v0.0.1-{chosen}.{goos}-{goarch}: "
                       "verifying module: checksum database disabled by GOSUMDB=off`")
    return None


def _direct_for_toolchains(facts: Facts) -> bool:
    """GONOPROXY (default: GOPRIVATE) matches golang.org/toolchain: it is fetched directly, whatever GOPROXY says."""
    for key in ("GONOPROXY", "GOPRIVATE"):
        setting = user_setting(facts, key)
        if setting is not None and setting.value:
            return match_prefix_patterns(setting.value, TOOLCHAIN_MODULE)
    return False
