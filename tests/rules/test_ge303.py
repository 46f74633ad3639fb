"""GE303 vscode-gopath-differs: placeholders vscode-go does not substitute in go.gopath / go.toolsGopath, and a
go.gopath other than the terminal's GOPATH — against the real go's own error and `go env GOPATH`."""

from __future__ import annotations

import json

import factsbuilder as fb
import pytest
import realgo
from ge3help import SETTINGS, real, run, with_settings, write_settings
from realgo import apply, backticked, go

from goenv_lsp.facts import Facts, PathFlavor, PathOps
from goenv_lsp.model import Applicability, Severity
from goenv_lsp.rules.ge3_editor.ge303_vscode_gopath_differs import check as GE303
from goenv_lsp.semantics.editor_paths import expand_setting_path

tool_fixture, gocache_fixture = realgo.tool_fixture, realgo.gocache_fixture


def settings(**values: object) -> Facts:
    return with_settings(json.dumps({k.replace("_", "."): v for k, v in values.items()}, indent=2))


@pytest.mark.parametrize(("value", "fixed"), [("$HOME/go", "~/go"), ("${HOME}/go", "~/go"),
                                              ("${userHome}/go", "~/go"), ("$GOROOT_BASE/go", "${env:GOROOT_BASE}/go")])
def test_placeholders_vscode_go_leaves_are_rewritten(value: str, fixed: str) -> None:
    [finding] = run(GE303, settings(go_gopath=value))
    assert (finding.code, finding.severity) == ("GE303", Severity.WARNING)
    assert finding.location.path == SETTINGS and finding.location.range.start.line == 1
    assert "GOPATH entry is relative; must be absolute path" in finding.message
    [fix] = finding.fixes
    assert fix.applicability is Applicability.SAFE and json.loads(fix.edits[0].new_text) == fixed


def test_placeholder_in_an_absolute_path_is_named_literally() -> None:
    [finding] = run(GE303, settings(go_toolsGopath="/opt/$USER/tools"))
    assert "go gets the directory /opt/$USER/tools, named literally" in finding.message


def test_missing_env_variable_is_only_info() -> None:
    [finding] = run(GE303, settings(go_gopath="${env:NOT_SET}/go"))
    assert finding.severity is Severity.INFO and '"/go"' in finding.message and finding.fixes == ()


@pytest.mark.parametrize("value", [f"{fb.HOME}/go", "~/go", "${env:HOME}/go", "~/go/"])
def test_gopath_written_any_way_vscode_go_reads_is_quiet(value: str) -> None:
    assert run(GE303, settings(go_gopath=value, go_toolsGopath="~/tools")) == []


def test_another_gopath_is_reported_and_removed() -> None:
    [finding] = run(GE303, with_settings('{\n  "go.gopath": "/srv/gopath",\n  "go.lintTool": "x"\n}\n'))
    assert "GOPATH=/srv/gopath" in finding.message and f"is {fb.HOME}/go" in finding.message
    [fix] = finding.fixes
    assert fix.edits[0].new_text == "" and fix.edits[0].range.start.line == 1 and fix.edits[0].range.end.line == 2


def test_infer_gopath_or_an_unknown_go_is_quiet() -> None:
    assert run(GE303, settings(go_gopath="/srv/gopath", go_inferGopath=True)) == []
    assert run(GE303, with_settings('{"go.gopath": "/srv/gopath"}', go_binaries=())) == []


def test_user_level_setting_is_read_without_a_fix() -> None:
    [finding] = run(GE303, fb.healthy(user_settings={"go.gopath": "$HOME/go"}))
    assert finding.message.startswith('your user setting "go.gopath"') and finding.fixes == ()


@pytest.mark.realgo
def test_real_go_fails_as_predicted_and_the_fix_clears_it(tool) -> None:
    go_bin, env, ws = tool("1.27.3")
    path = write_settings(ws, '{\n  "go.gopath": "$HOME/go"\n}\n')
    [finding] = real(GE303, ws, env)
    vscode_go_gopath = json.loads(path.read_text())["go.gopath"]  # vscode-go passes it unchanged
    ran = go(go_bin, ["env", "GOPATH"], ws, env, GOPATH=vscode_go_gopath)
    assert ran.returncode != 0 and ran.stderr.startswith(backticked(finding.message))
    apply(finding.fixes[0])
    assert json.loads(path.read_text())["go.gopath"] == "~/go"
    assert real(GE303, ws, env) == []


@pytest.mark.realgo
def test_real_go_env_gopath_is_what_go_gopath_is_compared_with(tool) -> None:
    go_bin, env, ws = tool("1.27.3")
    terminal = go(go_bin, ["env", "GOPATH"], ws, env).stdout.strip()
    write_settings(ws, json.dumps({"go.gopath": terminal}))
    assert real(GE303, ws, env) == []
    path = write_settings(ws, '{\n  "go.gopath": "${workspaceFolder}/.gopath"\n}\n')
    [finding] = real(GE303, ws, env)
    editor = expand_setting_path("${workspaceFolder}/.gopath", str(ws), env["HOME"], env, PathOps(PathFlavor.POSIX))
    assert f"GOPATH={editor}, but `go env GOPATH` in the terminal is {terminal}:" in finding.message
    apply(finding.fixes[0])
    assert json.loads(path.read_text()) == {}
    assert real(GE303, ws, env) == []
