"""Hedged diagnoses that hang on the project's files a paste does not show (triage.conjectures)."""

from __future__ import annotations

from pathlib import Path

import pytest

from goenv_lsp.triage.run import triage

FIXTURES = Path(__file__).parent / "fixtures"


def dump(version: str, **changes: str) -> str:
    text = (FIXTURES / f"go{version}-go-env.txt").read_text()
    for key, value in changes.items():
        text = "\n".join(f"{key}='{value}'" if line.startswith(f"{key}=") else line for line in text.splitlines())
    return text + "\n"


@pytest.mark.parametrize("version", ["1.21.13", "1.27.3"])
def test_module_mode_off_is_named_and_hedged(version: str) -> None:
    text = dump(version, GO111MODULE="off")
    (graded,) = triage(text, "issue.md").findings
    assert (graded.finding.code, graded.confidence) == ("GE202", "medium") and "go.mod" in graded.confirm
    assert text.splitlines()[graded.finding.location.range.start.line].startswith("GO111MODULE=")


def test_a_pasted_go_mod_lets_the_rule_decide() -> None:
    text = dump("1.27.3", GO111MODULE="off") + "\nmy go.mod:\n\nmodule example.com/app\n\ngo 1.27.0\n"
    codes = [(g.finding.code, g.confidence) for g in triage(text, "issue.md").findings]
    assert codes == [("GE202", "high")]


@pytest.mark.parametrize("value", ["", "on", "auto"])
def test_other_module_modes_are_quiet(value: str) -> None:
    assert triage(dump("1.27.3", GO111MODULE=value), "issue.md").findings == ()


def test_go_before_modules_is_quiet() -> None:
    text = 'go version go1.10.8 linux/amd64\nGO111MODULE="off"\nGOPATH="/home/dev/go"\nGOROOT="/usr/local/go"\n'
    assert triage(text, "issue.md").findings == ()
