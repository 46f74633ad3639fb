"""Helpers for the Dockerfile rule tests (GE802, GE810, GE812–GE814): a fake machine with a go 1.27.3 module
and the Dockerfiles given, probed by the collector; the findings of one rule."""

from __future__ import annotations

import asyncio
import textwrap

from goenv_lsp.engine import evaluate
from goenv_lsp.facts import Facts
from goenv_lsp.model import Finding
from goenv_lsp.probe import ProbeOptions, collect
from goenv_lsp.probe.fake import FakeSystem
from goenv_lsp.rules.registry import Rule

GO_MOD = "module example.com/app\n\ngo 1.27.3\n"


def facts_with(files: dict[str, str], go_mod: str = GO_MOD) -> Facts:
    """/w/go.mod and ``files`` (path under /w → text, dedented) on a Linux machine with Go 1.27.3."""
    data = {"env": {"HOME": "/home/dev", "PATH": "/usr/local/go/bin"},
            "files": {"/w/go.mod": go_mod, **{f"/w/{p}": textwrap.dedent(t) for p, t in files.items()}},
            "go": [{"root": "/usr/local/go", "version": "1.27.3"}]}
    return asyncio.run(collect("/w", ProbeOptions(), FakeSystem.from_data(data)))


def findings(check: Rule, dockerfile: str, go_mod: str = GO_MOD, **more: str) -> list[Finding]:
    """What ``check`` reports for /w/Dockerfile (and ``more`` files, their names with __ for /)."""
    files = {"Dockerfile": dockerfile, **{k.replace("__", "/"): v for k, v in more.items()}}
    return evaluate(facts_with(files, go_mod), rules=[check])


def lines(finding: Finding) -> tuple[int, int]:
    """(line, character) where a finding starts, 1-based line."""
    start = finding.location.range.start
    return start.line + 1, start.character
