"""GE301 editor-sdk-missing: an editor setting names a Go SDK that does not exist."""

from __future__ import annotations

import json
import os
from dataclasses import replace
from pathlib import Path

import factsbuilder as fb
import pytest
import testbed

from goenv_lsp.engine import evaluate
from goenv_lsp.facts import Facts, GoBinary, Spanned, Status
from goenv_lsp.model import Applicability, Finding, Location, Range, Severity, TextEdit
from goenv_lsp.rules.ge3_editor.ge301_editor_sdk_missing import check as GE301

SETTINGS = f"{fb.ROOT}/.vscode/settings.json"
WORKSPACE_XML = f"{fb.ROOT}/.idea/workspace.xml"
ACTIVE_ROOT = "/usr/local/go1.27.3"
ACTIVE_GO = f"{ACTIVE_ROOT}/bin/go"


def findings(facts: Facts) -> list[Finding]:
    return evaluate(facts, rules=[GE301])


def absent(path: str, origin: str, status: Status = Status.MISSING) -> GoBinary:
    """What the probe records for a configured go that is not there."""
    return GoBinary(path=path, real_path=path, origins=(origin,), status=status)


def with_absent(path: str, origin: str, status: Status = Status.MISSING, **changes) -> Facts:
    return fb.healthy(go_binaries=(fb.go_binary(), absent(path, origin, status)), **changes)


# ---------------------------------------------------------------------------------------------------------------
# recorded facts
# ---------------------------------------------------------------------------------------------------------------

def test_goroot_naming_a_removed_sdk_is_an_error_on_the_value() -> None:
    settings = fb.settings(go_goroot="/opt/go1.21.5")
    [finding] = findings(with_absent("/opt/go1.21.5/bin/go", "go.goroot", vscode=settings))
    value_range = settings.get("go.goroot").range
    assert value_range == Range.of(1, 15, 30)
    assert (finding.code, finding.name, finding.severity) == ("GE301", "editor-sdk-missing", Severity.ERROR)
    assert finding.location == Location(SETTINGS, value_range)
    assert finding.message == ('"go.goroot" in .vscode/settings.json names the Go root /opt/go1.21.5, but '
                               "/opt/go1.21.5/bin/go does not exist")
    [fix] = finding.fixes
    # behaviour change (issue 7): an absolute path outside home and workspace in the shared file is unsafe
    assert fix.title == f"Set go.goroot to {ACTIVE_ROOT} (this machine's path, in a shared file)"
    assert fix.applicability is Applicability.UNSAFE and fix.command is None
    assert fix.edits == (TextEdit(SETTINGS, value_range, json.dumps(ACTIVE_ROOT)),)


def test_alternate_tools_go_that_is_not_executable() -> None:
    settings = fb.settings(go_alternateTools_go="/opt/tools/go")
    [finding] = findings(with_absent("/opt/tools/go", "go.alternateTools.go", Status.NOT_EXECUTABLE,
                                     vscode=settings))
    assert finding.location == Location(SETTINGS, settings.get("go.alternateTools.go").range)
    assert finding.message == ('"go.alternateTools.go" in .vscode/settings.json names the go binary /opt/tools/go, '
                               "but /opt/tools/go is not executable")
    assert finding.fixes[0].edits[0].new_text == json.dumps(ACTIVE_GO)
    assert finding.fixes[0].title == f"Set go.alternateTools.go to {ACTIVE_GO} (this machine's path, in a shared file)"


def test_tools_env_vars_goroot_missing() -> None:
    settings = fb.settings(go_toolsEnvVars_GOROOT="/opt/old-go")
    [finding] = findings(with_absent("/opt/old-go/bin/go", "go.toolsEnvVars.GOROOT", vscode=settings))
    assert finding.location == Location(SETTINGS, settings.get("go.toolsEnvVars.GOROOT").range)
    assert "names the Go root /opt/old-go" in finding.message
    assert finding.fixes[0].edits[0].new_text == json.dumps(ACTIVE_ROOT)


def test_goland_goroot_missing_is_reported_on_the_attribute_value() -> None:
    value_range = Range.of(2, 31, 64)
    idea = fb.goland(goroot=Spanned("/home/dev/sdk/go1.19.5", value_range),
                     goroot_raw="file://$USER_HOME$/sdk/go1.19.5")
    [finding] = findings(with_absent("/home/dev/sdk/go1.19.5/bin/go", "idea", idea=idea))
    assert finding.location == Location(WORKSPACE_XML, value_range)
    assert finding.message == ("the GoLand project GOROOT names the Go root file://$USER_HOME$/sdk/go1.19.5, but "
                               "/home/dev/sdk/go1.19.5/bin/go does not exist")
    assert finding.fixes[0].edits == (TextEdit(WORKSPACE_XML, value_range, f'"file://{ACTIVE_ROOT}"'),)


def test_user_home_variable_left_unexpanded_is_reported_missing() -> None:
    settings = fb.settings(go_goroot="${userHome}/sdk/go1.22.10")
    facts = with_absent(f"{fb.ROOT}/${{userHome}}/sdk/go1.22.10/bin/go", "go.goroot", vscode=settings)
    [finding] = findings(facts)
    assert finding.message == ('"go.goroot" in .vscode/settings.json names the Go root ${userHome}/sdk/go1.22.10, '
                               f"but {fb.ROOT}/${{userHome}}/sdk/go1.22.10/bin/go does not exist")


@pytest.mark.parametrize("status", [Status.FAILED, Status.SKIPPED, Status.MISSING])
def test_no_fix_when_the_running_go_is_unusable(status: Status) -> None:
    facts = with_absent("/opt/go1.21.5/bin/go", "go.goroot", vscode=fb.settings(go_goroot="/opt/go1.21.5"))
    facts = replace(facts, go_binaries=(replace(facts.go_binaries[0], status=status), facts.go_binaries[1]))
    [finding] = findings(facts)
    assert finding.fixes == ()


def test_no_fix_without_a_go_on_path() -> None:
    facts = fb.healthy(go_binaries=(absent("/opt/go1.21.5/bin/go", "go.goroot"),),
                       vscode=fb.settings(go_goroot="/opt/go1.21.5"))
    [finding] = findings(facts)
    assert finding.severity is Severity.ERROR and finding.fixes == ()


@pytest.mark.parametrize("status", [Status.OK, Status.SKIPPED, Status.FAILED, Status.MALFORMED])
def test_sdk_that_exists_is_not_this_rules_business(status: Status) -> None:
    present = replace(fb.go_binary("1.22.10", path_index=None, origins=("go.goroot",)), status=status)
    facts = fb.healthy(go_binaries=(fb.go_binary(), present), vscode=fb.settings(go_goroot="/usr/local/go1.22.10"))
    assert findings(facts) == []


def test_setting_without_a_probed_binary_gives_nothing() -> None:
    # e.g. facts recorded by an older probe: no binary carries the setting's origin, so nothing is known
    assert findings(fb.healthy(vscode=fb.settings(go_goroot="/opt/go1.21.5"))) == []


def test_healthy_facts_give_nothing() -> None:
    assert findings(fb.healthy()) == []
    assert findings(Facts()) == []


# ---------------------------------------------------------------------------------------------------------------
# real toolchains
# ---------------------------------------------------------------------------------------------------------------

def span_of(text: str, needle: str) -> Range:
    offset = text.index(needle)
    line = text.count("\n", 0, offset)
    start = offset - (text.rfind("\n", 0, offset) + 1)
    return Range.of(line, start, start + len(needle))


def workspace(tmp_path: Path, settings: str | None = None) -> Path:
    ws = tmp_path / "ws"
    ws.mkdir()
    (ws / "go.mod").write_text("module example.com/app\n\ngo 1.27.3\n")
    if settings is not None:
        (ws / ".vscode").mkdir()
        (ws / ".vscode/settings.json").write_text(settings)
    return ws


@pytest.mark.realgo
def test_goroot_pointing_at_a_removed_directory(go127: Path, go_env: testbed.EnvFactory, probe_real,
                                                tmp_path: Path) -> None:
    removed = tmp_path / "sdk/go1.21.5"
    (removed / "bin").mkdir(parents=True)
    (removed / "bin").rmdir()
    removed.rmdir()
    text = f'{{\n  // upgraded with brew\n  "go.goroot": "{removed}",\n}}\n'
    ws = workspace(tmp_path, text)
    [finding] = findings(probe_real(ws, go_env([go127 / "bin"])))
    value = span_of(text, f'"{removed}"')
    assert finding.severity is Severity.ERROR
    assert finding.location == Location(str(ws / ".vscode/settings.json"), value)
    assert finding.message == (f'"go.goroot" in .vscode/settings.json names the Go root {removed}, but '
                               f"{removed}/bin/go does not exist")
    assert finding.fixes[0].edits == (TextEdit(str(ws / ".vscode/settings.json"), value, json.dumps(str(go127))),)


@pytest.mark.realgo
def test_removed_goroot_fails_check_even_at_fail_on_error(go127: Path, go_env: testbed.EnvFactory, check_real,
                                                          tmp_path: Path) -> None:
    ws = workspace(tmp_path, f'{{"go.goroot": "{tmp_path}/gone"}}')
    code, report = check_real(ws, go_env([go127 / "bin"]), "--fail-on", "error")
    assert code == 1
    [finding] = [f for f in report["findings"] if f["code"] == "GE301"]
    assert finding["severity"] == "error" and finding["path"] == ".vscode/settings.json"
    assert finding["range"]["start"] == {"line": 0, "character": 14}
    assert finding["fixes"][0]["edits"][0]["newText"] == json.dumps(str(go127))


@pytest.mark.realgo
def test_user_home_variable_is_not_expanded_even_when_the_sdk_exists_there(
        go127: Path, go122: Path, go_env: testbed.EnvFactory, probe_real, tmp_path: Path) -> None:
    env = go_env([go127 / "bin"])
    (Path(env["HOME"]) / "sdk").mkdir()
    (Path(env["HOME"]) / "sdk/go1.22.10").symlink_to(go122)  # what ${userHome} would have meant
    text = '{"go.goroot": "${userHome}/sdk/go1.22.10"}'
    ws = workspace(tmp_path, text)
    [finding] = findings(probe_real(ws, env))
    assert finding.location.range == span_of(text, '"${userHome}/sdk/go1.22.10"')
    assert finding.message == ('"go.goroot" in .vscode/settings.json names the Go root ${userHome}/sdk/go1.22.10, '
                               f"but {ws}/${{userHome}}/sdk/go1.22.10/bin/go does not exist")


@pytest.mark.realgo
def test_goroot_naming_a_directory_that_is_not_a_go_tree(go127: Path, go_env: testbed.EnvFactory, probe_real,
                                                         tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    ws = workspace(tmp_path, f'{{"go.goroot": "{tmp_path}/empty"}}')
    [finding] = findings(probe_real(ws, go_env([go127 / "bin"])))
    assert finding.message.endswith(f"but {tmp_path}/empty/bin/go does not exist")


@pytest.mark.realgo
def test_real_alternate_tools_go_that_is_not_executable(go127: Path, go_env: testbed.EnvFactory, probe_real,
                                                        tmp_path: Path) -> None:
    plain = tmp_path / "go-copy"
    plain.write_bytes((go127 / "bin/go").read_bytes()[:4096])
    plain.chmod(0o644)
    ws = workspace(tmp_path, f'{{"go.alternateTools": {{"go": "{plain}"}}}}')
    [finding] = findings(probe_real(ws, go_env([go127 / "bin"])))
    assert finding.message == (f'"go.alternateTools.go" in .vscode/settings.json names the go binary {plain}, '
                               f"but {plain} is not executable")
    assert finding.fixes[0].edits[0].new_text == json.dumps(f"{go127}/bin/go")


@pytest.mark.realgo
def test_goland_goroot_missing_under_user_home(go127: Path, go_env: testbed.EnvFactory, probe_real,
                                               tmp_path: Path) -> None:
    env = go_env([go127 / "bin"])
    ws = workspace(tmp_path)
    (ws / ".idea").mkdir()
    text = '<project version="4">\n  <component name="GOROOT" url="file://$USER_HOME$/sdk/go1.19.5" />\n</project>\n'
    (ws / ".idea/workspace.xml").write_text(text)
    [finding] = findings(probe_real(ws, env))
    assert finding.location == Location(str(ws / ".idea/workspace.xml"),
                                        span_of(text, '"file://$USER_HOME$/sdk/go1.19.5"'))
    assert finding.message.endswith(f"but {env['HOME']}/sdk/go1.19.5/bin/go does not exist")
    assert finding.fixes[0].edits[0].new_text == f'"file://{go127}"'


@pytest.mark.realgo
def test_existing_goroot_is_quiet(go127: Path, go122: Path, go_env: testbed.EnvFactory, probe_real,
                                  tmp_path: Path) -> None:
    ws = workspace(tmp_path, f'{{"go.goroot": "{go122}"}}')
    assert findings(probe_real(ws, go_env([go127 / "bin"]))) == []
    assert os.path.isdir(go122)


@pytest.mark.realgo
def test_alternate_tools_go_bare_name_not_on_path(go127: Path, go_env: testbed.EnvFactory, probe_real,
                                                  tmp_path: Path) -> None:
    ws = workspace(tmp_path, '{"go.alternateTools": {"go": "go1.99"}}')
    [finding] = findings(probe_real(ws, go_env([go127 / "bin"])))
    assert finding.severity is Severity.ERROR
    assert finding.message.startswith('"go.alternateTools.go" in .vscode/settings.json names the go binary go1.99, '
                                      "but ")
