"""Issue 7's opening scenario, tried as a new user would on a real go 1.27.3: `go env -w` of GO111MODULE=off,
GOOS=windows, GOSUMDB=off, GOPROXY=direct, GOINSECURE=* and GOFLAGS=-mod=vendor, a module with a cached
requirement, an empty vendor/ and a go.work. Before the catalogue, `goenv-lsp check` said "No Go environment
problems found". Now every setting gets its finding on its GOENV file line; once the module-mode fix is applied
(as the JSON output offers it), the next failure the go command meets — the empty vendor/ — is reported on the
require line with go's own words, and its fix makes `go build` pass.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import goproxy
import pytest
import testbed

pytestmark = pytest.mark.realgo

SETTINGS = ("GO111MODULE=off", "GOOS=windows", "GOSUMDB=off", "GOPROXY=direct", "GOINSECURE=*",
            "GOFLAGS=-mod=vendor")


def go(gobin: Path, args: list[str], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run([str(gobin / "go"), *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=120)


def check(app: Path, env: dict[str, str]) -> list[dict]:
    ran = subprocess.run([sys.executable, "-m", "goenv_lsp", "check", "--format", "json", "--show-home", str(app)],
                         env=env, capture_output=True, text=True, timeout=120)
    assert ran.returncode in (0, 1), ran.stderr
    return json.loads(ran.stdout)["findings"]


def by_code(findings: list[dict]) -> dict[str, dict]:
    return {f["code"]: f for f in findings}


def run_fix(fix: dict, app: Path, env: dict[str, str]) -> None:
    command = fix["command"]
    cwd = app if command["cwd"] in (None, ".") else Path(command["cwd"])
    ran = subprocess.run(command["argv"], cwd=cwd, env={**env, **command["env"]}, capture_output=True, text=True,
                         timeout=120)
    assert ran.returncode == 0, ran.stderr


def test_a_new_users_workspace(tmp_path: Path, go127: Path) -> None:
    gobin = go127 / "bin"
    env = testbed.isolated_env(tmp_path, [gobin], GOPROXY=None)
    proxy = tmp_path / "proxy"
    goproxy.add_module(proxy, "example.org/lib", "v1.0.0")
    app = tmp_path / "app"
    app.mkdir()
    (app / "go.mod").write_text("module example.com/app\n\ngo 1.27.3\n\nrequire example.org/lib v1.0.0\n")
    (app / "main.go").write_text('package main\n\nimport _ "example.org/lib"\n\nfunc main() {}\n')
    setup = {**env, "GOPROXY": goproxy.proxy_url(proxy), "GONOSUMDB": "example.org", "GOFLAGS": "-mod=mod"}
    assert go(gobin, ["mod", "tidy"], app, setup).returncode == 0  # the requirement is in the module cache
    (app / "vendor").mkdir()
    (app / "go.work").write_text("go 1.27.3\n\nuse .\n")
    for setting in SETTINGS:
        assert go(gobin, ["env", "-w", setting], tmp_path, env).returncode == 0
    goenv = Path(env["GOENV"])
    lines = goenv.read_text().splitlines()

    built = go(gobin, ["build", "./..."], app, env)
    assert built.returncode == 1 and 'cannot find package "example.org/lib" in any of:' in built.stderr
    found = by_code(check(app, env))
    expected = {"GE202": "GO111MODULE", "GE610": "GOOS", "GE405": "GOSUMDB", "GE408": "GOPROXY", "GE406": "GOINSECURE"}
    for code, name in expected.items():
        assert code in found, (code, sorted(found))
        assert found[code]["path"] == str(goenv)
        assert lines[found[code]["range"]["start"]["line"]].startswith(f"{name}="), (code, found[code])
    assert "cannot find package" in found["GE202"]["message"]

    run_fix(found["GE202"]["fixes"][0], app, env)  # `go env -u GO111MODULE`: module mode again
    built = go(gobin, ["build", "./..."], app, env)
    assert built.returncode == 1
    assert ("example.org/lib@v1.0.0: is explicitly required in go.mod, but not marked as explicit in "
            "vendor/modules.txt") in built.stderr
    found = by_code(check(app, env))
    assert "GE202" not in found
    vendoring = found["GE501"]
    assert (vendoring["path"], vendoring["range"]["start"]["line"]) == ("go.mod", 4)  # the require line (root-relative)
    assert "is explicitly required in go.mod, but not marked as explicit in vendor/modules.txt" in vendoring["message"]

    run_fix(vendoring["fixes"][0], app, env)  # `go work vendor`, as go itself suggests
    assert go(gobin, ["build", "./..."], app, env).returncode == 0
    assert "GE501" not in by_code(check(app, env))
