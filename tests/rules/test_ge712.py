"""GE712 process-lacks-login-variable: what the login shell gets from a startup file and this process lacks
altogether — on facts, and with real bash, zsh and fish login shells in a temporary home."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import testbed
from test_ge710 import login, rc_facts

from goenv_lsp.engine import evaluate
from goenv_lsp.model import Severity
from goenv_lsp.probe import ProbeOptions, collect_sync
from goenv_lsp.probe.system import RealSystem
from goenv_lsp.rules.ge7_shell.ge712_process_lacks_login_variable import check as GE712

PROFILE = {".profile": "umask 022\nexport GOFLAGS=-mod=mod\n"}


def test_on_the_line_that_sets_it() -> None:
    [finding] = evaluate(rc_facts(PROFILE, login(GOFLAGS="-mod=mod")), rules=[GE712])
    assert (finding.severity, finding.location.path, finding.location.range.start.line) == (
        Severity.INFO, "/home/dev/.profile", 1)
    assert "has GOFLAGS=-mod=mod from this line, but this process has no GOFLAGS" in finding.message


def test_quiet_when_the_process_has_it_or_the_login_shell_does_not() -> None:
    assert evaluate(rc_facts(PROFILE, login(GOFLAGS="-mod=mod"), GOFLAGS="-mod=vendor"), rules=[GE712]) == []
    assert evaluate(rc_facts(PROFILE, login()), rules=[GE712]) == []  # set, but not what the login shell has
    assert evaluate(rc_facts(PROFILE, None), rules=[GE712]) == []
    shadowed = {**PROFILE, ".bash_profile": "umask 022\n"}  # bash then never reads ~/.profile
    assert evaluate(rc_facts(shadowed, login(GOFLAGS="-mod=mod")), rules=[GE712]) == []


def real(tmp_path: Path, shell: str, files: dict[str, str]):
    env = testbed.isolated_env(tmp_path, [testbed.go_root("1.27.3") / "bin"], SHELL=shell)  # GOPATH=~/go
    home = Path(env["HOME"])
    for name, text in files.items():
        (home / name).parent.mkdir(parents=True, exist_ok=True)
        (home / name).write_text(text)
    root = tmp_path / "app"
    root.mkdir()
    facts = collect_sync(str(root), ProbeOptions(login_shell=True), RealSystem(env=env, well_known_go=()))
    return home, evaluate(facts, rules=[GE712])


def shell(name: str) -> str:
    if name == "bash":
        found = shutil.which("bash")
        if found is None:
            pytest.skip("bash is not installed (Debian package: bash)")
        return found
    try:
        return str(testbed.debian_shell(name))
    except testbed.TestbedError as exc:
        pytest.skip(f"{name} could not be fetched (Debian package: {name}): {str(exc)[:200]}")


@pytest.mark.parametrize("name, file, text", [
    ("bash", ".profile", "export GOFLAGS=-mod=mod\n"),
    ("zsh", ".zprofile", "export GOFLAGS=-mod=mod\n"),
    ("fish", ".config/fish/config.fish", "set -gx GOFLAGS -mod=mod\n"),
])
def test_real_login_shells(tmp_path: Path, name: str, file: str, text: str) -> None:
    home, [finding] = real(tmp_path, shell(name), {file: text})
    assert (finding.location.path, finding.location.range.start.line) == (str(home / file), 0)
    assert "has GOFLAGS=-mod=mod from this line" in finding.message


def test_debians_default_files_with_go_in_profile(tmp_path: Path) -> None:
    """/etc/skel's ~/.profile sources ~/.bashrc, which sources ~/.bash_aliases and bash-completion (files
    goenv-lsp does not read): what ~/.profile sets is still judged."""
    skel = Path("/etc/skel")
    if not (skel / ".bashrc").is_file() or not (skel / ".profile").is_file():
        pytest.skip("no /etc/skel startup files")
    files = {".bashrc": (skel / ".bashrc").read_text(),
             ".profile": (skel / ".profile").read_text() + 'export PATH="$PATH:$HOME/go/bin"\n'}
    home, [finding] = real(tmp_path, shell("bash"), files)
    assert finding.location.path == str(home / ".profile") and f"{home}/go/bin is on the login shell's PATH" in \
        finding.message
