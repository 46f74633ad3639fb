"""The CI examples in docs/ci.md: each is valid for its platform (the GitHub workflow and GitLab CI schemas that
check-jsonschema vendors from SchemaStore and GitLab), and its goenv-lsp command lines, run in a repository with
a real go from the testbed, write the SARIF file the next step uploads."""

from __future__ import annotations

import json
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
import sarif_tools
import yaml
from check_jsonschema.builtin_schemas import get_builtin_schema
from ci_repo import repository
from jsonschema.validators import validator_for

REPO = Path(__file__).resolve().parent.parent
DOC = (REPO / "docs/ci.md").read_text(encoding="utf-8")
GITHUB, GITLAB = (yaml.safe_load(block) for block in re.findall(r"```yaml\n(.*?)```", DOC, re.S))
GITHUB["on"] = GITHUB.pop(True)  # YAML 1.1 reads the key `on` as true; GitHub reads YAML 1.2


def schema_errors(document: object, schema_name: str) -> list[str]:
    schema = get_builtin_schema(schema_name)
    return [e.message for e in validator_for(schema)(schema).iter_errors(document)]


def test_the_examples_are_valid_for_their_platform() -> None:
    assert schema_errors(GITHUB, "vendor.github-workflows") == []
    assert schema_errors(GITLAB, "vendor.gitlab-ci") == []
    assert schema_errors({"jobs": {"x": {"runs-on": 3}}}, "vendor.github-workflows")  # the schema can fail


def test_the_github_workflow_uploads_even_when_the_check_fails() -> None:
    steps = GITHUB["jobs"]["goenv"]["steps"]
    upload = next(s for s in steps if s.get("uses", "").startswith("github/codeql-action/upload-sarif@"))
    check = next(s for s in steps if "goenv-lsp check" in s.get("run", ""))
    assert upload["if"] == "always()" and upload["with"]["sarif_file"] in shlex.split(check["run"])
    assert GITHUB["permissions"]["security-events"] == "write"
    assert GITLAB["goenv"]["artifacts"]["when"] == "always"


def goenv_lsp_lines() -> list[tuple[str, str]]:
    """(the report the line writes, the line) for every goenv-lsp line of both examples."""
    lines = [s["run"] for s in GITHUB["jobs"]["goenv"]["steps"] if "goenv-lsp check" in s.get("run", "")]
    lines += [line for line in GITLAB["goenv"]["script"] if "goenv-lsp check" in line]
    return [(shlex.split(line)[shlex.split(line).index("--output") + 1], line) for line in lines]


@pytest.mark.realgo
@pytest.mark.parametrize(("report", "line"), goenv_lsp_lines())
def test_the_command_lines_write_the_sarif_file(tmp_path: Path, report: str, line: str) -> None:
    """The installed goenv-lsp is this checkout's (pip install is the registry's business)."""
    root, env = repository(tmp_path, {"Dockerfile": "FROM golang:1.22\n"}, go_line="1.27")
    argv = shlex.split(line)
    assert Path(argv[0]).name == "goenv-lsp"
    env["PYTHONPATH"] = str(REPO)
    run = subprocess.run([sys.executable, "-m", "goenv_lsp", *argv[1:]], cwd=root, env=env, capture_output=True,
                         text=True, timeout=120)
    assert run.returncode == 1 and run.stdout == "", run.stderr  # the Dockerfile lags behind go.mod
    document = json.loads((root / report).read_text(encoding="utf-8"))
    assert sarif_tools.schema_errors(document) == []
    assert "GE801" in {r["ruleId"] for r in document["runs"][0]["results"]}


ACTION = yaml.safe_load((REPO / "action.yml").read_text(encoding="utf-8"))


def test_the_composite_action_is_valid() -> None:
    assert schema_errors(ACTION, "vendor.github-actions") == []
    upload = ACTION["runs"]["steps"][-1]
    assert upload["uses"].startswith("github/codeql-action/upload-sarif@") and upload["if"].startswith("always()")


@pytest.mark.realgo
def test_the_composite_action_check_step_runs(tmp_path: Path) -> None:
    """The step's shell line, with the inputs as the runner passes them (its environment), and the goenv-lsp of
    this checkout's virtualenv on PATH (what the install step puts there)."""
    root, env = repository(tmp_path, {"Dockerfile": "FROM golang:1.22\n"}, go_line="1.27")
    step = next(s for s in ACTION["runs"]["steps"] if s.get("name") == "Check")
    script = Path(sys.executable).parent / "goenv-lsp"
    if not script.is_file():
        pytest.skip("goenv-lsp is not installed as a script beside this Python")
    env.update(SARIF_FILE="reports/goenv.sarif", ARGS="--select GE8 --test-no-well-known",
               PATH=f"{script.parent}:{env['PATH']}")
    run = subprocess.run(["bash", "-e", "-c", step["run"]], cwd=root, env=env, capture_output=True, text=True,
                         timeout=120)
    assert run.returncode == 1 and run.stdout == "", run.stderr
    document = json.loads((root / "reports/goenv.sarif").read_text(encoding="utf-8"))
    assert sarif_tools.schema_errors(document) == []
    assert [r["ruleId"] for r in document["runs"][0]["results"]] == ["GE801"]
