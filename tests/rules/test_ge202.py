"""GE202 go111module-off: GO111MODULE=off while the workspace has a go.mod."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
import testbed
from factsbuilder import HOME, ROOT, env_file, go_mod, go_work, healthy

from goenv_lsp.engine import evaluate
from goenv_lsp.model import Location, Range, Severity
from goenv_lsp.rules.ge2_modules.ge202_go111module_off import check as GE202

GOENV = f"{HOME}/.config/go/env"
MODULE_LINE = Location(f"{ROOT}/go.mod", Range.of(0, 7, 22))
FAILS = ("makes the go command ignore /work/app/go.mod: imports of the module's packages and requirements fail with "
         "`cannot find package \"example.com/app/…\" in any of: … (from $GOROOT) … (from $GOPATH)` and `go mod` "
         "commands with `go: modules disabled by GO111MODULE=off`")


def run(facts):
    return evaluate(facts, rules=[GE202])


def test_off_in_the_environment() -> None:
    [finding] = run(healthy(env={"HOME": HOME, "GO111MODULE": "off"}))
    assert (finding.code, finding.severity) == ("GE202", Severity.ERROR)
    assert finding.message == (f"GO111MODULE=off from the environment variable GO111MODULE {FAILS}; unset it in "
                               "your shell profile (an empty GO111MODULE means modules)")
    assert (finding.location, finding.fixes, finding.related) == (MODULE_LINE, (), ())


def test_off_in_the_goenv_file_is_unset_with_go_env_u() -> None:
    [finding] = run(healthy(user_env_file=env_file(GOENV, GOPRIVATE="example.com", GO111MODULE="off")))
    assert finding.location == Location(GOENV, Range.of(1, 0, 15))
    [fix] = finding.fixes
    assert fix.command is not None and fix.command.argv[1:] == ("env", "-u", "GO111MODULE")
    assert [r.location for r in finding.related] == [MODULE_LINE]


def test_a_go_work_without_go_mod_at_the_root_is_ignored_too() -> None:
    [finding] = run(healthy(env={"HOME": HOME, "GO111MODULE": "off"}, go_mod=None, go_work=go_work()))
    assert "ignore /work/app/go.work" in finding.message


@pytest.mark.parametrize("value", ["", "on", "auto"])
def test_module_mode_values_are_quiet(value: str) -> None:
    assert run(healthy(env={"HOME": HOME, "GO111MODULE": value})) == []


def test_off_without_any_go_mod_is_a_gopath_project() -> None:
    assert run(healthy(env={"HOME": HOME, "GO111MODULE": "off"}, go_mod=None)) == []


def test_unknown_environment_says_nothing() -> None:
    assert run(healthy(env=None)) == []


def test_a_go_mod_below_the_root_counts() -> None:
    below = go_mod(path=f"{ROOT}/svc/go.mod")
    facts = healthy(env={"HOME": HOME, "GO111MODULE": "off"}, go_mod=None)
    facts = facts.with_files({below.path: below})
    [finding] = run(facts)
    assert f"ignore {ROOT}/svc/go.mod" in finding.message


# --- real toolchains


def go(env: dict[str, str], cwd: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["go", *args], env=env, cwd=cwd, capture_output=True, text=True, timeout=120)


@pytest.mark.realgo
def test_real_off_in_the_goenv_file(workspace: Path, go127: Path, go_env: testbed.EnvFactory, check_real) -> None:
    (workspace / "lib").mkdir()
    (workspace / "lib/lib.go").write_text("package lib\n\nfunc F() {}\n")
    (workspace / "main.go").write_text('package main\n\nimport "example.com/app/lib"\n\nfunc main() { lib.F() }\n')
    env = go_env([go127 / "bin"])
    testbed.write_goenv(env, GO111MODULE="off")
    built = go(env, workspace, "build", "-o", os.devnull, ".")
    assert built.returncode == 1
    assert built.stderr.startswith('main.go:3:8: cannot find package "example.com/app/lib" in any of:\n')
    assert "(from $GOROOT)" in built.stderr and "(from $GOPATH)" in built.stderr
    tidy = go(env, workspace, "mod", "tidy")
    assert tidy.stderr == "go: modules disabled by GO111MODULE=off; see 'go help modules'\n"
    code, report = check_real(workspace, env)
    [finding] = [f for f in report["findings"] if f["code"] == "GE202"]
    assert (code, finding["path"], finding["severity"]) == (1, "~/.config/go/env", "error")
    [fix] = finding["fixes"]
    fixed = subprocess.run(fix["command"]["argv"], env=env, capture_output=True, text=True, timeout=60)
    assert (fixed.returncode, fixed.stderr) == (0, "")
    assert go(env, workspace, "list", "-deps", ".").returncode == 0  # loads as a module now (no compiling)
    assert "GE202" not in {f["code"] for f in check_real(workspace, env)[1]["findings"]}
