from __future__ import annotations

import re
from collections.abc import Iterator

from goenv_lsp.facts import Facts
from goenv_lsp.model import Severity
from goenv_lsp.rules._shared.anchors import env_setting_anchor
from goenv_lsp.rules.ge4_proxy._settings import shell_hint, where, write_fix
from goenv_lsp.rules.registry import ALL_CONTEXTS, FixAvailability, Input, Report, rule
from goenv_lsp.semantics import version as gover
from goenv_lsp.semantics.binaries import local_version, running_go
from goenv_lsp.semantics.go_env import user_setting

DOCS = """
## What it checks
GOAUTH (Go 1.24+: how the go command gets credentials for HTTPS module downloads), as
cmd/go/internal/auth reads it: `;`-separated commands — `off` (alone), `netrc`, `git <absolute dir>`, or a
credential helper command. It reports an empty command (`netrc;`), `off` combined with others, and `git`
without one absolute directory; and a GOAUTH set for a go older than 1.24, which ignores it.

## Why it matters
The value is checked at the first HTTPS download that may need credentials, and then the go command stops:
`go: GOAUTH encountered an empty command (GOAUTH=netrc;)`, `go: GOAUTH=off cannot be combined with other
authentication commands (GOAUTH=off;netrc)`, `go: GOAUTH=git dir method requires an absolute path to the git
working directory`. Builds from the module cache keep working, so it shows up on the next `go get`. Before
Go 1.24 there is no GOAUTH: the go command always reads `~/.netrc` (`_netrc` on Windows), so `GOAUTH=off`
does not keep credentials from being sent.

## How to fix
Separate commands with `;` and leave none empty: `go env -w GOAUTH="git /home/me/src/corp-repo;netrc"`;
use `off` alone. With an older go, remove GOAUTH or upgrade to Go 1.24 or later.

## Example
`export GOAUTH="netrc;"`.
"""


@rule(code="GE414", name="goauth-invalid", severity=Severity.ERROR,
      contexts=ALL_CONTEXTS,
      summary="GOAUTH the go command rejects (an empty command, `off` combined, `git` without an absolute "
              "directory), or set for a go older than 1.24", docs=DOCS,
      fix=FixAvailability.SOMETIMES, fix_title="Drop the empty GOAUTH commands",
      needs=(Input.ENVIRONMENT, Input.GO_BINARIES, "goenv", "go.env"), tags=("private-modules",))
def check(facts: Facts) -> Iterator[Report]:
    setting = user_setting(facts, "GOAUTH")
    if setting is None or not setting.value:
        return
    local = local_version(running_go(facts))
    if not local:
        return
    location = env_setting_anchor(facts, setting)
    if gover.compare(local, "1.24") < 0:
        yield Report(f"{where(setting)}: go{local} ignores GOAUTH (it arrived in Go 1.24) and sends the credentials "
                     "of the netrc file for every HTTPS download, whatever GOAUTH says", location,
                     severity=Severity.INFO)
        return
    is_abs = _windows_abs if facts.os == "windows" else facts.paths.is_abs
    problem = goauth_error(setting.value, is_abs)
    if problem is None:
        return
    commands = [c.strip() for c in setting.value.split(";")]
    kept = "; ".join(c for c in commands if c)
    fixes = write_fix(facts, {"GOAUTH": kept}, (setting,)) if "empty command" in problem and kept and \
        goauth_error(kept, is_abs) is None else ()
    yield Report(f"{where(setting)}: the first HTTPS download stops with `{problem}`{shell_hint(setting)}",
                 location, fixes)


def _windows_abs(path: str) -> bool:
    """filepath.IsAbs on Windows: a drive letter and a separator, or a UNC path (`\\src` is not absolute)."""
    return bool(re.match(r"^([A-Za-z]:[\\/]|[\\/]{2}[^\\/])", path))


def goauth_error(value: str, is_abs) -> str | None:
    """``runGoAuth``'s fatal error for ``GOAUTH=value`` (the commands are run last to first), or None."""
    commands = value.split(";")
    for command in reversed(commands):
        words = command.split()
        if not words:
            return "go: GOAUTH encountered an empty command (GOAUTH=…)"
        if words[0] == "off" and len(commands) != 1:
            return "go: GOAUTH=off cannot be combined with other authentication commands (GOAUTH=…)"
        if words[0] == "git":
            if len(words) != 2:
                return "go: GOAUTH=git dir method requires an absolute path to the git working directory"
            if not is_abs(words[1]):
                return ("go: GOAUTH=git dir method requires an absolute path to the git working directory, dir is "
                        "not absolute")
    return None
