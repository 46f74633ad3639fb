"""Helpers for the GE6xx real-toolchain tests: small programs built with the real go (a build cache shared
across runs, so a build takes well under a second once warm) and the findings of a `check --format json`."""

from __future__ import annotations

import subprocess
from pathlib import Path

import testbed

CACHE = testbed.CACHE / "gocache-ge6"
HELLO = "package main\n\nfunc main() { println(\"hello\") }\n"
CGO = "package main\n\n// int one(void) { return 1; }\nimport \"C\"\n\nfunc main() { println(C.one()) }\n"


def module(where: Path, path: str = "example.com/hello", **files: str) -> Path:
    """A module at ``where`` with ``files`` (name → text; a main.go printing hello unless given)."""
    where.mkdir(parents=True, exist_ok=True)
    (where / "go.mod").write_text(f"module {path}\n\ngo 1.22\n")
    for name, text in (files or {"main.go": HELLO}).items():
        (where / name).parent.mkdir(parents=True, exist_ok=True)
        (where / name).write_text(text)
    return where


def go(env: dict[str, str], cwd: Path, *args: str, **extra: str) -> subprocess.CompletedProcess:
    """The real go, with the shared build cache."""
    return subprocess.run(["go", *args], cwd=cwd, env={**env, "GOCACHE": str(CACHE), **extra},
                          capture_output=True, text=True, timeout=300)


def codes(report: dict) -> set[str]:
    return {f["code"] for f in report["findings"]}


def only(report: dict, code: str) -> dict:
    [finding] = [f for f in report["findings"] if f["code"] == code]
    return finding
