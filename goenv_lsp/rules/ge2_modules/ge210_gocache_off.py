from __future__ import annotations

from collections.abc import Iterator

from goenv_lsp.facts import Facts
from goenv_lsp.model import Severity
from goenv_lsp.rules._shared.anchors import env_setting_anchor
from goenv_lsp.rules._shared.fixes import go_env_unset
from goenv_lsp.rules.registry import ALL_CONTEXTS, FixAvailability, Input, Report, rule
from goenv_lsp.semantics import version as gover
from goenv_lsp.semantics.binaries import local_version, running_go
from goenv_lsp.semantics.go_env import user_setting

DOCS = """
## What it checks
GOCACHE set to `off`, or to a relative path, in the environment or the GOENV file.

## Why it matters
Since Go 1.12 the build cache is required: `go build`, `go test`, `go vet`, `go run` and the package
loading of gopls (`go list -compiled`) stop with `build cache is disabled by GOCACHE=off, but required
as of Go 1.12`, and a relative GOCACHE with `build cache is required, but could not be located: GOCACHE
is not an absolute path`; only plain `go list` and `go env` still work. `GOCACHE=off` was the Go ≤ 1.11
way to disable caching; old CI snippets still carry it.

## How to fix
Unset GOCACHE (the default is `os.UserCacheDir()/go-build`): `go env -u GOCACHE` when `go env -w` wrote
it, else remove the export. To start from an empty cache run `go clean -cache` instead.

## Example
`GOCACHE=off` in a CI configuration written for Go 1.10.
"""


@rule(code="GE210", name="gocache-off", severity=Severity.ERROR,
      contexts=ALL_CONTEXTS,
      summary="GOCACHE=off (or relative): every build fails, the build cache is required since Go 1.12",
      docs=DOCS, fix=FixAvailability.SOMETIMES, fix_title="Unset GOCACHE (`go env -u GOCACHE`)",
      needs=(Input.ENVIRONMENT, Input.GO_BINARIES, "goenv", "go.env"), tags=("gocache",))
def check(facts: Facts) -> Iterator[Report]:
    setting = user_setting(facts, "GOCACHE")
    if setting is None or not setting.value:
        return
    value = setting.value
    local = local_version(running_go(facts))
    if local and gover.compare(local, "1.12") < 0:
        return  # Go 1.10 and 1.11 could build without the cache
    if value == "off":
        error = "build cache is disabled by GOCACHE=off, but required as of Go 1.12"
    elif not facts.paths.is_abs(value):
        error = "build cache is required, but could not be located: GOCACHE is not an absolute path"
    else:
        return
    fixes = (go_env_unset(facts, "GOCACHE"),) if setting.in_goenv_file else ()
    yield Report(f"GOCACHE={value} from {setting.describe_source}: go build, go test, go vet and gopls fail with "
                 f"`{error}`", env_setting_anchor(facts, setting), fixes)
