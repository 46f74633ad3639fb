"""A home full of ordinary, correct startup files gives no GE70x finding: Debian's /etc/skel/.bashrc and .profile
(copied into tests/rules/shell_homes/ from a Debian 12 machine), an Oh My Zsh .zshrc with nvm, pyenv, fzf and
the usual Go lines, a conda-initialised .bashrc, a fish config and a project's .envrc — probed by the real
collector with a real Go on PATH, the way the files leave it; real bash reads the bash files without an error."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
import testbed
from shellreal import real_shell, sourced, startup_home, workspace

from goenv_lsp.engine import evaluate
from goenv_lsp.files.shell_rc import ShellRcFacts
from goenv_lsp.probe import ProbeOptions, collect_sync
from goenv_lsp.probe.system import RealSystem
from goenv_lsp.rules import all_rules

pytestmark = pytest.mark.realgo
HOMES = Path(__file__).resolve().parent / "shell_homes"
FILES = {".bashrc": "debian-skel.bashrc", ".profile": "debian-skel.profile", ".zshrc": "zshrc",
         ".bash_profile": "debian-skel.profile", ".config/fish/config.fish": "config.fish"}
MINE = [r for r in all_rules() if r.code.startswith("GE70")]


@pytest.mark.parametrize("bashrc", ["debian-skel.bashrc", "conda-and-go.bashrc"])
def test_ordinary_home_is_quiet(tmp_path: Path, go127: Path, bashrc: str) -> None:
    bash = real_shell("bash")
    env = testbed.isolated_env(tmp_path, [go127 / "bin"])
    home = startup_home(env, {name: (HOMES / (bashrc if name == ".bashrc" else source)).read_text()
                              for name, source in FILES.items()})
    (home / "go/bin").mkdir(parents=True)
    ws = workspace(tmp_path, "module example.com/ws\n\ngo 1.27.3\n")
    (ws / ".envrc").write_text((HOMES / "envrc").read_text())
    terminal = {**env, "PATH": sourced(bash, home / ".profile", env)["PATH"]}  # as a login shell leaves it
    facts = collect_sync(str(ws), ProbeOptions(), RealSystem(env=terminal, well_known_go=()))
    shell_files = [f for f in (facts.files or {}).values() if isinstance(f, ShellRcFacts)]
    assert len(shell_files) == 6 and all(not f.problems for f in shell_files)
    assert evaluate(facts, rules=MINE) == []
    errors = subprocess.run([bash, "-n", str(home / ".bashrc")], capture_output=True, text=True)
    assert errors.returncode == 0, errors.stderr
