"""GE140 manager-version-not-running: a version manager's selected Go against the go that runs — on fake machines
(precedence, quiet cases, the login-profile fix) and on real layouts: the testbed's Go trees placed as asdf and gvm
keep them, shims that are never run, the real collector."""

from __future__ import annotations

import asyncio
import subprocess
from pathlib import Path

import pytest
import testbed
from managerhelp import asdf, gvm, workspace
from realgo import facts_of

from goenv_lsp.engine import evaluate
from goenv_lsp.model import Applicability, Severity
from goenv_lsp.probe import ProbeOptions, collect
from goenv_lsp.probe.fake import FakeSystem
from goenv_lsp.probe.recording import RecordingSystem
from goenv_lsp.probe.system import RealSystem
from goenv_lsp.report.environment import environment_report
from goenv_lsp.rules.ge1_toolchain.ge140_manager_version_not_running import check as GE140

HOME = "/home/dev"
SHIM = {"text": "#!/usr/bin/env bash\nexec asdf exec go \"$@\"\n", "executable": True}


def fake(path: str, files: dict, env: dict | None = None, gos: tuple = ()) -> FakeSystem:
    return FakeSystem.from_data({
        "env": {"HOME": HOME, "PATH": path, "SHELL": "/bin/bash", **(env or {})},
        "files": {"/work/app/go.mod": "module m\n\ngo 1.22.3\n", f"{HOME}/.asdf/shims/go": SHIM, **files},
        "go": [{"root": "/usr/local/go", "version": "1.27.3"},
               *({"root": f"{HOME}/.asdf/installs/golang/{v}/go", "version": v} for v in gos)]})


def findings(system: FakeSystem):
    return evaluate(asyncio.run(collect("/work/app", ProbeOptions(), system)), rules=[GE140])


def test_the_login_profile_fix_puts_the_shims_first_and_that_clears_it() -> None:
    files = {"/work/app/.tool-versions": "golang 1.22.3\n", f"{HOME}/.bash_profile": "export EDITOR=vi\n"}
    system = fake(f"/usr/local/go/bin:{HOME}/.asdf/shims:/usr/bin", files, gos=("1.22.3",))
    [finding] = findings(system)
    assert finding.location.range.start.character == 7
    [fix] = finding.fixes
    assert fix.applicability is Applicability.UNSAFE  # from the next login on, not this session
    [edit] = fix.edits
    assert (edit.path, edit.new_text) == (f"{HOME}/.bash_profile", 'export PATH="$HOME/.asdf/shims:$PATH"\n')
    after_login = system.with_env(PATH=f"{HOME}/.asdf/shims:/usr/local/go/bin:/usr/bin")  # what the line does
    assert findings(after_login) == []


def test_a_global_file_counts_only_while_the_shims_are_on_path() -> None:
    files = {f"{HOME}/.tool-versions": "golang 1.22.3\n"}
    assert findings(fake("/usr/local/go/bin:/usr/bin", files, gos=("1.22.3",))) == []
    [finding] = findings(fake(f"/usr/local/go/bin:{HOME}/.asdf/shims:/usr/bin", files, gos=("1.22.3",)))
    assert finding.location.path == f"{HOME}/.tool-versions"


def test_a_nearer_file_governs_and_a_matching_variable_is_quiet() -> None:
    files = {"/work/app/.tool-versions": "golang 1.22.3\n"}
    shims_first = f"{HOME}/.asdf/shims:/usr/local/go/bin:/usr/bin"
    assert findings(fake(shims_first, files, {"ASDF_GOLANG_VERSION": "1.22.3"}, gos=("1.22.3",))) == []
    [finding] = findings(fake(shims_first, files, {"ASDF_GOLANG_VERSION": "1.21.13"}, gos=("1.22.3", "1.21.13")))
    assert "ASDF_GOLANG_VERSION=1.21.13 in the environment overrides it" in finding.message


def test_system_and_not_concrete_versions_are_quiet() -> None:
    for text in ("golang system\n", "golang latest\n"):
        files = {"/work/app/.tool-versions": text}
        assert findings(fake(f"/usr/local/go/bin:{HOME}/.asdf/shims", files, gos=("1.22.3",))) == [], text


def test_unknown_managers_are_quiet() -> None:
    facts = asyncio.run(collect("/work/app", ProbeOptions(home_files=False), fake(
        f"/usr/local/go/bin:{HOME}/.asdf/shims", {"/work/app/.tool-versions": "golang 1.22.3\n"}, gos=("1.22.3",))))
    assert facts.version_managers is None
    assert evaluate(facts, rules=[GE140]) == []


def provided_line(facts) -> str:
    return next(line for line in environment_report(facts, []).splitlines() if line.startswith("go: "))


# -- real layouts ---------------------------------------------------------------------------------------------
@pytest.fixture(name="machine")
def machine_fixture(tmp_path: Path):
    home = tmp_path / "home"
    home.mkdir()
    return tmp_path, home


@pytest.mark.realgo
def test_real_asdf_layout_behind_a_go_earlier_on_path(machine) -> None:
    tmp, home = machine
    shims = asdf(home, "1.22.10")
    ws = workspace(tmp / "ws", "1.22.10", {".tool-versions": "golang 1.22.10\n"})
    first = testbed.go_root("1.27.3") / "bin"
    env = testbed.isolated_env(tmp, [first, shims])
    [finding] = evaluate(facts_of(ws, env), rules=[GE140])
    ran = subprocess.run(["go", "version"], env=env, capture_output=True, text=True, check=True).stdout
    assert ran.startswith("go version go1.27.3 ")  # what the shell runs: the go before the shims
    assert finding.location.path == str(ws / ".tool-versions")
    assert finding.message == (
        f".tool-versions selects Go 1.22.10 for asdf, but the go that runs is {first}/go (go1.27.3): PATH entry 1 "
        f"({first}) comes before asdf's shims {shims} (entry 2) — reorder PATH in your shell startup file")


@pytest.mark.realgo
def test_real_asdf_shims_first_are_never_run(machine) -> None:
    tmp, home = machine
    shims = asdf(home, "1.22.10")
    ws = workspace(tmp / "ws", "1.22.10", {".tool-versions": "golang 1.22.10\n"})
    env = testbed.isolated_env(tmp, [shims, testbed.go_root("1.27.3") / "bin"])
    system = RecordingSystem(RealSystem(env=env, well_known_go=()))
    facts = asyncio.run(collect(str(ws), ProbeOptions(), system))
    assert not [argv for argv, _ in system.runs() if argv[0] == str(shims / "go")]
    assert evaluate(facts, rules=[GE140]) == []
    line = provided_line(facts)
    assert line == (f"go: ~/.asdf/shims/go (asdf's shim) → Go 1.22.10 from {ws}/.tool-versions "
                    "(~/.asdf/installs/golang/1.22.10)")
    # the version asdf selects is not installed: the shim would fail here
    (ws / ".tool-versions").write_text("golang 1.24.11\n")
    [finding] = evaluate(facts_of(ws, env), rules=[GE140])
    assert finding.severity is Severity.ERROR
    assert finding.message.endswith("comes first on PATH and fails in this directory — run "
                                    "`asdf install golang 1.24.11`")


@pytest.mark.realgo
def test_real_gvm_default_and_the_go_gvm_put_on_path(machine) -> None:
    tmp, home = machine
    gvm_bin = gvm(home, "1.22.10", "1.22.10")
    ws = workspace(tmp / "ws", "1.22.10", {})
    gvm_go = home / ".gvm/gos/go1.22.10/bin"
    facts = facts_of(ws, testbed.isolated_env(tmp, [gvm_go, gvm_bin]))  # what sourcing gvm's script does
    assert evaluate(facts, rules=[GE140]) == []
    line = provided_line(facts)
    assert line.startswith("go: ~/.gvm/gos/go1.22.10/bin/go → ") and line.endswith("(gvm, Go 1.22.10)")
    # a shell that did not source it: gvm's bin is there, its Go is not
    first = testbed.go_root("1.27.3") / "bin"
    [finding] = evaluate(facts_of(ws, testbed.isolated_env(tmp, [gvm_bin, first])), rules=[GE140])
    assert finding.location.path == str(home / ".gvm/environments/default")
    assert f"the go that runs is {first}/go (go1.27.3)" in finding.message


@pytest.mark.realgo
def test_real_mise_install_left_on_path_by_mise_activate(machine) -> None:
    tmp, home = machine
    installs = home / ".local/share/mise/installs/go"
    installs.mkdir(parents=True)
    for version in ("1.22.10", "1.27.3"):
        (installs / version).symlink_to(testbed.go_root(version))
    ws = workspace(tmp / "ws", "1.27.3", {"mise.toml": '[tools]\ngo = "1.27"\n'})
    env = testbed.isolated_env(tmp, [installs / "1.22.10/bin"])  # where the editor was started, mise chose 1.22
    [finding] = evaluate(facts_of(ws, env), rules=[GE140])
    assert (finding.location.path, finding.location.range.start.line) == (str(ws / "mise.toml"), 1)
    assert finding.message.startswith(f"mise.toml selects Go 1.27 for mise, but PATH holds mise's Go 1.22.10 "
                                      f"install directly ({installs}/1.22.10/bin/go)")
    # from a shell in the workspace, mise would have put its 1.27.3 first: quiet
    assert evaluate(facts_of(ws, testbed.isolated_env(tmp, [installs / "1.27.3/bin"])), rules=[GE140]) == []


def test_a_tool_versions_both_asdf_and_mise_read_gives_one_finding() -> None:
    files = {"/work/app/.tool-versions": "golang 1.22.3\n"}
    system = fake(f"/usr/local/go/bin:{HOME}/.asdf/shims:/usr/bin", files, gos=("1.22.3",))
    system.add_go(f"{HOME}/.local/share/mise/installs/go/1.22.3", "1.22.3")
    [finding] = findings(system)
    assert "for asdf" in finding.message


def test_shims_first_without_a_go_shim() -> None:
    files = {"/work/app/.tool-versions": "golang 1.22.3\n"}
    system = fake(f"{HOME}/.asdf/shims:/usr/local/go/bin:/usr/bin", files, gos=("1.22.3",))
    system.files.pop(f"{HOME}/.asdf/shims/go")  # installed without `asdf reshim`
    [finding] = findings(system)
    assert finding.message.endswith(f"asdf's shims {HOME}/.asdf/shims come first on PATH (entry 1) but hold no go "
                                    "shim, so PATH entry 2 (/usr/local/go/bin) provides it — run `asdf reshim golang`")
    assert finding.fixes == ()  # the shims are first already
