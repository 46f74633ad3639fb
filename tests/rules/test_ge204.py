"""GE204 gopath-mode-outside-gopath: GOPATH mode without go.mod in a workspace outside every GOPATH/src."""

from __future__ import annotations

import os
import subprocess
from dataclasses import replace
from pathlib import Path

import pytest
import testbed
from factsbuilder import HOME, go_binary, go_work, healthy

from goenv_lsp.engine import evaluate
from goenv_lsp.model import Severity
from goenv_lsp.rules.ge2_modules.ge204_gopath_mode_outside_gopath import check as GE204


def run(facts):
    return evaluate(facts, rules=[GE204])


def gopath_mode(value: str = "auto", **changes):
    return healthy(**{"env": {"HOME": HOME, "GO111MODULE": value}, "go_mod": None, **changes})


@pytest.mark.parametrize("value", ["auto", "off"])
def test_no_go_mod_outside_gopath(value: str) -> None:
    [finding] = run(gopath_mode(value))
    assert (finding.code, finding.severity) == ("GE204", Severity.WARNING)
    assert finding.message == (
        f"GO111MODULE={value} from the environment variable GO111MODULE and no go.mod: the go command works in GOPATH "
        "mode in /work/app, which is outside GOPATH/src (GOPATH=/home/dev/go); imports of its own packages fail "
        "with `cannot find package \"…\" in any of: … (from $GOROOT) … (from $GOPATH)`. Run `go mod init "
        "<module path>` there")


def test_inside_gopath_src_is_the_legacy_layout() -> None:
    assert run(gopath_mode(root=f"{HOME}/go/src/example.com/app")) == []


def test_inside_a_later_gopath_entry() -> None:
    go = go_binary(GOPATH=f"{HOME}/go:/srv/gopath")
    assert run(gopath_mode(root="/srv/gopath/src/tool", go_binaries=(go,))) == []


def test_auto_with_a_go_work_is_module_mode() -> None:
    assert run(gopath_mode(go_work=go_work())) == []
    [finding] = run(gopath_mode("off", go_work=replace(go_work(), uses=())))  # off ignores go.work, none used
    assert "GOPATH mode" in finding.message


@pytest.mark.parametrize("value", ["", "on"])
def test_module_mode_is_not_this_rules_business(value: str) -> None:
    assert run(gopath_mode(value)) == []


def test_a_go_mod_is_ge202s_business() -> None:
    assert run(healthy(env={"HOME": HOME, "GO111MODULE": "off"})) == []


def test_unknown_go_env_says_nothing() -> None:
    assert run(gopath_mode(go_binaries=())) == []


# --- real toolchains


@pytest.mark.realgo
def test_real_auto_outside_gopath(tmp_path: Path, go127: Path, go_env: testbed.EnvFactory, check_real) -> None:
    project = tmp_path / "src/tool"
    (project / "util").mkdir(parents=True)
    (project / "util/util.go").write_text("package util\n\nfunc F() {}\n")
    (project / "main.go").write_text('package main\n\nimport "tool/util"\n\nfunc main() { util.F() }\n')
    env = go_env([go127 / "bin"], GO111MODULE="auto")
    built = subprocess.run(["go", "build", "-o", os.devnull, "."], cwd=project, env=env, capture_output=True,
                           text=True, timeout=120)
    assert built.returncode == 1
    assert built.stderr.startswith('main.go:3:8: cannot find package "tool/util" in any of:\n')
    _, report = check_real(project, env)
    [finding] = [f for f in report["findings"] if f["code"] == "GE204"]
    assert finding["message"].startswith("GO111MODULE=auto from the environment variable GO111MODULE and no go.mod")
    inside = Path(env["GOPATH"]) / "src/tool"
    inside.parent.mkdir(parents=True)
    project.rename(inside)  # the legacy layout: the same import now resolves
    assert subprocess.run(["go", "list", "-deps", "."], cwd=inside, env=env, capture_output=True,
                          timeout=120).returncode == 0
    assert "GE204" not in {f["code"] for f in check_real(inside, env)[1]["findings"]}
