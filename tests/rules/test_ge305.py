"""GE305 build-flag-with-space: a flag and its value in one entry, and what the real go says of it."""

from __future__ import annotations

import json

import pytest
import realgo
import testbed
from ge3help import SETTINGS, real, run, with_settings, write_settings
from realgo import apply, backticked, go

from goenv_lsp.model import Applicability, Range, Severity
from goenv_lsp.rules.ge3_editor.ge305_build_flag_with_space import check as GE305

tool_fixture, gocache_fixture = realgo.tool_fixture, realgo.gocache_fixture


def test_flag_and_value_joined_with_equals() -> None:
    [finding] = run(GE305, with_settings('{\n  "go.buildFlags": ["-trimpath", "-tags integration"]\n}\n'))
    assert (finding.code, finding.severity) == ("GE305", Severity.ERROR)
    assert finding.location.path == SETTINGS and finding.location.range == Range.of(1, 33, 52)
    assert "`flag provided but not defined: -tags integration`" in finding.message
    [fix] = finding.fixes
    assert fix.applicability is Applicability.SAFE and fix.edits[0].new_text == '"-tags=integration"'


def test_two_flags_become_two_entries_in_gopls_build_flags() -> None:
    [finding] = run(GE305, with_settings('{"gopls": {"build.buildFlags": ["-race -v"]}}'))
    assert finding.fixes[0].edits[0].new_text == '"-race", "-v"'
    assert "`flag provided but not defined: -race -v`" in finding.message


def test_the_flag_name_go_reports_ends_at_equals() -> None:
    [finding] = run(GE305, with_settings('{"go.testFlags": ["-run TestA=1"]}'))
    assert "every test run fails with `flag provided but not defined: -run TestA`" in finding.message


@pytest.mark.parametrize("flags", [["-ldflags=-s -w"], ["-tags", "integration"], ["-tags=a,b"], [" -tags x"], [],
                                   [1, "-x"]])
def test_well_formed_or_other_entries_are_quiet(flags: list) -> None:
    assert run(GE305, with_settings(json.dumps({"go.buildFlags": flags, "gopls": {"buildFlags": flags}}))) == []


def test_other_extensions_flags_are_not_read() -> None:
    assert run(GE305, with_settings('{"go.lintFlags": ["--enable all"], "python.args": ["-m x"]}')) == []


@pytest.mark.realgo
@pytest.mark.parametrize(("entry", "command"), [("-tags integration", "build"), ("-trimpath -v", "build"),
                                                ("-count 1", "test")])
def test_real_go_rejects_the_entry_and_accepts_the_fix(tool, entry: str, command: str) -> None:
    go_bin, env, ws = tool("1.27.3")
    env["GOCACHE"] = str(testbed.CACHE / "gocache-ge6")  # warm across runs: the standard library is built once
    key = "go.testFlags" if command == "test" else "go.buildFlags"
    path = write_settings(ws, json.dumps({key: [entry]}, indent=2) + "\n")
    (ws / "main.go").write_text("package main\n\nfunc main() {}\n")
    (ws / "main_test.go").write_text('package main\n\nimport "testing"\n\nfunc TestA(t *testing.T) {}\n')
    [finding] = real(GE305, ws, env)
    ran = go(go_bin, [command, entry, "."], ws, env)  # vscode-go passes each entry as one argument
    assert ran.returncode != 0 and backticked(finding.message) in ran.stderr + ran.stdout  # go test: the test binary's
    apply(finding.fixes[0])
    fixed = json.loads(path.read_text())[key]
    assert go(go_bin, [command, *fixed, "."], ws, env).returncode == 0
    assert real(GE305, ws, env) == []
