from __future__ import annotations

import json
from collections.abc import Iterator

from goenv_lsp.facts import Facts, ToolchainMode
from goenv_lsp.model import Severity
from goenv_lsp.rules._shared.anchors import env_setting_anchor
from goenv_lsp.rules._shared.fixes import unset_if_written
from goenv_lsp.rules.registry import ALL_CONTEXTS, FixAvailability, Input, Report, rule
from goenv_lsp.semantics import version as gover
from goenv_lsp.semantics.selection import toolchain_decision

DOCS = """
## What it checks
A GOTOOLCHAIN value the go command rejects: anything but `local`, `auto`, `path`, a toolchain name such as
`go1.27.3`, or one of those followed by `+auto` / `+path`. Quotes or a trailing carriage return written
into the GOENV file count: the go command reads that file literally.

## Why it matters
Every go command that loads a module stops with `go: invalid GOTOOLCHAIN "…"`.

## How to fix
Remove it from the GOENV file (delete the line, or `GOTOOLCHAIN=local go env -u GOTOOLCHAIN`: with an invalid
value there the go command does not start unless the environment overrides it), or set a valid value
(`GOTOOLCHAIN=local go env -w GOTOOLCHAIN=auto`).

## Example
`GOTOOLCHAIN="go1.27.3"` in the GOENV file keeps the quotes: the value is `"go1.27.3"`, which is invalid.
"""


@rule(code="GE113", name="gotoolchain-invalid", severity=Severity.ERROR,
      contexts=ALL_CONTEXTS,
      summary="GOTOOLCHAIN has a value the go command rejects", docs=DOCS,
      fix=FixAvailability.SOMETIMES, fix_title="Remove GOTOOLCHAIN from the GOENV file",
      needs=(Input.GO_BINARIES, Input.ENVIRONMENT, "goenv", "go.env"), tags=("toolchain",))
def check(facts: Facts) -> Iterator[Report]:
    decision = toolchain_decision(facts, None)
    if decision is None or decision.mode is not ToolchainMode.INVALID:
        return
    setting = decision.setting
    fixes = unset_if_written(facts, setting)
    yield Report(f"go: {_go_error(setting.value)} (from {setting.describe_source}): use local, auto, "
                 "path or a name like go1.27.3, optionally followed by +auto or +path",
                 env_setting_anchor(facts, setting), fixes)


def _go_error(value: str) -> str:
    """The go command's own words for an invalid value (toolchain.Select; %q quoting)."""
    minimum, plus, _ = value.partition("+")
    if minimum != "local" and not gover.from_toolchain(minimum):
        detail = f": invalid minimum toolchain {_quote(minimum)}" if plus else ""
        return f"invalid GOTOOLCHAIN {_quote(value)}{detail}"
    return f"invalid GOTOOLCHAIN {_quote(value)}: only version suffixes are +auto and +path"


def _quote(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)
