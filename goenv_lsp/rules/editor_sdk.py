"""The SDKs editor settings name: VS Code's go.goroot / go.alternateTools.go / go.toolsEnvVars.GOROOT and
GoLand's project GOROOT, each with the place it is written and the probed binary behind it."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from goenv_lsp.facts import Facts, GoBinary
from goenv_lsp.model import Applicability, Fix, Location
from goenv_lsp.rules.anchors import workspace_anchor
from goenv_lsp.rules.fixes import replace_json_value, replace_text

VSCODE_KEYS = ("go.alternateTools.go", "go.goroot", "go.toolsEnvVars.GOROOT")


@dataclass(frozen=True)
class EditorSdk:
    origin: str  # the setting key, or "idea"
    label: str  # how the message names it
    value: str  # as written
    location: Location
    binary: GoBinary | None
    is_root: bool  # the value names a GOROOT (else a go binary)
    in_file: bool = True  # False for a user-level setting the editor passed: no file of ours to edit

    def fixes_to(self, goroot: str, go_path: str) -> tuple[Fix, ...]:
        """Point this setting at the go that runs (only where goenv-lsp can edit it)."""
        return (self.fix_to(goroot, go_path),) if self.in_file else ()

    def fix_to(self, goroot: str, go_path: str) -> Fix:
        """Point this setting at the go that runs."""
        if self.origin == "idea":  # the range holds the quoted attribute value: write a quoted one back
            value = f"file://{goroot}" if self.value.startswith("file://") else goroot
            return replace_text(self.location.path or "", self.location.range,
                                '"' + _xml_attribute(value) + '"',
                                f"Set the GoLand project GOROOT to {goroot}", Applicability.SAFE)
        new_value = goroot if self.is_root else go_path
        return _settings_fix(self, new_value)


def _settings_fix(sdk: EditorSdk, new_value: str) -> Fix:
    from goenv_lsp.facts import SettingValue

    setting = SettingValue(sdk.origin, sdk.value, sdk.location.range, sdk.location.range)
    return replace_json_value(sdk.location.path or "", setting, new_value, f"Set {sdk.origin} to {new_value}")


def editor_sdks(facts: Facts) -> Iterator[EditorSdk]:
    def binary_for(origin: str) -> GoBinary | None:
        return next((b for b in facts.go_binaries or () if origin in b.origins), None)

    in_workspace = set()
    if facts.vscode is not None:
        for key in VSCODE_KEYS:
            setting = facts.vscode.get(key)
            if setting is not None and isinstance(setting.value, str) and setting.value:
                in_workspace.add(key)
                yield EditorSdk(key, f'"{key}" in {_short(facts.vscode.path)}', setting.value,
                                Location(facts.vscode.path, setting.range), binary_for(key),
                                key != "go.alternateTools.go")
    for key in VSCODE_KEYS:  # user-level settings, unless the workspace overrides them
        value = (facts.user_settings or {}).get(key)
        if key not in in_workspace and isinstance(value, str) and value:
            where = Location(facts.vscode.path) if facts.vscode is not None else workspace_anchor(facts)
            yield EditorSdk(key, f'your user setting "{key}"', value, where, binary_for(key),
                            key != "go.alternateTools.go", in_file=False)
    if facts.idea is not None and facts.idea.goroot is not None:
        yield EditorSdk("idea", "the GoLand project GOROOT", facts.idea.goroot_raw or facts.idea.goroot.value,
                        Location(facts.idea.path, facts.idea.goroot.range), binary_for("idea"), True)


def _short(path: str) -> str:
    parts = path.replace("\\", "/").split("/")
    return "/".join(parts[-2:])


def _xml_attribute(value: str) -> str:
    """Escape for a double-quoted XML attribute (xml.sax.saxutils would pull in urllib, http and ssl)."""
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
