"""The text and JSON reports, and how they show paths and the home directory."""

from __future__ import annotations

import json

import factsbuilder as fb
import pytest

from goenv_lsp.facts import Facts
from goenv_lsp.model import (
    Applicability,
    CommandKind,
    CommandSpec,
    Finding,
    Fix,
    Location,
    Range,
    Related,
    Severity,
    TextEdit,
)
from goenv_lsp.report import CheckResult, PathStyle, formats, text
from goenv_lsp.report import json as json_report
from goenv_lsp.rules import all_rules

HOME, ROOT = fb.HOME, fb.ROOT  # /home/dev, /work/app
STYLE = PathStyle(ROOT, HOME)


def result(findings: list[Finding], facts: Facts | None = None) -> CheckResult:
    return CheckResult(facts if facts is not None else Facts(), tuple(findings), all_rules())


@pytest.mark.parametrize(("path", "shown"), [
    (f"{ROOT}/go.mod", "go.mod"),
    (f"{ROOT}/.vscode/settings.json", ".vscode/settings.json"),
    (ROOT, "."),
    (None, "."),
    (f"{ROOT}/..data/x", "..data/x"),
    ("/work/application/go.mod", "/work/application/go.mod"),
    (f"{HOME}/go/bin/gopls", "~/go/bin/gopls"),
    (HOME, "~"),
    ("/usr/local/go/bin/go", "/usr/local/go/bin/go"),
])
def test_paths(path: str | None, shown: str) -> None:
    assert STYLE.path(path) == shown


def test_paths_inside_a_root_under_home_are_relative() -> None:
    style = PathStyle(f"{HOME}/src/app", HOME)
    assert style.path(f"{HOME}/src/app/go.mod") == "go.mod"
    assert style.path(f"{HOME}/src/other/go.mod") == "~/src/other/go.mod"


@pytest.mark.parametrize(("original", "shown"), [
    (f"GOPATH={HOME}/go", "GOPATH=~/go"),
    (f"{HOME}", "~"),
    (f"({HOME}/sdk/go1.22.10)", "(~/sdk/go1.22.10)"),
    (f"{HOME}/a:{HOME}/b", "~/a:~/b"),
    (f"{HOME}er/x and {HOME}.bak and /mnt{HOME}", f"{HOME}er/x and {HOME}.bak and /mnt{HOME}"),
    ("no home here", "no home here"),
])
def test_home_in_text(original: str, shown: str) -> None:
    assert STYLE.text(original) == shown


def test_show_home_and_unknown_home() -> None:
    assert PathStyle(ROOT, HOME, anonymize_home=False).text(f"{HOME}/go") == f"{HOME}/go"
    assert PathStyle(ROOT, None).text(f"{HOME}/go") == f"{HOME}/go"
    assert PathStyle(ROOT, "/").text("/usr/bin") == "/usr/bin"
    assert PathStyle(None, HOME).path(f"{ROOT}/go.mod") == f"{ROOT}/go.mod"


FIX = Fix(f"Set go.goroot to {HOME}/sdk/go", Applicability.SAFE,
          edits=(TextEdit(f"{ROOT}/.vscode/settings.json", Range.of(1, 15, 37), f'"{HOME}/sdk/go"'),))
COMMAND = Fix("Run `go env -u GOROOT`", Applicability.UNSAFE,
              command=CommandSpec(CommandKind.GO_ENV_WRITE, (f"{HOME}/sdk/go/bin/go", "env", "-u", "GOROOT"), ROOT))
SETTINGS = Finding("GE302", "editor-sdk-mismatch", Severity.WARNING, f"go.goroot selects {HOME}/sdk/go",
                   Location(f"{ROOT}/.vscode/settings.json", Range.of(1, 15, 37)), (FIX,),
                   (Related(Location(f"{HOME}/.config/go/env", Range.of(2, 0, 5)), "set here"),),
                   module=f"{ROOT}/go.mod")
GOROOT = Finding("GE104", "goroot-mismatch", Severity.ERROR, "GOROOT is another Go", Location(None), (COMMAND,))
NOTE = Finding("GE003", "workspace-binary-skipped", Severity.INFO, "skipped ./bin/go",
               Location(f"{ROOT}/bin/go"))
CRASH = Finding("GE000", "rule-crashed", Severity.WARNING, "rule GE201 failed", Location(None, Range.of(4, 4)))
FINDINGS = [CRASH, GOROOT, NOTE, SETTINGS]


def test_text_healthy_is_one_quiet_line() -> None:
    out = text.render(result([], fb.healthy()), STYLE)
    assert out == "✓ No Go environment problems found in /work/app (go1.27.3 at /usr/local/go1.27.3/bin/go)\n"
    assert text.render(result([]), STYLE) == "✓ No Go environment problems found\n"  # nothing known


def test_text_groups_and_lines() -> None:
    out = text.render(result(FINDINGS, fb.healthy()), STYLE)
    lines = out.splitlines()
    assert lines[0] == "goenv-lsp in /work/app (go1.27.3 at /usr/local/go1.27.3/bin/go)"
    assert "! goenv-lsp itself (1 warning, 1 info)" in lines
    assert "✗ Go toolchain (1 error)" in lines
    assert "✓ GOPATH and modules" in lines
    assert "! Editor settings (1 warning)" in lines
    assert ".vscode/settings.json:2:16: GE302 go.goroot selects ~/sdk/go [warning]" in lines
    assert "bin/go:1:1: GE003 skipped ./bin/go [info]" in lines
    assert ".: GE104 GOROOT is another Go [error]" in lines
    assert "    fix (safe): Set go.goroot to ~/sdk/go" in lines
    assert "    fix (unsafe): Run `go env -u GOROOT`" in lines
    assert lines[-1] == "1 error, 2 warnings, 1 info. Details: goenv-lsp explain GE104"
    assert HOME not in out


def test_text_info_only_group_is_marked_ok() -> None:
    out = text.render(result([NOTE], fb.healthy()), STYLE)
    assert "✓ goenv-lsp itself (1 info)" in out.splitlines()


def test_text_line_columns_are_one_based() -> None:
    finding = Finding("GE110", "go-line-too-new", Severity.ERROR, "m", Location(f"{ROOT}/go.mod", Range.of(0, 0)))
    assert "go.mod:1:1: GE110 m [error]" in text.render(result([finding]), STYLE).splitlines()


def test_json_contract() -> None:
    document = json.loads(json_report.render(result(FINDINGS, fb.healthy()), STYLE))
    assert list(document) == ["schema", "tool", "root", "context", "summary", "findings"]
    assert document["context"] == "editor"
    assert document["schema"] == 1
    assert document["tool"]["name"] == "goenv-lsp" and document["tool"]["version"]
    assert document["root"] == ROOT
    assert document["summary"] == {"error": 1, "warning": 2, "info": 1}
    crash, goroot, note, settings = document["findings"]
    assert list(settings) == ["code", "name", "severity", "message", "path", "range", "url", "fixes", "related",
                              "module"]
    assert settings["module"] == "go.mod" and goroot["module"] is None
    assert settings["path"] == ".vscode/settings.json"
    assert settings["range"] == {"start": {"line": 1, "character": 15}, "end": {"line": 1, "character": 37}}
    assert settings["url"].endswith("/docs/rules/GE302.md")
    assert settings["message"] == "go.goroot selects ~/sdk/go"
    assert settings["fixes"] == [{
        "title": "Set go.goroot to ~/sdk/go", "applicability": "safe",
        "edits": [{"path": ".vscode/settings.json", "newText": '"~/sdk/go"',
                   "range": {"start": {"line": 1, "character": 15}, "end": {"line": 1, "character": 37}}}],
        "command": None}]
    related_range = {"start": {"line": 2, "character": 0}, "end": {"line": 2, "character": 5}}
    assert settings["related"] == [{"path": "~/.config/go/env", "range": related_range, "message": "set here"}]
    assert goroot["path"] is None
    assert goroot["fixes"][0]["command"] == {"argv": ["~/sdk/go/bin/go", "env", "-u", "GOROOT"], "cwd": ".", "env": {}}
    assert goroot["fixes"][0]["applicability"] == "unsafe" and goroot["fixes"][0]["edits"] == []
    assert note["severity"] == "info" and note["path"] == "bin/go"
    assert crash["code"] == "GE000" and crash["url"] is None and crash["path"] is None
    assert crash["range"] == {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}}


def test_json_show_home_and_empty() -> None:
    facts = Facts(root=f"{HOME}/app", home=HOME)
    document = json.loads(json_report.render(result([SETTINGS], facts), PathStyle(f"{HOME}/app", HOME, False)))
    assert document["root"] == f"{HOME}/app"
    assert document["findings"][0]["fixes"][0]["edits"][0]["newText"] == f'"{HOME}/sdk/go"'
    empty = json.loads(json_report.render(result([]), STYLE))
    assert empty["root"] is None and empty["findings"] == []
    assert empty["summary"] == {"error": 0, "warning": 0, "info": 0}


def test_json_keeps_unicode() -> None:
    finding = Finding("GE002", "malformed-file", Severity.ERROR, "bad 🚀", Location(f"{ROOT}/go.mod"))
    assert "bad 🚀" in json_report.render(result([finding], fb.healthy()), STYLE)


def test_formats_registry() -> None:
    assert formats()["json"] is json_report.render and formats()["text"] is text.render


def test_check_offers_every_registered_format() -> None:
    from goenv_lsp.cli import _parser

    [check] = [a for a in _parser()._subparsers._group_actions[0].choices["check"]._actions  # type: ignore[union-attr]
               if "--format" in a.option_strings]
    assert set(check.choices) == set(formats())
