"""`check --format sarif`: the document, checked against the official OASIS SARIF 2.1.0 schema (and, for whole
runs, Microsoft's SARIF Multitool), over built findings, a recorded machine and a real go from the testbed."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import factsbuilder as fb
import pytest
import sarif_tools
import testbed
from ci_repo import repository

from goenv_lsp import cli
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
from goenv_lsp.report import CheckResult, PathStyle, sarif
from goenv_lsp.rules import all_rules, by_code

HOME, ROOT = fb.HOME, fb.ROOT
STYLE = PathStyle(ROOT, HOME)
REPO = Path(__file__).resolve().parent.parent
EXAMPLE_MACHINE = REPO / "tests/docs_fixtures/json-format-example.toml"
needs_npm = pytest.mark.skipif(sarif_tools.NPM is None, reason="npm fetches the SARIF Multitool and is not on PATH")

EDIT = Fix("Set go.goroot to ~/sdk/go", Applicability.SAFE,
           edits=(TextEdit(f"{ROOT}/.vscode/settings.json", Range.of(1, 15, 37), '"~/sdk/go"'),))
UNSAFE_EDIT = Fix("Lower the go line", Applicability.UNSAFE,
                  edits=(TextEdit(f"{ROOT}/go.mod", Range.of(2, 3, 7), "1.22"),))
COMMAND = Fix("Run `go env -u GOROOT`", Applicability.UNSAFE,
              command=CommandSpec(CommandKind.GO_ENV_WRITE, (f"{HOME}/sdk/go/bin/go", "env", "-u", "GOROOT"), ROOT))
OUTSIDE_EDIT = Fix("Edit the GOENV file", Applicability.SAFE,
                   edits=(TextEdit(f"{HOME}/.config/go/env", Range.of(0, 0, 5), ""),))
SETTINGS = Finding("GE302", "editor-sdk-mismatch", Severity.WARNING, f"go.goroot selects {HOME}/sdk/go",
                   Location(f"{ROOT}/.vscode/settings.json", Range.of(1, 15, 37)), (EDIT, COMMAND, OUTSIDE_EDIT),
                   (Related(Location(f"{HOME}/.config/go/env", Range.of(2, 0, 5)), "GOROOT is set here"),
                    Related(Location(f"{ROOT}/go.mod", Range.of(2, 3, 7)), "the go line")))
GO_LINE = Finding("GE110", "go-line-too-new", Severity.ERROR, "go.mod requires go >= 1.28",
                  Location(f"{ROOT}/go.mod", Range.of(2, 3, 7)), (UNSAFE_EDIT,), module=f"{ROOT}/go.mod")
IN_GOENV = Finding("GE401", "goproxy-malformed", Severity.WARNING, "GOPROXY has a typo",
                   Location(f"{HOME}/.config/go/env", Range.of(0, 0, 20)), module=f"{ROOT}/go.mod")
MACHINE = Finding("GE101", "go-not-found", Severity.ERROR, f"no go on PATH ({HOME}/bin:/usr/bin)", Location(None))
NOTE = Finding("GE003", "workspace-binary-skipped", Severity.INFO, "skipped ./bin/go", Location(f"{ROOT}/bin/go"))
CRASH = Finding("GE000", "rule-crashed", Severity.WARNING, "rule GE201 failed", Location(f"{ROOT}/go.mod"))


def render(findings: list[Finding], style: PathStyle = STYLE, rules=None) -> dict:
    result = CheckResult(fb.healthy(), tuple(findings), tuple(all_rules() if rules is None else rules))
    document = json.loads(sarif.render(result, style))
    assert sarif_tools.schema_errors(document) == []
    return document


def results(document: dict) -> list[dict]:
    return document["runs"][0]["results"]


def test_the_schema_is_the_official_one_and_catches_mistakes() -> None:
    assert sarif_tools.official_schema()["title"] == "Static Analysis Results Format (SARIF) Version 2.1.0 JSON Schema"
    broken = render([GO_LINE])
    broken["runs"][0]["results"][0]["level"] = "info"
    broken["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] = 0
    errors = sarif_tools.schema_errors(broken)
    assert len(errors) == 2 and "'info' is not one of" in errors[0] and "less than the minimum of 1" in errors[1]


def test_healthy_run_has_no_results_and_every_rule_that_ran() -> None:
    document = render([])
    run = document["runs"][0]
    assert document["version"] == "2.1.0" and run["results"] == []
    assert run["invocations"] == [{"executionSuccessful": True}]
    assert run["columnKind"] == "utf16CodeUnits"
    driver = run["tool"]["driver"]
    assert (driver["name"], driver["semanticVersion"]) == ("goenv-lsp", cli.__version__)
    assert [r["id"] for r in driver["rules"]] == [r.code for r in all_rules()]


def test_rule_descriptors_come_from_the_registry() -> None:
    for descriptor in render([])["runs"][0]["tool"]["driver"]["rules"]:
        rule = by_code(descriptor["id"])
        assert rule is not None
        assert descriptor["name"] == rule.name and descriptor["shortDescription"]["text"] == rule.summary
        assert 0 < len(descriptor["fullDescription"]["text"]) <= 1000
        assert descriptor["helpUri"] == rule.url
        assert descriptor["help"]["markdown"].startswith(f"# {rule.code} {rule.name}\n")
        assert "## How to fix" in descriptor["help"]["text"]
        level = {"error": "error", "warning": "warning", "info": "note"}[rule.severity.value]
        assert descriptor["defaultConfiguration"]["level"] == level
        assert descriptor["properties"]["precision"] == "high" and rule.family in descriptor["properties"]["tags"]


def test_long_descriptions_are_cut_at_a_sentence() -> None:
    long = [r for r in all_rules() if len(r.section("What it checks")) > 1000]
    assert long, "no rule has a long description any more: pick another test"
    text = sarif._descriptor(long[0])["fullDescription"]["text"]
    assert len(text) <= 1000 and text.endswith(".")


def test_only_the_rules_that_ran_and_a_crash_descriptor() -> None:
    document = render([GO_LINE, CRASH], rules=[by_code("GE110")])
    driver = document["runs"][0]["tool"]["driver"]
    assert [r["id"] for r in driver["rules"]] == ["GE110", "GE000"]
    assert [(r["ruleId"], r["ruleIndex"]) for r in results(document)] == [("GE110", 0), ("GE000", 1)]


def test_result_levels_locations_and_regions() -> None:
    go_line, note = results(render([GO_LINE, NOTE, SETTINGS]))[0], results(render([NOTE]))[0]
    assert go_line["level"] == "error" and note["level"] == "note"
    location = go_line["locations"][0]["physicalLocation"]
    assert location["artifactLocation"] == {"uri": "go.mod", "uriBaseId": "%SRCROOT%"}
    assert location["region"] == {"startLine": 3, "startColumn": 4, "endLine": 3, "endColumn": 8}  # 1-based, end+1
    assert note["locations"][0]["physicalLocation"]["region"] == {"startLine": 1}  # a file: its first line
    assert render([SETTINGS])["runs"][0]["originalUriBaseIds"]["%SRCROOT%"].keys() == {"description"}


def test_columns_count_utf16_code_units() -> None:
    # "go.goroot": "/ü/😀/go" — the emoji is two UTF-16 units: the range 15..26 stays 15..26 (+1)
    finding = Finding("GE302", "editor-sdk-mismatch", Severity.WARNING, "m",
                      Location(f"{ROOT}/.vscode/settings.json", Range.of(1, 15, 26)))
    region = results(render([finding]))[0]["locations"][0]["physicalLocation"]["region"]
    assert (region["startColumn"], region["endColumn"]) == (16, 27)


def test_edit_fixes_and_related_locations() -> None:
    result = results(render([SETTINGS]))[0]
    assert result["message"]["text"] == "go.goroot selects ~/sdk/go"
    (fix,) = result["fixes"]  # the command fix and the fix of a file outside the root are left out
    assert fix["description"]["text"] == "Set go.goroot to ~/sdk/go"
    assert fix["properties"] == {"applicability": "safe"}
    (change,) = fix["artifactChanges"]
    assert change["artifactLocation"] == {"uri": ".vscode/settings.json", "uriBaseId": "%SRCROOT%"}
    assert change["replacements"] == [{"deletedRegion": {"startLine": 2, "startColumn": 16, "endLine": 2,
                                                          "endColumn": 38}, "insertedContent": {"text": '"~/sdk/go"'}}]
    outside, inside = result["relatedLocations"]
    assert outside == {"id": 1, "message": {"text": "~/.config/go/env:3:1: GOROOT is set here"}}
    assert inside["physicalLocation"]["artifactLocation"]["uri"] == "go.mod" and inside["id"] == 2
    assert results(render([GO_LINE]))[0]["fixes"][0]["properties"] == {"applicability": "unsafe"}


def test_a_finding_in_a_home_file_moves_to_its_module() -> None:
    (result,) = results(render([IN_GOENV]))
    location = result["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == "go.mod"
    assert location["region"] == {"startLine": 1, "startColumn": 8, "endLine": 1, "endColumn": 23}  # module line
    assert result["message"]["text"] == "GOPROXY has a typo (at ~/.config/go/env:1:1)"


def test_machine_findings_are_notifications_without_absolute_paths() -> None:
    document = render([MACHINE, GO_LINE])
    assert [r["ruleId"] for r in results(document)] == ["GE110"]
    (notification,) = document["runs"][0]["invocations"][0]["toolExecutionNotifications"]
    assert notification["level"] == "error"
    assert notification["message"]["text"] == "GE101 no go on PATH (~/bin:/usr/bin)"
    index = notification["associatedRule"]["index"]
    assert document["runs"][0]["tool"]["driver"]["rules"][index]["id"] == "GE101"
    assert HOME not in json.dumps({k: v for k, v in document["runs"][0].items() if k != "tool"})  # docs: examples


def test_show_home_and_unusual_file_names() -> None:
    odd = Finding("GE302", "editor-sdk-mismatch", Severity.WARNING, "m",
                  Location(f"{ROOT}/my dir/ü/\udcff#1.json", Range.of(0, 0, 1)))
    uri = results(render([odd]))[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri == "my%20dir/%C3%BC/%FF%231.json"
    shown = results(render([SETTINGS], PathStyle(ROOT, HOME, anonymize_home=False)))[0]
    assert shown["message"]["text"] == f"go.goroot selects {HOME}/sdk/go"


def test_fingerprints_ignore_lines_and_tell_twins_apart() -> None:
    moved = Finding(GO_LINE.code, GO_LINE.name, GO_LINE.severity, GO_LINE.message,
                    Location(GO_LINE.location.path, Range.of(9, 3, 7)))
    first, twin = (r["partialFingerprints"]["goenvLsp/v1"] for r in results(render([GO_LINE, GO_LINE])))
    assert first.endswith(":1") and twin == first[:-1] + "2"
    assert results(render([moved]))[0]["partialFingerprints"]["goenvLsp/v1"] == first
    other = results(render([SETTINGS]))[0]["partialFingerprints"]["goenvLsp/v1"]
    assert other != first


MACHINE_FIXTURE = """\
[env]
HOME = "{home}"
PATH = "{goroot}/bin"
[files]
"{home}/.config/go/env" = "GOTOOLCHAIN=local\\n"
"{root}/services/api/go.mod" = "module example.com/api\\n\\ngo 1.28\\n"
"{root}/.vscode/settings.json" = "{{\\n  \\"go.goroot\\": \\"{other}\\"\\n}}\\n"
[[go]]
root = "{goroot}"
version = "1.27.3"
[[go]]
root = "{other}"
version = "1.22.10"
"""


def check_sarif(capsys, tmp_path: Path, name: str, home: str, root: str, goroot: str, other: str) -> dict:
    fixture = tmp_path / f"{name}.toml"
    fixture.write_text(MACHINE_FIXTURE.format(home=home, root=root, goroot=goroot, other=other), encoding="utf-8")
    code = cli.main(["check", "--test-system", str(fixture), root, "--format", "sarif", "--select", "GE110",
                     "--select", "GE302"])
    out, err = capsys.readouterr()
    assert (code, err) == (1, "")
    return json.loads(out)


def test_fingerprints_are_the_same_on_two_machines(capsys, tmp_path: Path) -> None:
    """A developer's laptop and a CI runner: other HOME, other checkout directory, Go installed elsewhere."""
    laptop = check_sarif(capsys, tmp_path, "laptop", "/home/dev", "/home/dev/src/app", "/home/dev/sdk/go1.27.3",
                         "/usr/local/go1.22.10")
    runner = check_sarif(capsys, tmp_path, "runner", "/home/runner", "/home/runner/work/app/app",
                         "/opt/hostedtoolcache/go/1.27.3/x64", "/opt/hostedtoolcache/go/1.22.10/x64")
    again = check_sarif(capsys, tmp_path, "laptop", "/home/dev", "/home/dev/src/app", "/home/dev/sdk/go1.27.3",
                        "/usr/local/go1.22.10")

    def identities(document: dict) -> list[tuple[str, str, str]]:
        return [(r["ruleId"], r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
                 r["partialFingerprints"]["goenvLsp/v1"]) for r in results(document)]

    assert [i[:2] for i in identities(laptop)] == [("GE302", ".vscode/settings.json"), ("GE110", "services/api/go.mod")]
    assert results(laptop)[0]["message"] != results(runner)[0]["message"]  # the paths differ …
    assert identities(laptop) == identities(runner) == identities(again)  # … the identities do not
    for document in (laptop, runner):
        assert sarif_tools.schema_errors(document) == []
        text = json.dumps(results(document))
        assert "/home/dev" not in text and "/home/runner" not in text


def test_recorded_machine_with_fixes_and_related_locations(capsys, tmp_path: Path) -> None:
    code = cli.main(["check", "--test-system", str(EXAMPLE_MACHINE), "/home/dev/src/app", "--format", "sarif",
                     "--output", str(tmp_path / "out/goenv.sarif")])
    out, err = capsys.readouterr()
    assert (code, out, err) == (1, "", "")
    document = json.loads((tmp_path / "out/goenv.sarif").read_text(encoding="utf-8"))
    assert sarif_tools.schema_errors(document) == []
    by_rule = {r["ruleId"]: r for r in results(document)}
    assert by_rule["GE302"]["fixes"] and by_rule["GE110"]["relatedLocations"]
    assert by_rule["GE110"]["relatedLocations"][0]["message"]["text"].startswith("~/.config/go/env:1:1: ")
    rule_ids = [r["id"] for r in document["runs"][0]["tool"]["driver"]["rules"]]
    assert all(rule_ids[r["ruleIndex"]] == r["ruleId"] for r in results(document))
    if sarif_tools.NPM:
        assert multitool_problems(tmp_path / "out/goenv.sarif") == []


def multitool_problems(path: Path) -> list[dict]:
    return [p for p in sarif_tools.multitool_validate(path) if p["level"] in ("error", "warning")]


@needs_npm
def test_the_multitool_catches_mistakes(tmp_path: Path) -> None:
    broken = render([GO_LINE])
    broken["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] = "a b"
    path = tmp_path / "broken.sarif"
    path.write_text(json.dumps(broken), encoding="utf-8")
    assert "SARIF1002" in {p["ruleId"] for p in multitool_problems(path)}  # URIs must conform to RFC 3986


def real_check(tmp_path: Path, files: dict[str, str], *args: str) -> tuple[subprocess.CompletedProcess, dict]:
    root, env = repository(tmp_path, files)
    env["PYTHONPATH"] = str(REPO)
    report = tmp_path / "goenv.sarif"
    run = subprocess.run([sys.executable, "-m", "goenv_lsp", "check", "--test-no-well-known", str(root),
                          "--format", "sarif", "--output", str(report), *args], env=env, cwd=root,
                         capture_output=True, text=True, timeout=120)
    assert run.stdout == "" and "Traceback" not in run.stderr, run.stderr
    document = json.loads(report.read_text(encoding="utf-8"))
    assert sarif_tools.schema_errors(document) == []
    if sarif_tools.NPM:
        assert multitool_problems(report) == []
    assert str(tmp_path) not in json.dumps(document["runs"][0]["results"])
    return run, document


@pytest.mark.realgo
def test_real_run_dockerfile_older_than_go_mod(tmp_path: Path) -> None:
    dockerfile = "FROM golang:1.22 AS build\nWORKDIR /src\nCOPY . .\nRUN go build -o /app .\n"
    run, document = real_check(tmp_path, {"Dockerfile": dockerfile}, "--select", "GE8")
    assert run.returncode == 1, run.stderr
    (result,) = results(document)
    assert (result["ruleId"], result["level"]) == ("GE801", "error")  # the golang image never switches: the build fails
    location = result["locations"][0]["physicalLocation"]
    assert location["artifactLocation"] == {"uri": "Dockerfile", "uriBaseId": "%SRCROOT%"}
    assert location["region"] == {"startLine": 1, "startColumn": 13, "endLine": 1, "endColumn": 17}
    (replacement,) = result["fixes"][0]["artifactChanges"][0]["replacements"]
    assert replacement["insertedContent"]["text"] == "1.27"


@pytest.mark.realgo
def test_real_run_healthy(tmp_path: Path) -> None:
    run, document = real_check(tmp_path, {"Dockerfile": "FROM golang:1.27 AS build\n"}, "--select", "GE8")
    assert run.returncode == 0, run.stderr
    assert results(document) == []


def test_output_file_replaces_the_old_report_whole(capsys, tmp_path: Path) -> None:
    target = tmp_path / "goenv.sarif"
    target.write_text("stale", encoding="utf-8")
    assert cli.main(["check", "--test-system", str(EXAMPLE_MACHINE), "/home/dev/src/app", "--format", "sarif",
                     "-o", str(target), "--select", "GE8"]) == 0
    assert capsys.readouterr() == ("", "")
    assert json.loads(target.read_text(encoding="utf-8"))["runs"][0]["results"] == []
    assert sorted(p.name for p in tmp_path.iterdir()) == ["goenv.sarif"]  # no temporary file left
    assert target.stat().st_mode & 0o777 == 0o666 & ~_umask()


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


@pytest.mark.parametrize("make", ["directory", "file-as-parent"])
def test_output_file_that_cannot_be_written(capsys, tmp_path: Path, make: str) -> None:
    if make == "directory":
        target = tmp_path
    else:
        (tmp_path / "plain").write_text("", encoding="utf-8")
        target = tmp_path / "plain/goenv.sarif"
    code = cli.main(["check", "--test-system", str(EXAMPLE_MACHINE), "/home/dev/src/app", "--format", "sarif",
                     "--output", str(target)])
    out, err = capsys.readouterr()
    assert (code, out) == (2, "")
    assert err.startswith(f"goenv-lsp: cannot write {target}: ") and "Traceback" not in err


def test_output_dash_is_stdout(capsys) -> None:
    code = cli.main(["check", "--test-system", str(EXAMPLE_MACHINE), "/home/dev/src/app", "--format", "json",
                     "--output", "-", "--select", "GE302"])
    out, _ = capsys.readouterr()
    assert code == 1 and json.loads(out)["findings"][0]["code"] == "GE302"


def test_testbed_is_used_for_the_schema() -> None:
    assert str(testbed.CACHE) in str(testbed._wheel(*sarif_tools.SCHEMA_WHEEL[:2]))
