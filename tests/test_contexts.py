"""Contexts (issue 9 §1): which rules run in ci, how auto detects a CI job, informational findings, and a real
`check` of a healthy project in a CI job (a real go, no gopls, a colleague's go.goroot committed)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import factsbuilder as fb
import pytest
import testbed
from test_cli import MISMATCH, NO_GO, facts_file, run  # noqa: F401  (facts_file is a fixture)

from goenv_lsp import docs
from goenv_lsp.config import Config, parse_toml
from goenv_lsp.contexts import CI_VARIABLES, ci_variable, resolve
from goenv_lsp.engine import Evaluation, Selection, evaluate
from goenv_lsp.model import Severity
from goenv_lsp.rules import Input, all_rules, by_code
from goenv_lsp.rules.registry import ALL_CONTEXTS, EDITOR_ONLY, Context

REPO = Path(__file__).resolve().parent.parent
CI = Selection(context=Context.CI)
EDITOR = Selection(context=Context.EDITOR)


# detection

@pytest.mark.parametrize(("env", "expected"), [
    ({}, Context.EDITOR),
    ({"CI": "true"}, Context.CI), ({"CI": "1"}, Context.CI), ({"CI": "woodpecker"}, Context.CI),
    ({"CI": "false"}, Context.EDITOR), ({"CI": "FALSE"}, Context.EDITOR), ({"CI": "0"}, Context.EDITOR),
    ({"CI": ""}, Context.EDITOR), ({"CI": " "}, Context.EDITOR),
    ({"GITHUB_ACTIONS": "true"}, Context.CI), ({"GITLAB_CI": "true"}, Context.CI), ({"TF_BUILD": "True"}, Context.CI),
    ({"JENKINS_URL": "https://jenkins.example.com/"}, Context.CI), ({"TEAMCITY_VERSION": "2024.12"}, Context.CI),
    ({"BITBUCKET_BUILD_NUMBER": "7"}, Context.CI), ({"BUILDKITE": "true"}, Context.CI),
    ({"CIRCLECI": "true"}, Context.CI), ({"TRAVIS": "true"}, Context.CI), ({"DRONE": "true"}, Context.CI),
    ({"WOODPECKER": "true"}, Context.CI), ({"CI": "false", "GITHUB_ACTIONS": "true"}, Context.CI),
    ({"CIRCLE_CI": "true", "MY_CI": "1", "CONTINUOUS_INTEGRATION_OFF": "x"}, Context.EDITOR),  # not ours
])
def test_auto_detects_a_ci_job(env: dict[str, str], expected: Context) -> None:
    assert resolve("auto", env) is expected


def test_an_explicit_context_wins_over_the_environment() -> None:
    assert resolve("editor", {"CI": "true", "GITHUB_ACTIONS": "true"}) is Context.EDITOR
    assert resolve("ci", {}) is Context.CI
    assert ci_variable({"GITLAB_CI": "true"}) == "GITLAB_CI"
    assert len(set(CI_VARIABLES)) == len(CI_VARIABLES)


# which rules run where

def test_every_rule_states_where_it_runs() -> None:
    for rule in all_rules():
        assert rule.contexts in (ALL_CONTEXTS, EDITOR_ONLY), rule.code
        assert rule.informational_in <= rule.contexts, rule.code
        assert rule.runs_in(Context.EDITOR), f"{rule.code}: every rule runs on a developer's machine"


@pytest.mark.parametrize("code", ["GE120", "GE121", "GE122", "GE140", "GE301", "GE302", "GE304", "GE313", "GE601",
                                  "GE610", "GE701", "GE702", "GE703", "GE704", "GE705", "GE710", "GE711", "GE712"])
def test_rules_about_a_developers_machine_are_off_in_ci(code: str) -> None:
    rule = by_code(code)
    assert not CI.wants(rule) and EDITOR.wants(rule)
    assert docs.contexts(rule) == "editor (off in ci)"


def test_portable_rules_run_in_ci_at_their_severity() -> None:
    portable = [r for r in all_rules() if r.code[2] in "58" or r.code in ("GE002", "GE110", "GE402", "GE501")]
    for rule in portable:
        assert CI.wants(rule) and not rule.informational_in, rule.code
    assert docs.contexts(by_code("GE801")) == "editor, ci"
    assert docs.contexts(by_code("GE603")) == "editor, ci (info in ci)"
    assert docs.contexts(by_code("GE603"), short=True) == "editor+ci:info"


def test_ci_does_not_probe_gopls_or_the_login_shell() -> None:
    ci, editor = Evaluation(CI), Evaluation(EDITOR)
    for name in (Input.GOPLS, Input.LOGIN_SHELL):
        assert not ci.reads(name) and editor.reads(name), name
    assert ci.reads(Input.GO_BINARIES) and ci.reads("dockerfile")
    assert {r.code for r in editor.rules} - {r.code for r in ci.rules} == {
        r.code for r in all_rules() if r.contexts == EDITOR_ONLY and r.status.value == "stable"}


def test_informational_findings_in_ci() -> None:
    [editor] = evaluate(NO_GO, EDITOR)
    [ci] = evaluate(NO_GO, CI)
    assert (editor.code, editor.severity, ci.code, ci.severity) == ("GE101", Severity.ERROR, "GE101", Severity.INFO)
    assert ci.message == editor.message
    configured = Selection(severity={"GE101": Severity.WARNING}, context=Context.CI)  # goenv-lsp.toml wins
    assert [f.severity for f in evaluate(NO_GO, configured)] == [Severity.WARNING]


def test_editor_sdk_mismatch_is_quiet_in_ci() -> None:
    assert [f.code for f in evaluate(MISMATCH, EDITOR)] == ["GE302"]
    assert evaluate(MISMATCH, CI) == []
    assert evaluate(fb.healthy(gopls=()), EDITOR)[0].code == "GE120"
    assert evaluate(fb.healthy(gopls=()), CI) == []


def test_the_language_server_is_always_the_editor_context() -> None:
    config, problems = parse_toml('context = "ci"\n', "goenv-lsp.toml", Config())
    assert problems == [] and config.context == "ci"
    assert config.selection().context is Context.EDITOR
    _, problems = parse_toml('context = "CI"\n', "goenv-lsp.toml", Config())
    assert problems == ["goenv-lsp.toml: context must be one of auto, editor, ci"]


# the command line over recorded facts

def test_check_context_flag(capsys, facts_file, monkeypatch) -> None:  # noqa: F811
    path = facts_file(MISMATCH)
    assert run(capsys, "check", "--facts", path)[0] == 1
    code, out, err = run(capsys, "check", "--facts", path, "--context", "ci", "--format", "json")
    assert (code, err, json.loads(out)["context"], json.loads(out)["findings"]) == (0, "", "ci", [])
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    code, out, _ = run(capsys, "check", "--facts", path)
    assert code == 0 and "ci context" in out
    code, out, _ = run(capsys, "check", "--facts", path, "--context", "editor", "--format", "json")
    assert code == 1 and json.loads(out)["context"] == "editor"


def test_select_does_not_turn_on_a_rule_off_in_the_context(capsys, facts_file) -> None:  # noqa: F811
    code, out, err = run(capsys, "check", "--facts", facts_file(MISMATCH), "--context", "ci", "--select", "GE302",
                         "--format", "json")
    assert code == 0 and json.loads(out)["findings"] == []
    assert err == ("goenv-lsp: GE302 (editor-sdk-mismatch) is off in the ci context: it compares a developer's "
                   "settings or tools with this machine (--context editor runs it)\n")
    _, _, err = run(capsys, "check", "--facts", facts_file(MISMATCH), "--context", "ci", "--select", "GE3")
    assert err == ""  # a family names no rule in particular


def test_rules_and_explain_show_contexts(capsys) -> None:
    _, out, _ = run(capsys, "rules")
    assert any(line.split()[:4] == ["GE120", "gopls-not-found", "warning", "editor"] for line in out.splitlines())
    assert any(line.split()[:4] == ["GE801", "go-version-lags", "warning", "editor+ci"] for line in out.splitlines())
    _, out, _ = run(capsys, "explain", "GE302")
    assert "Contexts: editor (off in ci)" in out
    _, out, _ = run(capsys, "explain", "GE622", "--format", "json")
    assert (json.loads(out)["contexts"], json.loads(out)["informational_in"]) == (["editor", "ci"], ["ci"])


# as a CI job runs it: a real go, nothing else on PATH

GO_MOD = "module example.com/app\n\ngo 1.22.0\n"
MAIN = 'package main\n\nimport "fmt"\n\nfunc main() { fmt.Println("hello") }\n'
ALICE = '{\n  // Alice\'s Go, committed by mistake\n  "go.goroot": "/home/alice/sdk/go1.22.1",\n}\n'


@pytest.fixture
def project(tmp_path: Path, go122: Path) -> tuple[Path, dict[str, str]]:
    """A healthy module with Alice's .vscode/settings.json; the runner: go 1.22.10 alone on PATH, no gopls."""
    root = tmp_path / "repo"
    (root / ".vscode").mkdir(parents=True)
    (root / "go.mod").write_text(GO_MOD)
    (root / "main.go").write_text(MAIN)
    (root / ".vscode" / "settings.json").write_text(ALICE)
    env = testbed.isolated_env(tmp_path, [go122 / "bin"], GOPROXY=None)
    env["PATH"] = str(go122 / "bin")  # only the runner's go: no shell, no gopls
    go = subprocess.run(["go", "list", "./..."], cwd=root, env=env, capture_output=True, text=True, timeout=180)
    assert go.returncode == 0, go.stderr  # the project really is healthy for this go
    return root, env


def check(root: Path, env: dict[str, str], *args: str) -> tuple[int, str, str]:
    proc = subprocess.run([sys.executable, "-m", "goenv_lsp", "check", str(root), "--test-no-well-known", *args],
                          cwd=root, env={**env, "PYTHONPATH": str(REPO)}, capture_output=True, text=True,
                          timeout=120)
    assert "Traceback" not in proc.stderr, proc.stderr
    return proc.returncode, proc.stdout, proc.stderr


def codes(output: str) -> list[str]:
    return [f["code"] for f in json.loads(output)["findings"]]


def test_a_healthy_project_passes_in_ci(project) -> None:
    root, env = project
    code, out, err = check(root, {**env, "CI": "true"}, "--format", "json")
    assert (code, codes(out), json.loads(out)["context"]) == (0, [], "ci"), out + err
    code, out, _ = check(root, {**env, "CI": "true"})
    assert code == 0 and out.startswith("✓ No Go environment problems found") and "ci context" in out


def test_a_release_job_cross_compiling_with_its_caches_in_the_project(project) -> None:
    """What jobs set on purpose: GOOS/GOARCH for a cross build, cgo off, GOPATH in the project (GitLab caches only
    paths inside it). Quiet in ci; on a developer's machine the same environment is worth a word."""
    root, env = project
    job = {**env, "GOOS": "windows", "GOARCH": "arm64", "CGO_ENABLED": "0", "GOPATH": str(root / ".go"),
           "GOMODCACHE": str(root / ".go" / "pkg" / "mod")}
    code, out, err = check(root, {**job, "GITLAB_CI": "true"}, "--format", "json")
    assert (code, codes(out)) == (0, []), out + err
    code, out, _ = check(root, job, "--context", "editor", "--format", "json")
    assert code == 1 and {"GE205", "GE610"} <= set(codes(out)), out


def test_the_same_project_on_a_developers_machine(project) -> None:
    root, env = project
    code, out, _ = check(root, {**env, "CI": "true"}, "--context", "editor", "--format", "json")
    found = codes(out)
    assert code == 1 and json.loads(out)["context"] == "editor"
    assert "GE120" in found and "GE301" in found, found  # no gopls; go.goroot names Alice's machine
    code, out, _ = check(root, env, "--format", "json")  # auto, no CI variable: the editor context
    assert code == 1 and json.loads(out)["context"] == "editor" and "GE120" in codes(out)


def test_goenv_lsp_toml_can_choose_ci(project) -> None:
    root, env = project
    (root / "goenv-lsp.toml").write_text('context = "ci"\n')
    code, out, _ = check(root, env, "--format", "json")
    assert (code, json.loads(out)["context"]) == (0, "ci")
    code, out, _ = check(root, env, "--format", "json", "--context", "editor")  # the flag wins
    assert (code, json.loads(out)["context"]) == (1, "editor")


def test_a_dockerfile_older_than_go_mod_fails_in_ci(project) -> None:
    root, env = project
    (root / "Dockerfile").write_text("FROM golang:1.21\nWORKDIR /src\nCOPY . .\nRUN go build -o /app .\n")
    code, out, err = check(root, {**env, "GITLAB_CI": "true"}, "--format", "json")
    assert code == 1, out + err
    findings = json.loads(out)["findings"]
    assert [(f["code"], f["severity"], f["path"]) for f in findings] == [("GE801", "error", "Dockerfile")]
    assert "1.21" in findings[0]["message"] and "1.22.0" in findings[0]["message"]
    assert not any(f["code"] in ("GE120", "GE301", "GE302") for f in findings)

