"""goenv_lsp.semantics.selection: which go runs and which toolchain cmd/go's toolchain.Select would pick."""

from __future__ import annotations

import subprocess
from dataclasses import replace
from pathlib import Path

import pytest
import testbed
from factsbuilder import HOME, ROOT, env_file, go_binary, go_mod, go_work, healthy

from goenv_lsp.facts import Facts, GoBinary, Module
from goenv_lsp.files.go_mod import ModFileFacts
from goenv_lsp.semantics.binaries import local_version, running_go
from goenv_lsp.semantics.modules import governing_file
from goenv_lsp.semantics.selection import ToolchainDecision, has_language_version_bug
from goenv_lsp.semantics.selection import toolchain_decision as decide_under

GOENV = f"{HOME}/.config/go/env"
GO_ENV_1_22 = "/usr/local/go1.22.10/go.env"  # $GOROOT/go.env of go_binary("1.22.10")


def shipped_go_env(path: str):
    """The go.env a Go distribution ships, at ``path``."""
    return env_file(path, GOPROXY="https://proxy.golang.org,direct", GOSUMDB="sum.golang.org", GOTOOLCHAIN="auto")


def with_go(version: str = "1.22.10", gotoolchain: str | None = "auto", go: str | None = "1.27.3",
            toolchain: str | None = None, **changes):
    """The go of ``version`` alone on PATH (with its go.env), GOTOOLCHAIN from the environment, a go.mod with
    those lines."""
    env = {"PATH": "/usr/bin", "HOME": HOME}
    if gotoolchain is not None:
        env["GOTOOLCHAIN"] = gotoolchain
    changes.setdefault("goroot_env_file", shipped_go_env(f"/usr/local/go{version}/go.env"))
    return healthy(go_binaries=(go_binary(version),), env=env, go_mod=go_mod(go, toolchain), **changes)


def governing(facts: Facts) -> ModFileFacts | None:
    """The go.work or go.mod whose lines count at the workspace root."""
    module = facts.module_for(ROOT)
    return governing_file(facts, module) if module is not None else None


def toolchain_decision(facts: Facts, binary: GoBinary | None = None) -> ToolchainDecision | None:
    """The decision at the workspace root, under its governing file."""
    return decide_under(facts, governing(facts), binary)


# --- which go runs


def test_running_go_is_the_first_on_path() -> None:
    second, first, configured = (go_binary("1.27.3", path_index=3), go_binary("1.22.10", path_index=1),
                                 go_binary("1.24.11", path_index=None, origins=("go.goroot",)))
    assert running_go(healthy(go_binaries=(second, configured, first))) is first


@pytest.mark.parametrize("binaries", [None, (), (go_binary(path_index=None, origins=("GOROOT",)),)])
def test_no_running_go(binaries) -> None:
    assert running_go(healthy(go_binaries=binaries)) is None


def test_local_version() -> None:
    assert local_version(go_binary("1.22.10")) == "1.22.10"
    assert local_version(replace(go_binary(), version="go1.22.0 X:fieldtrack")) == "1.22.0"
    assert local_version(replace(go_binary(), version=None)) == ""
    assert local_version(None) == ""


def test_go_work_takes_precedence_over_go_mod() -> None:
    work = go_work("1.23.0")
    assert governing(healthy(go_work=work)) is work
    assert governing(healthy()).kind == "go.mod"
    no_go_mod = healthy(go_mod=None)
    assert no_go_mod.modules == () and governing(no_go_mod) is None
    assert governing_file(no_go_mod, Module(dir=ROOT, go_mod=f"{ROOT}/go.mod")) is None


# --- GOTOOLCHAIN forms


@pytest.mark.parametrize(("value", "mode", "minimum"), [
    ("local", "local", "local"),
    ("", "local", "local"),  # unset after every layer: the local toolchain runs
    ("auto", "auto", "local"),
    ("path", "path", "local"),
    ("local+auto", "auto", "local"),
    ("local+path", "path", "local"),
    ("go1.25.0", "local", "go1.25.0"),
    ("go1.25.0+auto", "auto", "go1.25.0"),
    ("go1.25.0+path", "path", "go1.25.0"),
    ("go1.25.0-bigcorp+auto", "auto", "go1.25.0-bigcorp"),
])
def test_valid_gotoolchain_forms(value: str, mode: str, minimum: str) -> None:
    decision = toolchain_decision(with_go(gotoolchain=value or None, go=None, goroot_env_file=env_file(GO_ENV_1_22)))
    assert (decision.setting.value, decision.mode, decision.minimum) == (value, mode, minimum)


@pytest.mark.parametrize("value", ['"auto"', "'auto'", "auto\r", "local\r", "go1.25.0\r", "auto ", "Auto", "1.25.0",
                                   "go1.25.0+", "go1.25.0+local", "local+local", "go1.25.0+auto+path", "auto+auto",
                                   "go1.21.3rc1", "bash", "+auto"])
def test_invalid_gotoolchain_forms(value: str) -> None:
    decision = toolchain_decision(with_go(gotoolchain=value))
    assert decision.mode == "invalid"
    assert decision.chosen == "local" and not decision.switches


# --- the decision


def test_local_never_switches() -> None:
    decision = toolchain_decision(with_go(gotoolchain="local", toolchain="go1.28.0"))
    assert (decision.chosen, decision.reason, decision.switches) == ("local", "", False)
    assert decision.file is not None  # GE110 still needs the file


def test_auto_switches_for_a_newer_go_line() -> None:
    decision = toolchain_decision(with_go(gotoolchain="auto", go="1.27.3"))
    assert (decision.local, decision.chosen, decision.reason, decision.switches) == ("1.22.10", "go1.27.3", "go",
                                                                                     True)


def test_auto_asks_for_the_first_release_of_a_language_version() -> None:
    assert toolchain_decision(with_go(go="1.27")).chosen == "go1.27.0"


def test_auto_keeps_the_local_go_when_the_line_is_older_or_equal() -> None:
    for go in ("1.22.10", "1.22", "1.21.0", None):
        decision = toolchain_decision(with_go(go=go))
        assert (decision.chosen, decision.switches) == ("local", False), go


def test_a_newer_toolchain_line_wins_over_an_older_go_line() -> None:
    decision = toolchain_decision(with_go(go="1.22.0", toolchain="go1.27.3"))
    assert (decision.chosen, decision.reason) == ("go1.27.3", "toolchain")


def test_a_newer_go_line_overrides_an_older_toolchain_line() -> None:
    decision = toolchain_decision(with_go(go="1.27.3", toolchain="go1.24.0"))
    assert (decision.chosen, decision.reason) == ("go1.27.3", "go")


def test_an_older_toolchain_line_is_not_used() -> None:
    assert toolchain_decision(with_go(go="1.21.0", toolchain="go1.21.5")).chosen == "local"


def test_toolchain_default_ignores_the_go_line_too() -> None:
    """toolchain.Select: `toolchain default` keeps the default toolchain and reads no go line."""
    decision = toolchain_decision(with_go(go="1.27.3", toolchain="default"))
    assert (decision.chosen, decision.reason, decision.switches) == ("local", "", False)


def test_toolchain_default_keeps_the_gotoolchain_minimum() -> None:
    decision = toolchain_decision(with_go(gotoolchain="go1.25.0+auto", go="1.27.3", toolchain="default"))
    assert (decision.chosen, decision.switches) == ("go1.25.0", True)


def test_a_minimum_alone_switches() -> None:
    decision = toolchain_decision(with_go(gotoolchain="go1.25.0", go="1.27.3"))
    assert (decision.chosen, decision.reason, decision.switches) == ("go1.25.0", "", True)  # no go line read


def test_a_minimum_with_auto_is_raised_by_the_go_line() -> None:
    assert toolchain_decision(with_go(gotoolchain="go1.25.0+auto", go="1.27.3")).chosen == "go1.27.3"
    assert toolchain_decision(with_go(gotoolchain="go1.25.0+auto", go="1.24.0")).chosen == "go1.25.0"


def test_a_minimum_equal_to_the_local_go_does_not_switch() -> None:
    decision = toolchain_decision(with_go(gotoolchain="go1.22.10", go="1.21.0"))
    assert (decision.chosen, decision.switches) == ("local", False)


def test_go_work_decides_over_go_mod() -> None:
    work = go_work("1.27.3")
    decision = toolchain_decision(with_go(go="1.21.0", go_work=work))
    assert (decision.chosen, decision.file) == ("go1.27.3", work)


def test_gotoolchain_from_go_env_by_default() -> None:
    facts = healthy(go_binaries=(go_binary("1.22.10"),), goroot_env_file=shipped_go_env(GO_ENV_1_22))
    decision = toolchain_decision(facts)
    assert (decision.setting.source, decision.mode, decision.chosen) == ("$GOROOT/go.env", "auto", "go1.27.3")


def test_the_given_binary_decides() -> None:
    facts = with_go("1.27.3")
    decision = toolchain_decision(facts, go_binary("1.22.10"))
    assert (decision.local, decision.chosen) == ("1.22.10", "go1.27.3")


@pytest.mark.parametrize("unknown", [
    {"env": None}, {"go_binaries": None}, {"go_binaries": (replace(go_binary(), version=None),)},
    {"goroot_env_file": None, "unknown": ("go.env",)},
])
def test_unknown_facts_give_no_decision(unknown: dict) -> None:
    assert toolchain_decision(healthy(**unknown)) is None


# --- the language-version bug (golang/go#62278, #66175)


@pytest.mark.parametrize(("local", "affected"), [
    ("1.20.14", False), ("1.21.0", True), ("1.21.5", True), ("1.21.10", True), ("1.21.11", False),
    ("1.21.13", False), ("1.22.0", True), ("1.22.3", True), ("1.22.4", False), ("1.22.10", False),
    ("1.23.0", False),
])
def test_has_language_version_bug(local: str, affected: bool) -> None:
    assert has_language_version_bug(local) is affected


@pytest.mark.parametrize(("local", "go", "gotoolchain", "bug"), [
    ("1.22.3", "1.27", "auto", True),
    ("1.21.10", "1.22", "path", True),
    ("1.22.4", "1.27", "auto", False),  # fixed go
    ("1.22.3", "1.27.0", "auto", False),  # the line has a patch version
    ("1.22.3", "1.27", "local", False),  # no switching: GE110's case
    ("1.22.3", "1.20", "auto", False),  # older than local: no switch
    ("1.21.5", "1.22", "auto", True),
])
def test_language_version_bug(local: str, go: str, gotoolchain: str, bug: bool) -> None:
    assert toolchain_decision(with_go(local, gotoolchain=gotoolchain, go=go)).language_version_bug is bug


def test_language_version_bug_needs_the_go_line_to_decide() -> None:
    decision = toolchain_decision(with_go("1.22.3", go="1.23", toolchain="go1.27.3"))
    assert decision.reason == "toolchain"
    assert not decision.language_version_bug


# --- the real go agrees


@pytest.mark.realgo
@pytest.mark.parametrize(("gotoolchain", "go_line", "toolchain_line", "expected"), [
    ("auto", "1.27.3", None, "go1.27.3"),
    ("auto", "1.27.3", "default", "local"),
    ("go1.25.0", "1.27.3", None, "go1.25.0"),
    ("local", "1.27.3", "go1.28.0", "local"),
    ("auto", "1.22.0", "go1.26.1", "go1.26.1"),
])
def test_decision_matches_the_real_go(go122: Path, go_env: testbed.EnvFactory, tmp_path: Path, gotoolchain: str,
                                      go_line: str, toolchain_line: str | None, expected: str) -> None:
    """With GOPROXY=off go 1.22.10 names the toolchain it tries to download (or runs locally)."""
    workspace = tmp_path / "ws"
    workspace.mkdir()
    extra = f"toolchain {toolchain_line}\n" if toolchain_line else ""
    (workspace / "go.mod").write_text(f"module example.com/app\n\ngo {go_line}\n{extra}")
    env = go_env([go122 / "bin"], GOTOOLCHAIN=gotoolchain)
    proc = subprocess.run([str(go122 / "bin/go"), "env", "GOVERSION"], cwd=workspace, env=env,
                          capture_output=True, text=True, timeout=60)
    real = "local" if proc.returncode == 0 and proc.stdout.strip() == "go1.22.10" else proc.stderr
    facts = with_go("1.22.10", gotoolchain=gotoolchain, go=go_line, toolchain=toolchain_line)
    assert toolchain_decision(facts).chosen == expected
    if expected == "local":
        assert real == "local"
    else:
        assert f"go: download {expected} for linux/amd64: toolchain not available" in real


def test_no_binary_no_decision() -> None:
    assert toolchain_decision(healthy(go_binaries=(GoBinary("/x/go", "/x/go", ("PATH",), path_index=0),))) is None


# --- exactly as toolchain.Select (tests/semantics/test_selection_real.py runs the real go for each form)


def test_the_local_toolchain_is_named_exactly() -> None:
    """gover.LocalToolchain is runtime.Version() as it is: a suffixed or experiment build is not "local"."""
    custom = toolchain_decision(with_go(gotoolchain="go1.22.10-bigcorp", go=None))
    assert (custom.chosen, custom.switches, custom.running) == ("go1.22.10-bigcorp", True, "1.22.10")
    experiment = replace(go_binary("1.22.10"), version="go1.22.10 X:fieldtrack")
    facts = healthy(go_binaries=(experiment,), env={"PATH": "/usr/bin", "HOME": HOME, "GOTOOLCHAIN": "go1.22.10"},
                    go_mod=go_mod(None), goroot_env_file=shipped_go_env(GO_ENV_1_22))
    assert toolchain_decision(facts).chosen == "go1.22.10"  # the go command execs go1.22.10 from PATH


def test_an_invalid_toolchain_line_stops_auto_and_path_modes() -> None:
    for mode in ("auto", "path", "go1.21.0+auto"):
        decision = toolchain_decision(with_go(gotoolchain=mode, go="1.21.0", toolchain="go1.21.x"))
        assert decision.error == 'invalid toolchain "go1.21.x" in go.mod', mode
    assert toolchain_decision(with_go(gotoolchain="local", go="1.21.0", toolchain="go1.21.x")).error == ""


def test_a_choice_that_is_no_go1_toolchain_is_an_error() -> None:
    assert toolchain_decision(with_go(gotoolchain="go2.0", go="1.21.0")).error == 'invalid GOTOOLCHAIN "go2.0"'
    assert toolchain_decision(with_go(gotoolchain="auto", go="2.0")).error == 'invalid GOTOOLCHAIN "go2.0"'
    assert toolchain_decision(with_go(gotoolchain="gccgo-go1.30.0+auto", go=None)).error == ""


def test_gopath_mode_never_selects() -> None:
    env = {"PATH": "/usr/bin", "HOME": HOME, "GOTOOLCHAIN": "go1.27.3", "GO111MODULE": "off"}
    decision = decide_under(healthy(go_binaries=(go_binary("1.22.10"),), env=env), None)
    assert (decision.enabled, decision.chosen, decision.running) == (False, "local", "1.22.10")
