"""Where a finding goes: the file and line that best explain or fix it (design.md §6.5)."""

from __future__ import annotations

from goenv_lsp.facts import Facts, SettingValue, Spanned, Status
from goenv_lsp.model import Location, Related
from goenv_lsp.semantics.goenv import Setting


def workspace_anchor(facts: Facts) -> Location:
    """Environment-only findings: the go.mod ``module`` line, else the workspace as a whole."""
    mod = facts.go_mod
    if mod is not None and mod.status is not Status.UNREADABLE:
        if mod.module is not None:
            return Location(mod.path, mod.module.range)
        return Location(mod.path)
    return Location(None)


def span_location(path: str, spanned: Spanned) -> Location:
    return Location(path, spanned.range)


def setting_location(path: str, setting: SettingValue) -> Location:
    return Location(path, setting.range)


def env_setting_anchor(facts: Facts, setting: Setting) -> Location:
    """A value from a GOENV / go.env file sits on its line; an environment variable on the workspace."""
    return setting.location or workspace_anchor(facts)


def related_setting(setting: Setting) -> tuple[Related, ...]:
    if setting.location is None:
        return ()
    return (Related(setting.location, f"{setting.key}={setting.value} is set here"),)
