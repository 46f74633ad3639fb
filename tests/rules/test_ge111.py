"""GE111 toolchain-switch: the go command will run (and maybe download) another toolchain."""

from __future__ import annotations

import subprocess
from dataclasses import replace
from pathlib import Path

import pytest
import testbed
from factsbuilder import HOME, ROOT, env_file, go_binary, go_mod, go_work, healthy
from fixhelp import apply_json_fix, removes_lines

from goenv_lsp.engine import evaluate
from goenv_lsp.model import Applicability, CommandKind, CommandSpec, Location, Range, Related, Severity
from goenv_lsp.rules.ge1_toolchain.ge111_toolchain_switch import check as GE111

GOENV = f"{HOME}/.config/go/env"
GO_ENV = "/usr/local/go1.22.10/go.env"
GO = "/usr/local/go1.22.10/bin/go"
GO_LINE = Location(f"{ROOT}/go.mod", Range.of(2, 3, 9))
TOOLCHAIN_LINE = Location(f"{ROOT}/go.mod", Range.of(3, 10, 18))
ON_PATH = "/home/dev/sdk/bin/go1.27.3"
IN_CACHE = f"{HOME}/go/pkg/mod/golang.org/toolchain@v0.0.1-go1.27.3.linux-amd64"
DEFAULT_SOURCE = f"GOTOOLCHAIN=auto ($GOROOT/go.env {GO_ENV}:1)"


def run(facts):
    return evaluate(facts, rules=[GE111])


def go122(gotoolchain: str | None = None, goenv: dict | None = None, **changes):
    """go 1.22.10 on PATH, go.mod `go 1.27.3`, GOTOOLCHAIN=auto from go.env unless the env or GOENV file say else."""
    env = {"HOME": HOME} | ({"GOTOOLCHAIN": gotoolchain} if gotoolchain is not None else {})
    return healthy(**{"go_binaries": (go_binary("1.22.10"),), "env": env,
                      "user_env_file": env_file(GOENV, **(goenv or {})),
                      "goroot_env_file": env_file(GO_ENV, GOTOOLCHAIN="auto"), **changes})


def test_auto_downloads_a_newer_toolchain() -> None:
    [finding] = run(go122())
    assert (finding.code, finding.name, finding.severity) == ("GE111", "toolchain-switch", Severity.WARNING)
    assert finding.message == (
        f"the go line of go.mod asks for go1.27.3, newer than the local go 1.22.10: under {DEFAULT_SOURCE} every go "
        "command first downloads golang.org/toolchain@v0.0.1-go1.27.3.linux-amd64 and fails offline or behind a "
        "proxy that blocks it")
    assert finding.location == GO_LINE
    assert finding.module == f"{ROOT}/go.mod"
    assert finding.related == (Related(Location(GO_ENV, Range.of(0, 0, 16)), "GOTOOLCHAIN=auto is set here"),)
    assert finding.fixes == ()


def test_auto_switches_to_a_toolchain_on_path() -> None:
    [finding] = run(go122(toolchains={"go1.27.3": ON_PATH}))
    assert finding.severity is Severity.INFO
    assert finding.message == (f"the go command switches from the local go 1.22.10 to go1.27.3 ({ON_PATH}), as the "
                               f"go line of go.mod asks and {DEFAULT_SOURCE} allows; gopls still measures the go on "
                               "PATH")
    assert finding.location == GO_LINE


def test_auto_switches_to_a_toolchain_in_the_module_cache() -> None:
    [finding] = run(go122(toolchains={"go1.27.3": IN_CACHE}))
    assert finding.severity is Severity.INFO
    assert f"to go1.27.3 ({IN_CACHE})" in finding.message


def test_path_mode_without_the_toolchain_on_path() -> None:
    [finding] = run(go122(goenv={"GOTOOLCHAIN": "path"}))
    assert finding.severity is Severity.ERROR
    assert finding.message == (f"the go line of go.mod asks for go1.27.3 but GOTOOLCHAIN=path (GOENV file {GOENV}:1) "
                               "never downloads and no go1.27.3 is on PATH: every go command fails with "
                               '`go: cannot find "go1.27.3" in PATH`')
    [fix] = finding.fixes
    assert (fix.title, fix.applicability) == ("Run `go env -w GOTOOLCHAIN=auto`", Applicability.UNSAFE)
    assert fix.command == CommandSpec(CommandKind.GO_ENV_WRITE, (GO, "env", "-w", "GOTOOLCHAIN=auto"), cwd=ROOT)


def test_path_mode_never_uses_the_module_cache() -> None:
    [finding] = run(go122(gotoolchain="local+path", toolchains={"go1.27.3": IN_CACHE}))
    assert finding.severity is Severity.ERROR
    assert 'cannot find "go1.27.3" in PATH' in finding.message


def test_path_mode_with_the_toolchain_on_path() -> None:
    [finding] = run(go122(gotoolchain="path", toolchains={"go1.27.3": ON_PATH}))
    assert finding.severity is Severity.INFO
    assert "GOTOOLCHAIN=path (the environment variable GOTOOLCHAIN) allows" in finding.message


def test_toolchain_line_asks() -> None:
    [finding] = run(go122(go_mod=go_mod("1.22.0", toolchain="go1.27.3")))
    assert finding.message.startswith("the toolchain line of go.mod asks for go1.27.3, newer than the local go 1.22.10")
    assert finding.location == TOOLCHAIN_LINE


def test_language_version_go_line_asks_for_its_first_release() -> None:
    [finding] = run(go122(go_mod=go_mod("1.27")))
    assert "asks for go1.27.0" in finding.message
    assert "toolchain@v0.0.1-go1.27.0.linux-amd64" in finding.message


def test_language_version_with_an_affected_local_go_is_ge112_s_case() -> None:
    assert run(go122(go_binaries=(go_binary("1.22.3"),), go_mod=go_mod("1.27"))) == []


def test_go_work_takes_precedence_over_go_mod() -> None:
    [finding] = run(go122(go_mod=go_mod("1.21.0"), go_work=go_work("1.27.3")))
    assert finding.message.startswith("the go line of go.work asks for go1.27.3")
    assert finding.location == Location(f"{ROOT}/go.work", Range.of(0, 3, 9))
    assert finding.module == f"{ROOT}/go.work"


@pytest.mark.parametrize("gotoolchain", ["local+auto", "go1.25.0+auto"])
def test_auto_with_a_minimum(gotoolchain: str) -> None:
    [finding] = run(go122(gotoolchain=gotoolchain))
    assert f"GOTOOLCHAIN={gotoolchain} (the environment variable GOTOOLCHAIN)" in finding.message


def test_a_minimum_alone_is_not_reported_on_go_mod() -> None:
    assert run(go122(gotoolchain="go1.25.0", go_mod=go_mod("1.21.0"))) == []
    assert run(go122(gotoolchain="go1.25.0+auto", go_mod=go_mod("1.21.0"))) == []


def test_local_with_a_newer_toolchain_line_notes_it_is_ignored() -> None:
    [finding] = run(go122(gotoolchain="local", go_mod=go_mod("1.22.0", toolchain="go1.27.3")))
    assert finding.severity is Severity.INFO
    assert finding.message == ("toolchain go1.27.3 is ignored because GOTOOLCHAIN=local (the environment variable "
                               "GOTOOLCHAIN); builds use the local go 1.22.10")
    assert finding.location == TOOLCHAIN_LINE


def test_local_with_too_new_go_line_is_ge110_s_case() -> None:
    assert run(go122(gotoolchain="local", go_mod=go_mod("1.27.3", toolchain="go1.27.3"))) == []
    assert run(go122(gotoolchain="local")) == []


def test_toolchain_default_does_not_switch() -> None:
    assert run(go122(go_mod=go_mod("1.27.3", toolchain="default"))) == []


def test_no_switch_needed() -> None:
    assert run(healthy()) == []
    assert run(go122(go_mod=go_mod("1.22.10"))) == []


@pytest.mark.parametrize("invalid", ['"auto"', "auto\r"])
def test_invalid_gotoolchain_is_ge113_s_case(invalid: str) -> None:
    assert run(go122(goenv={"GOTOOLCHAIN": invalid})) == []


@pytest.mark.parametrize("unknown", [{"env": None}, {"go_binaries": None}, {"goroot_env_file": None},
                                     {"unknown": ("goenv",), "user_env_file": None}])
def test_unknown_facts_yield_nothing(unknown: dict) -> None:
    assert run(go122(**unknown)) == []


def test_unknown_platform_is_spelled_out() -> None:
    # without `go env` its GOROOT, hence its go.env, is unknown: GOTOOLCHAIN comes from the environment here
    [finding] = run(go122(gotoolchain="auto", go_binaries=(replace(go_binary("1.22.10"), env=None),)))
    assert "toolchain@v0.0.1-go1.27.3.GOOS-GOARCH" in finding.message


def test_goproxy_off_makes_the_download_fail_for_certain() -> None:
    [finding] = run(go122(goenv={"GOPROXY": "off"}))
    assert finding.severity is Severity.ERROR
    assert finding.message == (
        f"the go line of go.mod asks for go1.27.3 (local go 1.22.10; {DEFAULT_SOURCE}), but GOPROXY=off (GOENV file "
        f"{GOENV}:1) forbids the download: every go command fails with `go: download go1.27.3 for linux/amd64: "
        "toolchain not available`")
    assert [r.message for r in finding.related] == ["GOTOOLCHAIN=auto is set here", "GOPROXY=off is set here"]
    # `go env -u GOPROXY` would switch toolchains first and fail like every command: an edit instead
    assert finding.fixes == (removes_lines(GOENV, 0, key="GOPROXY"),)


@pytest.mark.parametrize("value", ["off", " off ", "off,https://proxy.example.com", ",off"])
def test_goproxy_starting_with_off(value: str) -> None:
    [finding] = run(go122(env={"HOME": HOME, "GOPROXY": value}))
    assert finding.severity is Severity.ERROR and finding.fixes == ()  # an environment variable: the shell's


@pytest.mark.parametrize("value", ["https://proxy.example.com,off", "direct", "https://proxy.golang.org,direct",
                                   "file:///srv/proxy"])
def test_goproxy_that_may_serve_toolchains_stays_a_warning(value: str) -> None:
    [finding] = run(go122(goenv={"GOPROXY": value}))
    assert finding.severity is Severity.WARNING


@pytest.mark.parametrize("private", [{"GONOPROXY": "golang.org"}, {"GOPRIVATE": "*"},
                                     {"GOPRIVATE": "example.com,golang.org/toolchain"}])
def test_gonoproxy_covering_the_toolchain_module_goes_direct(private: dict) -> None:
    [finding] = run(go122(goenv={"GOPROXY": "off", **private}))
    assert finding.severity is Severity.WARNING


def test_gonoproxy_not_covering_the_toolchain_module() -> None:
    [finding] = run(go122(goenv={"GOPROXY": "off", "GOPRIVATE": "golang.org/x,*.corp.example.com"}))
    assert finding.severity is Severity.ERROR


def test_gosumdb_off_makes_the_download_fail_for_certain() -> None:
    [finding] = run(go122(goenv={"GOSUMDB": "off"}))
    assert finding.severity is Severity.ERROR
    assert finding.message.endswith(
        f"but GOSUMDB=off (GOENV file {GOENV}:1) and a downloaded toolchain must be verified by the checksum "
        "database: every go command fails with `go: download go1.27.3: "
        "golang.org/toolchain@v0.0.1-go1.27.3.linux-amd64: verifying module: checksum database disabled by "
        "GOSUMDB=off`")
    assert finding.fixes == (removes_lines(GOENV, 0, key="GOSUMDB"),)


def test_gosumdb_off_with_a_single_file_proxy_is_exempt() -> None:
    [finding] = run(go122(goenv={"GOSUMDB": "off", "GOPROXY": "file:///srv/proxy"}))
    assert finding.severity is Severity.WARNING


def test_gonosumdb_does_not_exempt_toolchains() -> None:
    [finding] = run(go122(goenv={"GONOSUMDB": "*"}))
    assert finding.severity is Severity.WARNING  # the checksum database is still asked: the download may work


def test_an_available_toolchain_needs_no_download_whatever_goproxy_says() -> None:
    [finding] = run(go122(goenv={"GOPROXY": "off", "GOSUMDB": "off"}, toolchains={"go1.27.3": IN_CACHE}))
    assert finding.severity is Severity.INFO


# --- real toolchains


def ge111(report: dict) -> dict:
    [finding] = [f for f in report["findings"] if f["code"] == "GE111"]
    return finding


def real_go(workspace: Path, env: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["go", *args], cwd=workspace, env=env, capture_output=True, text=True, timeout=60)


@pytest.mark.realgo
def test_real_auto_needs_a_download(workspace: Path, go122: Path, go_env: testbed.EnvFactory, check_real) -> None:
    env = go_env([go122 / "bin"], GOTOOLCHAIN="auto", GOPROXY="https://proxy.golang.org,direct")
    code, report = check_real(workspace, env)
    assert code == 1
    finding = ge111(report)
    assert finding["severity"] == "warning"  # the download may work where the network is
    assert "first downloads golang.org/toolchain@v0.0.1-go1.27.3.linux-amd64" in finding["message"]
    assert (finding["path"], finding["range"]["start"]) == ("go.mod", {"line": 2, "character": 3})


@pytest.mark.realgo
@pytest.mark.parametrize("go_fixture", ["go122", "go127"])
def test_real_auto_with_goproxy_off_is_an_error_in_the_go_command_s_words(
        go_fixture: str, request: pytest.FixtureRequest, tmp_path: Path, go_env: testbed.EnvFactory,
        check_real) -> None:
    # behaviour change (issue 7): an error, not a warning, when the announced download cannot succeed
    go = request.getfixturevalue(go_fixture)
    workspace = tmp_path / "ws"
    workspace.mkdir()
    (workspace / "go.mod").write_text("module example.com/app\n\ngo 1.27.99\n")
    env = go_env([go / "bin"], GOTOOLCHAIN="auto", GOPROXY=None)
    testbed.write_goenv(env, GOPROXY="off")
    real = real_go(workspace, env, "version")
    wording = "go: download go1.27.99 for linux/amd64: toolchain not available"
    assert (real.returncode, real.stderr.splitlines()[-1]) == (1, wording)
    _, report = check_real(workspace, env)
    finding = ge111(report)
    assert finding["severity"] == "error"
    assert finding["message"].endswith(f"but GOPROXY=off (GOENV file ~/.config/go/env:1) forbids the download: every "
                                       f"go command fails with `{wording}`")
    [fix] = finding["fixes"]
    assert fix["title"] == "Remove GOPROXY from the GOENV file"
    assert real_go(workspace, env, "env", "-u", "GOPROXY").stderr.splitlines()[-1] == wording  # as every command
    apply_json_fix(fix, workspace, env["HOME"])
    assert Path(env["GOENV"]).read_text() == ""
    _, report = check_real(workspace, env)
    assert ge111(report)["severity"] == "warning"


@pytest.mark.realgo
@pytest.mark.parametrize("go_fixture", ["go122", "go127"])
def test_real_auto_with_gosumdb_off_is_an_error_in_the_go_command_s_words(
        go_fixture: str, request: pytest.FixtureRequest, tmp_path: Path, go_env: testbed.EnvFactory,
        check_real) -> None:
    """The toolchain module is served by a file:// proxy (a list, so the single-file:// exemption does not
    apply): the download works and the checksum database check refuses it."""
    import goproxy

    go = request.getfixturevalue(go_fixture)
    proxy = tmp_path / "proxy"
    goproxy.add_module(proxy, "golang.org/toolchain", "v0.0.1-go1.27.99.linux-amd64",
                       go_mod="module golang.org/toolchain\n", files={"bin/go": "#!/bin/sh\n"})
    workspace = tmp_path / "ws"
    workspace.mkdir()
    (workspace / "go.mod").write_text("module example.com/app\n\ngo 1.27.99\n")
    env = go_env([go / "bin"], GOTOOLCHAIN="auto", GOPROXY=f"{goproxy.proxy_url(proxy)},off")
    testbed.write_goenv(env, GOSUMDB="off")
    real = real_go(workspace, env, "version")
    wording = ("go: download go1.27.99: golang.org/toolchain@v0.0.1-go1.27.99.linux-amd64: verifying module: "
               "checksum database disabled by GOSUMDB=off")
    assert (real.returncode, real.stderr.splitlines()[-1]) == (1, wording)
    _, report = check_real(workspace, env)
    finding = ge111(report)
    assert finding["severity"] == "error"
    assert finding["message"].endswith("but GOSUMDB=off (GOENV file ~/.config/go/env:1) and a downloaded toolchain "
                                       "must be verified by the checksum database: every go command fails with "
                                       f"`{wording}`")
    assert [f["title"] for f in finding["fixes"]] == ["Remove GOSUMDB from the GOENV file"]


@pytest.mark.realgo
def test_real_auto_switches_to_a_go1_27_3_on_path(workspace: Path, tmp_path: Path, go122: Path, go127: Path,
                                                  go_env: testbed.EnvFactory, check_real) -> None:
    tcbin = tmp_path / "tcbin"
    tcbin.mkdir()
    (tcbin / "go1.27.3").symlink_to(go127 / "bin/go")
    env = go_env([go122 / "bin", tcbin], GOTOOLCHAIN=None)  # the default auto from go.env
    real = real_go(workspace, env, "env", "GOVERSION", "GOROOT")
    assert (real.returncode, real.stdout) == (0, f"go1.27.3\n{go127}\n")
    _, report = check_real(workspace, env)
    finding = ge111(report)
    assert finding["severity"] == "info"
    assert finding["message"].startswith(f"the go command switches from the local go 1.22.10 to go1.27.3 "
                                         f"({tcbin}/go1.27.3)")
    assert f"GOTOOLCHAIN=auto ($GOROOT/go.env {go122}/go.env:" in finding["message"]
    assert not {f["code"] for f in report["findings"]} & {"GE110", "GE112"}


@pytest.mark.realgo
def test_real_path_mode_without_the_toolchain(workspace: Path, go122: Path, go_env: testbed.EnvFactory,
                                              check_real) -> None:
    env = go_env([go122 / "bin"], GOTOOLCHAIN=None)
    testbed.write_goenv(env, GOTOOLCHAIN="path")
    real = real_go(workspace, env, "version")
    assert (real.returncode, real.stderr) == (1, 'go: cannot find "go1.27.3" in PATH\n')
    _, report = check_real(workspace, env)
    finding = ge111(report)
    assert finding["severity"] == "error"
    assert '`go: cannot find "go1.27.3" in PATH`' in finding["message"]
    assert [f["command"]["argv"][1:] for f in finding["fixes"]] == [["env", "-w", "GOTOOLCHAIN=auto"]]
