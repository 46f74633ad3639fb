"""Emacs 28 (Debian emacs-nox) with eglot 1.9 (elpa-eglot) as a real LSP client of goenv-lsp, in batch mode."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from editor_harness import EDITORS, GOROOT_PREFIX, HERE, Scenario, run_editor  # type: ignore[import-not-found]

pytestmark = [pytest.mark.realgo, pytest.mark.editor]


def emacs_batch(exe: Path, scenario: Scenario) -> dict:
    # no -Q: Debian's site-start is what puts elpa-eglot on the load-path
    return run_editor([exe, "--batch", "-l", HERE / "eglot_scenario.el", scenario.file], scenario)


def test_goroot_quick_fix(emacs: Path, goroot_scenario: Scenario, go127: Path) -> None:
    result = emacs_batch(emacs, goroot_scenario)
    assert result["emacs"].startswith("28.")
    assert (result["mode"], result["server"]) == ("goenv-lsp-settings-mode", "goenv-lsp")
    ge302 = [(d["line"], d["col"], d["source"]) for d in result["before"] if d["code"] == "GE302"]
    assert ge302 == [(2, len(GOROOT_PREFIX), "goenv-lsp")]  # characters
    assert result["chosen"]["title"] == f"Set go.goroot to {go127} (this machine's path, in a shared file)"
    assert goroot_scenario.file.read_text().splitlines()[2] == f'{GOROOT_PREFIX}"{go127}",'
    assert "GE302" not in [d["code"] for d in result["after"] or ()]


def test_go_line_too_new(emacs: Path, go_line_scenario: Scenario) -> None:
    result = emacs_batch(emacs, go_line_scenario)
    assert result["mode"] == "go-dot-mod-mode"
    assert [(d["line"], d["source"]) for d in result["before"] if d["code"] == "GE110"] == [(2, "goenv-lsp")]


def test_goenv_lsp_el_byte_compiles(emacs: Path, tmp_path: Path) -> None:
    """Also compiles the lsp-mode part, which the eglot scenario never runs."""
    copy = tmp_path / "goenv-lsp.el"
    copy.write_text((EDITORS / "emacs/goenv-lsp.el").read_text())
    proc = subprocess.run(["timeout", "20", emacs, "--batch", "--eval", "(setq byte-compile-error-on-warn t)",
                           "-f", "batch-byte-compile", copy], capture_output=True, text=True, timeout=30)
    assert proc.returncode == 0, proc.stderr
