"""Paths written in editor settings, resolved as the editor resolves them before use."""

from __future__ import annotations

import re
from collections.abc import Mapping

from goenv_lsp.facts import PathOps

# vscode-go substitutes these (util.ts resolvePath, substituteEnv); ${userHome} is *not* among them.
_VARIABLE = re.compile(r"\$\{(workspaceFolder|workspaceRoot|workspaceFolderBasename|env:([^}]+))\}")
# Settings whose value is a directory the probe inspects (the rules compare what is there)
SDK_ROOT_SETTINGS = ("go.goroot", "go.toolsEnvVars.GOROOT", "go.gopath")


def expand_setting_path(value: str, root: str, home: str | None, env: Mapping[str, str], paths: PathOps,
                        relative_to: str | None = "root") -> str:
    """``${workspaceFolder}``, ``${workspaceRoot}``, ``${workspaceFolderBasename}``, ``${env:NAME}`` and a
    leading ``~`` are substituted; a path still relative is taken from the workspace folder (with
    ``relative_to=None`` it is returned as it is, e.g. a bare tool name to look up on PATH)."""

    def substitute(match: re.Match[str]) -> str:
        name, env_name = match.group(1), match.group(2)
        if env_name is not None:
            return env.get(env_name.strip(), "")
        if name in ("workspaceFolder", "workspaceRoot"):
            return root
        return paths.basename(root)

    expanded = _VARIABLE.sub(substitute, value)
    if home and expanded.startswith("~"):  # resolveHomeDir: path.join(homedir, rest), so "~go" is home/go
        expanded = paths.join(home, expanded[1:].lstrip("/\\"))
    if relative_to is None and not paths.is_abs(expanded):
        return expanded
    if not paths.is_abs(expanded) and not expanded.startswith("~"):
        expanded = paths.join(root, expanded)
    return paths.normpath(expanded)
