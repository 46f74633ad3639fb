"""The command line, in-process (``cli.main``) over recorded facts, and once as ``python -m goenv_lsp``."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import factsbuilder as fb
import pytest
import testbed

from goenv_lsp import cli
from goenv_lsp.facts import Facts, PathInfo, Status
from goenv_lsp.rules import all_rules
from goenv_lsp.serde import to_data

REPO = Path(__file__).resolve().parent.parent


def editor_sdk(version: str, root: str, workspace: str = fb.ROOT) -> Facts:
    """go.goroot names another Go than the one on PATH: GE302 (warning; info when the same version)."""
    healthy = fb.healthy()
    other = fb.go_binary(version, root=root, path_index=None, origins=("go.goroot",))
    settings = replace(fb.settings(go_goroot=root), path=f"{workspace}/.vscode/settings.json")
    return fb.healthy(root=workspace, go_mod=fb.go_mod(path=f"{workspace}/go.mod"), vscode=settings,
                      go_binaries=(*healthy.go_binaries, other),
                      paths={**(healthy.path_info or {}), root: PathInfo("dir", True, f"go{version}", root)})


HEALTHY = fb.healthy()
NO_GO = fb.healthy(go_binaries=())  # GE101, error
MISMATCH = editor_sdk("1.22.10", f"{fb.HOME}/sdk/go1.22.10")  # GE302, warning
SAME_VERSION = editor_sdk("1.27.3", "/opt/go")  # GE302, info


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = cli.main(list(args))
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out, err


@pytest.fixture
def facts_file(tmp_path: Path):
    def write(facts: Facts) -> str:
        path = tmp_path / f"facts-{len(list(tmp_path.iterdir()))}.json"
        path.write_text(json.dumps(to_data(facts)), encoding="utf-8")
        return str(path)

    return write


# rules and explain

def test_rules(capsys) -> None:
    code, out, _ = run(capsys, "rules")
    assert code == 0
    lines = out.splitlines()
    assert [line.split()[0] for line in lines] == [r.code for r in all_rules()]
    assert any(line.split()[:3] == ["GE302", "editor-sdk-mismatch", "warning"] for line in lines)


def test_rules_json(capsys) -> None:
    code, out, _ = run(capsys, "rules", "--format", "json")
    assert code == 0
    records = json.loads(out)
    assert [r["code"] for r in records] == [r.code for r in all_rules()]
    assert set(records[0]) == {"code", "name", "severity", "summary", "family", "status", "scope", "fix", "fix_title",
                               "tags", "needs", "suppressed_by", "url", "docs", "contexts", "informational_in"}


@pytest.mark.parametrize("name", ["GE302", "ge302", "editor-sdk-mismatch"])
def test_explain_markdown(capsys, name: str) -> None:
    code, out, _ = run(capsys, "explain", name)
    assert code == 0
    assert out.startswith("# GE302 editor-sdk-mismatch\n")
    for title in ("What it checks", "Why it matters", "How to fix", "Example"):
        assert f"## {title}\n" in out


def test_explain_json(capsys) -> None:
    code, out, _ = run(capsys, "explain", "GE302", "--format", "json")
    assert code == 0
    record = json.loads(out)
    assert (record["code"], record["name"], record["severity"]) == ("GE302", "editor-sdk-mismatch", "warning")
    assert record["url"].endswith("docs/rules/GE302.md")
    assert "## How to fix" in record["docs"]


@pytest.mark.parametrize("name", ["GE999", "no-such-rule", "GE000"])
def test_explain_unknown(capsys, name: str) -> None:
    code, out, err = run(capsys, "explain", name)
    assert code == 2 and out == ""
    assert err == f"goenv-lsp: no rule '{name}' (see `goenv-lsp rules`)\n"


# check over recorded facts: exit codes

@pytest.mark.parametrize(("facts", "fail_on", "expected"), [
    (HEALTHY, "info", 0),
    (NO_GO, "error", 1), (NO_GO, "warning", 1), (NO_GO, "info", 1), (NO_GO, "never", 0),
    (MISMATCH, "error", 0), (MISMATCH, "warning", 1), (MISMATCH, "info", 1), (MISMATCH, "never", 0),
    (SAME_VERSION, "error", 0), (SAME_VERSION, "warning", 0), (SAME_VERSION, "info", 1), (SAME_VERSION, "never", 0),
])
@pytest.mark.parametrize("fmt", ["text", "json"])
def test_exit_code_follows_fail_on(capsys, facts_file, facts: Facts, fail_on: str, expected: int, fmt: str) -> None:
    code, out, err = run(capsys, "check", "--facts", facts_file(facts), "--fail-on", fail_on, "--format", fmt)
    assert (code, err) == (expected, "")
    if fmt == "json":
        assert json.loads(out)["schema"] == 1


def test_default_fail_on_is_warning(capsys, facts_file) -> None:
    assert run(capsys, "check", "--facts", facts_file(MISMATCH))[0] == 1
    assert run(capsys, "check", "--facts", facts_file(SAME_VERSION))[0] == 0


# check: text

def test_text_healthy_is_one_quiet_line(capsys, facts_file) -> None:
    code, out, _ = run(capsys, "check", "--facts", facts_file(HEALTHY))
    assert code == 0
    assert out.startswith("✓ No Go environment problems found")
    assert out.count("\n") == 1


def test_text_report(capsys, facts_file) -> None:
    code, out, _ = run(capsys, "check", "--facts", facts_file(MISMATCH))
    lines = out.splitlines()
    assert code == 1
    assert lines[0].startswith("goenv-lsp in /work/app (go1.27.3 at /usr/local/go1.27.3/bin/go)")
    assert "✓ Go toolchain" in lines
    assert "! Editor settings (1 warning)" in lines
    finding = next(line for line in lines if " GE302 " in line)
    assert finding.startswith(".vscode/settings.json:2:16: GE302 ")  # 1-based line:col
    assert finding.endswith(" [warning]")
    assert lines[-1] == "1 warning. Details: goenv-lsp explain GE302"


def test_text_error_group(capsys, facts_file) -> None:
    _, out, _ = run(capsys, "check", "--facts", facts_file(NO_GO))
    assert "✗ Go toolchain (1 error)" in out.splitlines()
    assert any(" GE101 " in line and line.endswith(" [error]") for line in out.splitlines())


# check: JSON

def test_json_report(capsys, facts_file) -> None:
    code, out, _ = run(capsys, "check", "--facts", facts_file(MISMATCH), "--format", "json")
    document = json.loads(out)
    assert code == 1
    assert document["schema"] == 1 and document["root"] == "/work/app"
    assert document["summary"] == {"error": 0, "warning": 1, "info": 0}
    (finding,) = document["findings"]
    assert finding["code"] == "GE302" and finding["name"] == "editor-sdk-mismatch"
    assert finding["severity"] == "warning"
    assert finding["path"] == ".vscode/settings.json"
    assert finding["range"]["start"] == {"line": 1, "character": 15}
    assert finding["url"].endswith("/docs/rules/GE302.md")
    (fix,) = finding["fixes"]
    assert fix["applicability"] in ("safe", "unsafe")
    assert fix["edits"][0]["path"] == ".vscode/settings.json"
    assert fix["edits"][0]["newText"] == '"/usr/local/go1.27.3"'


def test_json_healthy(capsys, facts_file) -> None:
    code, out, _ = run(capsys, "check", "--facts", facts_file(HEALTHY), "--format", "json")
    assert code == 0
    assert json.loads(out)["findings"] == []


# check: home directory

def test_home_is_shown_as_tilde(capsys, facts_file) -> None:
    path = facts_file(MISMATCH)
    for fmt in ("text", "json"):
        _, out, _ = run(capsys, "check", "--facts", path, "--format", fmt)
        assert "~/sdk/go1.22.10" in out
        assert fb.HOME not in out
        _, out, _ = run(capsys, "check", "--facts", path, "--format", fmt, "--show-home")
        assert f"{fb.HOME}/sdk/go1.22.10" in out


def test_root_under_home(capsys, facts_file) -> None:
    facts = editor_sdk("1.22.10", f"{fb.HOME}/sdk/go1.22.10", workspace=f"{fb.HOME}/app")
    _, out, _ = run(capsys, "check", "--facts", facts_file(facts), "--format", "json")
    document = json.loads(out)
    assert document["root"] == "~/app"
    assert document["findings"][0]["path"] == ".vscode/settings.json"


# check: selection

def test_select_and_ignore(capsys, facts_file) -> None:
    path = facts_file(NO_GO)
    for args in (["--select", "GE101"], ["--select", "GE1"], ["--select", "go-not-found"], ["--ignore", "GE3"]):
        assert run(capsys, "check", "--facts", path, *args)[0] == 1, args
    for args in (["--select", "GE3"], ["--ignore", "GE101"], ["--ignore", "GE1"], ["--ignore", "go-not-found"]):
        code, out, _ = run(capsys, "check", "--facts", path, *args)
        assert code == 0 and out.startswith("✓ No Go environment problems found"), args


@pytest.mark.parametrize("args", [["--select", "GE999"], ["--ignore", "GE9"], ["--select", "GE1", "--select", "nope"],
                                  ["--ignore", "not-a-rule"], ["--select", ""]])
def test_unknown_selection(capsys, facts_file, args: list[str]) -> None:
    code, out, err = run(capsys, "check", "--facts", facts_file(HEALTHY), *args)
    assert code == 2 and out == ""
    assert "unknown rule or family" in err and "goenv-lsp rules" in err


# check: bad input is exit 2 with a message, never a traceback

def test_check_on_a_file(capsys, tmp_path: Path) -> None:
    (tmp_path / "go.mod").write_text("module x\n")
    code, out, err = run(capsys, "check", str(tmp_path / "go.mod"))
    assert (code, out) == (2, "")
    assert err == f"goenv-lsp: {tmp_path / 'go.mod'}: not a directory\n"
    assert run(capsys, "check", str(tmp_path / "missing"))[0] == 2


@pytest.mark.parametrize(("content", "message"), [
    ("not json", "not JSON"),
    ("", "not JSON"),
    ("\udcff", "cannot read facts"),
    ("[]", "not goenv-lsp facts (no schema number)"),
    ('{"schema": 3}', "facts of schema 3 come from a newer goenv-lsp"),
    ('{"schema": 0}', "facts of schema 0 are too old to read"),
    ('{"root": "/x"}', "not goenv-lsp facts (no schema number)"),
    ('{"schema": 2, "go_binaries": "go"}', "$.go_binaries: expected a list"),
    ('{"schema": 2, "go_binaries": [{"path": "/go"}]}', "$.go_binaries[0]: missing field 'real_path'"),
    ('{"schema": 2, "env": {"GOPATH": 1}}', "$.env.GOPATH: expected str"),
    # schema 1 (migrated on load): the same shape errors
    ('{"schema": 1, "go_binaries": "go"}', "$.go_binaries: expected a list"),
    ('{"schema": 1, "go_binaries": [{"path": "/go"}]}', "$.go_binaries[0]: missing field 'real_path'"),
    ('{"schema": 1, "env": {"GOPATH": 1}}', "$.env.GOPATH: expected str"),
])
def test_bad_facts_file(capsys, tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "facts.json"
    path.write_bytes(content.encode("utf-8", "surrogateescape"))
    code, out, err = run(capsys, "check", "--facts", str(path))
    assert (code, out) == (2, "")
    assert err.startswith("goenv-lsp: ") and message in err and err.count("\n") == 1


def test_facts_file_missing_or_a_directory(capsys, tmp_path: Path) -> None:
    assert run(capsys, "check", "--facts", str(tmp_path / "missing.json"))[0] == 2
    assert run(capsys, "check", "--facts", str(tmp_path))[0] == 2


@pytest.mark.parametrize("args", [
    ["check", "--format", "xml"], ["check", "--fail-on", "sometimes"], ["check", "--probe-timeout", "soon"],
    ["check", "--bogus"], ["explain"], ["frobnicate"], ["rules", "--format", "md"],
])
def test_usage_errors(capsys, args: list[str]) -> None:
    code, out, err = run(capsys, *args)
    assert (code, out) == (2, "")
    assert "usage:" in err


def test_probe_timeout_must_be_positive(capsys, tmp_path: Path) -> None:
    code, _, err = run(capsys, "check", str(tmp_path), "--probe-timeout", "0")
    assert code == 2 and "--probe-timeout must be positive" in err


def test_internal_error_is_one_line(capsys, facts_file, monkeypatch) -> None:
    monkeypatch.delenv("GOENV_LSP_DEBUG", raising=False)

    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr("goenv_lsp.engine.Evaluation.run", broken)
    code, out, err = run(capsys, "check", "--facts", facts_file(HEALTHY))
    assert (code, out) == (2, "")
    assert err.startswith("goenv-lsp: internal error: RuntimeError('boom')") and err.count("\n") == 1


def test_version(capsys) -> None:
    code, out, _ = run(capsys, "--version")
    assert code == 0 and out.startswith("goenv-lsp ")


# as a user runs it

def python_m(args: list[str], cwd: Path | str = REPO, env: dict[str, str] | None = None):
    env = {**(env if env is not None else os.environ), "PYTHONPATH": str(REPO)}
    return subprocess.run([sys.executable, "-m", "goenv_lsp", "--test-no-well-known", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=120)


def test_subprocess_check_over_facts(facts_file) -> None:
    proc = python_m(["check", "--facts", facts_file(MISMATCH), "--format", "json"])
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    assert json.loads(proc.stdout)["findings"][0]["code"] == "GE302"
    proc = python_m(["explain", "GE999"])
    assert proc.returncode == 2 and proc.stdout == "" and "Traceback" not in proc.stderr


def test_subprocess_check_probes_a_directory(tmp_path: Path) -> None:
    env = {"PATH": str(testbed.host_bin()), "HOME": str(tmp_path)}
    proc = python_m(["check", str(tmp_path), "--format", "json", "--fail-on", "never"], cwd=tmp_path, env=env)
    assert proc.returncode == 0, proc.stderr
    document = json.loads(proc.stdout)
    assert document["root"] == "~"
    assert "Traceback" not in proc.stderr


def test_facts_never_show_url_credentials(tmp_path: Path) -> None:
    secret = "s3cr3t-token"
    config = tmp_path / "config" / "go"
    config.mkdir(parents=True)
    (config / "env").write_text(f"GOPROXY=https://file-user:{secret}@proxy.example.com\n", encoding="utf-8")
    env = {"PATH": str(testbed.host_bin()), "HOME": str(tmp_path), "XDG_CONFIG_HOME": str(tmp_path / "config"),
           "GOPROXY": f"https://user:{secret}@proxy.example.com,direct", "GONOSUMDB": "example.com"}
    proc = python_m(["facts"], cwd=tmp_path, env=env)
    assert proc.returncode == 0, proc.stderr
    assert secret not in proc.stdout and secret not in proc.stderr
    facts = json.loads(proc.stdout)
    assert facts["env"]["GOPROXY"] == "https://<redacted>@proxy.example.com,direct"
    env_file = facts["files"]["~/config/go/env"]  # home shown as ~
    assert (env_file["kind"], env_file["status"]) == ("goenv", Status.OK.value)
    assert env_file["entries"][0]["value"] == "https://<redacted>@proxy.example.com"
