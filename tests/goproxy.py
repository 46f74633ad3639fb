"""An offline module proxy for real-toolchain tests: a directory laid out as the GOPROXY protocol wants
(``<escaped path>/@v/list``, ``<version>.info``, ``.mod``, ``.zip``), served to the go command as
``GOPROXY=file://<dir>``. Modules are written here from their files; nothing is downloaded.
"""

from __future__ import annotations

import json
import zipfile
from collections.abc import Mapping
from pathlib import Path


def escape(module_path: str) -> str:
    """The module proxy's case escaping (golang.org/x/mod/module.EscapePath): ``A`` becomes ``!a``."""
    return "".join(f"!{c.lower()}" if c.isupper() else c for c in module_path)


def proxy_url(proxy: Path) -> str:
    return proxy.resolve().as_uri()


def add_module(proxy: Path, path: str, version: str, go_mod: str | None = None,
               files: Mapping[str, str] | None = None, time: str = "2026-01-01T00:00:00Z") -> str:
    """Publish ``path@version`` in ``proxy``; ``go_mod`` defaults to ``module PATH`` with ``go 1.21``, ``files``
    to one Go file of package ``p``. Returns the go.mod text served (the ``.mod`` file)."""
    go_mod = go_mod if go_mod is not None else f"module {path}\n\ngo 1.21\n"
    files = dict(files if files is not None else {"p.go": "package p\n\nconst V = 1\n"})
    versions = proxy / escape(path) / "@v"
    versions.mkdir(parents=True, exist_ok=True)
    (versions / f"{version}.mod").write_text(go_mod, encoding="utf-8")
    (versions / f"{version}.info").write_text(json.dumps({"Version": version, "Time": time}), encoding="utf-8")
    with zipfile.ZipFile(versions / f"{version}.zip", "w") as archive:
        archive.writestr(f"{path}@{version}/go.mod", go_mod)
        for name, text in files.items():
            archive.writestr(f"{path}@{version}/{name}", text)
    listed = versions / "list"
    known = listed.read_text(encoding="utf-8").split() if listed.exists() else []
    listed.write_text("".join(f"{v}\n" for v in sorted({*known, version})), encoding="utf-8")
    return go_mod
