"""Paths in editor settings, resolved as vscode-go resolves them (util.ts resolvePath, substituteEnv)."""

from __future__ import annotations

import pytest

from goenv_lsp.facts import PathFlavor, PathOps
from goenv_lsp.facts.paths import ops
from goenv_lsp.semantics.editor_paths import expand_setting_path

ROOT = "/work/app"
HOME = "/home/dev"
ENV = {"SDK": "/opt/sdk", "EMPTY": ""}


POSIX = ops(PathFlavor.POSIX)
WINDOWS = ops(PathFlavor.WINDOWS)


def expand(value: str, relative_to: str | None = "root", home: str | None = HOME, root: str = ROOT,
           paths: PathOps = POSIX) -> str:
    return expand_setting_path(value, root, home, ENV, paths, relative_to=relative_to)


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


# The machine's path flavour comes from the facts (PathOps), never from the host: a Windows workspace is
# resolved with Windows path rules on Linux too.
WIN_ROOT = "C:\\work\\app"
WIN_HOME = "C:\\Users\\dev"


@pytest.mark.parametrize(("value", "expected"), [
    ("C:\\Go", "C:\\Go"),
    ("C:/Go/", "C:\\Go"),
    ("${workspaceFolder}\\sdk\\go", "C:\\work\\app\\sdk\\go"),
    ("${workspaceFolder}/sdk/go", "C:\\work\\app\\sdk\\go"),
    ("D:\\cache\\${workspaceFolderBasename}\\go", "D:\\cache\\app\\go"),
    ("~\\sdk\\go1.22.0", "C:\\Users\\dev\\sdk\\go1.22.0"),
    ("~/sdk/go1.22.0", "C:\\Users\\dev\\sdk\\go1.22.0"),
    ("tools\\go", "C:\\work\\app\\tools\\go"),
], ids=lambda v: v if isinstance(v, str) else None)
def test_windows_paths_follow_windows_rules(value: str, expected: str) -> None:
    assert expand(value, home=WIN_HOME, root=WIN_ROOT, paths=WINDOWS) == expected


def test_bare_name_is_kept_on_windows_when_not_resolving_relative_paths() -> None:
    assert expand("bin\\go", relative_to=None, home=WIN_HOME, root=WIN_ROOT, paths=WINDOWS) == "bin\\go"


def test_a_drive_path_is_not_absolute_on_posix() -> None:
    assert expand("C:\\Go") == "/work/app/C:\\Go"  # taken from the workspace folder, as a relative path
