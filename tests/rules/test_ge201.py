"""GE201 gopath-invalid: a GOPATH entry that is unexpanded, relative, GOROOT itself or inside GOROOT."""

from __future__ import annotations

import subprocess
from dataclasses import replace
from pathlib import Path

import goproxy
import pytest
import testbed
import unprivileged
from factsbuilder import HOME, ROOT, env_file, go_binary, healthy
from fixhelp import apply_json_fix, removes_lines

from goenv_lsp.engine import evaluate
from goenv_lsp.facts import PathInfo, Status
from goenv_lsp.files.goenv_file import EnvFileEntry, EnvFileFacts
from goenv_lsp.model import Location, Range, Severity
from goenv_lsp.rules.ge2_modules.ge201_gopath_invalid import check as GE201

GOENV = f"{HOME}/.config/go/env"
GOROOT = "/usr/local/go1.27.3"
GO = f"{GOROOT}/bin/go"
MODULE_LINE = Location(f"{ROOT}/go.mod", Range.of(0, 7, 22))
TILDE_FAILS = "every go command fails with `go: GOPATH entry cannot start with shell metacharacter '~'`"
RELATIVE_FAILS = "every go command fails with `go: GOPATH entry is relative; must be absolute path`"


def run(facts):
    return evaluate(facts, rules=[GE201])


def gopath_env(value: str, **changes):
    return healthy(**{"env": {"HOME": HOME, "GOPATH": value}, **changes})


def gopath_in_goenv(*lines: str, **changes):
    entries = tuple(EnvFileEntry(*line.split("=", 1), i) for i, line in enumerate(lines))
    return healthy(**{"user_env_file": EnvFileFacts(path=GOENV, kind="goenv", status=Status.OK, entries=entries),
                      **changes})


def test_tilde_from_the_environment() -> None:
    [finding] = run(gopath_env("~/go"))
    assert (finding.code, finding.name, finding.severity) == ("GE201", "gopath-invalid", Severity.ERROR)
    assert finding.message == ("GOPATH entry '~/go' from the environment variable GOPATH holds an unexpanded home "
                               f"reference; {TILDE_FAILS}")
    assert finding.location == MODULE_LINE
    assert finding.fixes == ()


def test_tilde_from_the_goenv_file() -> None:
    [finding] = run(gopath_in_goenv("GOPATH=~/go"))
    assert finding.message.startswith(f"GOPATH entry '~/go' from GOENV file {GOENV}:1 holds")
    assert finding.location == Location(GOENV, Range.of(0, 0, 11))
    assert finding.fixes == (removes_lines(GOENV, 0, key="GOPATH"),)  # `go env -u GOPATH` cannot start


@pytest.mark.parametrize("value", ["$HOME/go", "${HOME}/go", "%USERPROFILE%\\go"])
def test_unexpanded_home_variable(value: str) -> None:
    [finding] = run(gopath_env(value))
    assert finding.message == (f"GOPATH entry {value!r} from the environment variable GOPATH holds an unexpanded "
                               f"home reference; {RELATIVE_FAILS}")


def test_relative() -> None:
    [finding] = run(gopath_env("go"))
    assert finding.message == f"GOPATH entry 'go' from the environment variable GOPATH is relative; {RELATIVE_FAILS}"


def test_equal_to_goroot() -> None:
    [finding] = run(gopath_env(GOROOT))
    assert finding.severity is Severity.WARNING
    assert finding.message == (f"GOPATH={GOROOT} from the environment variable GOPATH is the GOROOT of the go that "
                               "runs: every command warns and modules and tools land inside the Go installation")


def test_equal_to_goroot_through_a_symlink() -> None:
    facts = gopath_env("/opt/go", paths={"/opt/go": PathInfo("dir", True, "go1.27.3", GOROOT)})
    [finding] = run(facts)
    assert finding.severity is Severity.WARNING


def test_inside_goroot() -> None:
    [finding] = run(gopath_env(f"{GOROOT}/gopath"))
    assert finding.severity is Severity.WARNING
    assert finding.message == (f"GOPATH entry {GOROOT}/gopath from the environment variable GOPATH is inside GOROOT "
                               f"{GOROOT}: the next Go upgrade deletes your module cache and installed tools")


def test_goroot_of_a_failing_go_is_its_own_root() -> None:
    failing = replace(go_binary(root=GOROOT), env=None, status=Status.FAILED)
    facts = gopath_env(GOROOT, go_binaries=(failing,))
    [finding] = run(facts)
    assert "is the GOROOT of the go that runs" in finding.message


def test_every_bad_entry_is_reported() -> None:
    findings = run(gopath_env("/home/dev/go::~/go:rel"))  # empty entries are skipped, as the go command does
    assert sorted(f.message.split(" from ")[0] for f in findings) == ["GOPATH entry 'rel'", "GOPATH entry '~/go'"]


def test_windows_list_separator() -> None:
    [finding] = run(gopath_env("/home/dev/go;~\\go", os="windows"))
    assert finding.message.startswith("GOPATH entry '~\\\\go' from")


def test_tilde_inside_an_absolute_path_is_fine() -> None:
    assert run(gopath_env("/tmp/git-1.8.2~rc3")) == []


def test_crlf_line_in_the_goenv_file() -> None:
    [finding] = run(gopath_in_goenv("GOPATH=~/go\r"))
    assert finding.location == Location(GOENV, Range.of(0, 0, 11))
    assert "'~/go'" in finding.message


def test_a_valid_gopath() -> None:
    assert run(gopath_env("/home/dev/go")) == []
    assert run(healthy()) == []


def test_an_empty_environment_variable_counts_as_unset() -> None:
    [finding] = run(gopath_in_goenv("GOPATH=~/go", env={"GOPATH": ""}))
    assert finding.location.path == GOENV


def test_environment_wins_over_the_goenv_file() -> None:
    assert run(gopath_in_goenv("GOPATH=~/go", env={"GOPATH": "/home/dev/go"})) == []


def test_the_last_duplicate_in_the_goenv_file_wins() -> None:
    assert run(gopath_in_goenv("GOPATH=~/go", "GOPATH=/home/dev/go")) == []
    [finding] = run(gopath_in_goenv("GOPATH=/home/dev/go", "GOPATH=~/go"))
    assert finding.location.range.start.line == 1


def test_go_env_is_not_read_for_gopath() -> None:
    assert run(healthy(goroot_env_file=env_file(f"{GOROOT}/go.env", GOPATH="~/go"))) == []


@pytest.mark.parametrize("unknown", [{"env": None}, {"user_env_file": None, "unknown": ("goenv",)}])
def test_unknown_facts_yield_nothing(unknown: dict) -> None:
    assert run(gopath_in_goenv("GOPATH=~/go"))  # reported when everything is known
    assert run(gopath_in_goenv("GOPATH=~/go", **unknown)) == []


def test_no_go_on_path_still_reports_unexpanded_entries() -> None:
    [finding] = run(gopath_env("~/go", go_binaries=()))
    assert finding.severity is Severity.ERROR
    assert run(gopath_env(GOROOT, go_binaries=())) == []  # no GOROOT to compare with


# --- real toolchains


def real_version(env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(["go", "version"], env=env, capture_output=True, text=True, timeout=60)


def codes(report: dict) -> set[str]:
    return {f["code"] for f in report["findings"]}


def ge201(report: dict) -> dict:
    [finding] = [f for f in report["findings"] if f["code"] == "GE201"]
    return finding


@pytest.mark.realgo
def test_real_tilde_in_the_goenv_file(workspace: Path, go127: Path, go_env: testbed.EnvFactory, check_real) -> None:
    env = go_env([go127 / "bin"], GOPATH=None)
    testbed.write_goenv(env, GOPATH="~/go")
    real = real_version(env)
    assert (real.returncode, real.stderr) == (2, "go: GOPATH entry cannot start with shell metacharacter '~': "
                                                 '"~/go"\n')
    code, report = check_real(workspace, env)
    assert code == 1
    finding = ge201(report)
    assert finding["severity"] == "error"
    assert finding["message"].endswith(TILDE_FAILS)
    assert (finding["path"], finding["range"]["start"]) == ("~/.config/go/env", {"line": 0, "character": 0})
    assert not codes(report) & {"GE001", "GE101"}  # the failing probes are GE201's to explain
    [fix] = finding["fixes"]
    apply_json_fix(fix, workspace, env["HOME"])
    assert real_version(env).returncode == 0
    assert "GE201" not in codes(check_real(workspace, env)[1])


@pytest.mark.realgo
def test_real_tilde_in_the_environment(workspace: Path, go127: Path, go_env: testbed.EnvFactory, check_real) -> None:
    env = go_env([go127 / "bin"], GOPATH="~/go")
    assert real_version(env).returncode == 2
    code, report = check_real(workspace, env)
    assert code == 1
    finding = ge201(report)
    assert finding["message"].startswith("GOPATH entry '~/go' from the environment variable GOPATH")
    assert (finding["path"], finding["fixes"]) == ("go.mod", [])
    assert not codes(report) & {"GE001", "GE101"}


@pytest.mark.realgo
def test_real_gopath_is_goroot(workspace: Path, go127: Path, go_env: testbed.EnvFactory, probe_real,
                               check_real) -> None:
    env = go_env([go127 / "bin"], GOPATH=go127)
    real = real_version(env)
    assert (real.returncode, real.stdout) == (0, "go version go1.27.3 linux/amd64\n")
    assert real.stderr.startswith(f"warning: both GOPATH and GOROOT are the same directory ({go127})")
    facts = probe_real(workspace, env)
    [go] = facts.go_binaries
    assert (go.status, go.version) == (Status.OK, "go1.27.3")
    assert go.env["GOROOT"] == str(go127) and go.env["GOPATH"] == str(go127)
    assert "warning: both GOPATH and GOROOT" in go.env_run.stderr
    _, report = check_real(workspace, env)
    finding = ge201(report)
    assert finding["severity"] == "warning"
    assert finding["message"].startswith(f"GOPATH={go127} from the environment variable GOPATH is the GOROOT")
    assert "GE001" not in codes(report)


def test_absolute_entry_with_a_literal_home_reference_only_warns() -> None:
    """go accepts an absolute GOPATH holding "$HOME" (a directory named so); only the leading ~ or a
    relative entry stops every command."""
    facts = healthy(env={"PATH": "/usr/bin", "HOME": HOME, "GOPATH": "/srv/$HOME/go"})
    [finding] = run(facts)
    assert finding.severity is Severity.WARNING
    assert "directory literally named" in finding.message


@pytest.mark.parametrize(("info", "problem"), [
    (PathInfo("unreadable"), "cannot be resolved (a symbolic link loop, or no permission on a directory above it)"),
    (PathInfo("file"), "is a file, not a directory"),
    (PathInfo("dir", listable=False), "is a directory this user cannot read (permission denied)"),
])
def test_an_entry_that_exists_but_cannot_be_used(info: PathInfo, problem: str) -> None:
    [finding] = run(gopath_env("/srv/gopath", path_info={"/srv/gopath": info}))
    assert finding.severity is Severity.WARNING and finding.fixes == ()
    assert finding.message == (f"GOPATH entry /srv/gopath from the environment variable GOPATH {problem}: go cannot "
                               "download modules into it or install tools there")


@pytest.mark.parametrize("info", [PathInfo("missing"), PathInfo("dir")])
def test_an_entry_not_there_yet_or_readable_is_fine(info: PathInfo) -> None:
    assert run(gopath_env("/srv/gopath", path_info={"/srv/gopath": info})) == []


# --- a first entry that does not exist and cannot be created


def test_first_entry_that_cannot_be_created() -> None:
    info = {"/srv/go/work": PathInfo("missing"), "/srv/go": PathInfo("missing"),
            "/srv": PathInfo("dir", mode=0o755, writable=False)}
    [finding] = run(gopath_env("/srv/go/work", path_info=info))
    assert finding.severity is Severity.WARNING
    assert finding.message == ("GOPATH entry /srv/go/work from the environment variable GOPATH does not exist and "
                               "cannot be created: /srv is not writable by this user; module downloads fail with "
                               "`go: could not create module cache: mkdir /srv/go: permission denied`")


def test_first_entry_below_a_file() -> None:
    info = {"/srv/notes/go": PathInfo("missing"), "/srv/notes": PathInfo("file")}
    [finding] = run(gopath_in_goenv("GOPATH=/srv/notes/go", path_info=info))
    assert finding.message.endswith("/srv/notes is a file; module downloads fail with `go: could not create module "
                                    "cache: mkdir /srv/notes/go: not a directory`")
    assert finding.fixes == (removes_lines(GOENV, 0, key="GOPATH"),)


@pytest.mark.parametrize("info", [
    {"/srv/go": PathInfo("missing"), "/srv": PathInfo("dir", writable=True)},  # go creates it
    {"/srv/go": PathInfo("missing"), "/srv": PathInfo("dir")},  # writability unknown
    {"/srv/go": PathInfo("missing")},  # the ancestors were not collected
])
def test_creatable_or_unknown_is_quiet(info: dict) -> None:
    assert run(gopath_env("/srv/go", path_info=info)) == []


def test_only_the_first_entry_is_written_to() -> None:
    info = {"/srv/go": PathInfo("missing"), "/srv": PathInfo("dir", writable=False)}
    assert run(gopath_env("/home/dev/go:/srv/go", path_info=info)) == []


@pytest.mark.realgo
@pytest.mark.skipif(not unprivileged.available(), reason="needs root and setpriv to run as nobody")
def test_real_first_entry_cannot_be_created(go127: Path) -> None:
    with unprivileged.shared_dir() as shared:
        locked = shared / "srv"  # root's
        locked.mkdir()
        proxy = shared / "proxy"
        goproxy.add_module(proxy, "example.com/dep", "v1.0.0")
        env = testbed.isolated_env(shared, [go127 / "bin"], GOPATH=str(locked / "go"), GOMODCACHE=None,
                                   GOFLAGS="-mod=mod", GOPROXY=goproxy.proxy_url(proxy), GONOSUMDB="example.com")
        home, workspace = Path(env["HOME"]), Path(env["HOME"]) / "ws"
        workspace.mkdir()
        (workspace / "go.mod").write_text("module example.com/app\n\ngo 1.27.3\n\nrequire example.com/dep v1.0.0\n")
        unprivileged.give(home)
        downloaded = unprivileged.run(["go", "mod", "download"], env, workspace)
        assert (downloaded.returncode, downloaded.stderr) == (
            1, f"go: could not create module cache: mkdir {locked}/go: permission denied\n")
        _, report = unprivileged.check(workspace, env)
        finding = ge201(report)
        assert finding["message"].endswith(f"`go: could not create module cache: mkdir {locked}/go: permission "
                                           "denied`")
        assert "GE209" not in codes(report)  # the same directory: GE201 names it
