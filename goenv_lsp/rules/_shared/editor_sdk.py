"""The SDKs editor settings name: VS Code's go.goroot / go.alternateTools.go / go.toolsEnvVars.GOROOT and
GoLand's project GOROOT, each with the place it is written and the probed binary behind it."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from goenv_lsp.facts import Facts, GoBinary, Origin
from goenv_lsp.files import goland_project, workspace_settings
from goenv_lsp.model import Applicability, Fix, Location
from goenv_lsp.rules._shared.anchors import machine_anchor
from goenv_lsp.rules._shared.fixes import replace_json_string, replace_text

VSCODE_KEYS = (Origin.ALTERNATE_GO, Origin.GO_GOROOT, Origin.TOOLS_ENV_GOROOT)


@dataclass(frozen=True)
class EditorSdk:
    origin: Origin  # the setting key, or IDEA
    label: str  # how the message names it
    value: str  # as written
    location: Location
    binary: GoBinary | None
    is_root: bool  # the value names a GOROOT (else a go binary)
    in_file: bool = True  # False for a user-level setting the editor passed: no file of ours to edit

    def fixes_to(self, facts: Facts, goroot: str, go_path: str) -> tuple[Fix, ...]:
        """Point this setting at the go that runs (only where goenv-lsp can edit it)."""
        return (self.fix_to(facts, goroot, go_path),) if self.in_file else ()

    def fix_to(self, facts: Facts, goroot: str, go_path: str) -> Fix:
        if self.origin is Origin.IDEA:  # per user (not shared); the range holds the quoted attribute value
            path = _idea_path(facts, goroot)
            value = f"file://{path}" if self.value.startswith("file://") else path
            return replace_text(self.location.path or "", self.location.range, '"' + _xml_attribute(value) + '"',
                                f"Set the GoLand project GOROOT to {path}", Applicability.SAFE)
        new_value = goroot if self.is_root else go_path
        portable = _vscode_path(facts, new_value)
        if portable is not None:
            return replace_json_string(self.location.path or "", self.location.range, portable,
                                       f"Set {self.origin.value} to {portable}")
        # .vscode/settings.json is usually committed: this machine's absolute path would reach the team
        return replace_json_string(self.location.path or "", self.location.range, new_value,
                                   f"Set {self.origin.value} to {new_value} (this machine's path, in a shared "
                                   "file)", Applicability.UNSAFE)


def _vscode_path(facts: Facts, path: str) -> str | None:
    """``path`` as vscode-go resolves it on any machine (util.ts resolvePath(substituteEnv(…)): a leading `~`,
    `${workspaceFolder}`), or None when it lies outside the workspace and the home directory."""
    paths = facts.paths
    if facts.root and (rest := paths.relative(path, facts.root)) is not None:
        return "${workspaceFolder}" + ("" if rest == "." else paths.sep + rest)
    if facts.home and (rest := paths.relative(path, facts.home)) is not None:
        return "~" + ("" if rest == "." else paths.sep + rest)
    return None


def _idea_path(facts: Facts, path: str) -> str:
    """``path`` as IntelliJ writes it: `$PROJECT_DIR$/…` inside the project, `$USER_HOME$/…` under the home
    directory, forward slashes."""
    paths = facts.paths
    for macro, base in (("$PROJECT_DIR$", facts.root), ("$USER_HOME$", facts.home)):
        if base and (rest := paths.relative(path, base)) is not None:
            path = macro + ("" if rest == "." else paths.sep + rest)
            break
    return path.replace("\\", "/")


def editor_sdks(facts: Facts) -> Iterator[EditorSdk]:
    def binary_for(origin: Origin) -> GoBinary | None:
        return next((b for b in facts.go_binaries or () if origin in b.origins), None)

    in_workspace = set()
    vscode = workspace_settings(facts)
    if vscode is not None:
        for key in VSCODE_KEYS:
            setting = vscode.get(key.value)
            if setting is not None and isinstance(setting.value, str) and setting.value:
                in_workspace.add(key)
                yield EditorSdk(key, f'"{key.value}" in .vscode/settings.json', setting.value,
                                Location(vscode.path, setting.range), binary_for(key), key is not Origin.ALTERNATE_GO)
    for key in VSCODE_KEYS:  # user-level settings, unless the workspace overrides them
        value = (facts.user_settings or {}).get(key.value)
        if key not in in_workspace and isinstance(value, str) and value:
            where = Location(vscode.path) if vscode is not None else machine_anchor(facts)
            yield EditorSdk(key, f'your user setting "{key.value}"', value, where, binary_for(key),
                            key is not Origin.ALTERNATE_GO, in_file=False)
    idea = goland_project(facts)
    if idea is not None and idea.goroot is not None:
        yield EditorSdk(Origin.IDEA, "the GoLand project GOROOT", idea.goroot_raw or idea.goroot.value,
                        Location(idea.path, idea.goroot.range), binary_for(Origin.IDEA), True)


def _xml_attribute(value: str) -> str:
    """Escape for a double-quoted XML attribute (xml.sax.saxutils would pull in urllib, http and ssl)."""
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")

