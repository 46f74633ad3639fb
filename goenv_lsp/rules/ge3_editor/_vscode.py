"""VS Code settings as the GE3xx rules read them: .vscode/settings.json over the user-level settings the
editor sent (VS Code layers them key by key), each with where it is written and how to edit or remove it;
and what vscode-go and gopls know (goenv_lsp/data/vscode_go_settings.toml)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from importlib import resources

from goenv_lsp.facts import Facts
from goenv_lsp.files.vscode_settings import SettingValue, workspace_settings
from goenv_lsp.model import Applicability, Fix, Location, TextEdit
from goenv_lsp.rules._shared.anchors import machine_anchor

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib


@dataclass(frozen=True)
class EditorSetting:
    key: str  # dotted, as in SettingsFacts ("go.toolsEnvVars.GOFLAGS")
    value: object
    location: Location  # the value in .vscode/settings.json; else the settings file or the machine anchor
    value_in_file: SettingValue | None = None  # None: a user-level setting, no file of ours to edit
    path: str | None = None  # the settings file

    @property
    def label(self) -> str:
        return f'"{self.key}" in .vscode/settings.json' if self.value_in_file else f'your user setting "{self.key}"'

    def replace(self, new_text: str, title: str, applicability: Applicability = Applicability.SAFE) -> tuple[Fix, ...]:
        """Replace the value's text (``new_text`` is JSON) — only in a file goenv-lsp can edit."""
        if self.value_in_file is None or self.path is None:
            return ()
        return (Fix(title, applicability, edits=(TextEdit(self.path, self.value_in_file.range, new_text),)),)

    def remove(self, title: str, applicability: Applicability = Applicability.SAFE) -> tuple[Fix, ...]:
        found = self.value_in_file
        if found is None or found.removal is None or self.path is None:
            return ()
        return (Fix(title, applicability, edits=(TextEdit(self.path, found.removal, ""),)),)


def editor_settings(facts: Facts, prefix: str = "") -> Iterator[EditorSetting]:
    """Every setting whose key starts with ``prefix``: the workspace file's, then the user-level ones it does
    not override."""
    vscode = workspace_settings(facts)
    seen = set()
    for value in vscode.values if vscode is not None else ():
        if value.key.startswith(prefix):
            seen.add(value.key)
            yield EditorSetting(value.key, value.value, Location(vscode.path, value.range), value, vscode.path)
    for key, value in sorted((facts.user_settings or {}).items()):
        if key.startswith(prefix) and key not in seen:
            where = Location(vscode.path) if vscode is not None else machine_anchor(facts)
            yield EditorSetting(key, value, where)


def editor_setting(facts: Facts, key: str) -> EditorSetting | None:
    return next((s for s in editor_settings(facts, key) if s.key == key), None)


def key_location(setting: EditorSetting) -> Location:
    """The setting's key (where a file has it), else where the setting is."""
    found = setting.value_in_file
    if found is not None and found.key_range is not None:
        return Location(setting.location.path, found.key_range)
    return setting.location


def string_items(setting: EditorSetting) -> Iterator[tuple[str, Location]]:
    """The strings of a list setting, each with where it is (the setting itself for a user-level one)."""
    value = setting.value
    if not isinstance(value, tuple):
        return
    ranges = setting.value_in_file.item_ranges if setting.value_in_file is not None else ()
    for index, item in enumerate(value):
        if isinstance(item, str):
            at = Location(setting.location.path, ranges[index]) if index < len(ranges) else setting.location
            yield item, at


@dataclass(frozen=True)
class KnownSettings:
    vscode_go_version: str
    vscode_go: frozenset[str]
    removed: dict[str, str]  # key → the last vscode-go release that had it
    gopls: frozenset[str]  # last segments
    gopls_flags: frozenset[str]  # boolean flags
    gopls_value_flags: frozenset[str]


@cache
def known_settings() -> KnownSettings:
    data = tomllib.loads((resources.files("goenv_lsp") / "data" / "vscode_go_settings.toml").read_text("utf-8"))
    vscode, gopls = data["vscode_go"], data["gopls"]
    return KnownSettings(vscode["version"], frozenset(vscode["settings"]), dict(vscode.get("removed", {})),
                         frozenset(gopls["settings"]), frozenset(gopls["flags"]), frozenset(gopls["value_flags"]))
