"""GE603 path-dir-world-writable: PATH directories any user can add programs to."""

from __future__ import annotations

from pathlib import Path

import pytest
import testbed
from factsbuilder import healthy
from ge6help import codes, only

from goenv_lsp.engine import evaluate
from goenv_lsp.facts import PathInfo, PathKind
from goenv_lsp.rules.ge6_platform.ge603_path_dir_world_writable import check as GE603


def run(modes: dict[str, int | None], os: str = "linux", real: dict[str, str] | None = None):
    info = {p: PathInfo(PathKind.DIR, real_path=(real or {}).get(p, p), mode=m) for p, m in modes.items()}
    return evaluate(healthy(os=os, path_entries=tuple(modes), path_dir_info=info), rules=[GE603])


def test_world_writable_and_sticky() -> None:
    found = run({"/usr/bin": 0o755, "/usr/local/bin": 0o777, "/tmp": 0o1777, "/home/dev/bin": 0o775})
    assert sorted(f.message for f in found) == [
        "PATH directory /tmp has mode 1777: any user of this machine can put a `go`, `gofmt` or `gcc` there that you "
        "then run; the sticky bit does not stop anyone adding files; take it off PATH",
        "PATH directory /usr/local/bin has mode 0777: any user of this machine can put a `go`, `gofmt` or `gcc` "
        "there that you then run; `chmod o-w /usr/local/bin`"]


def test_one_directory_under_two_names_is_reported_once() -> None:
    found = run({"/opt/bin": 0o777, "/srv/bin": 0o777}, real={"/srv/bin": "/opt/bin"})
    assert len(found) == 1


def test_windows_and_unknown_modes_are_quiet() -> None:
    assert run({"C:\\tools": None}, os="windows") == []
    assert run({"/usr/local/bin": None}) == []


@pytest.mark.realgo
def test_real_world_writable_path_dir(workspace: Path, tmp_path: Path, go127: Path, go_env: testbed.EnvFactory,
                                      check_real) -> None:
    shared = tmp_path / "shared-bin"
    shared.mkdir()
    shared.chmod(0o777)
    env = go_env([go127 / "bin", shared])
    finding = only(check_real(workspace, env)[1], "GE603")
    assert finding["message"].startswith(f"PATH directory {shared} has mode 0777")
    shared.chmod(0o755)
    assert "GE603" not in codes(check_real(workspace, env)[1])
