"""0 executions of anything from an untrusted workspace (docs/security.md, "A hostile repository").

Each vector plants programs that leave a marker file when they run — the repository's own `version` and
`env` scripts, a Makefile, `bin/gcc`, `bin/go`, `bin/gopls` … — and runs the real `goenv-lsp check` over
it with a real go on PATH. Nothing may leave a marker; the finding that says why names the binary.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from goenv_lsp.facts import Refusal, Status
from goenv_lsp.probe import ProbeOptions, collect_sync
from goenv_lsp.probe.recording import RecordingSystem
from goenv_lsp.probe.system import RealSystem

REPO = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.realgo


def plant(directory: Path, name: str, markers: Path) -> Path:
    """An executable script ``name`` that records, when run, that it ran."""
    path = directory / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f'#!/bin/sh\necho "$0 $*" >> "{markers}/{name.replace("/", "_")}"\necho go version go1.99 x\n')
    path.chmod(0o755)
    return path


@pytest.fixture
def hostile(tmp_path: Path) -> tuple[Path, Path]:
    """A repository holding every program a probe could be tricked into running, and the marker dir."""
    markers = tmp_path / "markers"
    markers.mkdir()
    ws = tmp_path / "repo"
    ws.mkdir()
    (ws / "go.mod").write_text("module example.com/hostile\n\ngo 1.27\n")
    for name in ("version", "env", "bin/gcc", "bin/cc", "bin/go", "bin/gopls", "bin/git", "bin/pkg-config",
                 "tools/go"):
        plant(ws, name, markers)
    (ws / "Makefile").write_text(f"version env:\n\techo $@ >> {markers}/make\n")
    (ws / "version.py").write_text(f"open({str(markers / 'python')!r}, 'a').write('ran')\n")
    return ws, markers


def check(ws: Path, env: dict[str, str], *args: str) -> dict:
    proc = subprocess.run([sys.executable, "-m", "goenv_lsp", "check", str(ws), "--format", "json",
                           "--test-no-well-known", *args], env={**env, "PYTHONPATH": str(REPO)},
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode in (0, 1), proc.stderr
    return json.loads(proc.stdout)


def settings(ws: Path, values: dict) -> None:
    (ws / ".vscode").mkdir(exist_ok=True)
    (ws / ".vscode" / "settings.json").write_text(json.dumps(values))


def ran(markers: Path) -> list[str]:
    return sorted(p.name for p in markers.iterdir())


def ge003(report: dict) -> list[str]:
    return [f["message"] for f in report["findings"] if f["code"] == "GE003"]


@pytest.mark.parametrize("program", ["/bin/sh", "python3", "make"])
def test_alternate_go_naming_an_interpreter_runs_nothing(program: str, hostile, go127: Path, go_env) -> None:
    ws, markers = hostile
    path = program if program.startswith("/") else shutil.which(program)
    if path is None:
        pytest.skip(f"{program} is not installed")
    settings(ws, {"go.alternateTools": {"go": path}})
    env = go_env([go127 / "bin"])
    for trust in ((), ("--trust-workspace",)):  # not even trusting the workspace makes /bin/sh a go
        report = check(ws, env, *trust)
        assert ran(markers) == []
        assert any("is not the go command" in m for m in ge003(report)), report["findings"]


def test_a_setting_relative_to_the_workspace_is_not_followed_out_of_it(tmp_path: Path, hostile, go127: Path,
                                                                       go_env) -> None:
    """`${workspaceFolder}/../sibling/go` leaves the workspace: even a genuine go there is not run."""
    ws, markers = hostile
    sibling = tmp_path / "sibling"
    sibling.mkdir()
    shutil.copy2(go127 / "bin" / "go", sibling / "go")  # a real cmd/go: only the way it is named forbids it
    settings(ws, {"go.alternateTools": {"go": "${workspaceFolder}/../sibling/go"}})
    env = go_env([go127 / "bin"])
    system = RecordingSystem(RealSystem(env=env, well_known_go=()))
    facts = collect_sync(str(ws), ProbeOptions(), system)
    [refused] = [b for b in facts.go_binaries if b.path == str(sibling / "go")]
    assert (refused.status, refused.refused) == (Status.SKIPPED, Refusal.WORKSPACE_PATH)
    assert [argv[0] for argv, _ in system.runs()] == [str(go127 / "bin" / "go")]
    assert any("named relative to the workspace" in m for m in ge003(check(ws, env)))
    assert ran(markers) == []


def test_workspace_path_entries_are_never_searched(hostile, go127: Path, go_env) -> None:
    """direnv's `PATH_add bin`: the repository's bin/ (and a relative entry) come before the real go."""
    ws, markers = hostile
    env = go_env([ws / "bin", "bin", "", go127 / "bin"])
    report = check(ws, env)
    assert ran(markers) == []  # not bin/go, not bin/gopls, and go env did not find bin/gcc or bin/git
    assert any("inside the workspace" in m for m in ge003(report))
    # with the cgo flags asked for, go env runs the C compiler: from a PATH without the workspace
    system = RecordingSystem(RealSystem(env=env, well_known_go=()))
    facts = collect_sync(str(ws), ProbeOptions(cgo_flags=True), system)
    assert ran(markers) == []
    real = next(b for b in facts.go_binaries if b.path == str(go127 / "bin" / "go"))
    assert real.status is Status.OK and "CGO_CFLAGS" in real.env


def test_probes_run_outside_the_workspace(hostile, go127: Path, go122: Path, go_env) -> None:
    """`go -C DIR` from a neutral directory (Go >= 1.20); GOMOD is still the workspace's."""
    ws, _ = hostile
    for go in (go127, go122):
        system = RecordingSystem(RealSystem(env=go_env([go / "bin"]), well_known_go=()))
        facts = collect_sync(str(ws), ProbeOptions(), system)
        [(argv, cwd)] = system.runs()
        assert argv[:5] == (str(go / "bin" / "go"), "-C", str(ws), "env", "-json") and cwd == system.neutral_dir
        assert "GOGCCFLAGS" not in argv and "CGO_CFLAGS" not in argv  # nothing that makes go run gcc
        [binary] = facts.go_binaries
        assert binary.env["GOMOD"] == str(ws / "go.mod")
        assert binary.version == (go / "VERSION").read_text().splitlines()[0]


def test_a_go_inside_the_workspace_runs_only_when_trusted_and_only_if_it_is_cmd_go(hostile, go127: Path,
                                                                                   go_env) -> None:
    ws, markers = hostile
    real_copy = ws / "sdk" / "bin" / "go"
    real_copy.parent.mkdir(parents=True)
    shutil.copy2(go127 / "bin" / "go", real_copy)
    env = go_env([ws / "sdk" / "bin", ws / "bin", go127 / "bin"])
    untrusted = collect_sync(str(ws), ProbeOptions(), RealSystem(env=env, well_known_go=()))
    assert {b.path: b.refused for b in untrusted.go_binaries if b.status is Status.SKIPPED} == {
        str(real_copy): Refusal.IN_WORKSPACE, str(ws / "bin" / "go"): Refusal.IN_WORKSPACE}
    trusted = collect_sync(str(ws), ProbeOptions(trusted=True), RealSystem(env=env, well_known_go=()))
    by_path = {b.path: b for b in trusted.go_binaries}
    assert by_path[str(real_copy)].refused is None and by_path[str(real_copy)].env_run is not None
    assert by_path[str(ws / "bin" / "go")].refused is Refusal.NOT_GO  # a script is never a go
    assert ran(markers) == []


def test_gopls_is_read_never_run(hostile, go127: Path, go_env) -> None:
    """A gopls first on PATH inside the workspace, and one configured by the repository's settings."""
    ws, markers = hostile
    settings(ws, {"go.alternateTools": {"gopls": "${workspaceFolder}/bin/gopls"}})
    env = go_env([ws / "bin", go127 / "bin"])
    system = RecordingSystem(RealSystem(env=env, well_known_go=()))
    facts = collect_sync(str(ws), ProbeOptions(trusted=True), system)
    assert all(argv[0] != str(ws / "bin" / "gopls") for argv, _ in system.runs())
    assert [g.status for g in facts.gopls if g.path == str(ws / "bin" / "gopls")] == [Status.MALFORMED]
    assert ran(markers) == []


def test_go_version_m_is_not_needed_for_tools(hostile, go127: Path, go_env, tmp_path: Path) -> None:
    """gopls's build information comes from its file: no process for it at all."""
    ws, _ = hostile
    gobin = tmp_path / "gobin"
    gobin.mkdir()
    os.symlink(go127 / "bin" / "gofmt", gobin / "gopls")  # a Go program, not gopls: still only read
    env = go_env([gobin, go127 / "bin"])
    system = RecordingSystem(RealSystem(env=env, well_known_go=()))
    facts = collect_sync(str(ws), ProbeOptions(), system)
    assert len(system.runs()) == 1  # go env, once
    [gopls] = facts.gopls
    assert gopls.module_path == "cmd/gofmt" and gopls.built_with == "go1.27.3"


@pytest.mark.parametrize("needs_cgo", [False, True])
def test_the_cgo_flags_are_asked_for_only_when_a_rule_reads_them(needs_cgo: bool, hostile, go127: Path, go_env,
                                                                  monkeypatch, capsys) -> None:
    """`check` asks go env for CGO_CFLAGS … only when a selected rule needs ``Input.CGO_FLAGS``; even then the
    workspace's bin/gcc is not on the PATH go looks CC up in."""
    import dataclasses

    from goenv_lsp import cli, engine
    from goenv_lsp.rules import Input, by_code
    from goenv_lsp.rules._shared.anchors import machine_anchor
    from goenv_lsp.rules.registry import Report

    ws, markers = hostile

    def check(facts):
        [go] = [b for b in facts.go_binaries if b.env is not None]
        yield Report(f"CGO_CFLAGS known: {'CGO_CFLAGS' in go.env}", machine_anchor(facts))

    needs = {Input.GO_BINARIES, *((Input.CGO_FLAGS,) if needs_cgo else ())}
    probe_rule = dataclasses.replace(by_code("GE001"), code="GE990", name="cgo-probe", needs=frozenset(needs),
                                     check=check)
    monkeypatch.setattr(engine, "all_rules", lambda: [probe_rule])
    for key, value in go_env([ws / "bin", go127 / "bin"]).items():
        monkeypatch.setenv(key, value)
    assert cli.main(["check", str(ws), "--format", "json", "--test-no-well-known"]) in (0, 1)
    [finding] = json.loads(capsys.readouterr().out)["findings"]
    assert finding["message"] == f"CGO_CFLAGS known: {needs_cgo}"
    assert ran(markers) == []
