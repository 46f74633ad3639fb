"""What the GE4 rules share: where a setting is, and the `go env -w` fix that changes it."""

from __future__ import annotations

from goenv_lsp.facts import Facts, Source
from goenv_lsp.model import Applicability, CommandKind, Fix
from goenv_lsp.redact import PLACEHOLDER
from goenv_lsp.rules._shared.fixes import go_command
from goenv_lsp.semantics.go_env import Setting


def where(setting: Setting) -> str:
    """"GOPRIVATE from GOENV file ~/.config/go/env:3", "the environment variable GOPRIVATE" …"""
    if setting.source is Source.ENVIRONMENT:
        return setting.describe_source
    return f"{setting.key} from {setting.describe_source}"


def write_fix(facts: Facts, values: dict[str, str], settings: tuple[Setting, ...], title: str = "") -> tuple[Fix, ...]:
    """`go env -w K=V …`, unless one of ``settings`` comes from the OS environment (`go env -w` does not
    override that: "does not override conflicting OS environment variable", the shell profile must change) or
    a value holds a part redacted from the facts."""
    if not values or any(s.source is Source.ENVIRONMENT for s in settings):
        return ()
    if any(PLACEHOLDER in value for value in values.values()):
        return ()  # part of the value was hidden as a secret: writing it back would write the placeholder
    pairs = tuple(f"{key}={value}" for key, value in values.items())
    shown = " ".join(f'{key}="{value}"' if " " in value else f"{key}={value}" for key, value in values.items())
    return (Fix(title or f"Run `go env -w {shown}`", Applicability.UNSAFE,
                command=go_command(facts, CommandKind.GO_ENV_WRITE, "env", "-w", *pairs)),)


def shell_hint(setting: Setting) -> str:
    """What to say when the value comes from the OS environment (no fix can change it)."""
    return " (set in the environment: change it where it is exported, e.g. your shell profile)" \
        if setting.source is Source.ENVIRONMENT else ""
