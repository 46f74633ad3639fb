"""semantics.selection against the real go command: every GOTOOLCHAIN form, from each place it can come from, with
go/toolchain lines in go.mod and go.work. `go env GOVERSION` runs toolchain selection first, so it prints the
version of the toolchain picked — or the error the go command stops with. GOPROXY=off: nothing is downloaded;
a go1.24.11 on PATH is what a switch can find."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
import testbed

from goenv_lsp.facts import ToolchainMode
from goenv_lsp.semantics.modules import governing_file
from goenv_lsp.semantics.selection import ToolchainDecision, toolchain_decision

pytestmark = pytest.mark.realgo

GO_MOD = "module example.com/app\n\n{lines}"
# (id, GOTOOLCHAIN in the environment, GOENV file text, go.mod lines, go.work text or None)
CASES = [
    ("local", "local", "", "go 1.24.11\n", None),
    ("unset-go-env-auto", None, "", "go 1.24.11\n", None),
    ("auto-on-path", "auto", "", "go 1.24.11\n", None),
    ("auto-download", "auto", "", "go 1.27.3\n", None),
    ("auto-language-version", "auto", "", "go 1.23\n", None),
    ("auto-older-line", "auto", "", "go 1.21.0\n", None),
    ("path-on-path", "path", "", "go 1.24.11\n", None),
    ("path-missing", "path", "", "go 1.27.3\n", None),
    ("local+auto", "local+auto", "", "go 1.24.11\n", None),
    ("local+path", "local+path", "", "go 1.27.3\n", None),
    ("minimum", "go1.24.11", "", "go 1.21.0\n", None),
    ("minimum-ignores-go-line", "go1.24.11", "", "go 1.27.3\n", None),
    ("minimum+auto", "go1.24.11+auto", "", "go 1.27.3\n", None),
    ("minimum+path", "go1.24.11+path", "", "go 1.21.0\n", None),
    ("minimum-is-local", "go1.22.10", "", "go 1.24.11\n", None),
    ("toolchain-line", "auto", "", "go 1.21.0\n\ntoolchain go1.24.11\n", None),
    ("toolchain-line-older", "auto", "", "go 1.21.0\n\ntoolchain go1.21.5\n", None),
    ("go-line-beats-toolchain-line", "auto", "", "go 1.27.3\n\ntoolchain go1.24.11\n", None),
    ("toolchain-default", "auto", "", "go 1.24.11\n\ntoolchain default\n", None),
    ("toolchain-default-keeps-minimum", "go1.24.11+auto", "", "go 1.27.3\n\ntoolchain default\n", None),
    ("toolchain-invalid", "auto", "", "go 1.21.0\n\ntoolchain gc1.24.11\n", None),
    ("goenv-file-path", None, "GOTOOLCHAIN=path\n", "go 1.24.11\n", None),
    ("environment-beats-goenv-file", "local", "GOTOOLCHAIN=auto\n", "go 1.24.11\n", None),
    ("go-work-decides", "auto", "", "go 1.21.0\n", "go 1.24.11\n\nuse .\n"),
    ("invalid-suffix", "go1.24.11+local", "", "go 1.21.0\n", None),
    ("invalid-minimum", "1.24.11+auto", "", "go 1.21.0\n", None),
    ("not-go1", "go2.0", "", "go 1.21.0\n", None),
]


def predicted(decision: ToolchainDecision, on_path: dict[str, str]) -> tuple[str, str]:
    """(stdout, stderr) of `go env GOVERSION` as the decision says."""
    if decision.mode is ToolchainMode.INVALID:
        return "", "go: invalid GOTOOLCHAIN"  # GE113 has the exact wording (tests/rules/goldens/GE113)
    if decision.error:
        return "", f"go: {decision.error}"
    if not decision.switches:
        return f"go{decision.local}", ""
    if decision.chosen in on_path:
        return decision.chosen, ""
    if decision.mode is ToolchainMode.PATH:
        return "", f'go: cannot find "{decision.chosen}" in PATH'
    return "", (f"go: downloading {decision.chosen} (linux/amd64)\n"
                f"go: download {decision.chosen} for linux/amd64: toolchain not available")


@pytest.mark.parametrize(("gotoolchain", "goenv", "lines", "work"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_selection_agrees_with_the_go_command(tmp_path: Path, go122: Path, go124: Path, probe_real,
                                              gotoolchain: str | None, goenv: str, lines: str,
                                              work: str | None) -> None:
    tools = tmp_path / "tools"
    tools.mkdir()
    (tools / "go1.24.11").symlink_to(go124 / "bin" / "go")  # what `go install golang.org/dl/go1.24.11` gives
    app = tmp_path / "app"
    app.mkdir()
    (app / "go.mod").write_text(GO_MOD.format(lines=lines))
    if work is not None:
        (app / "go.work").write_text(work)
    env = testbed.isolated_env(tmp_path, [go122 / "bin", tools], GOTOOLCHAIN=gotoolchain)
    testbed.write_goenv(env)
    Path(env["GOENV"]).write_text(goenv)
    ran = subprocess.run([str(go122 / "bin" / "go"), "env", "GOVERSION"], cwd=app, env=env, capture_output=True,
                         text=True, timeout=60)
    facts = probe_real(app, env)
    module = facts.module_for(str(app))
    decision = toolchain_decision(facts, governing_file(facts, module))
    stdout, stderr = predicted(decision, dict(facts.toolchains or {}))
    invalid = decision.mode is ToolchainMode.INVALID
    assert (ran.stdout.strip(), ran.stderr.strip()[:len(stderr)] if invalid else ran.stderr.strip()) == (stdout,
                                                                                                            stderr)
    assert ran.returncode == (1 if stderr else 0)


def test_gopath_mode_ignores_gotoolchain(tmp_path: Path, go122: Path, go124: Path, probe_real) -> None:
    """GO111MODULE=off: toolchain.Select never runs, not even for a GOTOOLCHAIN minimum."""
    tools = tmp_path / "tools"
    tools.mkdir()
    (tools / "go1.24.11").symlink_to(go124 / "bin" / "go")
    env = testbed.isolated_env(tmp_path, [go122 / "bin", tools], GOTOOLCHAIN="go1.24.11", GO111MODULE="off")
    app = tmp_path / "app"
    app.mkdir()
    (app / "go.mod").write_text(GO_MOD.format(lines="go 1.21.0\n"))
    ran = subprocess.run([str(go122 / "bin" / "go"), "env", "GOVERSION"], cwd=app, env=env, capture_output=True,
                         text=True, timeout=60)
    assert ran.stdout.strip() == "go1.22.10"
    decision = toolchain_decision(probe_real(app, env), None)
    assert (decision.enabled, decision.switches, decision.running) == (False, False, "1.22.10")
    with_modules = toolchain_decision(probe_real(app, {**env, "GO111MODULE": ""}), None)
    assert (with_modules.enabled, with_modules.chosen) == (True, "go1.24.11")
    assert os.path.islink(tools / "go1.24.11")
