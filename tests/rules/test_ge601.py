"""GE601 tools-not-on-path: programs `go install` put in GOBIN / GOPATH/bin that PATH cannot run."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
import testbed
from factsbuilder import HOME, ROOT, go_binary, healthy
from fixhelp import apply_json_fix
from ge6help import codes, go, module, only

from goenv_lsp.engine import evaluate
from goenv_lsp.facts import GoBinDir, GoTool, PathInfo, PathKind
from goenv_lsp.model import Location, Range, Severity
from goenv_lsp.rules.ge6_platform.ge601_tools_not_on_path import check as GE601

BIN = f"{HOME}/go/bin"
STRINGER = GoTool("stringer", f"{BIN}/stringer", f"{BIN}/stringer", "golang.org/x/tools/cmd/stringer", "v0.30.0",
                  "go1.27.3", "linux", "amd64")
PATH = ("/usr/local/go1.27.3/bin", "/usr/bin")


def facts_with(tools=(STRINGER,), entries=PATH, commands=None, **changes):
    fields = {"path_entries": entries, "env": {"PATH": ":".join(entries), "HOME": HOME},
              "go_bin_dirs": (GoBinDir(BIN, "GOPATH", PathKind.DIR, tuple(tools)),),
              "path_dir_info": {e: PathInfo(PathKind.DIR, real_path=e) for e in entries},
              "path_commands": commands if commands is not None else {t.name: "" for t in tools}}
    return healthy(**{**fields, **changes})


def test_names_each_program_with_its_package_and_version() -> None:
    [finding] = evaluate(facts_with(), rules=[GE601])
    assert (finding.code, finding.severity) == ("GE601", Severity.WARNING)
    assert finding.message == (
        f"1 program `go install` put in {BIN} (GOPATH/bin) is not on PATH: stringer (golang.org/x/tools/cmd/stringer"
        ' v0.30.0); to run it, add `export PATH="$PATH:$HOME/go/bin"` to ~/.profile, then log in again (or restart '
        "the editor)")
    assert finding.location == Location(f"{ROOT}/go.mod", Range.of(0, 7, 22))
    assert finding.fixes == ()


def test_a_program_path_reaches_through_a_link_is_not_counted() -> None:
    assert evaluate(facts_with(commands={"stringer": f"{BIN}/stringer"}), rules=[GE601]) == []


def test_a_shadowing_program_is_named_and_the_line_prepends() -> None:
    [finding] = evaluate(facts_with(commands={"stringer": "/usr/bin/stringer"}), rules=[GE601])
    assert "stringer (golang.org/x/tools/cmd/stringer v0.30.0) — PATH runs /usr/bin/stringer instead" in \
        finding.message
    assert 'export PATH="$HOME/go/bin:$PATH"' in finding.message


def test_on_path_or_unknown_is_quiet() -> None:
    assert evaluate(facts_with(entries=(*PATH, BIN)), rules=[GE601]) == []
    assert evaluate(facts_with(go_bin_dirs=None), rules=[GE601]) == []
    assert evaluate(facts_with(path_commands=None), rules=[GE601]) == []
    assert evaluate(facts_with(tools=()), rules=[GE601]) == []


def test_the_install_directory_is_gobin_when_set_else_gopath_bin() -> None:
    gobin = f"{HOME}/tools"
    facts = facts_with(go_binaries=(go_binary(GOBIN=gobin),), env={"PATH": ":".join(PATH), "HOME": HOME,
                                                                  "GOBIN": gobin})
    assert evaluate(facts, rules=[GE601]) == []  # GOPATH/bin holds stringer, but go installs into GOBIN
    # Go 1.27's `go env GOBIN` prints GOPATH/bin when GOBIN is unset: still GOPATH/bin, named as such
    [finding] = evaluate(facts_with(go_binaries=(go_binary(GOBIN=BIN),)), rules=[GE601])
    assert f"put in {BIN} (GOPATH/bin) is not on PATH" in finding.message


# --- real toolchains


@pytest.mark.realgo
def test_real_gopath_bin_not_on_path(workspace: Path, tmp_path: Path, go127: Path, go_env: testbed.EnvFactory,
                                     check_real) -> None:
    env = go_env([go127 / "bin"], SHELL="/bin/bash")
    result = go(env, module(tmp_path / "hello"), "install", ".")
    assert result.returncode == 0, result.stderr
    assert (Path(env["GOPATH"]) / "bin" / "hello").is_file()  # where cmd/go puts it with GOBIN unset
    profile = Path(env["HOME"]) / ".profile"
    profile.write_text("# ~/.profile\n")
    finding = only(check_real(workspace, env)[1], "GE601")
    assert finding["message"] == (
        "1 program `go install` put in ~/go/bin (GOPATH/bin) from the environment variable GOPATH is not on PATH: "
        'hello (example.com/hello (devel)); to run it, add `export PATH="$PATH:$HOME/go/bin"` to ~/.profile, then '
        "log in again (or restart the editor)")
    assert finding["path"] == "go.mod"
    [fix] = finding["fixes"]
    apply_json_fix(fix, workspace, env["HOME"])
    assert profile.read_text() == '# ~/.profile\nexport PATH="$PATH:$HOME/go/bin"\n'
    # the line works for a login shell …
    login = subprocess.run(["bash", "-l", "-c", "hello"], env=env, capture_output=True, text=True, timeout=60)
    assert (login.returncode, login.stderr) == (0, "hello\n")
    # … this session predates it: information on that line
    finding = only(check_real(workspace, env)[1], "GE601")
    assert (finding["severity"], finding["path"], finding["range"]["start"]["line"]) == ("info", "~/.profile", 1)
    env["PATH"] = f"{env['GOPATH']}/bin:{env['PATH']}"  # a new login
    assert "GE601" not in codes(check_real(workspace, env)[1])


@pytest.mark.realgo
def test_real_gobin_in_the_goenv_file_fix_removes_it(workspace: Path, tmp_path: Path, go127: Path,
                                                     go_env: testbed.EnvFactory, check_real) -> None:
    env = go_env([go127 / "bin", tmp_path / "home/go/bin"])
    tools = tmp_path / "tools"
    assert go(env, tmp_path, "env", "-w", f"GOBIN={tools}").returncode == 0
    assert go(env, module(tmp_path / "hello"), "install", ".").returncode == 0
    assert (tools / "hello").is_file()
    finding = only(check_real(workspace, env)[1], "GE601")
    assert (finding["path"], finding["range"]["start"]) == ("~/.config/go/env", {"line": 0, "character": 0})
    assert finding["message"].startswith(f"1 program `go install` put in GOBIN={tools} from GOENV file "
                                         "~/.config/go/env:1 is not on PATH: hello (example.com/hello (devel))")
    [fix] = finding["fixes"]
    assert fix["title"] == "Remove GOBIN from the GOENV file"
    apply_json_fix(fix, workspace, env["HOME"])
    assert "GOBIN" not in Path(env["GOENV"]).read_text()
    assert go(env, tmp_path / "hello", "install", ".").returncode == 0  # now into ~/go/bin, on PATH
    assert "GE601" not in codes(check_real(workspace, env)[1])


@pytest.mark.realgo
@pytest.mark.parametrize("toolchain", ["go122", "go127"])
def test_real_install_directory_before_and_since_go_1_27(toolchain: str, request, workspace: Path,
                                                         go_env: testbed.EnvFactory, probe_real) -> None:
    """Go 1.27's `go env GOBIN` prints GOPATH/bin when GOBIN is unset (1.22 prints nothing): the same
    directory, named as GOPATH's either way."""
    root = request.getfixturevalue(toolchain)
    env = go_env([root / "bin"])
    reported = go(env, workspace, "env", "GOBIN").stdout
    assert reported == ("\n" if toolchain == "go122" else f"{env['GOPATH']}/bin\n")
    [found] = probe_real(workspace, env).go_bin_dirs
    assert (found.path, found.setting) == (f"{env['GOPATH']}/bin", "GOPATH")
