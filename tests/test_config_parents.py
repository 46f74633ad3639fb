"""`goenv-lsp check DIR` reads the nearest goenv-lsp.toml at or above DIR, up to the repository root (.git), never
the home directory's or one above it; its [workspace] patterns keep meaning what they meant in its directory."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import testbed

from goenv_lsp.config import Config, _rebase, find_workspace_file, load_workspace_file
from goenv_lsp.probe.system import RealSystem

REPO = Path(__file__).resolve().parent.parent


def tree(tmp_path: Path) -> Path:
    repo = tmp_path / "home" / "src" / "repo"
    (repo / ".git").mkdir(parents=True)
    (repo / "services" / "api").mkdir(parents=True)
    return repo


def system(tmp_path: Path) -> RealSystem:
    return RealSystem(env={"HOME": str(tmp_path / "home")})


def test_nearest_file_at_or_above_the_directory(tmp_path: Path) -> None:
    repo = tree(tmp_path)
    api = str(repo / "services" / "api")
    assert find_workspace_file(api, system(tmp_path)) is None
    (repo / "goenv-lsp.toml").write_text('ignore = ["GE120"]\n')
    assert find_workspace_file(api, system(tmp_path)) == str(repo / "goenv-lsp.toml")
    (repo / "services" / "goenv-lsp.toml").write_text('ignore = ["GE121"]\n')
    assert find_workspace_file(api, system(tmp_path)) == str(repo / "services" / "goenv-lsp.toml")
    config, problems, path = load_workspace_file(api, Config(), system(tmp_path), search_parents=True)
    assert (config.ignore, problems, path) == (("GE121",), [], str(repo / "services" / "goenv-lsp.toml"))
    # the language server's workspace folder keeps reading its own file only
    assert load_workspace_file(api, Config(), system(tmp_path))[2] is None


def test_the_search_stops_at_the_repository_root_and_below_home(tmp_path: Path) -> None:
    repo = tree(tmp_path)
    (repo.parent / "goenv-lsp.toml").write_text('ignore = ["GE120"]\n')  # outside the repository
    assert find_workspace_file(str(repo / "services"), system(tmp_path)) is None
    (repo / ".git").rmdir()
    (repo / ".git").write_text("gitdir: /elsewhere/.git/worktrees/repo\n")  # a worktree: still its root
    assert find_workspace_file(str(repo / "services"), system(tmp_path)) is None
    (repo / ".git").unlink()
    assert find_workspace_file(str(repo / "services"), system(tmp_path)) == str(repo.parent / "goenv-lsp.toml")
    (repo.parent / "goenv-lsp.toml").unlink()
    (tmp_path / "home" / "goenv-lsp.toml").write_text('ignore = ["GE120"]\n')
    assert find_workspace_file(str(repo / "services"), system(tmp_path)) is None  # home's file is no project's
    assert find_workspace_file(str(tmp_path / "home"), system(tmp_path)) == str(tmp_path / "home" / "goenv-lsp.toml")


@pytest.mark.parametrize(("pattern", "rebased"), [
    ("third_party/", "third_party/"), ("*.pb.go", "*.pb.go"), ("**/gen/", "**/gen/"),
    ("/services/api/gen/", "/gen/"), ("services/api/gen/x", "/gen/x"), ("!/services/api/keep", "!/keep"),
    ("/services/web/", None), ("/tools", None),
])
def test_workspace_patterns_are_rebased(pattern: str, rebased: str | None) -> None:
    assert _rebase(pattern, "services/api") == rebased


def test_patterns_of_a_file_above(tmp_path: Path) -> None:
    repo = tree(tmp_path)
    (repo / "goenv-lsp.toml").write_text('[workspace]\nexclude = ["/services/api/gen/", "vendor2/", "/docs/"]\n')
    config, problems, _ = load_workspace_file(str(repo / "services" / "api"), Config(), system(tmp_path),
                                              search_parents=True)
    assert problems == [] and config.workspace.exclude == ("/gen/", "vendor2/")


@pytest.mark.realgo
def test_check_of_a_subdirectory_uses_the_repository_file(tmp_path: Path, go127: Path) -> None:
    """A real check (go 1.27.3, no gopls: GE120) of one module of a repository whose root goenv-lsp.toml ignores
    GE120: clean, as from the root."""
    env = {**testbed.isolated_env(tmp_path, [go127 / "bin"]), "PYTHONPATH": str(REPO)}
    repo = Path(env["HOME"]) / "src" / "repo"
    api = repo / "services" / "api"
    api.mkdir(parents=True)
    (repo / ".git").mkdir()
    (api / "go.mod").write_text("module example.com/api\n\ngo 1.22.0\n")

    def check() -> list[str]:
        ran = subprocess.run([sys.executable, "-m", "goenv_lsp", "check", "--test-no-well-known", "--format", "json",
                              "--fail-on", "never", "."], cwd=api, env=env, capture_output=True, text=True, timeout=120)
        assert ran.returncode == 0 and ran.stderr == "", ran.stderr
        return [f["code"] for f in json.loads(ran.stdout)["findings"]]

    assert "GE120" in check()
    (repo / "goenv-lsp.toml").write_text('ignore = ["GE120"]  # CI runners have no gopls\n')
    assert "GE120" not in check()
