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


@pytest.mark.parametrize(("key", "value", "code"), [
    ("GOFLAGS", "-mod=vendor", "GE502"), ("GOFLAGS", "-trimpath -mod=vendor", "GE502"),
    ("GOPROXY", "off", "GE131"), ("GOPROXY", "off,https://proxy.golang.org", "GE131"),
])
def test_a_global_setting_that_breaks_most_modules_is_named_and_hedged(key: str, value: str, code: str) -> None:
    text = dump("1.27.3", **{key: value})
    found = triage(text, "issue.md").findings
    assert {g.finding.code for g in found} <= {code, "GE403"}  # GE403: what follows `off` is never used
    (graded,) = [g for g in found if g.finding.code == code]
    assert graded.confidence == "medium" and graded.confirm
    assert text.splitlines()[graded.finding.location.range.start.line].startswith(f"{key}=")


@pytest.mark.parametrize(("key", "value"), [("GOFLAGS", "-mod=mod"), ("GOFLAGS", "-trimpath"),
                                            ("GOPROXY", "https://goproxy.corp.example,off"),
                                            ("GOPROXY", "direct")])
def test_settings_that_leave_modules_working_are_quiet(key: str, value: str) -> None:
    assert [g.finding.code for g in triage(dump("1.27.3", **{key: value}), "issue.md").findings] in ([], ["GE408"])


def test_the_go_commands_own_line_raises_it_once() -> None:
    text = dump("1.27.3", GOPROXY="off") + (
        "go: example.com/dep@v1.2.0: module lookup disabled by GOPROXY=off\n")
    assert [g.finding.code for g in triage(text, "issue.md").findings] == ["GE131"]
