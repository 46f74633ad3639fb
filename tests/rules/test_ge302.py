"""GE302 editor-sdk-mismatch: an editor setting selects another Go than the go that runs."""

from __future__ import annotations

import json
import os
from dataclasses import replace
from pathlib import Path

import factsbuilder as fb
import pytest
import testbed

from goenv_lsp.engine import evaluate
from goenv_lsp.facts import Facts, PathFlavor, PathInfo, PathOps, Refusal, Spanned, Status
from goenv_lsp.files.base import ParseContext
from goenv_lsp.files.goland_workspace import GolandWorkspaceFacts, parse_goland_workspace
from goenv_lsp.files.vscode_settings import SettingValue, parse_vscode_settings
from goenv_lsp.model import Applicability, Finding, Location, Range, Severity, TextEdit
from goenv_lsp.rules.ge3_editor.ge302_editor_sdk_mismatch import check as GE302

SETTINGS = f"{fb.ROOT}/.vscode/settings.json"
WORKSPACE_XML = f"{fb.ROOT}/.idea/workspace.xml"
ACTIVE_ROOT = "/usr/local/go1.27.3"
ACTIVE_GO = f"{ACTIVE_ROOT}/bin/go"


def findings(facts: Facts) -> list[Finding]:
    return evaluate(facts, rules=[GE302])


def with_editor_go(version: str = "1.22.10", origins: tuple[str, ...] = ("go.goroot",), **changes) -> Facts:
    """The healthy go 1.27.3 on PATH plus another probed go that an editor setting names."""
    other = fb.go_binary(version, path_index=None, origins=origins)
    return fb.healthy(go_binaries=(fb.go_binary(), other), **changes)


def idea(goroot: str, raw: str, value_range: Range) -> GolandWorkspaceFacts:
    return fb.goland(goroot=Spanned(goroot, value_range), goroot_raw=raw)


def parse_goland(data: bytes, path: str, root: str, home: str) -> GolandWorkspaceFacts:
    return parse_goland_workspace(data, path, ParseContext(root=root, home=home, paths=PathOps(PathFlavor.POSIX)))


# ---------------------------------------------------------------------------------------------------------------
# recorded facts
# ---------------------------------------------------------------------------------------------------------------

def test_goroot_naming_an_older_go_warns_on_the_setting_value() -> None:
    settings = fb.settings(go_goroot="/usr/local/go1.22.10")
    [finding] = findings(with_editor_go(vscode=settings))
    value_range = settings.get("go.goroot").range
    assert value_range == Range.of(1, 15, 37)  # the quoted value, not the key
    assert (finding.code, finding.name, finding.severity) == ("GE302", "editor-sdk-mismatch", Severity.WARNING)
    assert finding.location.path == SETTINGS and finding.location.range == value_range
    assert finding.message == (
        '"go.goroot" in .vscode/settings.json selects go1.22.10 (/usr/local/go1.22.10), but the go that runs here '
        f"is go1.27.3 ({ACTIVE_GO}, GOROOT {ACTIVE_ROOT}): the editor and the terminal build with different Go "
        "versions")
    [fix] = finding.fixes
    # behaviour change (issue 7): this machine's absolute path in the shared file is unsafe
    assert fix.title == f"Set go.goroot to {ACTIVE_ROOT} (this machine's path, in a shared file)"
    assert fix.applicability is Applicability.UNSAFE and fix.command is None
    assert fix.edits == (TextEdit(SETTINGS, value_range, f'"{ACTIVE_ROOT}"'),)


def test_goroot_naming_the_go_on_path_is_quiet() -> None:
    # the probe merges both into one binary: found on PATH and named by go.goroot
    merged = fb.go_binary(origins=("PATH", "go.goroot"))
    assert findings(fb.healthy(go_binaries=(merged,), vscode=fb.settings(go_goroot=ACTIVE_ROOT))) == []


def test_goroot_naming_a_symlink_to_the_running_root_is_quiet() -> None:
    linked = fb.go_binary(root="/usr/local/go", path_index=None, origins=("go.goroot",))
    paths = {**fb.healthy().path_info, "/usr/local/go": PathInfo("dir", True, "go1.27.3", ACTIVE_ROOT)}
    facts = fb.healthy(go_binaries=(fb.go_binary(), linked), vscode=fb.settings(go_goroot="/usr/local/go"),
                       paths=paths)
    assert findings(facts) == []


def test_same_version_in_another_tree_is_only_info() -> None:
    copy = fb.go_binary(root="/opt/go", path_index=None, origins=("go.goroot",))
    facts = fb.healthy(go_binaries=(fb.go_binary(), copy), vscode=fb.settings(go_goroot="/opt/go"))
    [finding] = findings(facts)
    assert finding.severity is Severity.INFO
    assert finding.message.endswith("; same version, another copy")
    assert "selects go1.27.3 (/opt/go)" in finding.message
    assert finding.fixes[0].edits[0].new_text == f'"{ACTIVE_ROOT}"'


def test_alternate_tools_go_is_fixed_to_the_go_binary_not_the_root() -> None:
    settings = fb.settings(go_alternateTools_go="/usr/local/go1.22.10/bin/go")
    [finding] = findings(with_editor_go(origins=("go.alternateTools.go",), vscode=settings))
    value_range = settings.get("go.alternateTools.go").range
    assert finding.location.range == value_range
    assert finding.message.startswith('"go.alternateTools.go" in .vscode/settings.json selects go1.22.10')
    [fix] = finding.fixes
    assert fix.title == f"Set go.alternateTools.go to {ACTIVE_GO} (this machine's path, in a shared file)"
    assert fix.edits == (TextEdit(SETTINGS, value_range, f'"{ACTIVE_GO}"'),)


def test_tools_env_vars_goroot_is_fixed_to_the_root() -> None:
    settings = fb.settings(go_toolsEnvVars_GOROOT="/usr/local/go1.22.10")
    [finding] = findings(with_editor_go(origins=("go.toolsEnvVars.GOROOT",), vscode=settings))
    assert finding.location.path == SETTINGS
    assert finding.location.range == settings.get("go.toolsEnvVars.GOROOT").range
    assert finding.fixes[0].edits[0].new_text == f'"{ACTIVE_ROOT}"'
    assert finding.fixes[0].title == (f"Set go.toolsEnvVars.GOROOT to {ACTIVE_ROOT} (this machine's path, in a "
                                      "shared file)")


def test_two_mismatching_settings_give_one_finding_each() -> None:
    settings = fb.settings(go_goroot="/usr/local/go1.22.10", go_toolsEnvVars_GOROOT="/usr/local/go1.24.11")
    facts = fb.healthy(vscode=settings, go_binaries=(
        fb.go_binary(), fb.go_binary("1.22.10", path_index=None, origins=("go.goroot",)),
        fb.go_binary("1.24.11", path_index=None, origins=("go.toolsEnvVars.GOROOT",))))
    got = findings(facts)
    assert [f.location.range.start.line for f in got] == [1, 2]
    assert "selects go1.22.10" in got[0].message and "selects go1.24.11" in got[1].message


def test_goland_goroot_url_is_replaced_with_a_quoted_url() -> None:
    value_range = Range.of(2, 31, 66)  # `"file://$USER_HOME$/sdk/go1.22.10"`, quotes included
    facts = with_editor_go(origins=("idea",),
                           idea=idea("/home/dev/sdk/go1.22.10", "file://$USER_HOME$/sdk/go1.22.10", value_range))
    facts = replace(facts, go_binaries=(fb.go_binary(), fb.go_binary("1.22.10", root="/home/dev/sdk/go1.22.10",
                                                                         path_index=None, origins=("idea",))))
    [finding] = findings(facts)
    assert finding.location.path == WORKSPACE_XML and finding.location.range == value_range
    assert finding.message.startswith("the GoLand project GOROOT selects go1.22.10 (/home/dev/sdk/go1.22.10)")
    [fix] = finding.fixes
    assert fix.title == f"Set the GoLand project GOROOT to {ACTIVE_ROOT}"
    assert fix.applicability is Applicability.SAFE
    assert fix.edits == (TextEdit(WORKSPACE_XML, value_range, f'"file://{ACTIVE_ROOT}"'),)


def test_goland_goroot_path_attribute_is_replaced_with_a_quoted_path() -> None:
    facts = with_editor_go(origins=("idea",), idea=idea("/usr/local/go1.22.10", "/usr/local/go1.22.10",
                                                        Range.of(2, 31, 53)))
    [finding] = findings(facts)
    assert finding.fixes[0].edits[0].new_text == f'"{ACTIVE_ROOT}"'


def test_goland_fix_escapes_xml_special_characters() -> None:
    facts = with_editor_go(origins=("idea",), idea=idea("/usr/local/go1.22.10", "file:///usr/local/go1.22.10",
                                                        Range.of(2, 31, 60)))
    odd = fb.go_binary(root='/opt/a&b"c')
    facts = replace(facts, go_binaries=(odd, facts.go_binaries[1]))
    [finding] = findings(facts)
    text = f'<project><component name="GOROOT" url={finding.fixes[0].edits[0].new_text} /></project>'
    parsed = parse_goland(text.encode(), WORKSPACE_XML, fb.ROOT, fb.HOME)
    assert parsed.status is Status.OK and parsed.goroot.value == '/opt/a&b"c'


def running_at(root: str, **changes) -> Facts:
    """The go that runs lives in ``root``; the editor names the go 1.22.10 in /usr/local/go1.22.10."""
    return fb.healthy(go_binaries=(fb.go_binary(root=root), fb.go_binary("1.22.10", path_index=None,
                                                                          origins=changes.pop("origins"))),
                      **changes)


def test_settings_fix_under_home_writes_the_portable_tilde_form_and_stays_safe() -> None:
    facts = running_at(f"{fb.HOME}/sdk/go1.27.3", origins=("go.goroot",),
                       vscode=fb.settings(go_goroot="/usr/local/go1.22.10"))
    [fix] = findings(facts)[0].fixes
    assert (fix.title, fix.applicability) == ("Set go.goroot to ~/sdk/go1.27.3", Applicability.SAFE)
    assert fix.edits[0].new_text == '"~/sdk/go1.27.3"'


def test_settings_fix_inside_the_workspace_writes_workspace_folder() -> None:
    facts = running_at(f"{fb.ROOT}/.tools/go", origins=("go.alternateTools.go",),
                       vscode=fb.settings(go_alternateTools_go="/usr/local/go1.22.10/bin/go"))
    [fix] = findings(facts)[0].fixes
    assert (fix.title, fix.applicability) == ("Set go.alternateTools.go to ${workspaceFolder}/.tools/go/bin/go",
                                              Applicability.SAFE)


def test_goland_fix_keeps_the_user_home_macro() -> None:
    value_range = Range.of(2, 31, 66)
    facts = running_at(f"{fb.HOME}/sdk/go1.27.3", origins=("idea",),
                       idea=idea("/usr/local/go1.22.10", "file://$USER_HOME$/sdk/go1.22.10", value_range))
    [fix] = findings(facts)[0].fixes
    assert (fix.title, fix.applicability) == ("Set the GoLand project GOROOT to $USER_HOME$/sdk/go1.27.3",
                                              Applicability.SAFE)
    assert fix.edits == (TextEdit(WORKSPACE_XML, value_range, '"file://$USER_HOME$/sdk/go1.27.3"'),)
    text = f'<project><component name="GOROOT" url={fix.edits[0].new_text} /></project>'
    parsed = parse_goland(text.encode(), WORKSPACE_XML, fb.ROOT, fb.HOME)
    assert parsed.goroot.value == f"{fb.HOME}/sdk/go1.27.3"


def test_goland_fix_inside_the_project_uses_project_dir() -> None:
    facts = running_at(f"{fb.ROOT}/sdk/go", origins=("idea",),
                       idea=idea("/usr/local/go1.22.10", "/usr/local/go1.22.10", Range.of(2, 31, 53)))
    assert findings(facts)[0].fixes[0].edits[0].new_text == '"$PROJECT_DIR$/sdk/go"'


def test_settings_fix_is_a_json_string_for_any_path() -> None:
    odd = fb.go_binary(root='/opt/gö "quoted" \\ dir')
    settings = fb.settings(go_goroot="/usr/local/go1.22.10")
    facts = fb.healthy(vscode=settings, go_binaries=(
        odd, fb.go_binary("1.22.10", path_index=None, origins=("go.goroot",))))
    [finding] = findings(facts)
    new_text = finding.fixes[0].edits[0].new_text
    assert json.loads(new_text) == '/opt/gö "quoted" \\ dir'
    assert "gö" in new_text  # not \u-escaped


def test_missing_sdk_is_left_to_ge301() -> None:
    missing = replace(fb.go_binary("1.22.10", path_index=None, origins=("go.goroot",)), status=Status.MISSING,
                      env=None, version=None)
    facts = fb.healthy(go_binaries=(fb.go_binary(), missing), vscode=fb.settings(go_goroot="/usr/local/go1.22.10"))
    assert findings(facts) == []


def test_sdk_whose_probe_failed_is_quiet() -> None:
    failed = replace(fb.go_binary("1.22.10", path_index=None, origins=("go.goroot",)), status=Status.FAILED)
    facts = fb.healthy(go_binaries=(fb.go_binary(), failed), vscode=fb.settings(go_goroot="/usr/local/go1.22.10"))
    assert findings(facts) == []


@pytest.mark.parametrize("status", [Status.FAILED, Status.SKIPPED, Status.TIMED_OUT])
def test_nothing_to_compare_with_when_the_running_go_is_unusable(status: Status) -> None:
    facts = with_editor_go(vscode=fb.settings(go_goroot="/usr/local/go1.22.10"))
    facts = replace(facts, go_binaries=(replace(facts.go_binaries[0], status=status), facts.go_binaries[1]))
    assert findings(facts) == []


def test_nothing_to_compare_with_without_a_go_on_path() -> None:
    only_editor = fb.go_binary("1.22.10", path_index=None, origins=("go.goroot",))
    assert findings(fb.healthy(go_binaries=(only_editor,), vscode=fb.settings(go_goroot="/usr/local/go1.22.10"))) \
        == []


@pytest.mark.parametrize("value", [None, 42, True, "", ["/usr/local/go1.22.10"]])
def test_non_string_or_empty_setting_is_ignored(value: object) -> None:
    setting = SettingValue("go.goroot", value, Range.of(1, 15, 20))
    facts = with_editor_go(vscode=fb.settings_of(values=(setting,)))
    assert findings(facts) == []


def test_unknown_facts_give_nothing() -> None:
    assert findings(Facts()) == []
    assert findings(fb.healthy(vscode=None, idea=None)) == []


def test_setting_in_a_file_with_a_syntax_error_still_counts() -> None:
    settings = replace(fb.settings(go_goroot="/usr/local/go1.22.10"), status=Status.MALFORMED)
    assert [f.code for f in findings(with_editor_go(vscode=settings))] == ["GE302"]


# ---------------------------------------------------------------------------------------------------------------
# real toolchains
# ---------------------------------------------------------------------------------------------------------------

def span_of(text: str, needle: str) -> Range:
    """The 0-based range of the first ``needle`` in ``text`` (ASCII lines)."""
    offset = text.index(needle)
    line = text.count("\n", 0, offset)
    start = offset - (text.rfind("\n", 0, offset) + 1)
    return Range.of(line, start, start + len(needle))


def json_range(value: Range) -> dict:
    return {"start": {"line": value.start.line, "character": value.start.character},
            "end": {"line": value.end.line, "character": value.end.character}}


def apply_edit(text: str, edit: dict) -> str:
    lines = text.split("\n")
    start, end = edit["range"]["start"], edit["range"]["end"]
    assert start["line"] == end["line"]
    line = lines[start["line"]]
    lines[start["line"]] = line[:start["character"]] + edit["newText"] + line[end["character"]:]
    return "\n".join(lines)


def workspace(tmp_path: Path, go_line: str = "1.27.3") -> Path:
    ws = tmp_path / "ws"
    ws.mkdir()
    (ws / "go.mod").write_text(f"module example.com/app\n\ngo {go_line}\n")
    return ws


def write_settings(ws: Path, body: str) -> str:
    (ws / ".vscode").mkdir(exist_ok=True)
    (ws / ".vscode/settings.json").write_text(body)
    return body


def settings_location(ws: Path, value: Range) -> Location:
    return Location(os.path.join(ws, ".vscode", "settings.json"), value)


def ge302(report: dict) -> list[dict]:
    return [f for f in report["findings"] if f["code"] == "GE302"]


@pytest.mark.realgo
def test_acceptance_goroot_setting_naming_go_1_22_with_go_1_27_on_path(
        go127: Path, go122: Path, go_env: testbed.EnvFactory, check_real, tmp_path: Path) -> None:
    ws = workspace(tmp_path)
    text = write_settings(ws, (
        "{\n"
        "  // Go SDK for this project\n"
        f'  "go.goroot": "{go122}", /* pinned last year */\n'
        '  "editor.formatOnSave": true,\n'
        "}\n"))
    env = go_env([go127 / "bin"])

    code, report = check_real(ws, env)

    assert code == 1
    assert report["schema"] == 1 and report["tool"]["name"] == "goenv-lsp"
    assert report["summary"]["warning"] >= 1
    [finding] = ge302(report)
    value = span_of(text, f'"{go122}"')
    assert value.start.line == 2
    assert finding == {
        "code": "GE302", "name": "editor-sdk-mismatch", "severity": "warning",
        "message": (f'"go.goroot" in .vscode/settings.json selects go1.22.10 ({go122}), but the go that runs here is '
                    f"go1.27.3 ({go127}/bin/go, GOROOT {go127}): the editor and the terminal build with different "
                    "Go versions"),
        "path": ".vscode/settings.json",
        "range": json_range(value),
        "url": finding["url"],
        "fixes": [{
            "title": f"Set go.goroot to {go127} (this machine's path, in a shared file)",
            "applicability": "unsafe",
            "edits": [{"path": ".vscode/settings.json", "range": json_range(value), "newText": json.dumps(str(go127))}],
            "command": None,
        }],
        "related": [],
        "module": None,
    }
    assert finding["url"].endswith("GE302.md")

    fixed = apply_edit(text, finding["fixes"][0]["edits"][0])
    assert fixed.count("\n") == text.count("\n") and "/* pinned last year */" in fixed
    parsed = parse_vscode_settings(fixed.encode(), str(ws / ".vscode/settings.json"))
    assert parsed.get("go.goroot").value == str(go127)
    (ws / ".vscode/settings.json").write_text(fixed)
    _, after = check_real(ws, env)
    assert ge302(after) == []


@pytest.mark.realgo
def test_acceptance_exit_code_comes_from_ge302_alone(go127: Path, go122: Path, go_env: testbed.EnvFactory,
                                                      check_real, tmp_path: Path) -> None:
    ws = workspace(tmp_path)
    write_settings(ws, f'{{\n  "go.goroot": "{go122}",\n}}\n')
    code, report = check_real(ws, go_env([go127 / "bin"]), "--select", "GE302")
    assert code == 1 and [f["code"] for f in report["findings"]] == ["GE302"]


@pytest.mark.realgo
def test_alternate_tools_go_absolute_path(go127: Path, go122: Path, go_env: testbed.EnvFactory, probe_real,
                                          tmp_path: Path) -> None:
    ws = workspace(tmp_path)
    text = write_settings(ws, f'{{\n  "go.alternateTools": {{"go": "{go122}/bin/go"}}\n}}\n')
    [finding] = findings(probe_real(ws, go_env([go127 / "bin"])))
    assert finding.location == settings_location(ws, span_of(text, f'"{go122}/bin/go"'))
    assert finding.message.startswith(f'"go.alternateTools.go" in .vscode/settings.json selects go1.22.10 ({go122})')
    assert finding.fixes[0].edits[0].new_text == json.dumps(f"{go127}/bin/go")


@pytest.mark.realgo
def test_alternate_tools_go_with_workspace_folder_variable(go127: Path, go122: Path, go_env: testbed.EnvFactory,
                                                           probe_real, tmp_path: Path) -> None:
    ws = workspace(tmp_path)
    (tmp_path / "sdk").mkdir()
    (tmp_path / "sdk/go1.22.10").symlink_to(go122)  # next to the workspace, not inside it
    value = "${workspaceFolder}/../sdk/go1.22.10/bin/go"
    text = write_settings(ws, f'{{\n  "go.alternateTools": {{\n    "go": "{value}",\n  }},\n}}\n')
    untrusted = probe_real(ws, go_env([go127 / "bin"]))  # a path relative to the workspace: not followed
    assert findings(untrusted) == []
    assert [b.refused for b in untrusted.go_binaries if b.path_index is None] == [Refusal.WORKSPACE_PATH]
    [finding] = findings(probe_real(ws, go_env([go127 / "bin"]), trusted=True))
    assert finding.location == settings_location(ws, span_of(text, f'"{value}"'))
    assert f"selects go1.22.10 ({go122})" in finding.message
    assert finding.fixes[0].edits[0].new_text == json.dumps(f"{go127}/bin/go")


@pytest.mark.realgo
def test_alternate_tools_go_under_home(go127: Path, go122: Path, go_env: testbed.EnvFactory, probe_real,
                                       tmp_path: Path) -> None:
    env = go_env([go127 / "bin"])
    (Path(env["HOME"]) / "sdk").mkdir()
    (Path(env["HOME"]) / "sdk/go1.22.10").symlink_to(go122)
    ws = workspace(tmp_path)
    text = write_settings(ws, '{"go.alternateTools": {"go": "~/sdk/go1.22.10/bin/go"}}\n')
    facts = probe_real(ws, env)
    [finding] = findings(facts)
    assert finding.location == settings_location(ws, span_of(text, '"~/sdk/go1.22.10/bin/go"'))
    assert f"selects go1.22.10 ({go122})" in finding.message
    editor_go = next(b for b in facts.go_binaries if "go.alternateTools.go" in b.origins)
    assert editor_go.path == f"{env['HOME']}/sdk/go1.22.10/bin/go"


@pytest.mark.realgo
def test_alternate_tools_go_bare_name_is_looked_up_on_path(go127: Path, go122: Path, go_env: testbed.EnvFactory,
                                                           probe_real, tmp_path: Path) -> None:
    tools = tmp_path / "tools"
    tools.mkdir()
    (tools / "go1.22").symlink_to(go122 / "bin/go")
    env = go_env([go127 / "bin", tools])
    ws = workspace(tmp_path)
    text = write_settings(ws, '{"go.alternateTools": {"go": "go1.22"}}\n')
    facts = probe_real(ws, env)
    [finding] = findings(facts)
    assert finding.location == settings_location(ws, span_of(text, '"go1.22"'))
    assert f"selects go1.22.10 ({go122})" in finding.message
    editor_go = next(b for b in facts.go_binaries if "go.alternateTools.go" in b.origins)
    assert editor_go.path == str(tools / "go1.22")


@pytest.mark.realgo
def test_alternate_tools_go_bare_name_resolving_to_the_running_go_is_quiet(
        go127: Path, go_env: testbed.EnvFactory, probe_real, tmp_path: Path) -> None:
    ws = workspace(tmp_path)
    write_settings(ws, '{"go.alternateTools": {"go": "go"}}\n')
    assert findings(probe_real(ws, go_env([go127 / "bin"]))) == []


@pytest.mark.realgo
def test_tools_env_vars_goroot(go127: Path, go124: Path, go_env: testbed.EnvFactory, probe_real,
                               tmp_path: Path) -> None:
    ws = workspace(tmp_path)
    text = write_settings(ws, f'{{\n  "go.toolsEnvVars": {{"GOFLAGS": "-mod=mod", "GOROOT": "{go124}"}}\n}}\n')
    [finding] = findings(probe_real(ws, go_env([go127 / "bin"])))
    assert finding.location == settings_location(ws, span_of(text, f'"{go124}"'))
    assert finding.message.startswith(f'"go.toolsEnvVars.GOROOT" in .vscode/settings.json selects go1.24.11 ({go124})')
    assert finding.fixes[0].edits[0].new_text == json.dumps(str(go127))


@pytest.mark.realgo
def test_goland_project_goroot_under_user_home(go127: Path, go122: Path, go_env: testbed.EnvFactory, probe_real,
                                               tmp_path: Path) -> None:
    env = go_env([go127 / "bin"])
    (Path(env["HOME"]) / "sdk").mkdir()
    (Path(env["HOME"]) / "sdk/go1.22.10").symlink_to(go122)
    ws = workspace(tmp_path)
    (ws / ".idea").mkdir()
    text = ('<?xml version="1.0" encoding="UTF-8"?>\n'
            '<project version="4">\n'
            '  <component name="GOROOT" url="file://$USER_HOME$/sdk/go1.22.10" />\n'
            "</project>\n")
    (ws / ".idea/workspace.xml").write_text(text)
    [finding] = findings(probe_real(ws, env))
    value = span_of(text, '"file://$USER_HOME$/sdk/go1.22.10"')
    assert finding.location.path == str(ws / ".idea/workspace.xml") and finding.location.range == value
    assert finding.message.startswith(f"the GoLand project GOROOT selects go1.22.10 ({go122})")
    [edit] = finding.fixes[0].edits
    assert edit.new_text == f'"file://{go127}"'
    line = text.split("\n")[2]
    fixed = line[:value.start.character] + edit.new_text + line[value.end.character:]
    parsed = parse_goland(fixed.replace("<component", "<project><component").encode() + b"</project>",
                                  str(ws / ".idea/workspace.xml"), str(ws), env["HOME"])
    assert parsed.status is Status.OK and parsed.goroot.value == str(go127)


@pytest.mark.realgo
def test_settings_naming_the_running_go_are_quiet(go127: Path, go_env: testbed.EnvFactory, probe_real,
                                                  tmp_path: Path) -> None:
    ws = workspace(tmp_path)
    write_settings(ws, json.dumps({"go.goroot": str(go127), "go.alternateTools": {"go": f"{go127}/bin/go"},
                                   "go.toolsEnvVars": {"GOROOT": str(go127)}}))
    facts = probe_real(ws, go_env([go127 / "bin"]))
    assert len([b for b in facts.go_binaries if b.status is Status.OK]) == 1
    assert findings(facts) == []


@pytest.mark.realgo
def test_goroot_naming_a_symlink_to_the_running_go_is_quiet(go127: Path, go_env: testbed.EnvFactory, probe_real,
                                                            tmp_path: Path) -> None:
    env = go_env([go127 / "bin"])
    (Path(env["HOME"]) / "sdk").mkdir()
    (Path(env["HOME"]) / "sdk/go").symlink_to(go127)
    ws = workspace(tmp_path)
    write_settings(ws, '{"go.goroot": "~/sdk/go"}')
    assert findings(probe_real(ws, env)) == []


@pytest.mark.realgo
def test_fix_for_a_go_under_home_writes_tilde_and_clears(go127: Path, go122: Path, go_env: testbed.EnvFactory,
                                                          check_real, tmp_path: Path) -> None:
    """go 1.27.3 installed under HOME (a hard-linked copy of the test bed's tree, so its GOROOT is there):
    the safe fix writes `~/sdk/go1.27.3`, never this machine's absolute path, and vscode-go's `~` (as
    goenv-lsp resolves it) names the same Go."""
    import shutil

    env = go_env([])
    sdk = Path(env["HOME"]) / "sdk" / "go1.27.3"
    shutil.copytree(go127, sdk, copy_function=os.link, symlinks=True)
    env = go_env([sdk / "bin"])
    ws = workspace(tmp_path)
    text = write_settings(ws, f'{{\n  "go.goroot": "{go122}"\n}}\n')
    _, report = check_real(ws, env)
    [finding] = ge302(report)
    [fix] = finding["fixes"]
    assert (fix["title"], fix["applicability"]) == ("Set go.goroot to ~/sdk/go1.27.3", "safe")
    assert fix["edits"][0]["newText"] == '"~/sdk/go1.27.3"'
    assert str(Path(env["HOME"])) not in json.dumps(fix)
    (ws / ".vscode/settings.json").write_text(apply_edit(text, fix["edits"][0]))
    _, after = check_real(ws, env)
    assert ge302(after) == []
