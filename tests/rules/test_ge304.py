"""GE304 editor-go-env-differs: go variables VS Code settings give the editor's go commands, against the
terminal's `go env` (a real go with a real GOENV file in the real test)."""

from __future__ import annotations

import json

import factsbuilder as fb
import pytest
import realgo
import testbed
from ge3help import SETTINGS, real, run, with_settings, write_settings
from realgo import apply, go

from goenv_lsp.model import Applicability, Severity
from goenv_lsp.rules.ge3_editor.ge304_editor_go_env_differs import check as GE304

tool_fixture, gocache_fixture = realgo.tool_fixture, realgo.gocache_fixture


def env_settings(tools: dict | None = None, gopls: dict | None = None, **changes):
    data: dict = {}
    if tools is not None:
        data["go.toolsEnvVars"] = tools
    if gopls is not None:
        data["gopls"] = {"build.env": gopls}
    return with_settings(json.dumps(data, indent=2), **changes)


def test_tools_env_vars_goflags_differs_is_info_on_the_value_with_a_removal() -> None:
    [finding] = run(GE304, env_settings({"GOFLAGS": "-mod=vendor"}, go_binaries=(fb.go_binary(GOFLAGS=""),)))
    assert (finding.code, finding.severity) == ("GE304", Severity.INFO)
    assert finding.location.path == SETTINGS and finding.location.range.start.line == 2
    assert "GOFLAGS=-mod=vendor" in finding.message and "`go env GOFLAGS` in the terminal is empty" in finding.message
    [fix] = finding.fixes
    assert fix.applicability is Applicability.SAFE and fix.edits[0].new_text == ""


def test_gopls_build_env_and_plain_env() -> None:
    goos, = run(GE304, env_settings(gopls={"GOOS": "windows"}, go_binaries=(fb.go_binary(GOOS="linux"),)))
    assert "the go commands gopls runs GOOS=windows" in goos.message and "'linux'" in goos.message
    [proxy] = run(GE304, with_settings('{"gopls": {"env": {"GOPROXY": "off"}}}',
                                       go_binaries=(fb.go_binary(GOPROXY="https://proxy.golang.org,direct"),)))
    assert "GOPROXY=off" in proxy.message


def test_gotoolchain_is_compared_with_the_users_own_value_not_the_probes_local() -> None:
    [finding] = run(GE304, env_settings({"GOTOOLCHAIN": "local"}))
    assert "is 'auto' ($GOROOT/go.env" in finding.message
    assert run(GE304, env_settings({"GOTOOLCHAIN": "auto"})) == []


def test_goroot_only_in_gopls_build_env() -> None:
    assert run(GE304, env_settings({"GOROOT": "/opt/go"})) == []  # GE301/GE302's
    [finding] = run(GE304, env_settings(gopls={"GOROOT": "/opt/go"}))
    assert "GOROOT=/opt/go" in finding.message


@pytest.mark.parametrize("tools", [{"GOFLAGS": ""}, {"GOFLAGS": " -mod=mod "}, {"CGO_CFLAGS": "-O2"},
                                   {"GOPROXY": "https://proxy.golang.org,direct"}, {"GOOS": True}, {"GOPATH": "/x"}])
def test_same_empty_or_uncompared_values_are_quiet(tools: dict) -> None:
    facts = env_settings(tools, go_binaries=(fb.go_binary(GOFLAGS="-mod=mod", GOPROXY="https://proxy.golang.org,direct"),))
    assert run(GE304, facts) == []


def test_unknown_terminal_is_quiet() -> None:
    assert run(GE304, env_settings({"GOFLAGS": "-mod=vendor"}, go_binaries=())) == []


@pytest.mark.realgo
def test_real_go_env_from_the_goenv_file(tool) -> None:
    go_bin, env, ws = tool("1.27.3")
    testbed.write_goenv(env, GOFLAGS="-mod=mod")
    path = write_settings(ws, '{\n  "go.toolsEnvVars": {\n    "GOFLAGS": "-mod=vendor",\n    "CC": "clang"\n  }\n}\n')
    [finding] = real(GE304, ws, env)
    terminal = go(go_bin, ["env", "GOFLAGS"], ws, env).stdout.strip()
    editor = go(go_bin, ["env", "GOFLAGS"], ws, env, GOFLAGS="-mod=vendor").stdout.strip()  # as vscode-go runs go
    assert (terminal, editor) == ("-mod=mod", "-mod=vendor")
    assert f"GOFLAGS={editor}, but `go env GOFLAGS` in the terminal is '{terminal}' (GOENV file " in finding.message
    apply(finding.fixes[0])
    assert json.loads(path.read_text()) == {"go.toolsEnvVars": {"CC": "clang"}}
    assert real(GE304, ws, env) == []
