"""GE621 c-compiler-missing: cgo wanted, its C compiler not on PATH (Go >= 1.20 rules of cmd/go cfg)."""

from __future__ import annotations

from pathlib import Path

import pytest
import testbed
from factsbuilder import go_binary, healthy
from fixhelp import apply_json_fix
from ge6help import CGO, HELLO, codes, go, module, only

from goenv_lsp.engine import evaluate
from goenv_lsp.model import Severity
from goenv_lsp.rules.ge6_platform.ge621_c_compiler_missing import check as GE621

NOT_FOUND = 'cgo: C compiler "gcc" not found: exec: "gcc": executable file not found in $PATH'


def facts(version="1.27.3", cgo=("/work/app/db.go",), commands=None, env=None, **go_env: str):
    values = {"CGO_ENABLED": "0", "GOOS": "linux", "GOARCH": "amd64", "CC": "gcc", **go_env}
    return healthy(go_binaries=(go_binary(version, **values),), cgo_files=cgo,
                   path_commands=commands if commands is not None else {"gcc": ""},
                   env={"PATH": "/usr/local/go1.27.3/bin:/usr/bin", "HOME": "/home/dev", **(env or {})})


def test_cgo_on_without_its_compiler_is_an_error() -> None:
    [finding] = evaluate(facts(CGO_ENABLED="1", env={"CGO_ENABLED": "1"}), rules=[GE621])
    assert finding.severity is Severity.ERROR
    assert NOT_FOUND in finding.message
    assert finding.message.startswith("CGO_ENABLED=1 from the environment variable CGO_ENABLED, but the C "
                                      "compiler `gcc` is not on PATH")


def test_turned_off_by_itself_matters_only_with_cgo_files() -> None:
    [finding] = evaluate(facts(), rules=[GE621])
    assert finding.severity is Severity.WARNING
    assert finding.message.startswith("no C compiler: `gcc` is not on PATH, so go 1.27.3 turned cgo off by itself")
    assert evaluate(facts(cgo=()), rules=[GE621]) == []


def test_quiet_when_the_compiler_is_there_cross_compiling_or_before_go_1_20() -> None:
    assert evaluate(facts(CGO_ENABLED="1", commands={"gcc": "/usr/bin/gcc"}), rules=[GE621]) == []
    assert evaluate(facts(GOOS="windows", env={"GOOS": "windows"}), rules=[GE621]) == []
    assert evaluate(facts("1.19.13", CGO_ENABLED="1", env={"CGO_ENABLED": "1"}), rules=[GE621]) == []
    assert evaluate(facts(commands={}), rules=[GE621]) == []  # not looked up: unknown


# --- real toolchains


@pytest.mark.realgo
def test_real_go_1_22_turns_cgo_off_without_a_compiler_too(workspace: Path, go122: Path,
                                                            go_env: testbed.EnvFactory, probe_real) -> None:
    env = go_env([go122 / "bin"])
    assert go(env, workspace, "env", "CGO_ENABLED").stdout == "0\n"
    (workspace / "db.go").write_text(CGO)
    [finding] = evaluate(probe_real(workspace, env), rules=[GE621])
    assert finding.message.startswith("no C compiler: `gcc` is not on PATH, so go 1.22.10 turned cgo off by itself")


@pytest.mark.realgo
def test_real_no_compiler(tmp_path: Path, go127: Path, go_env: testbed.EnvFactory, check_real) -> None:
    env = go_env([go127 / "bin"])  # PATH has no gcc
    work = module(tmp_path / "ws", "example.com/app", **{"main.go": HELLO, "db.go": CGO.replace("func main", "func x")})
    assert go(env, work, "env", "CGO_ENABLED").stdout == "0\n"  # Go >= 1.20 turned it off by itself
    finding = only(check_real(work, env)[1], "GE621")
    assert finding["severity"] == "warning"
    assert finding["message"].startswith("no C compiler: `gcc` is not on PATH, so go 1.27.3 turned cgo off by "
                                         "itself (`go env CGO_ENABLED` is 0) and leaves out the cgo files db.go")
    testbed.write_goenv(env, CGO_ENABLED="1")
    built = go(env, work, "build", ".")
    assert (built.returncode, built.stderr) == (1, f"# runtime/cgo\n{NOT_FOUND}\n")
    finding = only(check_real(work, env)[1], "GE621")
    assert finding["severity"] == "error"
    assert NOT_FOUND in finding["message"]
    [fix] = finding["fixes"]
    apply_json_fix(fix, work, env["HOME"])
    (work / "db.go").unlink()
    assert go(env, work, "build", ".").returncode == 0  # cgo off again, the pure-Go program builds
    assert "GE621" not in codes(check_real(work, env)[1])


@pytest.mark.realgo
def test_real_cc_names_a_missing_compiler(workspace: Path, go127: Path, go_env: testbed.EnvFactory,
                                          check_real) -> None:
    env = go_env([go127 / "bin"], CC="nosuchcc")
    assert go(env, workspace, "env", "CGO_ENABLED").stdout == "1\n"  # CC set: no automatic switch-off
    (workspace / "main.go").write_text('package main\n\nimport "net"\n\nfunc main() { println(net.IPv4len) }\n')
    built = go(env, workspace, "build", ".")
    wording = 'cgo: C compiler "nosuchcc" not found: exec: "nosuchcc": executable file not found in $PATH'
    assert (built.returncode, built.stderr) == (1, f"# runtime/cgo\n{wording}\n")
    finding = only(check_real(workspace, env)[1], "GE621")
    assert finding["message"].startswith("CC=nosuchcc from the environment variable CC, but the C compiler "
                                         f"`nosuchcc` is not on PATH: every build that needs cgo fails — programs "
                                         f"importing net or os/user too — with `{wording}`")
