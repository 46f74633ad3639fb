"""GE704 rc-global-go-setting: the settings a real bash exports from ~/.bashrc do to a real go what the findings
say; in the terminal's environment each finding links to the environment rule's; deleting the lines clears
them; deliberate lines (in an `if`, a function) and healthy values stay quiet."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
import testbed
from shellreal import apply, findings, real_shell, sourced, startup_home, workspace

from goenv_lsp.rules.ge2_modules.ge202_go111module_off import check as GE202
from goenv_lsp.rules.ge7_shell.ge704_rc_global_go_setting import check as GE704

pytestmark = pytest.mark.realgo

BASHRC = "export GO111MODULE=off\nexport GOFLAGS=-mod=vendor\n"
QUIET = ("export GO111MODULE=\nexport GO111MODULE=on\nexport GOPROXY=https://proxy.golang.org,direct\n"
         "cross() {\n  export GOOS=windows\n}\nif [ -d vendor ]; then\n  export GOFLAGS=-mod=vendor\nfi\n"
         "export GOTOOLCHAIN=local\n")


def module(tmp_path: Path) -> Path:
    return workspace(tmp_path, "module example.com/ws\n\ngo 1.21\n\nrequire example.com/dep v1.0.0\n")


def go(go127: Path, args: list[str], ws: Path, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run([str(go127 / "bin/go"), *args], cwd=ws, env=env, capture_output=True, text=True,
                          timeout=120)


def test_settings_do_what_the_findings_say(tmp_path: Path, go127: Path) -> None:
    bash = real_shell("bash")
    env = testbed.isolated_env(tmp_path, [go127 / "bin"])
    home = startup_home(env, {".bashrc": BASHRC})
    ws = module(tmp_path)
    off, vendor = findings(ws, env, GE704)
    assert [f.location.range.start.line for f in (off, vendor)] == [0, 1] and not off.related
    assert "ignores go.mod files" in off.message and "no vendor/ directory fails with" in vendor.message
    terminal = {**env, **{k: v for k, v in sourced(bash, home / ".bashrc", env).items() if k.startswith("GO")}}
    assert go(go127, ["env", "GOMOD"], ws, {**terminal, "GOFLAGS": ""}).stdout.strip() == ""  # no module
    build = go(go127, ["build", "."], ws, {**terminal, "GO111MODULE": ""})  # -mod=vendor, no vendor/
    assert build.returncode != 0 and vendor.message.rsplit("`", 2)[-2] in build.stderr, build.stderr
    [mine, _], [theirs] = findings(ws, terminal, GE704), findings(ws, terminal, GE202)
    assert mine.related[0].location == theirs.location and "GE202 reports" in mine.message
    apply(off.fixes[0])
    [left] = findings(ws, env, GE704)
    assert left.location.range.start.line == 0 and "GOFLAGS" in left.message
    apply(left.fixes[0])
    assert (home / ".bashrc").read_text() == ""
    assert findings(ws, env, GE704) == []


def test_deliberate_and_healthy_lines_are_quiet(tmp_path: Path, go127: Path) -> None:
    env = testbed.isolated_env(tmp_path, [go127 / "bin"])
    startup_home(env, {".bashrc": QUIET})
    assert findings(module(tmp_path), env, GE704) == []
