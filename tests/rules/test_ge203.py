"""GE203 env-overrides-goenv-file: an environment variable hides another value of the GOENV file."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
import testbed
from factsbuilder import HOME, env_file, healthy
from fixhelp import apply_json_fix

from goenv_lsp.engine import evaluate
from goenv_lsp.facts import Status
from goenv_lsp.files.goenv_file import EnvFileEntry, EnvFileFacts
from goenv_lsp.model import Location, Range, Severity
from goenv_lsp.rules.ge2_modules.ge203_env_overrides_goenv_file import check as GE203

GOENV = f"{HOME}/.config/go/env"


def run(facts):
    return evaluate(facts, rules=[GE203])


def goenv_lines(*lines: str) -> EnvFileFacts:
    entries = tuple(EnvFileEntry(*line.split("=", 1), i) for i, line in enumerate(lines))
    return EnvFileFacts(path=GOENV, kind="goenv", status=Status.OK, entries=entries)


def test_a_different_value_in_the_environment() -> None:
    [finding] = run(healthy(env={"HOME": HOME, "GOFLAGS": "-mod=mod"},
                            user_env_file=env_file(GOENV, GOPRIVATE="x", GOFLAGS="-mod=vendor")))
    assert (finding.code, finding.severity) == ("GE203", Severity.WARNING)
    assert finding.message == ("GOFLAGS=-mod=vendor in the GOENV file is overridden by the environment variable "
                               "GOFLAGS=-mod=mod; programs started without that variable (an editor launched from "
                               "the desktop) use the file's value")
    assert finding.location == Location(GOENV, Range.of(1, 0, 19))
    [fix] = finding.fixes
    assert [e.range for e in fix.edits] == [Range.of(1, 0, 0, end_line=2)]


def test_every_line_of_a_duplicated_key_is_removed_and_the_last_one_is_judged() -> None:
    [finding] = run(healthy(env={"HOME": HOME, "GOPROXY": "direct"},
                            user_env_file=goenv_lines("GOPROXY=direct", "GOPROXY=off")))
    assert finding.location.range.start.line == 1
    assert [e.range.start.line for e in finding.fixes[0].edits] == [0, 1]
    assert run(healthy(env={"HOME": HOME, "GOPROXY": "direct"},
                       user_env_file=goenv_lines("GOPROXY=off", "GOPROXY=direct"))) == []


@pytest.mark.parametrize("env", [{"GOFLAGS": ""}, {"GOFLAGS": "-mod=vendor"}, {}])
def test_empty_equal_or_absent_is_quiet(env: dict) -> None:
    assert run(healthy(env={"HOME": HOME, **env}, user_env_file=env_file(GOENV, GOFLAGS="-mod=vendor"))) == []


def test_variables_not_recorded_from_the_environment_are_not_judged() -> None:
    """Only GO* and CGO_* variables are kept from the environment: CC's absence there means unknown."""
    assert run(healthy(env={"HOME": HOME, "CC": "clang"}, user_env_file=env_file(GOENV, CC="gcc"))) == []


def test_secret_values_are_redacted() -> None:
    [finding] = run(healthy(env={"HOME": HOME, "GOPROXY": "https://u:tok3n@proxy.example/"},
                            user_env_file=env_file(GOENV, GOPROXY="https://proxy.golang.org,direct")))
    assert "tok3n" not in finding.message and "tok3n" not in finding.fixes[0].title


def test_unknown_facts_say_nothing() -> None:
    assert run(healthy(env=None, user_env_file=env_file(GOENV, GOFLAGS="-x"))) == []
    assert run(healthy(env={"GOFLAGS": "-v"}, user_env_file=None, unknown=("goenv",))) == []


# --- real toolchains


@pytest.mark.realgo
def test_real_go_env_w_warns_and_the_fix_leaves_the_environment_value(workspace: Path, go127: Path,
                                                                       go_env: testbed.EnvFactory, check_real) -> None:
    env = go_env([go127 / "bin"], GOFLAGS="-mod=mod")
    written = subprocess.run(["go", "env", "-w", "GOFLAGS=-mod=vendor"], env=env, capture_output=True, text=True,
                             timeout=60)
    assert (written.returncode, written.stderr) == (
        0, "warning: go env -w GOFLAGS=... does not override conflicting OS environment variable\n")
    shown = subprocess.run(["go", "env", "GOFLAGS"], env=env, capture_output=True, text=True, timeout=60)
    assert shown.stdout == "-mod=mod\n"  # the environment wins
    _, report = check_real(workspace, env)
    [finding] = [f for f in report["findings"] if f["code"] == "GE203"]
    assert finding["path"] == "~/.config/go/env"
    apply_json_fix(finding["fixes"][0], workspace, env["HOME"])
    assert Path(env["GOENV"]).read_text() == ""
    assert "GE203" not in {f["code"] for f in check_real(workspace, env)[1]["findings"]}
