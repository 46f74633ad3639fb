"""The pre-commit hook (.pre-commit-hooks.yaml) run by the real pre-commit (PyPI, installed into .cache/) with
`pre-commit try-repo <this repository> goenv-lsp --all-files` in a fixture git repository, with go 1.27.3 alone on
PATH: it passes on a healthy project (no gopls here: the hook's ci context does not ask for one) and fails on one
whose Dockerfile builds with an older Go than go.mod's."""

from __future__ import annotations

import fcntl
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import testbed
import yaml

from goenv_lsp.files import KINDS, Where

REPO = Path(__file__).resolve().parent.parent
HOOKS = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text())
GIT = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com", "GIT_COMMITTER_NAME": "t",
       "GIT_COMMITTER_EMAIL": "t@example.com", "GIT_AUTHOR_DATE": "2026-01-01T00:00:00Z",
       "GIT_COMMITTER_DATE": "2026-01-01T00:00:00Z"}


def test_the_hook_runs_on_every_file_kind_goenv_lsp_reads() -> None:
    [hook] = HOOKS
    assert (hook["id"], hook["language"], hook["entry"], hook["pass_filenames"], hook["args"]) == (
        "goenv-lsp", "python", "goenv-lsp check", False, ["--quiet", "--context", "ci"])
    files = re.compile(hook["files"])
    for kind in KINDS:
        if kind.where not in (Where.TREE, Where.ROOT, Where.MODULE):
            continue  # home and GOROOT files are not in the repository
        for name in kind.names:
            sample = name.replace("*", "x")
            assert files.search(sample), (kind.name, sample)
            if kind.where is not Where.ROOT:
                assert files.search(f"services/api/{sample}"), (kind.name, sample)
    for other in ("README.md", "docs/index.md", "go.mod.orig", "internal/data.json", "scripts/build.sh"):
        assert not files.search(other), other


def pre_commit() -> Path:
    """pre-commit from PyPI in a venv of its own, .cache/pre-commit-venv (made once, under a lock; a venv cannot be
    renamed into place, so a marker file says it is complete)."""
    venv = REPO / ".cache" / "pre-commit-venv"
    done = venv / ".installed"
    venv.parent.mkdir(exist_ok=True)
    with open(REPO / ".cache" / ".pre-commit-venv.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not done.is_file():
            shutil.rmtree(venv, ignore_errors=True)  # left half-made by an interrupted run
            subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=120)
            subprocess.run([str(venv / "bin/pip"), "install", "--quiet", "pre-commit>=3"], check=True, timeout=300,
                           capture_output=True)
            done.touch()
    return venv / "bin" / "pre-commit"


def source_repository(tmp_path: Path) -> Path:
    """This working tree (committed or not, without what git ignores) as a one-commit repository: try-repo clones
    what is committed."""
    src = tmp_path / "goenv-lsp"
    listed = subprocess.run(["git", "ls-files", "-co", "--exclude-standard", "-z"], cwd=REPO, capture_output=True,
                            timeout=60)
    if listed.returncode == 0:
        for name in filter(None, listed.stdout.decode().split("\0")):
            if (REPO / name).is_file():
                (src / name).parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(REPO / name, src / name)
    else:  # not a git checkout (an unpacked archive)
        shutil.copytree(REPO, src, ignore=shutil.ignore_patterns(".git", ".cache", "__pycache__", "*.egg-info"))
    commit(src)
    return src


def commit(directory: Path) -> None:
    for args in (["init", "-q"], ["add", "-A"], ["commit", "-q", "--no-verify", "-m", "fixture"]):
        subprocess.run(["git", *args], cwd=directory, env={**testbed.isolated_env(directory.parent, []), **GIT},
                       check=True, capture_output=True, timeout=60)


@pytest.mark.realgo
@pytest.mark.timeout(300)
def test_try_repo_passes_on_a_healthy_project_and_fails_on_a_broken_one(tmp_path: Path, go127: Path) -> None:
    tool = pre_commit()
    src = source_repository(tmp_path)
    project = tmp_path / "project"
    project.mkdir()
    (project / "go.mod").write_text("module example.com/app\n\ngo 1.27.0\n")
    (project / "main.go").write_text("package main\n\nfunc main() {}\n")
    (project / "Dockerfile").write_text("FROM golang:1.27 AS build\nCOPY . /src\nRUN cd /src && go build .\n")
    commit(project)
    env = {**testbed.isolated_env(tmp_path, [go127 / "bin"]), "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"),
           **GIT}

    def try_repo() -> subprocess.CompletedProcess:
        return subprocess.run([str(tool), "try-repo", str(src), "goenv-lsp", "--all-files"], cwd=project, env=env,
                              capture_output=True, text=True, timeout=240)

    healthy = try_repo()
    assert healthy.returncode == 0, healthy.stdout + healthy.stderr
    assert re.search(r"goenv-lsp check\.+Passed", healthy.stdout)
    (project / "Dockerfile").write_text("FROM golang:1.22 AS build\nCOPY . /src\nRUN cd /src && go build .\n")
    broken = try_repo()
    assert broken.returncode == 1, broken.stdout + broken.stderr
    assert re.search(r"goenv-lsp check\.+Failed", broken.stdout)
    assert re.search(r"^Dockerfile:1:\d+: GE801 .*\[(warning|error)\]$", broken.stdout, re.MULTILINE), broken.stdout
