"""GE211 gotmpdir-invalid: GOTMPDIR (or TMPDIR) the go command cannot make its work directory in."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
import testbed
import unprivileged
from factsbuilder import HOME, env_file, healthy

from goenv_lsp.engine import evaluate
from goenv_lsp.facts import PathInfo
from goenv_lsp.model import Severity
from goenv_lsp.rules.ge2_modules.ge211_gotmpdir_invalid import check as GE211


def run(facts):
    return evaluate(facts, rules=[GE211])


@pytest.mark.parametrize(("info", "error"), [
    (PathInfo("missing"), "stat /scratch: no such file or directory"),
    (PathInfo("file"), "mkdir /scratch/go-build…: not a directory"),
    (PathInfo("dir", writable=False), "mkdir /scratch/go-build…: permission denied"),
])
def test_unusable_gotmpdir(info: PathInfo, error: str) -> None:
    [finding] = run(healthy(env={"HOME": HOME, "GOTMPDIR": "/scratch"}, path_info={"/scratch": info}))
    assert (finding.code, finding.severity) == ("GE211", Severity.ERROR)
    assert finding.message == ("GOTMPDIR=/scratch from the environment variable GOTMPDIR: every go build, test and "
                               f"run, and the package loading of gopls, fail with `go: creating work dir: {error}`")


def test_from_the_goenv_file_the_line_goes() -> None:
    [finding] = run(healthy(user_env_file=env_file(GOTMPDIR="/scratch"), path_info={"/scratch": PathInfo("missing")}))
    assert finding.fixes[0].title == "Remove GOTMPDIR from the GOENV file"


def test_tmpdir_when_gotmpdir_is_unset() -> None:
    [finding] = run(healthy(env={"HOME": HOME, "TMPDIR": "/gone"}, path_info={"/gone": PathInfo("missing")}))
    assert finding.message.startswith("TMPDIR=/gone from the environment variable TMPDIR (GOTMPDIR unset)")
    assert run(healthy(env={"HOME": HOME, "TMPDIR": "/gone", "GOTMPDIR": "/ok"},
                       path_info={"/gone": PathInfo("missing"), "/ok": PathInfo("dir")})) == []


@pytest.mark.parametrize("info", [PathInfo("dir"), PathInfo("dir", writable=None), None, PathInfo("unreadable")])
def test_usable_or_unknown_is_quiet(info: PathInfo | None) -> None:
    path_info = {"/scratch": info} if info else {}
    assert run(healthy(env={"HOME": HOME, "GOTMPDIR": "/scratch"}, path_info=path_info)) == []


# --- real toolchains


@pytest.mark.realgo
def test_real_gotmpdir_missing(workspace: Path, go127: Path, go_env: testbed.EnvFactory, check_real,
                               tmp_path: Path) -> None:
    (workspace / "main.go").write_text("package main\n\nfunc main() {}\n")
    missing = tmp_path / "ramdisk/go"
    env = go_env([go127 / "bin"])
    testbed.write_goenv(env, GOTMPDIR=str(missing))
    built = subprocess.run(["go", "build", "-o", os.devnull, "."], cwd=workspace, env=env, capture_output=True,
                           text=True, timeout=120)
    assert (built.returncode, built.stderr) == (1, f"go: creating work dir: stat {missing}: no such file or "
                                                   "directory\n")
    _, report = check_real(workspace, env)
    [finding] = [f for f in report["findings"] if f["code"] == "GE211"]
    assert finding["message"].endswith(f"`go: creating work dir: stat {missing}: no such file or directory`")
    assert finding["path"] == "~/.config/go/env"


@pytest.mark.realgo
@pytest.mark.skipif(not unprivileged.available(), reason="needs root and setpriv to run as nobody")
def test_real_gotmpdir_not_writable(go127: Path) -> None:
    with unprivileged.nobody_module(go127 / "bin") as (shared, env, _home, workspace):
        scratch = shared / "scratch"  # root's
        scratch.mkdir()
        env["GOTMPDIR"] = str(scratch)
        built = unprivileged.run(["go", "build", "-o", os.devnull, "."], env, workspace)
        assert built.returncode == 1
        assert built.stderr.startswith(f"go: creating work dir: mkdir {scratch}/go-build")
        assert built.stderr.endswith(": permission denied\n")
        _, report = unprivileged.check(workspace, env)
        [finding] = [f for f in report["findings"] if f["code"] == "GE211"]
        assert finding["message"].endswith(f"`go: creating work dir: mkdir {scratch}/go-build…: permission denied`")
