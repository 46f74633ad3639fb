"""GE307 gopls-flag-rejected: go.languageServerFlags that gopls' command line rejects — proved with a real
gopls (Debian's, run by the test from the test bed, never from a workspace)."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
import realgo
from ge3help import SETTINGS, real, run, with_settings, write_settings
from realgo import apply, backticked

from goenv_lsp.model import Applicability, Severity
from goenv_lsp.rules.ge3_editor.ge307_gopls_flag_rejected import check as GE307

tool_fixture, gocache_fixture = realgo.tool_fixture, realgo.gocache_fixture


def flags_findings(flags: list) -> list:
    return run(GE307, with_settings(json.dumps({"go.languageServerFlags": flags}, indent=2)))


def test_build_flag_is_rejected_with_gos_flag_package_words() -> None:
    [finding] = flags_findings(["-rpc.trace", "-mod=readonly"])
    assert (finding.code, finding.severity) == ("GE307", Severity.ERROR)
    assert finding.location.path == SETTINGS and finding.location.range.start.line == 3
    assert backticked(finding.message) == "flag provided but not defined: -mod"
    assert '"build.buildFlags"' in finding.message
    [fix] = finding.fixes
    assert fix.applicability is Applicability.SAFE and fix.edits[0].new_text == '["-rpc.trace"]'


def test_setting_as_flag_and_a_stray_word() -> None:
    first, second = flags_findings(["--staticcheck", "build.buildFlags", "-mod=mod"])
    assert backticked(first.message) == "flag provided but not defined: -staticcheck"
    assert 'belongs in the "gopls" object' in first.message
    assert "as a command name" in second.message  # what follows is that command's arguments: not parsed


@pytest.mark.parametrize("flags", [
    [], ["-rpc.trace"], ["-logfile", "/tmp/x.log", "-rpc.trace"], ["-remote=auto", "serve", "-v"],
    ["--debug=:6060", "-vv"], ["-listen.timeout", "1m"], ["serve", "-mode=stdio"], ["-port=1"], ["-ocagent=off"],
])
def test_flags_some_gopls_accepts_are_quiet(flags: list[str]) -> None:
    assert flags_findings(flags) == []


def test_value_flag_takes_the_next_entry() -> None:
    assert flags_findings(["-logfile", "-mod=x"]) == []  # "-mod=x" is the log file's name here


def test_not_a_list_of_strings_is_left_alone() -> None:
    assert run(GE307, with_settings('{"go.languageServerFlags": "-mod=mod"}')) == []
    assert run(GE307, with_settings('{"go.languageServerFlags": ["-mod=mod", 1]}')) == []


def gopls_says(gopls: Path, flags: list[str]) -> subprocess.CompletedProcess:
    """gopls started as vscode-go starts it (`gopls <flags…>`), with stdin closed so a server stops at once."""
    return subprocess.run([str(gopls), *flags], capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL,
                          env={"PATH": "/nonexistent", "HOME": "/nonexistent"})


@pytest.mark.realgo
@pytest.mark.parametrize("flags", [["-mod=readonly"], ["-rpc.trace", "-tags=integration"],
                                   ["-build.directoryFilters=-node_modules"]])
def test_real_gopls_rejects_the_flag_named(tool, debian_gopls: Path, flags: list[str]) -> None:
    _, env, ws = tool("1.27.3")
    write_settings(ws, json.dumps({"go.languageServerFlags": flags}))
    [finding] = real(GE307, ws, env)
    said = gopls_says(debian_gopls, flags)
    assert said.returncode == 2 and said.stderr.startswith(backticked(finding.message) + "\n")
    apply(finding.fixes[0])
    kept = json.loads((ws / ".vscode/settings.json").read_text())["go.languageServerFlags"]
    assert real(GE307, ws, env) == []
    assert gopls_says(debian_gopls, [*kept, "version"]).returncode == 0  # the fixed flags parse
