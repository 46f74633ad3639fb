"""GE212 go-dir-relative: GOMODCACHE or GOBIN that is not an absolute path."""

from __future__ import annotations

import subprocess
from pathlib import Path

import goproxy
import pytest
import testbed
from factsbuilder import HOME, env_file, healthy

from goenv_lsp.engine import evaluate
from goenv_lsp.model import Severity
from goenv_lsp.rules.ge2_modules.ge212_go_dir_relative import check as GE212


def run(facts):
    return evaluate(facts, rules=[GE212])


def test_relative_gomodcache() -> None:
    [finding] = run(healthy(env={"HOME": HOME, "GOMODCACHE": "mod"}))
    assert (finding.code, finding.severity, finding.fixes) == ("GE212", Severity.ERROR, ())
    assert finding.message == ("GOMODCACHE=mod from the environment variable GOMODCACHE is not an absolute path: "
                               "module downloads fail with `go: GOMODCACHE entry is relative; must be absolute path: "
                               '"mod".`')


@pytest.mark.parametrize("value", ["~/bin", "$HOME/bin", "${HOME}/bin", "%USERPROFILE%\\bin"])
def test_unexpanded_gobin(value: str) -> None:
    [finding] = run(healthy(user_env_file=env_file(GOBIN=value)))
    assert "(the go command expands no `~`, `$VAR` or `%VAR%`): go install fails with `cannot install, GOBIN must " \
           "be an absolute path`" in finding.message
    assert finding.fixes[0].title == "Remove GOBIN from the GOENV file"


@pytest.mark.parametrize(("os_name", "value"), [("linux", "/home/dev/bin"), ("windows", "D:\\bin"), ("linux", "")])
def test_absolute_or_unset_is_quiet(os_name: str, value: str) -> None:
    assert run(healthy(os=os_name, env={"HOME": HOME, "GOBIN": value, "GOMODCACHE": value})) == []


# --- real toolchains


@pytest.mark.realgo
def test_real_relative_gomodcache_and_gobin(workspace: Path, go127: Path, go_env: testbed.EnvFactory, check_real,
                                            tmp_path: Path) -> None:
    proxy = tmp_path / "proxy"
    goproxy.add_module(proxy, "example.com/dep", "v1.0.0")
    (workspace / "go.mod").write_text("module example.com/app\n\ngo 1.27.3\n\nrequire example.com/dep v1.0.0\n")
    (workspace / "main.go").write_text("package main\n\nfunc main() {}\n")
    env = go_env([go127 / "bin"], GOMODCACHE="~/mod", GOBIN="~/bin", GOPROXY=goproxy.proxy_url(proxy),
                 GONOSUMDB="example.com", GOFLAGS="-mod=mod")

    def go(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run(["go", *args], cwd=workspace, env=env, capture_output=True, text=True, timeout=120)

    downloaded = go("mod", "download")
    assert (downloaded.returncode, downloaded.stderr) == (
        1, 'go: GOMODCACHE entry is relative; must be absolute path: "~/mod".\n')
    installed = go("install", ".")
    assert (installed.returncode, installed.stderr) == (1, "cannot install, GOBIN must be an absolute path\n")
    _, report = check_real(workspace, env)
    messages = {f["message"].split("=")[0]: f["message"] for f in report["findings"] if f["code"] == "GE212"}
    assert messages["GOMODCACHE"].endswith('`go: GOMODCACHE entry is relative; must be absolute path: "~/mod".`')
    assert messages["GOBIN"].endswith("`cannot install, GOBIN must be an absolute path`")
