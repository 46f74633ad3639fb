"""Issue 9's "done when", tried as a new user would with the `goenv-lsp` command and real go 1.22.10 and 1.27.3:

* in a CI job, `goenv-lsp check` on a healthy project exits 0 (no gopls on the runner, another developer's
  `go.goroot` committed); the same project with a Dockerfile older than go.mod fails with a SARIF file the
  official schema accepts;
* `goenv-lsp env` names the GOENV line that set GOPROXY;
* snapshots of two different machines give a readable drift table;
* `triage` names GOPATH = GOROOT in a pasted Windows `set` dump and a gopls built by an old Go in a pasted
  vscode-go tools report.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
import testbed
from sarif_tools import schema_errors

pytestmark = pytest.mark.realgo

GOENV_LSP = str(Path(sys.executable).parent / "goenv-lsp")
GO_MOD = "module example.com/shop\n\ngo 1.22.0\n"
MAIN_GO = 'package main\n\nimport "fmt"\n\nfunc main() { fmt.Println("shop") }\n'
SETTINGS = '{\n  // Alice\'s SDK, committed by accident\n  "go.goroot": "/home/alice/sdk/go1.22.1",\n}\n'
CI_VARIABLES = {"CI": "true", "GITHUB_ACTIONS": "true"}

REPORTS = Path(__file__).resolve().parents[2] / "examples" / "bug-reports"  # written for goenv-lsp (make demo)
WINDOWS_REPORT = (REPORTS / "windows-go-env.md").read_text()  # `go env` of a go1.22 on Windows: `set KEY=value`
VSCODE_REPORT = (REPORTS / "vscode-go-tools.md").read_text()  # vscode-go's "Go: Locate Configured Go Tools"


def run(args: list[str], env: dict[str, str], cwd: Path | None = None, stdin: str | None = None
        ) -> subprocess.CompletedProcess:
    return subprocess.run([GOENV_LSP, *args], env=env, cwd=cwd, input=stdin, capture_output=True, text=True,
                          timeout=120)


def project(root: Path, dockerfile_go: str) -> Path:
    (root / ".vscode").mkdir(parents=True)
    (root / "go.mod").write_text(GO_MOD)
    (root / "main.go").write_text(MAIN_GO)
    (root / ".vscode/settings.json").write_text(SETTINGS)
    (root / "Dockerfile").write_text(f"FROM golang:{dockerfile_go}\nWORKDIR /src\nCOPY . .\nRUN go build -o /app .\n")
    return root


def test_a_ci_job_passes_a_healthy_project_and_fails_an_old_dockerfile_with_valid_sarif(
        tmp_path: Path, go122: Path) -> None:
    env = testbed.isolated_env(tmp_path, [go122 / "bin"], **CI_VARIABLES)
    healthy = project(tmp_path / "healthy", "1.22")
    ran = run(["check"], env, cwd=healthy)
    assert ran.returncode == 0, ran.stdout + ran.stderr
    assert "GE120" not in ran.stdout and "GE301" not in ran.stdout  # no gopls here; Alice's go.goroot is hers

    stale = project(tmp_path / "stale", "1.21")
    report = tmp_path / "reports/goenv.sarif"
    ran = run(["check", "--format", "sarif", "--output", str(report)], env, cwd=stale)
    assert (ran.returncode, ran.stdout) == (1, ""), ran.stderr
    document = json.loads(report.read_text())
    assert schema_errors(document) == []
    (result,) = [r for r in document["runs"][0]["results"] if r["level"] in ("error", "warning")]
    where = result["locations"][0]["physicalLocation"]
    assert (result["ruleId"], where["artifactLocation"]["uri"], where["region"]["startLine"]) == (
        "GE801", "Dockerfile", 1)
    assert str(tmp_path) not in report.read_text()


def test_env_names_the_goenv_line_that_set_goproxy(tmp_path: Path, go127: Path) -> None:
    env = testbed.isolated_env(tmp_path, [go127 / "bin"], GOPROXY=None)
    subprocess.run([str(go127 / "bin/go"), "env", "-w", "GOPRIVATE=git.corp.example",
                    "GOPROXY=https://goproxy.corp.example"], env=env, check=True, capture_output=True)
    lines = Path(env["GOENV"]).read_text().splitlines()
    number = next(i for i, line in enumerate(lines, 1) if line.startswith("GOPROXY="))
    ran = run(["env"], env, cwd=project(tmp_path / "shop", "1.27"))
    assert ran.returncode == 0, ran.stderr
    (row,) = [line for line in ran.stdout.splitlines() if line.startswith("GOPROXY=")]
    assert "https://goproxy.corp.example" in row and f"GOENV file ~/.config/go/env:{number}" in row


def test_two_machines_snapshots_give_a_drift_table(tmp_path: Path, go122: Path, go127: Path) -> None:
    snapshots = []
    for name, go_root, proxy in (("laptop", go122, "https://proxy.golang.org,direct"),
                                 ("ci", go127, "https://goproxy.corp.example")):
        env = testbed.isolated_env(tmp_path / name, [go_root / "bin"], GOPROXY=proxy)
        work = project(tmp_path / name / "shop", "1.22")
        out = tmp_path / f"{name}.json"
        ran = run(["snapshot", "--redact", "--output", str(out), str(work)], env)
        assert ran.returncode == 0, ran.stderr
        snapshots.append(str(out))
    ran = run(["diff", *snapshots, "--format", "markdown"], testbed.isolated_env(tmp_path, []))
    assert ran.returncode == 1, ran.stderr  # a Go minor version apart: drift worth a warning
    table = [line for line in ran.stdout.splitlines() if line.startswith("|")]
    assert len(table) >= 4 and re.match(r"\|\s*-", table[1])  # a header, its rule, rows
    assert any("1.22.10" in row and "1.27.3" in row for row in table)
    assert any("GOPROXY" in row and "goproxy.corp.example" in row for row in table)
    assert str(tmp_path) not in ran.stdout


@pytest.mark.parametrize(("report", "code", "words"), [
    (WINDOWS_REPORT, "GE201", "GOPATH=C:\\Program Files\\Go"),
    (VSCODE_REPORT, "GE121", "go1.16.15"),
], ids=["windows-set-dump", "vscode-go-tools"])
def test_triage_names_the_cause_of_a_pasted_report(tmp_path: Path, report: str, code: str, words: str) -> None:
    env = testbed.isolated_env(tmp_path, [])
    ran = run(["triage", "--format", "json", "-"], env, stdin=report)
    assert ran.returncode == 1, ran.stderr
    findings = json.loads(ran.stdout)["findings"]
    assert [f["code"] for f in findings] == [code]
    (finding,) = findings
    assert words in finding["message"] and finding["confidence"] in ("high", "medium")  # medium: no `go env`
    line = report.splitlines()[finding["range"]["start"]["line"]]
    assert ("GOPATH" in line) if code == "GE201" else ("gopls" in line)
    text = run(["triage", "-"], env, stdin=report)
    assert f" {code} " in text.stdout and f"{finding['confidence']} confidence" in text.stdout


def test_triage_sarif_points_at_the_paste_and_the_schema_accepts_it(tmp_path: Path) -> None:
    paste = tmp_path / "issue-1234.md"
    paste.write_text(WINDOWS_REPORT)
    ran = run(["triage", "--format", "sarif", str(paste)], testbed.isolated_env(tmp_path, []), cwd=tmp_path)
    assert ran.returncode == 1, ran.stderr
    document = json.loads(ran.stdout)
    assert schema_errors(document) == []
    (result,) = document["runs"][0]["results"]
    where = result["locations"][0]["physicalLocation"]
    assert (result["ruleId"], where["artifactLocation"]["uri"], result["properties"]["confidence"]) == (
        "GE201", "issue-1234.md", "high")
    assert WINDOWS_REPORT.splitlines()[where["region"]["startLine"] - 1].startswith("set GOPATH=")
    assert str(tmp_path) not in ran.stdout
