from __future__ import annotations

from collections.abc import Iterator

from goenv_lsp.facts import Facts, Status
from goenv_lsp.model import Severity
from goenv_lsp.rules._shared.anchors import env_setting_anchor
from goenv_lsp.rules._shared.fixes import unset_if_written
from goenv_lsp.rules.registry import EDITOR_ONLY, FixAvailability, Input, Report, rule
from goenv_lsp.semantics.binaries import running_go
from goenv_lsp.semantics.go_env import user_setting
from goenv_lsp.semantics.gobin import install_dir
from goenv_lsp.semantics.platform import PORTS, runs_on

DOCS = """
## What it checks
GOOS or GOARCH set in the environment or the GOENV file to another platform than the go command's own
(`go env GOHOSTOS` / `GOHOSTARCH`) — usually left over from a cross-compile (`export GOOS=windows`,
`go env -w GOARCH=arm64`) — and values the go command does not know at all.

## Why it matters
Every command then targets that platform, silently: `go build` writes binaries this machine cannot run,
`go run` and `go test` fail with `fork/exec …: exec format error`, `go install` puts programs into
`GOPATH/bin/<goos>_<goarch>/` (off PATH) or refuses with `go: cannot install cross-compiled binaries when
GOBIN is set`, cgo is turned off, and gopls analyses the files for that platform — your `_linux.go` files
look unused and errors in them go unreported. An unknown value stops every build with
`go: unsupported GOOS/GOARCH pair plan10/amd64`.

## How to fix
Set GOOS/GOARCH only for the command that cross-compiles (`GOOS=windows go build`). Remove the value from
the GOENV file (`go env -u GOOS`, offered as a fix) or the `export` from your shell profile.

## Example
`go env -w GOOS=windows` to build a release once, and it stays.
"""


@rule(code="GE610", name="goos-goarch-not-host", severity=Severity.WARNING,
      contexts=EDITOR_ONLY,  # build jobs cross-compile with GOOS/GOARCH on purpose
      summary="GOOS or GOARCH is set to another platform than this machine's", docs=DOCS,
      fix=FixAvailability.SOMETIMES, fix_title="Remove the setting from the GOENV file",
      needs=(Input.ENVIRONMENT, Input.GO_BINARIES, Input.PLATFORM, "goenv", "go.env"), tags=("platform",))
def check(facts: Facts) -> Iterator[Report]:
    active = running_go(facts)
    if active is None or active.status is not Status.OK or not active.env:
        return
    goos, goarch = active.env.get("GOOS", ""), active.env.get("GOARCH", "")
    host_os, host_arch = active.env.get("GOHOSTOS") or facts.os, active.env.get("GOHOSTARCH") or facts.arch
    for key, host in (("GOOS", host_os), ("GOARCH", host_arch)):
        setting = user_setting(facts, key)
        if setting is None or not setting.value or not host or setting.value == host:
            continue
        location, fixes = env_setting_anchor(facts, setting), unset_if_written(facts, setting)
        where = f"{key}={setting.value} from {setting.describe_source}"
        if f"{goos}/{goarch}" not in PORTS:
            yield Report(f"{where} makes {goos}/{goarch}, a platform Go does not support: every build fails with "
                         f"`go: unsupported GOOS/GOARCH pair {goos}/{goarch}`", location, fixes,
                         severity=Severity.ERROR)
            return
        effects = [f"every build targets {goos}/{goarch}"]
        if not runs_on(goos, goarch, host_os or "", host_arch or ""):
            effects.append("`go run` and `go test` fail with `exec format error`")
        target = install_dir(facts)
        if target and target[1] == "GOBIN":
            effects.append("`go install` refuses (`go: cannot install cross-compiled binaries when GOBIN is set`)")
        elif target:
            effects.append(f"`go install` puts programs in {facts.paths.join(target[0], f'{goos}_{goarch}')}, "
                           "off PATH")
        if active.env.get("CGO_ENABLED") == "0":
            effects.append("cgo is off")
        if key == "GOOS":
            effects.append(f"gopls analyses the files for {goos}, not this machine's")
        yield Report(f"{where}, but this go runs on {host}: " + ", ".join(effects), location, fixes)
