"""`check --format github`: GitHub Actions workflow commands, escaped as the runner undoes them."""

from __future__ import annotations

from pathlib import Path

import factsbuilder as fb
from test_sarif import EXAMPLE_MACHINE, GO_LINE, IN_GOENV, MACHINE, NOTE, SETTINGS

from goenv_lsp import cli
from goenv_lsp.model import Finding, Location, Range, Severity
from goenv_lsp.report import CheckResult, PathStyle, github
from goenv_lsp.rules import all_rules

STYLE = PathStyle(fb.ROOT, fb.HOME)


def render(*findings: Finding) -> list[str]:
    return github.render(CheckResult(fb.healthy(), findings, all_rules()), STYLE).splitlines()


def test_one_command_per_finding_errors_first() -> None:
    assert render(NOTE, SETTINGS, GO_LINE) == [
        "::error file=go.mod,line=3,col=4,endLine=3,endColumn=8,title=GE110 go-line-too-new::"
        "go.mod requires go >= 1.28",
        "::warning file=.vscode/settings.json,line=2,col=16,endLine=2,endColumn=38,title=GE302 editor-sdk-mismatch::"
        "go.goroot selects ~/sdk/go",
        "::notice file=bin/go,line=1,title=GE003 workspace-binary-skipped::skipped ./bin/go",
    ]


def test_findings_outside_the_repository_have_no_file() -> None:
    assert render(MACHINE, IN_GOENV) == [
        "::error title=GE101 go-not-found::no go on PATH (~/bin:/usr/bin)",
        "::warning title=GE401 goproxy-malformed::~/.config/go/env:1:1: GOPROXY has a typo",
    ]


def test_escaping() -> None:
    odd = Finding("GE302", "editor-sdk-mismatch", Severity.WARNING, "100% sure\r\nnext: a,b",
                  Location(f"{fb.ROOT}/a,b:c%.json", Range.of(0, 0, 1)))
    (line,) = render(odd)
    assert line == ("::warning file=a%2Cb%3Ac%25.json,line=1,col=1,endLine=1,endColumn=2,"
                    "title=GE302 editor-sdk-mismatch::100%25 sure%0D%0Anext: a,b")
    assert github.escape_property("x:y,z%\n") == "x%3Ay%2Cz%25%0A"


def test_cli_healthy_prints_nothing(capsys) -> None:
    code = cli.main(["check", "--test-system", str(EXAMPLE_MACHINE), "/home/dev/src/app", "--format", "github",
                     "--select", "GE8"])
    assert (code, *capsys.readouterr()) == (0, "", "")


def test_cli_findings_and_output_file(capsys, tmp_path: Path) -> None:
    target = tmp_path / "annotations.txt"
    code = cli.main(["check", "--test-system", str(EXAMPLE_MACHINE), "/home/dev/src/app", "--format", "github",
                     "--select", "GE110", "--select", "GE302", "--output", str(target)])
    assert (code, *capsys.readouterr()) == (1, "", "")
    lines = target.read_text(encoding="utf-8").splitlines()
    assert [line.split(" ", 1)[0] for line in lines] == ["::error", "::warning"]
    assert lines[0].startswith("::error file=services/api/go.mod,line=3,col=4,")
