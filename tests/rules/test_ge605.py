"""GE605 goroot-bin-not-on-path: go reached through a link, PATH's gofmt missing or another Go's."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
import testbed
from factsbuilder import go_binary, healthy
from ge6help import codes, only

from goenv_lsp.engine import evaluate
from goenv_lsp.facts import PathInfo, PathKind
from goenv_lsp.model import Severity
from goenv_lsp.rules.ge6_platform.ge605_goroot_bin_not_on_path import check as GE605

ROOT = "/usr/local/go1.27.3"


def linked(gofmt: str, **changes):
    go = dataclasses.replace(go_binary(), path="/usr/local/bin/go")
    entries = ("/usr/local/bin", "/usr/bin")
    fields = {"go_binaries": (go,), "path_entries": entries, "path_commands": {"gofmt": gofmt},
              "path_dir_info": {e: PathInfo(PathKind.DIR, real_path=e) for e in entries}}
    return healthy(**{**fields, **changes})


def test_no_gofmt_and_another_gofmt() -> None:
    [missing] = evaluate(linked(""), rules=[GE605])
    assert missing.severity is Severity.INFO
    assert missing.message.startswith(f"/usr/local/bin/go runs Go from {ROOT}, whose bin directory is not on PATH: "
                                      "no `gofmt` is on PATH")
    [other] = evaluate(linked("/usr/lib/go-1.19/bin/gofmt"), rules=[GE605])
    assert other.severity is Severity.WARNING
    assert f"PATH's `gofmt` is /usr/lib/go-1.19/bin/gofmt, not {ROOT}/bin/gofmt" in other.message


def test_quiet_cases() -> None:
    assert evaluate(linked(f"{ROOT}/bin/gofmt"), rules=[GE605]) == []  # linked next to go
    assert evaluate(healthy(path_commands={"gofmt": ""}), rules=[GE605]) == []  # GOROOT/bin on PATH
    shim = dataclasses.replace(go_binary(), path="/home/dev/.asdf/shims/go", shim="asdf")
    assert evaluate(linked("", go_binaries=(shim,)), rules=[GE605]) == []
    other_root = {"PATH": "/usr/local/bin:/usr/bin", "GOROOT": "/opt/go"}  # GE104's finding
    assert evaluate(linked("", env=other_root), rules=[GE605]) == []


@pytest.mark.realgo
def test_real_go_linked_without_gofmt(workspace: Path, tmp_path: Path, go127: Path, go_env: testbed.EnvFactory,
                                      check_real) -> None:
    links = tmp_path / "links"
    links.mkdir()
    (links / "go").symlink_to(go127 / "bin/go")
    env = go_env([links])
    finding = only(check_real(workspace, env)[1], "GE605")
    assert finding["message"].startswith(f"{links}/go runs Go from {go127}, whose bin directory is not on PATH: no "
                                         "`gofmt` is on PATH")
    (links / "gofmt").symlink_to(go127 / "bin/gofmt")
    assert "GE605" not in codes(check_real(workspace, env)[1])
