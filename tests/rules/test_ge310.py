"""GE310 goland-modules-integration-off: VgoProject integration-enabled false next to a go.mod."""

from __future__ import annotations

import pytest
import realgo
from realgo import apply, facts_of

from goenv_lsp.engine import evaluate
from goenv_lsp.facts import PathFlavor, PathOps, Status
from goenv_lsp.files.base import ParseContext
from goenv_lsp.files.goland_workspace import parse_goland_workspace
from goenv_lsp.model import Applicability, Range, Severity
from goenv_lsp.rules.ge3_editor.ge310_goland_modules_integration_off import check as GE310

tool_fixture, gocache_fixture = realgo.tool_fixture, realgo.gocache_fixture
XML = ('<?xml version="1.0" encoding="UTF-8"?>\n<project version="4">\n  <component name="VgoProject">\n'
       "    <integration-enabled>{value}</integration-enabled>\n    <settings-migrated>true</settings-migrated>\n"
       "  </component>\n</project>\n")


def parse(text: str):
    ctx = ParseContext(root="/work/app", home="/home/dev", paths=PathOps(PathFlavor.POSIX))
    return parse_goland_workspace(text.encode(), "/work/app/.idea/workspace.xml", ctx)


@pytest.mark.parametrize(("value", "text"), [("false", "false"), (" true\n    ", "true"), ("&#102;alse", "false")])
def test_parser_reads_the_switch_and_its_span(value: str, text: str) -> None:
    facts = parse(XML.format(value=value))
    assert facts.status is Status.OK and facts.modules_integration is not None
    assert facts.modules_integration.value == text
    line = XML.format(value=value).splitlines()[3]
    found = facts.modules_integration.range
    assert found.start.line == 3 and line[found.start.character:found.end.character] == value.strip()


def test_absent_element_is_none() -> None:
    assert parse('<project version="4"><component name="VgoProject"/></project>').modules_integration is None
    assert parse('<project version="4"/>').modules_integration is None


@pytest.mark.realgo
def test_real_project_on_disk_and_the_fix(tool) -> None:
    _, env, ws = tool("1.27.3")
    (ws / "go.mod").write_text("module example.com/app\n\ngo 1.22\n")
    (ws / ".idea").mkdir()
    (ws / ".idea/workspace.xml").write_text(XML.format(value="false"))
    [finding] = evaluate(facts_of(ws, env), rules=[GE310])
    assert (finding.code, finding.severity) == ("GE310", Severity.WARNING)
    assert finding.location.range == Range.of(3, 25, 30)
    assert finding.fixes[0].applicability is Applicability.SAFE
    apply(finding.fixes[0])
    assert "<integration-enabled>true</integration-enabled>" in (ws / ".idea/workspace.xml").read_text()
    assert evaluate(facts_of(ws, env), rules=[GE310]) == []
    (ws / "go.mod").unlink()
    (ws / ".idea/workspace.xml").write_text(XML.format(value="false"))
    assert evaluate(facts_of(ws, env), rules=[GE310]) == []  # GOPATH mode: off is right
