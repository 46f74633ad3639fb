"""Version-manager layouts built on disk for the real tests (GE140, GE141, GE801 on version files): the testbed's
real Go trees placed where asdf, gvm … keep their installs, and shims that are scripts (never run: the probe reads
that they are scripts and refuses them). The managers themselves are never installed or run."""

from __future__ import annotations

from pathlib import Path

import testbed

SHIM = '#!/usr/bin/env bash\n# asdf-plugin: golang\nexec "$HOME/.asdf/bin/asdf" exec "go" "$@"\n'


def asdf(home: Path, *versions: str) -> Path:
    """~/.asdf with golang installs (the testbed's trees, linked in) and a go shim; returns the shims directory."""
    for version in versions:
        install = home / ".asdf/installs/golang" / version
        install.mkdir(parents=True)
        (install / "go").symlink_to(testbed.go_root(version))
    shims = home / ".asdf/shims"
    shims.mkdir(parents=True, exist_ok=True)
    (shims / "go").write_text(SHIM)
    (shims / "go").chmod(0o755)
    return shims


def gvm(home: Path, default: str, *versions: str) -> Path:
    """~/.gvm with gos/go<version> trees and environments/default naming ``default``; returns gvm's bin."""
    for version in versions:
        (home / ".gvm/gos").mkdir(parents=True, exist_ok=True)
        (home / ".gvm/gos" / f"go{version}").symlink_to(testbed.go_root(version))
    (home / ".gvm/environments").mkdir(parents=True)
    (home / ".gvm/environments/default").write_text(
        f'export GVM_ROOT; GVM_ROOT="{home}/.gvm"\nexport gvm_go_name; gvm_go_name="go{default}"\n'
        f'export GOROOT; GOROOT="$GVM_ROOT/gos/go{default}"\n')
    (home / ".gvm/bin").mkdir(parents=True)
    return home / ".gvm/bin"


def workspace(root: Path, go_line: str, files: dict[str, str]) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    (root / "go.mod").write_text(f"module example.com/app\n\ngo {go_line}\n")
    (root / "main.go").write_text("package main\n\nfunc main() {}\n")
    for name, text in files.items():
        (root / name).write_text(text)
    return root
