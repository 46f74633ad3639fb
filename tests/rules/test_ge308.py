"""GE308 setting-unknown: go.* and gopls settings nothing reads, with a "did you mean"."""

from __future__ import annotations

import json

import pytest
import realgo
from ge3help import SETTINGS, real, run, with_settings, write_settings
from realgo import apply, facts_of

from goenv_lsp.engine import evaluate
from goenv_lsp.model import Applicability, Range, Severity
from goenv_lsp.rules.ge3_editor._vscode import known_settings
from goenv_lsp.rules.ge3_editor.ge308_setting_unknown import check as GE308

tool_fixture, gocache_fixture = realgo.tool_fixture, realgo.gocache_fixture


def test_invented_setting_from_the_seeds_is_on_the_key_with_the_real_one() -> None:
    [finding] = run(GE308, with_settings('{\n  "go.goplsPath": "/x/gopls"\n}\n'))
    assert (finding.code, finding.severity) == ("GE308", Severity.WARNING)
    assert finding.location.path == SETTINGS and finding.location.range == Range.of(1, 2, 16)
    assert '"go.alternateTools": {"gopls": "…"}' in finding.message and finding.fixes == ()


def test_near_miss_is_renamed() -> None:
    [finding] = run(GE308, with_settings('{"go.lintTol": "staticcheck"}'))
    assert "did you mean go.lintTool?" in finding.message
    [fix] = finding.fixes
    assert fix.applicability is Applicability.SAFE and fix.edits[0].new_text == '"go.lintTool"'


def test_removed_setting_names_the_last_release() -> None:
    [finding] = run(GE308, with_settings('{"go.useCodeSnippetsOnFunctionSuggest": true}'))
    assert "v0.39.1" in finding.message


def test_gopls_members_by_their_last_segment() -> None:
    assert run(GE308, with_settings('{"gopls": {"ui.semanticTokens": true, "semanticTokens": true, '
                                    '"x.y.staticcheck": true, "build.env": {"GOFLAGS": "-mod=mod"}}}')) == []
    [finding] = run(GE308, with_settings('{"gopls": {"ui.semanticTokenz": true}}'))
    assert 'did you mean "ui.semanticTokens"?' in finding.message
    assert finding.fixes[0].edits[0].new_text == '"ui.semanticTokens"'


def test_gopls_variables_in_env_maps() -> None:
    found = run(GE308, with_settings('{"go.toolsEnvVars": {"GOPLS_GO_VERSION": "1.20", "GOFLAGS": ""},'
                                     ' "gopls": {"env": {"GOPLS_GO_VERSION": "1.20", "GOPLSCACHE": "/c"}}}'))
    assert [f.message.split(" in ")[0] for f in found] == ["GOPLS_GO_VERSION", "GOPLS_GO_VERSION"]


@pytest.mark.parametrize("key", sorted(known_settings().vscode_go))
def test_every_contributed_setting_is_quiet(key: str) -> None:
    assert run(GE308, with_settings(json.dumps({key: None if key != "gopls" else {}}))) == []


def test_other_extensions_and_nested_forms_are_quiet() -> None:
    text = json.dumps({"golangci-lint.x": 1, "editor.go": 1, "[go]": {"go.formatTool": "x"}, "gopls": 1,
                       "go.testExplorer": {"enable": True}, "go.gotoSymbol.includeImports": True,
                       "go.inlayHints": {"parameterNames": True}})
    assert run(GE308, with_settings(text)) == []


@pytest.mark.realgo
def test_real_settings_file_and_the_rename(tool) -> None:
    _, env, ws = tool("1.27.3")
    path = write_settings(ws, '{\n  "go.toolsManagment.autoUpdate": true,\n  "go.formatTool": "gofumpt"\n}\n')
    [finding] = real(GE308, ws, env)
    apply(finding.fixes[0])
    assert json.loads(path.read_text()) == {"go.toolsManagement.autoUpdate": True, "go.formatTool": "gofumpt"}
    assert real(GE308, ws, env) == []


ORDINARY = """{
  // what a Go project commonly has
  "go.lintTool": "golangci-lint",
  "go.lintFlags": ["--fast"],
  "go.toolsManagement.autoUpdate": true,
  "go.useLanguageServer": true,
  "go.languageServerFlags": ["-rpc.trace", "-logfile=/tmp/gopls.log"],
  "go.buildFlags": ["-tags=integration"],
  "go.testFlags": ["-count=1", "-v"],
  "go.toolsEnvVars": {"CGO_CFLAGS": "-O2"},
  "go.gopath": "~/go",
  "go.testExplorer.enable": true,
  "go.inlayHints.parameterNames": true,
  "gopls": {
    "ui.semanticTokens": true,
    "formatting.gofumpt": true,
    "build.directoryFilters": ["-node_modules"],
    "ui.diagnostic.analyses": {"unusedparams": true},
  },
  "[go]": {"editor.formatOnSave": true, "editor.codeActionsOnSave": {"source.organizeImports": "explicit"}},
  "editor.rulers": [100],
}
"""


@pytest.mark.realgo
def test_real_ordinary_settings_are_quiet_for_every_editor_rule(tool) -> None:
    from goenv_lsp.rules import all_rules

    _, env, ws = tool("1.27.3")
    write_settings(ws, ORDINARY)
    (ws / ".devcontainer").mkdir()
    (ws / ".devcontainer/devcontainer.json").write_text(
        '{"image": "mcr.microsoft.com/devcontainers/go:1-1.27-bookworm", "postCreateCommand": "go mod download"}')
    rules = [r for r in all_rules() if r.code.startswith(("GE3", "GE801", "GE811"))]
    assert evaluate(facts_of(ws, env), rules=rules) == []


def test_every_gopls_setting_vscode_go_contributes_is_known() -> None:
    gopls = {k: None for k in ("ui.diagnostic.staticcheckProvided", "ui.completion.usePlaceholders",
                               "build.expandWorkspaceToModule", "ui.navigation.symbolScope", "build.standaloneTags")}
    assert run(GE308, with_settings(json.dumps({"gopls": gopls}))) == []
