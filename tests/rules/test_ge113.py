"""GE113 gotoolchain-invalid: a GOTOOLCHAIN value the go command rejects."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
import testbed
from factsbuilder import HOME, ROOT, env_file, env_file_of, go_binary, healthy
from fixhelp import apply_json_fix, removes_lines

from goenv_lsp.engine import evaluate
from goenv_lsp.facts import Status
from goenv_lsp.files.goenv_file import EnvFileEntry
from goenv_lsp.model import Location, Range, Severity
from goenv_lsp.rules.ge1_toolchain.ge113_gotoolchain_invalid import check as GE113

GOENV = f"{HOME}/.config/go/env"
GO = "/usr/local/go1.27.3/bin/go"
ADVICE = ": use local, auto, path or a name like go1.27.3, optionally followed by +auto or +path"
MODULE_LINE = Location(f"{ROOT}/go.mod", Range.of(0, 7, 22))


def run(facts):
    return evaluate(facts, rules=[GE113])


def in_goenv(*lines: str, **changes):
    entries = tuple(EnvFileEntry(*line.split("=", 1), i) for i, line in enumerate(lines))
    return healthy(**{"user_env_file": env_file_of(GOENV, Status.OK, entries), **changes})


# (value, the go command's own error text: toolchain.Select)
INVALID = [
    ('"auto"', r'invalid GOTOOLCHAIN "\"auto\""'),
    ("'local'", "invalid GOTOOLCHAIN \"'local'\""),
    ("auto\r", r'invalid GOTOOLCHAIN "auto\r"'),
    ("go1.27.3\r", r'invalid GOTOOLCHAIN "go1.27.3\r"'),
    ("auto ", 'invalid GOTOOLCHAIN "auto "'),
    ("1.27.3", 'invalid GOTOOLCHAIN "1.27.3"'),
    ("bash", 'invalid GOTOOLCHAIN "bash"'),
    ("go1.25.0+", 'invalid GOTOOLCHAIN "go1.25.0+": only version suffixes are +auto and +path'),
    ("go1.25.0+local", 'invalid GOTOOLCHAIN "go1.25.0+local": only version suffixes are +auto and +path'),
    ("local+local", 'invalid GOTOOLCHAIN "local+local": only version suffixes are +auto and +path'),
    ("auto+auto", 'invalid GOTOOLCHAIN "auto+auto": invalid minimum toolchain "auto"'),
    ("+auto", 'invalid GOTOOLCHAIN "+auto": invalid minimum toolchain ""'),
    ("gö1.25.0", 'invalid GOTOOLCHAIN "gö1.25.0"'),
]


@pytest.mark.parametrize(("value", "go_error"), INVALID, ids=repr)
def test_invalid_value_in_the_goenv_file(value: str, go_error: str) -> None:
    [finding] = run(in_goenv("GOPROXY=off", f"GOTOOLCHAIN={value}"))
    assert (finding.code, finding.name, finding.severity) == ("GE113", "gotoolchain-invalid", Severity.ERROR)
    assert finding.message == f"go: {go_error} (from GOENV file {GOENV}:2){ADVICE}"
    text = f"GOTOOLCHAIN={value}".rstrip("\r")
    assert finding.location == Location(GOENV, Range.of(1, 0, len(text)))
    assert finding.fixes == (removes_lines(GOENV, 1, key="GOTOOLCHAIN"),)


def test_invalid_value_in_the_environment() -> None:
    [finding] = run(healthy(env={"HOME": HOME, "GOTOOLCHAIN": "go1.25.0+foo"}))
    assert finding.message == ('go: invalid GOTOOLCHAIN "go1.25.0+foo": only version suffixes are +auto and +path '
                               f"(from the environment variable GOTOOLCHAIN){ADVICE}")
    assert finding.location == MODULE_LINE
    assert finding.module is None  # machine-wide
    assert finding.fixes == ()


def test_invalid_value_in_go_env() -> None:
    facts = healthy(goroot_env_file=env_file("/usr/local/go1.27.3/go.env", GOTOOLCHAIN='"auto"'))
    [finding] = run(facts)
    assert "(from $GOROOT/go.env /usr/local/go1.27.3/go.env:1)" in finding.message
    assert finding.location == Location("/usr/local/go1.27.3/go.env", Range.of(0, 0, 18))
    assert finding.fixes == ()  # `go env -u` cannot remove a go.env line


@pytest.mark.parametrize("value", ["local", "auto", "path", "local+auto", "local+path", "go1.25.0", "go1.25.0+auto",
                                   "go1.25.0+path", "go1.25.0-bigcorp", "go1.25.0-bigcorp+auto", "go1.25+path",
                                   "go1.21rc1"])
def test_valid_values(value: str) -> None:
    assert run(in_goenv(f"GOTOOLCHAIN={value}")) == []


def test_the_environment_overrides_an_invalid_file_value() -> None:
    assert run(in_goenv('GOTOOLCHAIN="auto"', env={"GOTOOLCHAIN": "auto"})) == []


def test_an_empty_environment_variable_counts_as_unset() -> None:
    [finding] = run(in_goenv('GOTOOLCHAIN="auto"', env={"GOTOOLCHAIN": ""}))
    assert finding.location.path == GOENV


def test_the_last_duplicate_in_the_goenv_file_wins() -> None:
    assert run(in_goenv('GOTOOLCHAIN="auto"', "GOTOOLCHAIN=auto")) == []
    [finding] = run(in_goenv("GOTOOLCHAIN=auto", 'GOTOOLCHAIN="auto"'))
    assert finding.location.range.start.line == 1


@pytest.mark.parametrize("unknown", [{"env": None}, {"unknown": ("goenv",), "user_env_file": None},
                                     {"go_binaries": None},
                                     {"go_binaries": (go_binary(path_index=None, origins=("GOROOT",)),)}])
def test_unknown_facts_yield_nothing(unknown: dict) -> None:
    assert run(in_goenv('GOTOOLCHAIN="auto"'))  # reported when everything is known
    assert run(in_goenv('GOTOOLCHAIN="auto"', **unknown)) == []


# --- real toolchains


@pytest.mark.realgo
def test_real_quoted_auto_in_the_goenv_file(tmp_path: Path, go127: Path, go_env: testbed.EnvFactory,
                                            check_real) -> None:
    workspace = tmp_path / "ws"
    workspace.mkdir()
    (workspace / "go.mod").write_text("module example.com/app\n\ngo 1.27.3\n")
    (workspace / "main.go").write_text("package main\n\nfunc main() {}\n")
    env = go_env([go127 / "bin"], GOTOOLCHAIN=None)
    testbed.write_goenv(env, GOTOOLCHAIN='"auto"')
    build = subprocess.run(["go", "build", "-o", "/dev/null", "."], cwd=workspace, env=env, capture_output=True,
                           text=True, timeout=60)
    real_error = r'go: invalid GOTOOLCHAIN "\"auto\""'
    assert (build.returncode, build.stderr) == (1, real_error + "\n")
    code, report = check_real(workspace, env)
    assert code == 1
    [finding] = [f for f in report["findings"] if f["code"] == "GE113"]
    assert finding["message"].startswith(f"{real_error} (from GOENV file ~/.config/go/env:1)")
    assert (finding["path"], finding["range"]) == ("~/.config/go/env", {"start": {"line": 0, "character": 0},
                                                                        "end": {"line": 0, "character": 18}})
    assert "GE001" not in {f["code"] for f in report["findings"]}  # the probes force GOTOOLCHAIN=local
    [fix] = finding["fixes"]
    apply_json_fix(fix, workspace, env["HOME"])
    build = subprocess.run(["go", "build", "-o", "/dev/null", "."], cwd=workspace, env=env, capture_output=True,
                           text=True, timeout=60)
    assert (build.returncode, build.stderr) == (0, "")
    assert "GE113" not in {f["code"] for f in check_real(workspace, env)[1]["findings"]}


@pytest.mark.realgo
def test_real_go_uses_the_same_words(tmp_path: Path, go127: Path, go_env: testbed.EnvFactory) -> None:
    """Every value of the table above, set in the environment, makes go 1.27.3 print exactly that error."""
    (tmp_path / "go.mod").write_text("module example.com/app\n\ngo 1.27.3\n")
    printed = {}
    for value, _ in INVALID:
        proc = subprocess.run(["go", "list", "-m"], cwd=tmp_path, env=go_env([go127 / "bin"], GOTOOLCHAIN=value),
                              capture_output=True, text=True, timeout=60)
        printed[value] = proc.stderr.rstrip("\n")
    assert printed == {value: f"go: {go_error}" for value, go_error in INVALID}


def apply_until_quiet(workspace: Path, env: dict[str, str], check_real, codes: list[str]) -> list[str]:
    """As a user would: take the first offered fix of a finding of ``codes`` (in that order), apply it literally
    (edits written, a command run with its variables), check again; the titles applied, in order."""
    applied = []
    for _ in range(5):
        found = sorted((f for f in check_real(workspace, env)[1]["findings"] if f["code"] in codes),
                       key=lambda f: codes.index(f["code"]))
        if not found:
            return applied
        fix = found[0]["fixes"][0]
        applied.append(f"{found[0]['code']}: {fix['title']}")
        if fix["command"]:
            done = subprocess.run(fix["command"]["argv"], cwd=workspace, env={**env, **fix["command"]["env"]},
                                  capture_output=True, text=True, timeout=60)
            assert (done.returncode, done.stderr) == (0, ""), fix["title"]
        apply_json_fix(fix, workspace, env["HOME"])
    raise AssertionError(f"still reported after {applied}")


@pytest.mark.realgo
@pytest.mark.parametrize(("lines", "first_error"), [
    ({"GOTOOLCHAIN": "bogus", "GOPATH": "~/go"}, 'go: invalid GOTOOLCHAIN "bogus"'),
    ({"GOPATH": "go", "GOTOOLCHAIN": "go1.27.3+local"},
     'go: invalid GOTOOLCHAIN "go1.27.3+local": only version suffixes are +auto and +path'),
], ids=["bogus-gotoolchain-and-tilde-gopath", "relative-gopath-and-bad-suffix"])
def test_real_two_bad_lines_are_both_reported_and_their_fixes_work(
        lines: dict[str, str], first_error: str, tmp_path: Path, go127: Path, go_env: testbed.EnvFactory,
        check_real) -> None:
    workspace = tmp_path / "ws"
    workspace.mkdir()
    (workspace / "go.mod").write_text("module example.com/app\n\ngo 1.27.3\n")
    env = go_env([go127 / "bin"], GOTOOLCHAIN=None, GOPATH=None)
    testbed.write_goenv(env, **lines)
    before = subprocess.run(["go", "env", "GOPATH"], cwd=workspace, env=env, capture_output=True, text=True)
    assert (before.returncode, before.stderr) == (1, first_error + "\n")
    for key in lines:  # each line alone stops the go command too
        alone = subprocess.run(["go", "env", "-u", key], cwd=workspace, env=env, capture_output=True, text=True)
        assert alone.returncode == 1
    _, report = check_real(workspace, env)
    assert sorted((f["code"], f["range"]["start"]["line"]) for f in report["findings"]
                  if f["code"] in ("GE113", "GE201")) == sorted(
        [("GE113", list(lines).index("GOTOOLCHAIN")), ("GE201", list(lines).index("GOPATH"))])
    applied = apply_until_quiet(workspace, env, check_real, ["GE113", "GE201"])
    assert applied == ["GE113: Remove GOTOOLCHAIN from the GOENV file", "GE201: Remove GOPATH from the GOENV file"]
    after = subprocess.run(["go", "env", "GOPATH"], cwd=workspace, env=env, capture_output=True, text=True)
    assert (after.returncode, after.stdout, after.stderr) == (0, f"{env['HOME']}/go\n", "")


@pytest.mark.realgo
def test_real_go_env_fixes_of_another_rule_work_beside_a_bad_gopath(tmp_path: Path, go122: Path,
                                                                    go_env: testbed.EnvFactory, check_real) -> None:
    """GOTOOLCHAIN=local (GE110: the go line is too new) beside GOPATH=~/go: `go env -w GOTOOLCHAIN=auto` itself
    would fail (`go: GOPATH entry cannot start with shell metacharacter '~'`), so GE110 offers the same change
    as an edit of the GOENV file."""
    workspace = tmp_path / "ws"
    workspace.mkdir()
    (workspace / "go.mod").write_text("module example.com/app\n\ngo 1.27.3\n")
    env = go_env([go122 / "bin"], GOTOOLCHAIN=None, GOPATH=None)
    testbed.write_goenv(env, GOTOOLCHAIN="local", GOPATH="~/go")
    direct = subprocess.run(["go", "env", "-w", "GOTOOLCHAIN=auto"], cwd=workspace, env=env, capture_output=True,
                            text=True)
    assert direct.stderr == "go: GOPATH entry cannot start with shell metacharacter '~': \"~/go\"\n"
    applied = apply_until_quiet(workspace, env, check_real, ["GE110", "GE201"])
    assert applied == ["GE110: Write GOTOOLCHAIN=auto into the GOENV file",
                       "GE201: Remove GOPATH from the GOENV file"]
    assert Path(env["GOENV"]).read_text() == "GOTOOLCHAIN=auto\n"
    version = subprocess.run(["go", "env", "GOTOOLCHAIN"], cwd=workspace, env=env, capture_output=True, text=True)
    assert (version.returncode, version.stdout) == (0, "auto\n")
