"""`goenv-lsp env`: each go variable's value and where it comes from — on recorded facts, and with a real go whose
GOENV file `go env -w` wrote."""

from __future__ import annotations

import dataclasses
import json
import os
import subprocess
import sys
from pathlib import Path

import factsbuilder as fb
import pytest
import testbed

from goenv_lsp.facts import Status
from goenv_lsp.report import PathStyle
from goenv_lsp.report.provenance import environment_data, environment_text
from goenv_lsp.semantics.provenance import ValueSource, go_variables

REPO = Path(__file__).resolve().parent.parent


def by_name(facts) -> dict:
    return {o.name: o for o in go_variables(facts)}


def test_each_layer_is_named_with_its_line() -> None:
    goenv = fb.env_file(GOFLAGS="-mod=mod", GOPRIVATE="example.com/private")
    binary = fb.go_binary(GOPROXY="https://proxy.golang.org,direct", GOFLAGS="-mod=vendor", GOTOOLCHAIN="local",
                          GOPRIVATE="example.com/private", GONOSUMDB="example.com/private")
    facts = fb.healthy(user_env_file=goenv, go_binaries=(binary,),
                       env={"PATH": "/usr/local/go1.27.3/bin", "HOME": fb.HOME, "GOFLAGS": "-mod=vendor"})
    found = by_name(facts)
    assert found["GOFLAGS"].source is ValueSource.ENVIRONMENT and found["GOFLAGS"].value == "-mod=vendor"
    assert [(p.path, p.line, p.value) for p in found["GOFLAGS"].overridden] == [
        (f"{fb.HOME}/.config/go/env", 1, "-mod=mod")]  # the GOENV line loses to the environment
    assert (found["GOPRIVATE"].source, found["GOPRIVATE"].where.line) == (ValueSource.GOENV_FILE, 2)
    assert found["GOPROXY"].source is ValueSource.GOROOT_GO_ENV and found["GOPROXY"].where.line == 1
    # the probes' GOTOOLCHAIN=local is not the user's: go.env's auto is
    assert (found["GOTOOLCHAIN"].value, found["GOTOOLCHAIN"].source) == ("auto", ValueSource.GOROOT_GO_ENV)
    assert (found["GONOSUMDB"].source, found["GONOSUMDB"].default) == (ValueSource.DEFAULT, "GOPRIVATE")
    assert (found["GOPATH"].source, found["GOPATH"].default) == (ValueSource.DEFAULT, "$HOME/go")
    assert found["GOVERSION"].source is ValueSource.COMPUTED
    text = environment_text(facts, PathStyle(facts.root, facts.home))
    assert "GOPRIVATE=example.com/private" in text and "GOENV file ~/.config/go/env:2" in text
    assert "overrides GOENV file ~/.config/go/env:1: -mod=mod" in text
    assert "GOPATH=~/go" in text and "default ($HOME/go)" in text and fb.HOME not in text


def test_editor_settings_that_change_a_variable_for_the_editor() -> None:
    vscode = fb.settings(go_toolsEnvVars_GOFLAGS="-tags=integration", go_goroot="/opt/go")
    facts = fb.healthy(vscode=vscode, user_settings={"gopls.build.env.GOFLAGS": "-mod=mod"},
                       go_binaries=(fb.go_binary(GOFLAGS=""),))
    found = by_name(facts)
    assert [(p.label, p.path, p.line) for p in found["GOFLAGS"].editor] == [
        ("go.toolsEnvVars.GOFLAGS", fb.SETTINGS, 2), ("gopls.build.env.GOFLAGS", None, None)]
    assert [p.value for p in found["GOROOT"].editor] == ["/opt/go"]
    data = environment_data(facts, PathStyle(facts.root, facts.home))
    goflags = next(v for v in data["variables"] if v["name"] == "GOFLAGS")
    assert goflags["editor"][0] == {"setting": "go.toolsEnvVars.GOFLAGS", "file": ".vscode/settings.json", "line": 2,
                                    "value": "-tags=integration"}


def test_variables_of_other_releases_and_architectures_are_not_listed() -> None:
    binary = fb.go_binary("1.22.10", GOARCH="amd64", GOAMD64="v1", GOARM="", GOFIPS140="", GOAUTH="", GOFLAGS="")
    names = set(by_name(fb.healthy(go_binaries=(binary,))))
    assert {"GOAMD64", "GOFLAGS"} <= names and not {"GOARM", "GOFIPS140", "GOAUTH"} & names


def test_unknown_layers_are_not_called_defaults() -> None:
    facts = dataclasses.replace(fb.healthy(), env=None)  # a pasted `go env`: no process environment
    found = by_name(facts)
    assert found["GOPATH"].source is ValueSource.UNKNOWN and found["GOTOOLCHAIN"].value == ""


def test_no_go() -> None:
    facts = fb.healthy(go_binaries=())
    assert go_variables(facts) == ()
    assert environment_text(facts, PathStyle(facts.root, facts.home)).startswith("go: none on PATH")
    assert environment_data(facts, PathStyle(facts.root, facts.home))["go"] is None


# -- a real go ------------------------------------------------------------------------------------------

def goenv_lsp(args: list[str], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess:
    env = {**env, "PYTHONPATH": str(REPO)}
    return subprocess.run([sys.executable, "-m", "goenv_lsp", "--test-no-well-known", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=120)


@pytest.fixture(name="machine")
def machine_fixture(tmp_path: Path):
    """A home whose GOENV file `go env -w` wrote (GOPROXY with credentials, GOPRIVATE), GOFLAGS exported by
    ~/.bashrc, a workspace; the real go 1.22.10 first on PATH."""
    go_bin = testbed.go_root("1.22.10") / "bin"
    env = testbed.isolated_env(tmp_path, [go_bin], GOPROXY=None, GOENV=None, GOMODCACHE=None, GOPATH=None,
                               GOFLAGS="-mod=mod")
    home = Path(env["HOME"])
    (home / ".bashrc").write_text("# mine\nexport EDITOR=vi\nexport GOFLAGS=-mod=mod\n")
    written = subprocess.run([str(go_bin / "go"), "env", "-w", "GOPRIVATE=git.corp.example",
                              "GOPROXY=https://ci:hunter22@proxy.corp.example/go,direct"],
                             env=env, capture_output=True, text=True, timeout=60)
    assert written.returncode == 0, written.stderr
    ws = tmp_path / "ws"
    ws.mkdir()
    return ws, env, go_bin


def test_real_go_env_names_the_goenv_line_that_set_goproxy(machine) -> None:
    ws, env, go_bin = machine
    goenv_file = Path(env["HOME"]) / ".config/go/env"
    lines = goenv_file.read_text().splitlines()
    line = next(i for i, text in enumerate(lines, start=1) if text.startswith("GOPROXY="))
    proc = goenv_lsp(["env"], ws, env)
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    goproxy = next(row for row in out.splitlines() if row.startswith("GOPROXY="))
    assert goproxy.startswith("GOPROXY=https://<redacted>@proxy.corp.example/go,direct")
    assert goproxy.endswith(f"GOENV file ~/.config/go/env:{line}")
    assert "exported by ~/.bashrc:3" in next(row for row in out.splitlines() if row.startswith("GOFLAGS="))
    assert f"go: {go_bin / 'go'} — go1.22.10, the first go on PATH (PATH entry 0" in out
    assert "hunter22" not in out and env["HOME"] not in out

    proc = goenv_lsp(["env", "--format", "json"], ws, env)
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    variables = {v["name"]: v for v in data["variables"]}
    assert (variables["GOPROXY"]["source"], variables["GOPROXY"]["file"], variables["GOPROXY"]["line"]) == (
        "GOENV file", "~/.config/go/env", line)
    assert variables["GOPROXY"]["overridden"][0]["source"] == "$GOROOT/go.env"  # the release's default loses
    assert variables["GOPATH"]["value"] == "~/go" and variables["GOPATH"]["source"] == "default"
    assert variables["GOTOOLCHAIN"]["value"] == "local"  # testbed.isolated_env exports GOTOOLCHAIN=local
    assert data["go"]["version"] == "go1.22.10" and data["go"]["path_index"] == 0
    assert "GOFIPS140" not in variables  # Go 1.24's, not 1.22's
    assert "hunter22" not in proc.stdout

    shown = goenv_lsp(["env", "--show-home"], ws, env).stdout
    assert f"GOENV file {goenv_file}:{line}" in shown


def test_not_a_directory(tmp_path: Path) -> None:
    env = {"PATH": str(testbed.host_bin()), "HOME": str(tmp_path)}
    proc = goenv_lsp(["env", str(tmp_path / "nowhere")], tmp_path, env)
    assert proc.returncode == 2 and "not a directory" in proc.stderr and "Traceback" not in proc.stderr
    assert os.path.isdir(tmp_path)


def test_other_gos_are_listed_after_the_one_that_runs() -> None:
    facts = fb.healthy(go_binaries=(fb.go_binary(), fb.go_binary("1.22.10", path_index=None, origins=("go.goroot",))))
    style = PathStyle(facts.root, facts.home)
    lines = environment_text(facts, style).splitlines()
    assert lines[0].startswith("go: /usr/local/go1.27.3/bin/go — go1.27.3, the first go on PATH (PATH entry 0")
    assert "also found: /usr/local/go1.22.10/bin/go — go1.22.10 (go.goroot)" in lines
    others = environment_data(facts, style)["other_gos"]
    assert [(o["version"], o["found_through"]) for o in others] == [("go1.22.10", ["go.goroot"])]


def test_a_go_whose_env_could_not_be_read() -> None:
    binary = dataclasses.replace(fb.go_binary(), env=None, env_run=None, status=Status.TIMED_OUT)
    facts = fb.healthy(go_binaries=(binary,))
    text = environment_text(facts, PathStyle(facts.root, facts.home))
    assert "`go env` could not be read (timed_out): the variables are unknown" in text
    assert "GOPATH=" not in text
