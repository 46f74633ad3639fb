"""GE103 goroot-invalid: a GOROOT set by the user that is not a Go tree."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
import testbed
from factsbuilder import HOME, ROOT, env_file, env_file_of, healthy
from fixhelp import apply_json_fix, removes_lines

from goenv_lsp.engine import evaluate
from goenv_lsp.facts import PathInfo, Status
from goenv_lsp.files.goenv_file import EnvFileEntry
from goenv_lsp.model import Location, Range, Severity
from goenv_lsp.rules.ge1_toolchain.ge103_goroot_invalid import check as GE103

GOENV = f"{HOME}/.config/go/env"
GO = "/usr/local/go1.27.3/bin/go"
MODULE_LINE = Location(f"{ROOT}/go.mod", Range.of(0, 7, 22))
PATHS = {
    "/nonexistent": PathInfo("missing"),
    "/usr/local/go/bin/go": PathInfo("file"),
    "/srv/files": PathInfo("dir", False, None, "/srv/files"),
    "/locked": PathInfo("unreadable"),
    "/usr/local/go1.27.3": PathInfo("dir", True, "go1.27.3", "/usr/local/go1.27.3"),
}


def run(facts):
    return evaluate(facts, rules=[GE103])


def with_goroot_env(value: str, **changes):
    return healthy(**{"env": {"HOME": HOME, "GOROOT": value}, "paths": PATHS, **changes})


def with_goroot_in_goenv(*lines: str, **changes):
    entries = tuple(EnvFileEntry(*line.split("=", 1), i) for i, line in enumerate(lines))
    return healthy(**{"user_env_file": env_file_of(GOENV, Status.OK, entries), "paths": PATHS, **changes})


def test_missing_directory_from_the_environment() -> None:
    [finding] = run(with_goroot_env("/nonexistent"))
    assert (finding.code, finding.name, finding.severity) == ("GE103", "goroot-invalid", Severity.ERROR)
    assert finding.message == ("GOROOT=/nonexistent from the environment variable GOROOT does not exist; every go "
                               "command fails with `go: cannot find GOROOT directory`")
    assert finding.location == MODULE_LINE
    assert finding.fixes == ()  # an environment variable: nothing to run, the profile must change


def test_missing_directory_from_the_goenv_file() -> None:
    [finding] = run(with_goroot_in_goenv("GOPATH=/p", "GOROOT=/nonexistent"))
    assert finding.message.startswith(f"GOROOT=/nonexistent from GOENV file {GOENV}:2 does not exist")
    assert finding.location == Location(GOENV, Range.of(1, 0, 19))
    assert finding.fixes == (removes_lines(GOENV, 1, key="GOROOT"),)  # go refuses `go env -u GOROOT`


def test_names_the_go_binary() -> None:
    [finding] = run(with_goroot_env("/usr/local/go/bin/go"))
    assert finding.message == ("GOROOT=/usr/local/go/bin/go from the environment variable GOROOT is a file, not a "
                               "directory; the Go root would be /usr/local/go")


def test_not_a_go_tree() -> None:
    [finding] = run(with_goroot_env("/srv/files"))
    assert finding.message.endswith("is not a Go installation (it has no pkg/tool directory)")


def test_unreadable() -> None:
    [finding] = run(with_goroot_env("/locked"))
    assert finding.message.endswith("cannot be read")


def test_relative() -> None:
    [finding] = run(with_goroot_in_goenv("GOROOT=go"))
    assert finding.message == f"GOROOT='go' from GOENV file {GOENV}:1 is not an absolute path"
    assert finding.location == Location(GOENV, Range.of(0, 0, 9))
    assert finding.fixes == (removes_lines(GOENV, 0, key="GOROOT"),)


def test_a_go_tree_is_fine() -> None:
    assert run(with_goroot_env("/usr/local/go1.27.3")) == []


def test_crlf_line_in_the_goenv_file() -> None:
    paths = {**PATHS, "/usr/local/go1.27.3\r": PathInfo("missing")}
    [finding] = run(with_goroot_in_goenv("GOROOT=/usr/local/go1.27.3\r", paths=paths))
    assert finding.message.startswith("GOROOT=/usr/local/go1.27.3 from GOENV file")
    assert finding.message.endswith("(the line ends with a carriage return, which the go command keeps)")
    assert finding.location == Location(GOENV, Range.of(0, 0, 26))  # the \r is not underlined


def test_environment_wins_over_the_goenv_file() -> None:
    facts = with_goroot_in_goenv("GOROOT=/nonexistent", env={"GOROOT": "/srv/files"})
    [finding] = run(facts)
    assert finding.message.startswith("GOROOT=/srv/files from the environment variable GOROOT")


def test_an_empty_environment_variable_counts_as_unset() -> None:
    [finding] = run(with_goroot_in_goenv("GOROOT=/nonexistent", env={"GOROOT": ""}))
    assert finding.location.path == GOENV


def test_the_last_duplicate_in_the_goenv_file_wins() -> None:
    [finding] = run(with_goroot_in_goenv("GOROOT=/usr/local/go1.27.3", "GOROOT=/nonexistent"))
    assert finding.location == Location(GOENV, Range.of(1, 0, 19))
    assert run(with_goroot_in_goenv("GOROOT=/nonexistent", "GOROOT=/usr/local/go1.27.3")) == []


def test_goroot_in_go_env_is_ignored() -> None:
    facts = healthy(goroot_env_file=env_file("/usr/local/go1.27.3/go.env", GOROOT="/nonexistent"), paths=PATHS)
    assert run(facts) == []


def test_unset() -> None:
    assert run(healthy(paths=PATHS)) == []


@pytest.mark.parametrize("unknown", [{"env": None}, {"user_env_file": None, "unknown": ("goenv",)},
                                     {"paths": None}], ids=["env", "goenv", "paths"])
def test_unknown_facts_yield_nothing(unknown: dict) -> None:
    assert run(with_goroot_in_goenv("GOROOT=/nonexistent"))  # reported when everything is known
    facts = with_goroot_in_goenv("GOROOT=/nonexistent", **unknown)
    assert run(facts) == []


def test_goenv_off_has_no_goenv_layer() -> None:
    facts = with_goroot_in_goenv("GOROOT=/nonexistent", user_env_file=None)  # GOENV=off: no file is read
    assert run(facts) == []
    [finding] = run(with_goroot_env("/nonexistent", user_env_file=None))  # the environment still counts
    assert finding.location == MODULE_LINE


def test_a_path_the_probe_did_not_inspect_yields_nothing() -> None:
    assert run(with_goroot_env("/not/inspected")) == []


# --- real toolchains


def codes(report: dict) -> set[str]:
    return {f["code"] for f in report["findings"]}


def ge103(report: dict) -> dict:
    [finding] = [f for f in report["findings"] if f["code"] == "GE103"]
    return finding


@pytest.mark.realgo
def test_real_goroot_does_not_exist(workspace: Path, go127: Path, go_env: testbed.EnvFactory, check_real) -> None:
    env = go_env([go127 / "bin"], GOROOT="/nonexistent")
    real = subprocess.run(["go", "version"], env=env, capture_output=True, text=True, timeout=60)
    assert (real.returncode, real.stderr) == (2, "go: cannot find GOROOT directory: /nonexistent\n")
    code, report = check_real(workspace, env)
    assert code == 1
    finding = ge103(report)
    assert finding["message"].startswith("GOROOT=/nonexistent from the environment variable GOROOT does not exist")
    assert finding["path"] == "go.mod" and finding["fixes"] == []
    assert not codes(report) & {"GE001", "GE101"}  # the failing probes are GE103's to explain


@pytest.mark.realgo
def test_real_goroot_names_the_binary(workspace: Path, go127: Path, go_env: testbed.EnvFactory, check_real) -> None:
    _, report = check_real(workspace, go_env([go127 / "bin"], GOROOT=go127 / "bin/go"))
    assert ge103(report)["message"].endswith(f"is a file, not a directory; the Go root would be {go127}")
    assert not codes(report) & {"GE001", "GE101"}


@pytest.mark.realgo
def test_real_goroot_is_not_a_go_tree(workspace: Path, tmp_path: Path, go127: Path, go_env: testbed.EnvFactory,
                                      check_real) -> None:
    not_a_tree = tmp_path / "not-go"
    (not_a_tree / "bin").mkdir(parents=True)
    env = go_env([go127 / "bin"], GOROOT=not_a_tree)
    real = subprocess.run(["go", "env", "GOROOT"], env=env, capture_output=True, text=True, timeout=60)
    assert (real.returncode, real.stdout) == (0, f"{not_a_tree}\n")  # accepted until a build needs the compiler
    _, report = check_real(workspace, env)
    assert ge103(report)["message"] == (f"GOROOT={not_a_tree} from the environment variable GOROOT is not a Go "
                                        "installation (it has no pkg/tool directory)")


@pytest.mark.realgo
def test_real_goroot_in_the_goenv_file(workspace: Path, go127: Path, go_env: testbed.EnvFactory, check_real) -> None:
    env = go_env([go127 / "bin"])
    testbed.write_goenv(env, GOPROXY="off", GOROOT="/nonexistent")
    _, report = check_real(workspace, env)
    finding = ge103(report)
    assert finding["message"].startswith("GOROOT=/nonexistent from GOENV file ~/.config/go/env:2 does not exist")
    assert (finding["path"], finding["range"]) == ("~/.config/go/env", {"start": {"line": 1, "character": 0},
                                                                        "end": {"line": 1, "character": 19}})
    assert not codes(report) & {"GE001", "GE101"}
    [fix] = finding["fixes"]
    assert (fix["applicability"], fix["command"]) == ("unsafe", None)
    apply_json_fix(fix, workspace, env["HOME"])  # the line goes, the rest of the file stays
    assert Path(env["GOENV"]).read_text() == "GOPROXY=off\n"
    assert subprocess.run([go127 / "bin" / "go", "env", "GOROOT"], env=env, capture_output=True, text=True,
                          check=True).stdout == f"{go127}\n"
    assert "GE103" not in codes(check_real(workspace, env)[1])
