from __future__ import annotations

import re
from collections.abc import Iterator

from goenv_lsp.facts import Facts
from goenv_lsp.model import Severity
from goenv_lsp.rules._shared.anchors import machine_anchor
from goenv_lsp.rules.registry import ALL_CONTEXTS, Context, Input, Report, rule
from goenv_lsp.semantics.godebug import godebug_settings

DOCS = """
## What it checks
The Go runtime's own variables — GODEBUG, GOGC, GOMAXPROCS, GOMEMLIMIT, GOTRACEBACK — set in the
environment, where every Go program reads them: the go command, the compiler and linker it runs, gopls and
every other tool. Info for most values; a warning for values that hurt the tools (GOGC=off or negative,
GOMAXPROCS=1, a GOMEMLIMIT below 256 MiB, GODEBUG=gcstoptheworld=1); an error for a GOMEMLIMIT the runtime
cannot parse. The go command does not take them from the GOENV file (`go env -w GOGC=…`: `unknown go command
variable GOGC`; `go env -w GODEBUG=…`: `GODEBUG can only be set using the OS environment` in Go 1.27, `unknown
go command variable GODEBUG` in Go 1.22), so only the environment counts.

## Why it matters
These are meant for one program, not a whole shell. Exported globally they change the tools too:
`GODEBUG=inittrace=1 go version` prints the go command's own init trace (`init internal/bytealg @0 ms, …`),
`GODEBUG=gctrace=1 go build` its garbage collections (`gc 1 @0.058s 0%: …`), GOGC=off lets gopls grow without
bound, GOMAXPROCS=1 makes builds use one CPU, a tiny GOMEMLIMIT keeps the garbage collector running all the
time, and a malformed GOMEMLIMIT (`2GB` instead of `2GiB`) crashes every Go program at start-up with
`fatal error: malformed GOMEMLIMIT`.

## How to fix
Set them for the one command that needs them (`GOGC=off ./bench`), or in the service's own unit or
container, and remove the `export` from your shell profile.

## Example
`export GOMAXPROCS=1` left in `~/.bashrc` from debugging a race; every `go build` since is slow.
"""

RUNTIME_VARS = ("GODEBUG", "GOGC", "GOMAXPROCS", "GOMEMLIMIT", "GOTRACEBACK")
SMALL_MEMORY_LIMIT = 256 << 20
TRACES = ("gctrace", "inittrace", "schedtrace", "scavtrace")  # runtime/extern.go: lines on standard error
_BYTE_COUNT = re.compile(r"[+-]?([0-9]+)(B|KiB|MiB|GiB|TiB)?")
_POWERS = {None: 0, "B": 0, "KiB": 1, "MiB": 2, "GiB": 3, "TiB": 4}
_INT32 = re.compile(r"[+-]?[0-9]+")


def parse_byte_count(value: str) -> int | None:
    """The runtime's parseByteCount (GOMEMLIMIT): digits, optionally B/KiB/MiB/GiB/TiB; None if malformed."""
    match = _BYTE_COUNT.fullmatch(value)
    if match is None or (value.startswith("-") and int(match[1]) != 0):
        return None
    count = int(match[1]) * 1024 ** _POWERS[match[2]]
    return count if count < 1 << 63 else None


def _int32(value: str) -> int | None:
    """strconv.ParseInt(value, 10, 32), as the runtime reads GOGC and GOMAXPROCS."""
    if not _INT32.fullmatch(value):
        return None
    number = int(value)
    return number if -(1 << 31) <= number < 1 << 31 else None


def _judge(key: str, value: str) -> tuple[Severity, str]:
    if key == "GOGC":
        percent = -1 if value == "off" else _int32(value)
        if percent is None:
            return Severity.INFO, "the runtime ignores this value and uses GOGC=100"
        if percent < 0:
            return Severity.WARNING, "garbage collection is off: gopls and long builds grow without bound"
    elif key == "GOMAXPROCS":
        procs = _int32(value)
        if procs is None or procs <= 0:
            return Severity.INFO, "the runtime ignores this value and uses all CPUs"
        if procs == 1:
            return Severity.WARNING, "the go command, compiler and gopls use a single CPU: builds are slow"
    elif key == "GOMEMLIMIT":
        limit = parse_byte_count(value)
        if limit is None:
            return Severity.ERROR, ("every Go program crashes at start-up with `fatal error: malformed GOMEMLIMIT`; "
                                    "the runtime wants a number of bytes with an optional B, KiB, MiB, GiB or TiB")
        if limit < SMALL_MEMORY_LIMIT:
            return Severity.WARNING, ("below 256 MiB the garbage collector runs almost all the time in gopls and "
                                      "the go command")
    elif key == "GODEBUG":
        settings = godebug_settings(value)
        if not settings:
            return Severity.INFO, "it holds no name=value setting, so the runtime ignores it"
        effect = "settings " + ", ".join(settings) + " apply to every Go program"
        traces = [name for name in TRACES if settings.get(name, "0") not in ("", "0")]
        if traces:
            effect += f" ({', '.join(traces)} print trace lines on the standard error of every go command and gopls)"
        if settings.get("gcstoptheworld", "0") not in ("", "0"):
            return Severity.WARNING, effect + "; gcstoptheworld makes every garbage collection stop the world, so " \
                "the go command and gopls run slower"
        return Severity.INFO, effect
    return Severity.INFO, "it applies to every Go program"


@rule(code="GE622", name="runtime-vars-global", severity=Severity.INFO,
      # a job's environment is that job's own: runtime variables there are set for it
      contexts=ALL_CONTEXTS, informational_in=(Context.CI,),
      summary="A Go runtime variable (GODEBUG, GOGC, GOMAXPROCS, …) is exported to every Go program", docs=DOCS,
      needs=(Input.ENVIRONMENT,), tags=("platform", "performance"))
def check(facts: Facts) -> Iterator[Report]:
    if facts.env is None:
        return
    for key in RUNTIME_VARS:
        value = facts.env.get(key, "")
        if not value or (key == "GOMEMLIMIT" and value == "off"):
            continue  # empty (and GOMEMLIMIT=off) is the runtime's default
        severity, effect = _judge(key, value)
        yield Report(f"{key}={value} is set in the environment, so the go command, gopls and every tool built with "
                     f"Go see it: {effect}; set it only for the program that needs it", machine_anchor(facts),
                     severity=severity)
