"""GE207 goenv-unusable: the GOENV file is a directory, unreadable, or a relative path."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
import testbed
import unprivileged
from factsbuilder import HOME, healthy

from goenv_lsp.engine import evaluate
from goenv_lsp.facts import FileProblem, PathInfo, Status
from goenv_lsp.files.goenv_file import EnvFileFacts
from goenv_lsp.model import Severity
from goenv_lsp.rules.ge2_modules.ge207_goenv_unusable import check as GE207

CONFIG = f"{HOME}/.config/go"


def run(facts):
    return evaluate(facts, rules=[GE207])


def unreadable(path: str, problem: str) -> EnvFileFacts:
    return EnvFileFacts(path=path, kind="goenv", status=Status.UNREADABLE,
                        problems=(FileProblem(f"cannot read the file: {problem}"),))


def test_a_directory() -> None:
    facts = healthy(env={"HOME": HOME, "GOENV": CONFIG}, user_env_file=unreadable(CONFIG, "not a regular file"),
                    path_info={CONFIG: PathInfo("dir")})
    [finding] = run(facts)
    assert (finding.code, finding.severity) == ("GE207", Severity.WARNING)
    assert finding.message == (f"The GOENV file {CONFIG} (from the environment variable GOENV) is a directory: the "
                               "go command silently ignores it, so no `go env -w` setting applies, and `go env -w` "
                               f"fails with `go: reading go env config: read {CONFIG}: is a directory`")


def test_an_unreadable_file_at_the_default_place() -> None:
    path = f"{CONFIG}/env"
    facts = healthy(user_env_file=unreadable(path, "Permission denied"), path_info={path: PathInfo("file")})
    [finding] = run(facts)
    assert finding.message.startswith(f"The GOENV file {path} (from the default location) cannot be read")
    assert finding.message.endswith(f"`go: reading go env config: open {path}: permission denied`")


def test_a_file_larger_than_goenv_lsp_reads_is_fine_for_go() -> None:
    assert run(healthy(user_env_file=unreadable(f"{CONFIG}/env", "larger than 4 MiB"))) == []


def test_a_relative_goenv() -> None:
    [finding] = run(healthy(env={"HOME": HOME, "GOENV": "go.env"}))
    assert finding.message.startswith("GOENV=go.env is a relative path")


@pytest.mark.parametrize("goenv", ["", "off", f"{HOME}/goenv"])
def test_quiet(goenv: str) -> None:
    assert run(healthy(env={"HOME": HOME, "GOENV": goenv})) == []


def test_windows_drive_path_is_absolute() -> None:
    assert run(healthy(os="windows", env={"GOENV": "C:\\Users\\me\\go.env"})) == []


# --- real toolchains


@pytest.mark.realgo
def test_real_goenv_is_a_directory(workspace: Path, go127: Path, go_env: testbed.EnvFactory, check_real) -> None:
    env = go_env([go127 / "bin"])
    directory = Path(env["GOENV"]).parent
    directory.mkdir(parents=True)
    env["GOENV"] = str(directory)
    listed = subprocess.run(["go", "list", "-m"], cwd=workspace, env=env, capture_output=True, text=True, timeout=60)
    assert (listed.returncode, listed.stdout, listed.stderr) == (0, "example.com/app\n", "")  # silently ignored
    written = subprocess.run(["go", "env", "-w", "GOPRIVATE=example.com"], env=env, capture_output=True, text=True,
                             timeout=60)
    error = f"go: reading go env config: read {directory}: is a directory"
    assert (written.returncode, written.stderr) == (1, error + "\n")
    _, report = check_real(workspace, env)
    [finding] = [f for f in report["findings"] if f["code"] == "GE207"]
    assert finding["message"].endswith("`go: reading go env config: read ~/.config/go: is a directory`")


@pytest.mark.realgo
@pytest.mark.skipif(not unprivileged.available(), reason="needs root and setpriv to run as nobody")
def test_real_goenv_file_of_root(go127: Path) -> None:
    with unprivileged.nobody_module(go127 / "bin", main=False) as (_shared, env, _home, workspace):
        goenv = testbed.write_goenv(env, GOPRIVATE="example.com")  # root's, as `sudo go env -w` with HOME kept
        goenv.chmod(0o600)
        shown = unprivileged.run(["go", "env", "GOPRIVATE"], env, workspace)
        assert (shown.returncode, shown.stdout, shown.stderr) == (0, "\n", "")  # silently ignored
        written = unprivileged.run(["go", "env", "-w", "GOFLAGS=-mod=mod"], env, workspace)
        assert (written.returncode, written.stderr) == (
            1, f"go: reading go env config: open {goenv}: permission denied\n")
        _, report = unprivileged.check(workspace, env)
        [finding] = [f for f in report["findings"] if f["code"] == "GE207"]
        assert finding["message"].startswith("The GOENV file ~/.config/go/env (from the environment variable GOENV) "
                                             "cannot be read")
        assert finding["message"].endswith("`go: reading go env config: open ~/.config/go/env: permission denied`")
