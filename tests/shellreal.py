"""Helpers for the GE70x real tests: a temporary home with startup files, probed by the real collector, and real
shells that read them (bash from the machine; zsh and fish from Debian packages via the test bed, skipped when
they cannot be fetched)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
import testbed
from realgo import apply, facts_of

from goenv_lsp.engine import evaluate
from goenv_lsp.model import Finding
from goenv_lsp.rules import Rule

__all__ = ["apply", "findings", "real_shell", "sourced", "startup_home", "workspace"]
MAIN = "package main\n\nfunc main() {}\n"


def startup_home(env: dict[str, str], files: dict[str, str]) -> Path:
    """Write ``files`` (paths relative to the home) into the isolated environment's home."""
    home = Path(env["HOME"])
    for name, text in files.items():
        path = home / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return home


def workspace(tmp_path: Path, go_mod: str | None = "module example.com/ws\n\ngo 1.21\n") -> Path:
    """tmp/ws, with a one-package main module when ``go_mod`` is given."""
    ws = tmp_path / "ws"
    ws.mkdir()
    if go_mod is not None:
        (ws / "go.mod").write_text(go_mod)
        (ws / "main.go").write_text(MAIN)
    return ws


def findings(root: Path, env: dict[str, str], rule: Rule) -> list[Finding]:
    """What ``rule`` reports on the facts the real collector gathers for ``root`` in ``env``."""
    return evaluate(facts_of(root, env), rules=[rule])


def real_shell(name: str) -> str:
    """bash from PATH; zsh or fish extracted from Debian's packages (tests/testbed.py), else skip."""
    if name == "bash":
        found = shutil.which("bash")
        if found is None:
            pytest.skip("needs bash")
        return found
    make = getattr(testbed, "debian_shell", None)
    try:
        if make is not None:
            return str(make(name))
    except testbed.TestbedError as exc:
        pytest.skip(f"{name} not available: {exc}")
    cached = testbed.CACHE / f"shell-{name}" / "bin" / name  # fetched by another test session
    if not cached.exists():
        pytest.skip(f"{name} not available (Debian package {name})")
    return str(cached)


def sourced(shell: str, rc: Path, env: dict[str, str], command: str = "") -> dict[str, str]:
    """The environment ``shell`` exports after it reads ``rc`` (then runs ``command``, if any)."""
    env_exe = shutil.which("env") or "/usr/bin/env"
    fish = shell.endswith("fish")
    script = (f"source {rc}; {command}; {env_exe} -0" if fish else f'. "{rc}"; {command}\n"{env_exe}" -0')
    argv = [shell, "--no-config", "-c", script] if fish else [shell, "-f" if shell.endswith("zsh") else "--norc",
                                                            "-c", script]
    run = subprocess.run(argv, env=env, capture_output=True, timeout=60, check=True)
    return dict(item.split("=", 1) for item in run.stdout.decode().split("\0") if "=" in item)
