"""GE306 language-server-disabled: go.useLanguageServer false."""

from __future__ import annotations

import factsbuilder as fb
import pytest
import realgo
from ge3help import SETTINGS, real, run, with_settings, write_settings
from realgo import apply

from goenv_lsp.model import Applicability, Range, Severity
from goenv_lsp.rules.ge3_editor.ge306_language_server_disabled import check as GE306

tool_fixture, gocache_fixture = realgo.tool_fixture, realgo.gocache_fixture


def test_false_warns_on_the_value_and_sets_it_true() -> None:
    [finding] = run(GE306, with_settings('{\n  "go.useLanguageServer": false\n}\n'))
    assert (finding.code, finding.severity) == ("GE306", Severity.WARNING)
    assert finding.location.path == SETTINGS and finding.location.range == Range.of(1, 26, 31)
    [fix] = finding.fixes
    assert fix.applicability is Applicability.SAFE and fix.edits[0].new_text == "true"


@pytest.mark.parametrize("value", ["true", '"false"', "null", "0"])
def test_anything_but_false_is_quiet(value: str) -> None:
    assert run(GE306, with_settings(f'{{"go.useLanguageServer": {value}}}')) == []


def test_no_settings_file_is_quiet() -> None:
    assert run(GE306, with_settings("{}")) == [] and run(GE306, fb.healthy()) == []


@pytest.mark.realgo
def test_real_settings_file_and_its_fix(tool) -> None:
    _, env, ws = tool("1.27.3")
    write_settings(ws, '{\n  // off since 2019\n  "go.useLanguageServer": false,\n  "go.lintTool": "staticcheck"\n}\n')
    [finding] = real(GE306, ws, env)
    apply(finding.fixes[0])
    assert '"go.useLanguageServer": true,' in (ws / ".vscode/settings.json").read_text()
    assert real(GE306, ws, env) == []
