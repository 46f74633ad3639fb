"""GE110 go-line-too-new: the go line needs a newer Go than the one that runs, and switching is off."""

from __future__ import annotations

import subprocess
from dataclasses import replace
from pathlib import Path

import pytest
import testbed
from factsbuilder import HOME, ROOT, env_file, env_file_of, go_binary, go_mod, go_work, healthy

from goenv_lsp.engine import evaluate
from goenv_lsp.facts import PathInfo, Status
from goenv_lsp.files.goenv_file import EnvFileEntry
from goenv_lsp.model import Applicability, CommandKind, CommandSpec, Location, Range, Related, Severity, TextEdit
from goenv_lsp.rules.ge1_toolchain.ge110_go_line_too_new import check as GE110

GOENV = f"{HOME}/.config/go/env"
GO_ENV = "/usr/local/go1.22.10/go.env"
GO = "/usr/local/go1.22.10/bin/go"
GO_LINE = Range.of(2, 3, 9)
WORK_GO_LINE = Range.of(0, 3, 9)  # a go.work has no module line: its go line comes first
TAIL = ": go build, go test and gopls will fail"


def run(facts):
    return evaluate(facts, rules=[GE110])


def go122(env: dict | None = None, goenv: tuple[str, ...] = (), go_env: dict | None = None, **changes):
    """go 1.22.10 on PATH, go.mod `go 1.27.3`; GOTOOLCHAIN from env / GOENV lines / go.env (default auto)."""
    entries = tuple(EnvFileEntry(*line.split("=", 1), i) for i, line in enumerate(goenv))
    return healthy(**{
        "go_binaries": (go_binary("1.22.10"),), "env": {"HOME": HOME, **(env or {})},
        "user_env_file": env_file_of(GOENV, Status.OK, entries),
        "goroot_env_file": env_file(GO_ENV, **(go_env if go_env is not None else {"GOTOOLCHAIN": "auto"})),
        **changes})


def lower_fix(to: str = "1.22.10"):
    return (f"Lower the go line to {to} (changes the module's minimum Go)", Applicability.UNSAFE,
            (TextEdit(f"{ROOT}/go.mod", GO_LINE, to),), None)


def as_tuples(fixes):
    return [(f.title, f.applicability, f.edits, f.command) for f in fixes]


def test_local_from_the_goenv_file() -> None:
    [finding] = run(go122(goenv=("GOPROXY=off", "GOTOOLCHAIN=local")))
    assert (finding.code, finding.name, finding.severity) == ("GE110", "go-line-too-new", Severity.ERROR)
    assert finding.message == ("go.mod requires go >= 1.27.3 (running go 1.22.10; GOTOOLCHAIN=local) "
                               f"(GOTOOLCHAIN from GOENV file {GOENV}:2){TAIL}")
    assert finding.location == Location(f"{ROOT}/go.mod", GO_LINE)
    assert finding.module == f"{ROOT}/go.mod"
    assert finding.related == (Related(Location(GOENV, Range.of(1, 0, 17)), "GOTOOLCHAIN=local is set here"),)
    assert as_tuples(finding.fixes) == [
        ("Run `go env -w GOTOOLCHAIN=auto`", Applicability.UNSAFE, (),
         CommandSpec(CommandKind.GO_ENV_WRITE, (GO, "env", "-w", "GOTOOLCHAIN=auto"), cwd=ROOT)),
        ("Run `go env -u GOTOOLCHAIN`", Applicability.UNSAFE, (),
         CommandSpec(CommandKind.GO_ENV_WRITE, (GO, "env", "-u", "GOTOOLCHAIN"), cwd=ROOT)),
        lower_fix(),
    ]


def test_local_from_the_environment() -> None:
    [finding] = run(go122(env={"GOTOOLCHAIN": "local"}, goenv=("GOTOOLCHAIN=auto",)))
    assert finding.message == ("go.mod requires go >= 1.27.3 (running go 1.22.10; GOTOOLCHAIN=local) "
                               f"(GOTOOLCHAIN from the environment variable GOTOOLCHAIN){TAIL}")
    assert finding.related == ()
    assert as_tuples(finding.fixes) == [lower_fix()]  # an environment variable: only the profile can change it


def test_local_from_go_env_as_fedora_ships_it() -> None:
    [finding] = run(go122(go_env={"GOTOOLCHAIN": "local"}))
    assert f"(GOTOOLCHAIN from $GOROOT/go.env {GO_ENV}:1)" in finding.message
    assert [f.command.argv if f.command else None for f in finding.fixes] == [(GO, "env", "-w", "GOTOOLCHAIN=auto"),
                                                                              None]


def test_unset_gotoolchain_runs_the_local_go() -> None:
    [finding] = run(go122(go_env={}))
    assert finding.message == f"go.mod requires go >= 1.27.3 (running go 1.22.10) (GOTOOLCHAIN is unset){TAIL}"
    assert as_tuples(finding.fixes) == [lower_fix()]


def test_an_empty_environment_variable_counts_as_unset() -> None:
    [finding] = run(go122(env={"GOTOOLCHAIN": ""}, goenv=("GOTOOLCHAIN=local",)))
    assert f"GOENV file {GOENV}:1" in finding.message


def test_the_last_duplicate_in_the_goenv_file_wins() -> None:
    [finding] = run(go122(goenv=("GOTOOLCHAIN=auto", "GOTOOLCHAIN=local")))
    assert f"GOENV file {GOENV}:2" in finding.message
    assert run(go122(goenv=("GOTOOLCHAIN=local", "GOTOOLCHAIN=auto"))) == []


@pytest.mark.parametrize("value", ["auto", "path", "local+auto", "go1.25.0+auto"])
def test_switching_allowed(value: str) -> None:
    assert run(go122(env={"GOTOOLCHAIN": value})) == []


@pytest.mark.parametrize("invalid", ['"local"', "local\r", "go1.25.0+"])
def test_invalid_gotoolchain_is_ge113_s_case(invalid: str) -> None:
    assert run(go122(goenv=(f"GOTOOLCHAIN={invalid}",))) == []


def test_an_older_minimum_toolchain_still_too_old() -> None:
    """GOTOOLCHAIN=go1.25.0 runs go 1.25.0 whatever the go line says; it then refuses go 1.27.3."""
    [finding] = run(go122(goenv=("GOTOOLCHAIN=go1.25.0",)))
    assert finding.message.startswith("go.mod requires go >= 1.27.3 (running go 1.25.0; GOTOOLCHAIN=go1.25.0) ")
    assert as_tuples(finding.fixes)[-1] == lower_fix("1.25.0")


def test_a_minimum_toolchain_that_satisfies_the_go_line() -> None:
    assert run(go122(goenv=("GOTOOLCHAIN=go1.27.3",))) == []


def test_toolchain_default_stops_switching() -> None:
    facts = go122(go_mod=go_mod("1.27.3", toolchain="default"))
    [finding] = run(facts)
    assert finding.message.startswith("go.mod requires go >= 1.27.3 (running go 1.22.10; go.mod sets toolchain "
                                      "default) (GOTOOLCHAIN from $GOROOT/go.env")
    assert as_tuples(finding.fixes) == [lower_fix()]  # GOTOOLCHAIN=auto is already set and would not help


def test_go_work_takes_precedence_over_go_mod() -> None:
    [finding] = run(go122(env={"GOTOOLCHAIN": "local"}, go_mod=go_mod("1.21.0"), go_work=go_work("1.27.3")))
    assert finding.message.startswith("go.work requires go >= 1.27.3 (running go 1.22.10; GOTOOLCHAIN=local)")
    assert finding.location == Location(f"{ROOT}/go.work", WORK_GO_LINE)
    assert finding.module == f"{ROOT}/go.work"
    assert finding.fixes[-1].edits == (TextEdit(f"{ROOT}/go.work", WORK_GO_LINE, "1.22.10"),)


def test_go_work_line_old_enough() -> None:
    assert run(go122(env={"GOTOOLCHAIN": "local"}, go_work=go_work("1.22.0"))) == []


@pytest.mark.parametrize("line", ["1.22.10", "1.22", "1.21.0", "1.22rc1", "1.20"])
def test_go_line_not_newer(line: str) -> None:
    assert run(go122(env={"GOTOOLCHAIN": "local"}, go_mod=go_mod(line))) == []


def test_no_go_line() -> None:
    assert run(go122(env={"GOTOOLCHAIN": "local"}, go_mod=go_mod(None))) == []


WRAPPER = f"{HOME}/go/bin/go1.27.3"
CACHED = f"{HOME}/go/pkg/mod/golang.org/toolchain@v0.0.1-go1.27.3.linux-amd64"


def write(value: str, env: dict | None = None) -> tuple:
    return (f"Run `go env -w GOTOOLCHAIN={value}`", Applicability.UNSAFE, (),
            CommandSpec(CommandKind.GO_ENV_WRITE, (GO, "env", "-w", f"GOTOOLCHAIN={value}"), cwd=ROOT, env=env))


def test_a_go_wrapper_on_path_is_offered_instead_of_lowering_the_go_line() -> None:
    # behaviour change (issue 7): no "lower the go line" when a go here satisfies it
    [finding] = run(go122(goenv=("GOTOOLCHAIN=local",), toolchains={"go1.27.3": WRAPPER}))
    assert finding.message == ("go.mod requires go >= 1.27.3 (running go 1.22.10; GOTOOLCHAIN=local) "
                               f"(GOTOOLCHAIN from GOENV file {GOENV}:1){TAIL}; go1.27.3 is on PATH ({WRAPPER}): "
                               "GOTOOLCHAIN=path runs it")
    assert as_tuples(finding.fixes) == [write("path")]


def test_a_wrapper_with_a_minimum_keeps_the_minimum() -> None:
    [finding] = run(go122(goenv=("GOTOOLCHAIN=go1.25.0",), toolchains={"go1.27.3": WRAPPER}))
    assert as_tuples(finding.fixes) == [write("go1.25.0+path")]


def test_a_wrapper_with_gotoolchain_from_the_environment_is_advice_only() -> None:
    [finding] = run(go122(env={"GOTOOLCHAIN": "local"}, toolchains={"go1.27.3": WRAPPER}))
    assert finding.message.endswith("GOTOOLCHAIN=path runs it")
    assert finding.fixes == ()


def test_a_toolchain_in_the_module_cache_runs_with_auto() -> None:
    [finding] = run(go122(go_env={"GOTOOLCHAIN": "local"}, toolchains={"go1.27.3": CACHED}))
    assert finding.message.endswith("; go1.27.3 is in the module cache: GOTOOLCHAIN=auto runs it without a download")
    assert as_tuples(finding.fixes) == [write("auto")]


def test_a_newer_go_later_on_path_is_named_and_the_go_line_is_not_lowered() -> None:
    later = replace(go_binary("1.27.3", path_index=2), path="/usr/local/go/bin/go")
    [finding] = run(go122(goenv=("GOTOOLCHAIN=local",), go_binaries=(go_binary("1.22.10"), later)))
    assert finding.message.endswith(f"{TAIL}; the go 1.27.3 at /usr/local/go/bin/go, later on PATH, satisfies it: "
                                    "put /usr/local/go/bin first on PATH")
    assert [f.title for f in finding.fixes] == ["Run `go env -w GOTOOLCHAIN=auto`", "Run `go env -u GOTOOLCHAIN`"]


def test_an_older_go_later_on_path_changes_nothing() -> None:
    later = replace(go_binary("1.24.11", path_index=2), path="/usr/local/go/bin/go")
    [finding] = run(go122(goenv=("GOTOOLCHAIN=local",), go_binaries=(go_binary("1.22.10"), later)))
    assert finding.message.endswith(TAIL)
    assert as_tuples(finding.fixes)[-1] == lower_fix()


def test_go_env_fixes_become_goenv_file_edits_when_a_bad_gopath_stops_the_go_command() -> None:
    # `go env -w` would fail with `go: GOPATH entry cannot start with shell metacharacter '~'`
    [finding] = run(go122(goenv=("GOPATH=~/go", "GOTOOLCHAIN=local")))
    assert as_tuples(finding.fixes)[:2] == [
        ("Write GOTOOLCHAIN=auto into the GOENV file", Applicability.UNSAFE,
         (TextEdit(GOENV, Range.of(1, 0, 0, end_line=2), "GOTOOLCHAIN=auto\n"),), None),
        ("Remove GOTOOLCHAIN from the GOENV file", Applicability.UNSAFE,
         (TextEdit(GOENV, Range.of(1, 0, 0, end_line=2), ""),), None)]


def test_go_env_fixes_become_edits_beside_a_goroot_that_is_not_a_directory() -> None:
    paths = {**healthy().path_info, "/opt/go-removed": PathInfo("missing")}
    [finding] = run(go122(goenv=("GOROOT=/opt/go-removed", "GOTOOLCHAIN=local"), paths=paths))
    assert [f.title for f in finding.fixes][:2] == ["Write GOTOOLCHAIN=auto into the GOENV file",
                                                    "Remove GOTOOLCHAIN from the GOENV file"]
    env_goroot = run(go122(env={"HOME": HOME, "GOROOT": "/opt/go-removed"}, go_env={"GOTOOLCHAIN": "local"},
                           user_env_file=env_file_of(GOENV, Status.MISSING), paths=paths))
    assert env_goroot[0].fixes[0].command.env == {"GOROOT": "/usr/local/go1.22.10"}


def test_go_env_command_runs_with_the_default_gopath_when_there_is_no_goenv_file_to_edit() -> None:
    [finding] = run(go122(env={"HOME": HOME, "GOPATH": "go"}, go_env={"GOTOOLCHAIN": "local"},
                          user_env_file=env_file_of(GOENV, Status.MISSING)))
    assert as_tuples(finding.fixes)[0] == (
        f"Run `GOPATH={HOME}/go go env -w GOTOOLCHAIN=auto`", Applicability.UNSAFE, (),
        CommandSpec(CommandKind.GO_ENV_WRITE, (GO, "env", "-w", "GOTOOLCHAIN=auto"), cwd=ROOT,
                    env={"GOPATH": f"{HOME}/go"}))


UNKNOWN = {  # facts fields set to None, and file slots / kinds made unknown
    "env": ({"env": None}, {}),
    "goenv file": ({}, {"unknown": ("goenv",), "user_env_file": None}),
    "go.env": ({}, {"unknown": ("go.env",), "goroot_env_file": None}),
    "go binaries": ({"go_binaries": None}, {}),
    "go.mod": ({}, {"unknown": ("go.mod",), "go_mod": None}),
}


@pytest.mark.parametrize("unknown", UNKNOWN.values(), ids=UNKNOWN.keys())
def test_unknown_facts_yield_nothing(unknown: tuple[dict, dict]) -> None:
    fields, slots = unknown
    assert run(go122(go_env={"GOTOOLCHAIN": "local"}))  # reported when everything is known
    assert run(replace(go122(go_env={"GOTOOLCHAIN": "local"}, **slots), **fields)) == []


def test_goenv_off_leaves_go_env_deciding() -> None:
    """GOENV=off: no GOENV file while the kind was looked for (a known absence, not unknown)."""
    [finding] = run(go122(go_env={"GOTOOLCHAIN": "local"}, user_env_file=None))
    assert f"(GOTOOLCHAIN from $GOROOT/go.env {GO_ENV}:1)" in finding.message


def test_unknown_go_env_does_not_matter_when_goenv_decides() -> None:
    [finding] = run(go122(goenv=("GOTOOLCHAIN=local",), goroot_env_file=None))
    assert finding.code == "GE110"


# --- real toolchains


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    ws = tmp_path / "ws"
    ws.mkdir()
    (ws / "go.mod").write_text("module example.com/app\n\ngo 1.27.3\n")
    (ws / "main.go").write_text("package main\n\nfunc main() {}\n")
    return ws


REAL_ERROR = "go.mod requires go >= 1.27.3 (running go 1.22.10; GOTOOLCHAIN=local)"


def real_build(workspace: Path, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(["go", "build", "-o", "/dev/null", "."], cwd=workspace, env=env, capture_output=True,
                          text=True, timeout=120)


def ge110(report: dict) -> dict:
    [finding] = [f for f in report["findings"] if f["code"] == "GE110"]
    return finding


@pytest.mark.realgo
def test_real_local_in_the_goenv_file(workspace: Path, go122: Path, go_env: testbed.EnvFactory, check_real) -> None:
    env = go_env([go122 / "bin"], GOTOOLCHAIN=None)
    testbed.write_goenv(env, GOTOOLCHAIN="local")
    build = real_build(workspace, env)
    assert (build.returncode, build.stderr) == (1, f"go: {REAL_ERROR}\n")
    code, report = check_real(workspace, env)
    assert code == 1
    finding = ge110(report)
    assert finding["severity"] == "error"
    assert finding["message"].startswith(f"{REAL_ERROR} (GOTOOLCHAIN from GOENV file ~/.config/go/env:1)")
    assert (finding["path"], finding["range"]) == ("go.mod", {"start": {"line": 2, "character": 3},
                                                              "end": {"line": 2, "character": 9}})
    assert [f["command"]["argv"][1:] if f["command"] else f["edits"][0]["newText"] for f in finding["fixes"]] == [
        ["env", "-w", "GOTOOLCHAIN=auto"], ["env", "-u", "GOTOOLCHAIN"], "1.22.10"]
    assert finding["related"][0]["path"] == "~/.config/go/env"


@pytest.mark.realgo
def test_real_local_from_the_environment(workspace: Path, go122: Path, go_env: testbed.EnvFactory,
                                         check_real) -> None:
    env = go_env([go122 / "bin"], GOTOOLCHAIN="local")
    assert real_build(workspace, env).stderr == f"go: {REAL_ERROR}\n"
    _, report = check_real(workspace, env)
    finding = ge110(report)
    assert finding["message"].startswith(f"{REAL_ERROR} (GOTOOLCHAIN from the environment variable GOTOOLCHAIN)")
    assert [f["edits"][0]["newText"] for f in finding["fixes"]] == ["1.22.10"]


@pytest.mark.realgo
def test_real_toolchain_default(workspace: Path, go122: Path, go_env: testbed.EnvFactory, check_real) -> None:
    """`toolchain default` with the default GOTOOLCHAIN=auto: no switch, the go line is refused."""
    (workspace / "go.mod").write_text("module example.com/app\n\ngo 1.27.3\n\ntoolchain default\n")
    env = go_env([go122 / "bin"], GOTOOLCHAIN=None)
    real = subprocess.run(["go", "list", "-m"], cwd=workspace, env=env, capture_output=True, text=True, timeout=60)
    expected = "go.mod requires go >= 1.27.3 (running go 1.22.10; go.mod sets toolchain default)"
    assert real.stderr == f"go: {expected}\n"
    _, report = check_real(workspace, env)
    assert ge110(report)["message"].startswith(expected)


@pytest.mark.realgo
def test_real_go_wrapper_on_path_fix_makes_the_build_work(workspace: Path, go122: Path, go127: Path,
                                                          go_env: testbed.EnvFactory, check_real,
                                                          tmp_path: Path) -> None:
    """A `go1.27.3` on PATH (as golang.org/dl installs it; here a symlink to the real go 1.27.3): the offered
    `go env -w GOTOOLCHAIN=path`, run as offered, makes the go command use it."""
    wrappers = tmp_path / "wrappers"
    wrappers.mkdir()
    (wrappers / "go1.27.3").symlink_to(go127 / "bin" / "go")
    env = go_env([go122 / "bin", wrappers], GOTOOLCHAIN=None)
    testbed.write_goenv(env, GOTOOLCHAIN="local")
    assert real_build(workspace, env).stderr == f"go: {REAL_ERROR}\n"
    _, report = check_real(workspace, env)
    finding = ge110(report)
    assert finding["message"].endswith(f"; go1.27.3 is on PATH ({wrappers}/go1.27.3): GOTOOLCHAIN=path runs it")
    [fix] = finding["fixes"]
    assert fix["title"] == "Run `go env -w GOTOOLCHAIN=path`"
    done = subprocess.run(fix["command"]["argv"], cwd=workspace, env={**env, **fix["command"]["env"]},
                          capture_output=True, text=True, timeout=60)
    assert (done.returncode, done.stderr) == (0, "")
    assert real_build(workspace, env).returncode == 0
    version = subprocess.run(["go", "env", "GOVERSION"], cwd=workspace, env=env, capture_output=True, text=True)
    assert version.stdout == "go1.27.3\n"
    _, report = check_real(workspace, env)
    assert [f for f in report["findings"] if f["code"] == "GE110"] == []
