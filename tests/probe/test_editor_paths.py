"""Paths in editor settings, resolved as vscode-go resolves them (util.ts resolvePath, substituteEnv)."""

from __future__ import annotations

import pytest

from goenv_lsp.probe.editor_paths import expand_setting_path

ROOT = "/work/app"
HOME = "/home/dev"
ENV = {"SDK": "/opt/sdk", "EMPTY": ""}


def expand(value: str, relative_to: str | None = "root", home: str | None = HOME) -> str:
    return expand_setting_path(value, ROOT, home, ENV, relative_to=relative_to)


@pytest.mark.parametrize(("value", "expected"), [
    ("/usr/local/go", "/usr/local/go"),
    ("/usr/local/go/", "/usr/local/go"),
    ("/usr/local//go/../go1.22", "/usr/local/go1.22"),
    ("${workspaceFolder}/sdk/go", "/work/app/sdk/go"),
    ("${workspaceRoot}/sdk/go", "/work/app/sdk/go"),
    ("/cache/${workspaceFolderBasename}/go", "/cache/app/go"),
    ("${env:SDK}/go1.22", "/opt/sdk/go1.22"),
    ("${env: SDK }/go1.22", "/opt/sdk/go1.22"),  # substituteEnv trims the name
    ("~", "/home/dev"),
    ("~/sdk/go1.22.0", "/home/dev/sdk/go1.22.0"),
    ("~sdk/go1.22.0", "/home/dev/sdk/go1.22.0"),  # resolveHomeDir: path.join(homedir, "sdk/…")
], ids=lambda v: v if isinstance(v, str) else None)
def test_expands_what_vscode_go_expands(value: str, expected: str) -> None:
    assert expand(value) == expected


def test_user_home_variable_is_not_expanded() -> None:
    # VS Code does not substitute variables in settings and vscode-go knows no ${userHome}: the value stays
    # a relative path, taken from the workspace folder, which does not exist
    assert expand("${userHome}/sdk/go") == "/work/app/${userHome}/sdk/go"


def test_unset_environment_variable_becomes_empty() -> None:
    assert expand("${env:NOPE}/go") == "/go"
    assert expand("${env:EMPTY}/go") == "/go"


def test_empty_env_variable_name_is_left_alone() -> None:
    assert expand("/x/${env:}/go") == "/x/${env:}/go"


def test_relative_path_is_taken_from_the_workspace_folder() -> None:
    assert expand("tools/go") == "/work/app/tools/go"
    assert expand("./tools/../sdk") == "/work/app/sdk"


def test_bare_name_is_kept_when_not_resolving_relative_paths() -> None:
    assert expand("go1.22", relative_to=None) == "go1.22"
    assert expand("bin/go", relative_to=None) == "bin/go"


def test_variables_and_home_still_expand_when_not_resolving_relative_paths() -> None:
    assert expand("${workspaceFolder}/bin/go", relative_to=None) == "/work/app/bin/go"
    assert expand("~/sdk/go/bin/go", relative_to=None) == "/home/dev/sdk/go/bin/go"


def test_unknown_home_leaves_tilde_alone() -> None:
    assert expand("~/sdk/go", home=None) == "~/sdk/go"
