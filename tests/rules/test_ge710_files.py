"""GE710 go-variable-only-in-bashrc from the files alone (no login shell run): what ~/.bashrc exports that the
bash login file never reaches — and, with real bash, that the claim holds and the fix makes a login shell have it."""

from __future__ import annotations

import dataclasses
import shutil
import subprocess
from pathlib import Path

import pytest
import testbed
from realgo import apply
from test_ge710 import rc_facts

from goenv_lsp.engine import evaluate
from goenv_lsp.model import Applicability
from goenv_lsp.probe import ProbeOptions, collect_sync
from goenv_lsp.probe.system import RealSystem
from goenv_lsp.rules.ge7_shell.ge710_go_variable_only_in_bashrc import check as GE710

LOGIN = ".bash_profile"


def findings(files: dict[str, str], **changes):
    facts = rc_facts(files, None)
    return evaluate(dataclasses.replace(facts, **changes) if changes else facts, rules=[GE710])


def test_each_variable_on_its_line_the_last_one_wins() -> None:
    bashrc = "export GOPATH=$HOME/a\nexport GOFLAGS=-mod=mod\nexport GOPATH=$HOME/b\n"
    found = findings({".bashrc": bashrc, LOGIN: "export EDITOR=vi\n"})
    assert [(f.location.range.start.line, f.message.split(" is set")[0]) for f in found] == [
        (1, "`GOFLAGS=-mod=mod`"), (2, "`GOPATH=$HOME/b`")]


@pytest.mark.parametrize("bashrc", [
    "GOPATH=$HOME/a\n",  # not exported: programs do not get it from any shell
    "[ -d ~/a ] && export GOPATH=$HOME/a\n",  # conditional: may not run at all
    "export PATH=/opt/tools/bin:$PATH\n",  # not a Go directory
    "export PATH=/usr/local/go1.27.3/bin:$PATH\n".replace("/usr/local/go1.27.3/bin", "/usr/bin"),  # a system one
    "export GITHUB_TOKEN=x\nexport HISTSIZE=1\n",  # not Go variables
])
def test_quiet_for_what_is_not_a_go_setting_every_program_misses(bashrc: str) -> None:
    assert findings({".bashrc": bashrc, LOGIN: "export EDITOR=vi\n"}) == []


def test_a_go_directory_on_path() -> None:
    [finding] = findings({".bashrc": 'export PATH="/usr/local/go1.27.3/bin:$PATH"\n', LOGIN: "umask 022\n"})
    assert finding.message.startswith("/usr/local/go1.27.3/bin is put on PATH only in ~/.bashrc")


@pytest.mark.parametrize("login", [
    "[ -f ~/.bashrc ] && . ~/.bashrc\n",  # the usual line
    "source $HOME/.bashrc\n",
    'eval "$(goenv init -)"\n',  # sets Go variables when it runs: unknown
    ". \"$ENV_FILE\"\n",  # a file goenv-lsp cannot resolve
    "export GOPATH=$HOME/other\n",  # the login file sets it itself (another value: deliberate)
])
def test_quiet_when_the_login_file_reaches_it_or_may(login: str) -> None:
    assert findings({".bashrc": "export GOPATH=$HOME/a\n", LOGIN: login}) == []


def test_the_first_login_file_counts() -> None:
    # ~/.bash_profile exists, so bash never reads ~/.profile, even though that one sources ~/.bashrc
    files = {".bashrc": "export GOPATH=$HOME/a\n", LOGIN: "umask 022\n", ".profile": ". ~/.bashrc\n"}
    [finding] = findings(files)
    assert "reads ~/.bash_profile, which does not source it" in finding.message
    # with no login file at all a login shell reads none of them; nothing to append to
    [alone] = findings({".bashrc": "export GOPATH=$HOME/a\n"}, login_profile=None)
    assert "reads ~/.profile (which does not exist)" in alone.message and alone.fixes == ()


def test_an_interactive_guard_leaves_only_the_copy() -> None:
    bashrc = "case $- in\n  *i*) ;;\n  *) return;;\nesac\nexport GOPATH=$HOME/a\n"
    [finding] = findings({".bashrc": bashrc, LOGIN: "umask 022\n"})
    assert [f.applicability for f in finding.fixes] == [Applicability.SAFE]
    # a guard in the login file itself: an appended line would not run at a non-interactive login either
    guarded = findings({".bashrc": "export GOPATH=$HOME/a\n", LOGIN: '[ -z "$PS1" ] && return\numask 022\n'})
    assert [f.fixes for f in guarded] == [()]


def test_not_for_other_shells_windows_or_unread_home_files() -> None:
    files = {".bashrc": "export GOPATH=$HOME/a\n", LOGIN: "umask 022\n"}
    assert evaluate(rc_facts(files, None, shell="/usr/bin/zsh"), rules=[GE710]) == []
    assert evaluate(rc_facts(files, None, shell="/usr/bin/fish"), rules=[GE710]) == []
    assert findings(files, os="windows") == []
    facts = rc_facts(files, None)
    unread = dataclasses.replace(facts, files={p: f for p, f in facts.files.items() if "/." not in p},
                                 kinds=tuple(k for k in facts.kinds if k not in ("bash-startup", "sh-profile")))
    assert evaluate(unread, rules=[GE710]) == []


# -- real bash: the claim and the fix --------------------------------------------------------------------------
def login_has(bash: str, home: Path, name: str) -> str:
    """What a real bash login shell started like a fresh login has in ``name``."""
    run = subprocess.run(["env", "-i", f"HOME={home}", "PATH=/usr/bin:/bin", bash, "-l", "-c", f'printf %s "${name}"'],
                         cwd=home, capture_output=True, text=True, timeout=30, stdin=subprocess.DEVNULL)
    return run.stdout


def test_real_files_and_a_real_bash(tmp_path: Path) -> None:
    bash = shutil.which("bash")
    if bash is None:
        pytest.skip("bash is not installed (Debian package: bash)")
    env = testbed.isolated_env(tmp_path, [], SHELL=bash)
    home = Path(env["HOME"])
    (home / ".bashrc").write_text("case $- in\n    *i*) ;;\n      *) return;;\nesac\nexport GOFLAGS=-mod=mod\n")
    (home / ".bash_profile").write_text("export EDITOR=vi")  # no newline at the end
    root = tmp_path / "app"
    root.mkdir()
    facts = collect_sync(str(root), ProbeOptions(), RealSystem(env=env, well_known_go=()))
    [finding] = evaluate(facts, rules=[GE710])
    assert (finding.location.path, finding.location.range.start.line) == (str(home / ".bashrc"), 4)
    assert login_has(bash, home, "GOFLAGS") == ""  # bash agrees: a login shell does not have it
    apply(finding.fixes[0])
    assert (home / ".bash_profile").read_text() == "export EDITOR=vi\nexport GOFLAGS=-mod=mod\n"
    assert login_has(bash, home, "GOFLAGS") == "-mod=mod"
    facts = collect_sync(str(root), ProbeOptions(), RealSystem(env=env, well_known_go=()))
    assert evaluate(facts, rules=[GE710]) == []


def test_a_sourced_file_goenv_lsp_does_not_read_makes_it_quiet() -> None:
    files = {".bashrc": "export GOPATH=$HOME/a\n", LOGIN: ". ~/.shell_common\n"}
    assert findings(files) == []  # ~/.shell_common may source ~/.bashrc
    files[LOGIN] = "[ -f ~/.bash_login ] && . ~/.bash_login\n"  # a startup file that does not exist
    assert len(findings(files)) == 1
