"""GE313 goland-sdk-too-old: GoLand's project SDK older than the module's go line."""

from __future__ import annotations

from pathlib import Path

import factsbuilder as fb
import pytest
import testbed
from realgo import apply, facts_of, go

from goenv_lsp.engine import evaluate
from goenv_lsp.facts import Spanned
from goenv_lsp.model import Applicability, Range, Severity
from goenv_lsp.rules.ge3_editor.ge313_goland_sdk_too_old import check as GE313

XML = ('<?xml version="1.0" encoding="UTF-8"?>\n<project version="4">\n  <component name="GOROOT" url="{url}" />\n'
       "</project>\n")


def facts_with_sdk(version: str, go_line: str = "1.27.3", root: str | None = None, **changes):
    root = root or f"{fb.HOME}/sdk/go{version}"
    sdk = fb.go_binary(version, root=root, path_index=None, origins=("idea",))
    idea = fb.goland(goroot=Spanned(root, Range.of(2, 31, 66)), goroot_raw=f"file://{root}")
    return fb.healthy(go_binaries=(fb.go_binary(), sdk), idea=idea, go_mod=fb.go_mod(go_line), **changes)


def test_older_sdk_warns_on_the_goroot_with_the_go_line_related() -> None:
    [finding] = evaluate(facts_with_sdk("1.22.10"), rules=[GE313])
    assert (finding.code, finding.severity) == ("GE313", Severity.WARNING)
    assert finding.location.range == Range.of(2, 31, 66)
    assert "is go1.22.10, older than `go 1.27.3` in go.mod" in finding.message
    assert finding.related[0].location.path == f"{fb.ROOT}/go.mod"
    [fix] = finding.fixes  # the go on PATH (1.27.3 in /usr/local): no macro for it
    assert fix.applicability is Applicability.UNSAFE and fix.edits[0].new_text == '"file:///usr/local/go1.27.3"'


def test_two_part_go_line_and_an_sdk_of_that_line() -> None:
    assert evaluate(facts_with_sdk("1.22.0", go_line="1.22"), rules=[GE313]) == []
    assert evaluate(facts_with_sdk("1.27.3"), rules=[GE313]) == []


def test_no_go_new_enough_gives_no_fix() -> None:
    [finding] = evaluate(facts_with_sdk("1.22.10", go_line="1.28.0"), rules=[GE313])
    assert finding.fixes == ()


@pytest.mark.parametrize("changes", [{"go_mod": None}, {"idea": None}])
def test_nothing_to_compare_is_quiet(changes: dict) -> None:
    facts = facts_with_sdk("1.22.10")
    slots = {"idea": facts.file(f"{fb.ROOT}/.idea/workspace.xml"), "go_mod": fb.go_mod(), **changes}
    assert evaluate(fb.healthy(go_binaries=facts.go_binaries, **slots), rules=[GE313]) == []


@pytest.mark.realgo
def test_real_sdk_older_than_go_line(go127: Path, go122: Path, go_env: testbed.EnvFactory, tmp_path: Path) -> None:
    ws = tmp_path / "ws"
    (ws / ".idea").mkdir(parents=True)
    (ws / "go.mod").write_text("module example.com/app\n\ngo 1.27.3\n")
    (ws / "main.go").write_text("package main\n\nfunc main() {}\n")
    (ws / ".idea/workspace.xml").write_text(XML.format(url=f"file://{go122}"))
    env = go_env([go127 / "bin"])
    [finding] = evaluate(facts_of(ws, env), rules=[GE313])
    assert "go1.22.10, older than `go 1.27.3`" in finding.message
    sdk_go = go(go122 / "bin", ["build", "./..."], ws, env, GOTOOLCHAIN="local")  # what GoLand's go does offline
    assert "go: go.mod requires go >= 1.27.3 (running go 1.22.10; GOTOOLCHAIN=local)" in sdk_go.stderr
    apply(finding.fixes[0])
    assert f'url="file://{go127}"' in (ws / ".idea/workspace.xml").read_text()
    assert evaluate(facts_of(ws, env), rules=[GE313]) == []
