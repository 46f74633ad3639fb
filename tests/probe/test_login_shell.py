"""The login shell probe (goenv_lsp.probe.login_shell): on a fake machine, and with real bash, zsh and fish in
a temporary home — what it keeps, what it never keeps, and what a hanging or failing shell gives."""

from __future__ import annotations

import asyncio
import shutil
import sys
import time
from pathlib import Path

import pytest
import testbed

from goenv_lsp.facts import ProbeRun, Status
from goenv_lsp.inputs.snapshot import dumps
from goenv_lsp.probe import ProbeOptions, collect, login_shell
from goenv_lsp.probe.collect import DirectRuns
from goenv_lsp.probe.fake import FakeSystem
from goenv_lsp.probe.login_shell import probe
from goenv_lsp.probe.system import RealSystem

SECRET = "ghp_abcdefghijklmnopqrstuvwxyz0123456789"
MACHINE = f"""
dirs = ["/home/dev"]
[env]
HOME = "/home/dev"
SHELL = "/bin/bash"
PATH = "/home/dev/go/bin:/usr/bin:/bin"
GITHUB_TOKEN = "{SECRET}"
[files]
"/work/app/go.mod" = "module example.com/app\\n\\ngo 1.27.3\\n"
[login_shell]
stdout = "Welcome!\\n"
stderr = "bash: warning: setlocale\\n"
env = {{ PATH = "/usr/bin:/bin", GOPATH = "/home/dev/gp", GOTOOLCHAIN = "local", GO_API_TOKEN = "{SECRET}" }}
"""


def fake_probe(fake: FakeSystem):
    return asyncio.run(probe(fake, DirectRuns(fake), 5.0, python="/usr/bin/python3"))


def test_the_fake_login_shell_answers_and_only_go_variables_are_kept() -> None:
    fake = FakeSystem.from_fixture(MACHINE)
    found = fake_probe(fake)
    assert found.status is Status.OK and found.shell == "/bin/bash"
    # GOTOOLCHAIN=local is what the probe set; a secret-named variable is dropped, not even redacted
    assert dict(found.env) == {"PATH": "/usr/bin:/bin", "GOPATH": "/home/dev/gp"}
    assert found.noise  # the greeting and the warning
    assert dict(found.start_env) == {"HOME": "/home/dev", "SHELL": "/bin/bash", "PATH": "/usr/local/bin:/usr/bin:/bin",
                                     "GOTOOLCHAIN": "local"}
    [(verb, argv, cwd)] = fake.calls[-1:]
    assert verb == "run" and cwd == "/home/dev" and argv[:3] == ("/bin/bash", "-l", "-c") and "-i" not in argv


def test_collect_runs_it_only_when_asked() -> None:
    fake = FakeSystem.from_fixture(MACHINE)
    assert asyncio.run(collect("/work/app", ProbeOptions(), fake)).login_env is None
    assert not any(c[1][0] == "/bin/bash" for c in fake.calls if c[0] == "run")
    facts = asyncio.run(collect("/work/app", ProbeOptions(login_shell=True), fake))
    assert facts.login_env is not None and facts.login_env.env["GOPATH"] == "/home/dev/gp"
    assert SECRET not in dumps(facts)


@pytest.mark.parametrize("table, status, problem", [
    ('status = "timed_out"\nstderr = "killed after 5 s"', Status.TIMED_OUT, "did not finish and was killed"),
    ('exit = 2\nstatus = "failed"\nstderr = "bash: .bash_profile: line 3: syntax error"\n', Status.FAILED,
     "failed with exit status 2: bash: .bash_profile: line 3: syntax error"),
    ('stdout = "no marker here"', Status.FAILED, "exited without running the command"),
])
def test_a_shell_that_fails_gives_a_status_and_a_reason(table: str, status: Status, problem: str) -> None:
    fake = FakeSystem.from_fixture(MACHINE.split("[login_shell]")[0] + "[login_shell]\n" + table)
    found = fake_probe(fake)
    assert found.status is status and problem in found.problem and found.env is None


@pytest.mark.parametrize("shell, problem", [("/bin/tcsh", "tcsh is not a shell goenv-lsp knows"),
                                            ("", "$SHELL is not set"), ("bash", "not an absolute path")])
def test_unknown_shells_are_not_run(shell: str, problem: str) -> None:
    fake = FakeSystem.from_fixture(MACHINE).with_env(SHELL=shell or None)
    found = fake_probe(fake)
    assert found.status is Status.SKIPPED and problem in found.problem and not [c for c in fake.calls if c[0] == "run"]


def test_not_on_windows_nor_without_a_home() -> None:
    assert fake_probe(FakeSystem("windows", env={"USERPROFILE": "C:\\Users\\me", "SHELL": "/bin/bash"})) is None
    assert fake_probe(FakeSystem("linux", env={"SHELL": "/bin/bash"})) is None
    assert fake_probe(FakeSystem.from_fixture(MACHINE).with_env(HOME="/nonexistent")) is None


# -- real shells -------------------------------------------------------------------------------------------
def real_probe(home: Path, shell: str, timeout: float = 10.0, **env: str):
    system = RealSystem(env={"HOME": str(home), "SHELL": shell, "PATH": "/nonexistent", "GOROOT": "/from/terminal",
                             **env})
    return asyncio.run(probe(system, DirectRuns(system), timeout))


def bash() -> str:
    found = shutil.which("bash")
    if found is None:
        pytest.skip("bash is not installed (Debian package: bash)")
    return found


def test_real_bash_login_shell_reads_bash_profile_not_bashrc(tmp_path: Path) -> None:
    (tmp_path / ".bashrc").write_text("export GOROOT=/opt/go-from-bashrc\n")
    (tmp_path / ".bash_profile").write_text(f"echo hello\nexport GOPATH=$HOME/gp\nexport GITHUB_TOKEN={SECRET}\n"
                                            f"export GOPROXY_TOKEN={SECRET}\nexport GOFLAGS=-mod=mod\n")
    found = real_probe(tmp_path, bash())
    assert found.status is Status.OK and found.noise
    # not this process's GOROOT (a fresh login's variables), nor the one ~/.bashrc exports
    assert "GOROOT" not in found.env and found.env["GOPATH"] == f"{tmp_path}/gp" and found.env["GOFLAGS"] == "-mod=mod"
    assert set(found.env) <= {"PATH", "GOPATH", "GOFLAGS"}
    assert SECRET not in repr(found)

    (tmp_path / ".bash_profile").write_text("[ -f ~/.bashrc ] && . ~/.bashrc\n")
    assert real_probe(tmp_path, bash()).env["GOROOT"] == "/opt/go-from-bashrc"


def test_real_values_with_newlines_and_equals_signs(tmp_path: Path) -> None:
    (tmp_path / ".profile").write_text("export GOFLAGS='-tags=a=b\n-mod=mod'\n")
    assert real_probe(tmp_path, bash()).env["GOFLAGS"] == "-tags=a=b\n-mod=mod"


def test_a_hanging_login_shell_is_killed_at_the_timeout(tmp_path: Path) -> None:
    (tmp_path / ".bash_profile").write_text("sleep 100\n")
    started = time.monotonic()
    found = real_probe(tmp_path, bash(), timeout=1.0)
    assert time.monotonic() - started < 5
    assert found.status is Status.TIMED_OUT and "killed" in found.problem


def test_a_login_shell_that_exits_early(tmp_path: Path) -> None:
    (tmp_path / ".bash_profile").write_text("exit 0\n")
    found = real_probe(tmp_path, bash())
    assert found.status is Status.FAILED and "exited without running" in found.problem


def test_it_runs_in_the_home_directory(tmp_path: Path) -> None:
    (tmp_path / ".bash_profile").write_text('export GOENV="$PWD/go.env"\n')
    assert real_probe(tmp_path, bash()).env["GOENV"] == f"{tmp_path}/go.env"


def shell(name: str) -> str:
    try:
        return str(testbed.debian_shell(name))
    except testbed.TestbedError as exc:
        pytest.skip(f"{name} could not be fetched (Debian package: {name}): {str(exc)[:200]}")


def test_real_zsh_login_shell_reads_zprofile_not_zshrc(tmp_path: Path) -> None:
    zsh = shell("zsh")
    (tmp_path / ".zshenv").write_text("export GOFLAGS=-mod=mod\n")
    (tmp_path / ".zprofile").write_text("export GOPATH=$HOME/gp\n")
    (tmp_path / ".zshrc").write_text("export GOROOT=/opt/go-from-zshrc\n")
    found = real_probe(tmp_path, zsh)
    assert found.status is Status.OK, found.problem
    assert found.env["GOFLAGS"] == "-mod=mod" and found.env["GOPATH"] == f"{tmp_path}/gp" and "GOROOT" not in found.env


def test_real_fish_reads_config_fish(tmp_path: Path) -> None:
    fish = shell("fish")
    (tmp_path / ".config/fish").mkdir(parents=True)  # (conf.d is read by fish's own share/config.fish,
    (tmp_path / ".config/fish/config.fish").write_text("set -gx GOPATH $HOME/gp\n")  # not extracted here)
    found = real_probe(tmp_path, fish)
    assert found.status is Status.OK, found.problem
    assert found.env["GOPATH"] == f"{tmp_path}/gp"


def test_the_cli_runs_it_only_for_a_rule_that_needs_it_and_when_enabled(tmp_path: Path) -> None:
    import subprocess

    env = testbed.isolated_env(tmp_path, [], SHELL=bash())
    home = Path(env["HOME"])
    (home / ".bash_profile").write_text('touch "$HOME/ran"\n')
    root = tmp_path / "app"
    root.mkdir()

    def check(*args: str) -> bool:
        (home / "ran").unlink(missing_ok=True)
        run = subprocess.run([sys.executable, "-m", "goenv_lsp", "--test-no-well-known", "check", str(root), *args],
                             env=env, capture_output=True, text=True, timeout=120)
        assert run.returncode in (0, 1), run.stderr
        return (home / "ran").exists()

    assert check("--select", "GE710")
    assert not check("--select", "GE601")  # no selected rule reads the login environment
    (root / "goenv-lsp.toml").write_text("login-shell = false\n")
    assert not check("--select", "GE710")


@pytest.mark.parametrize("stdout", ["", "\0", "garbage\0\0=x\0", f"\0{login_shell.MARKER}\0", "\xff\ufffd" * 1000,
                                    f"\0{login_shell.MARKER}\0PATH\0=\0GOPATH=a=b\0GOFLAGS\0noeq",
                                    f"\0{login_shell.MARKER}\0" * 3 + "GOROOT=/x\0"])
def test_any_output_gives_a_result(stdout: str) -> None:
    found = login_shell.read_run("/bin/bash", ProbeRun(("bash",), Status.OK, 0, stdout), {})
    assert found.status in (Status.OK, Status.FAILED)
    assert all(login_shell.is_kept(name) for name in (found.env or {}))


def test_the_language_servers_cache_never_spawns_it_on_the_hot_path_and_sees_startup_file_edits() -> None:
    from goenv_lsp.probe.cache import ProbeCache

    fake = FakeSystem.from_fixture(MACHINE)
    fake.add_file("/home/dev/.bash_profile", "export GOPATH=$HOME/gp\n")
    cache = ProbeCache(fake)
    assert asyncio.run(probe(fake, cache.runs(spawn=False), 5.0, python="/usr/bin/python3")) is None
    assert fake.spawned == 0
    assert asyncio.run(probe(fake, cache.runs(spawn=True), 5.0, python="/usr/bin/python3")).status is Status.OK
    hot = cache.runs(spawn=False)
    assert asyncio.run(probe(fake, hot, 5.0, python="/usr/bin/python3")).status is Status.OK and not hot.misses
    fake.add_file("/home/dev/.bash_profile", "export GOPATH=$HOME/other\n")  # edited: the answer may differ
    hot = cache.runs(spawn=False)
    found = asyncio.run(probe(fake, hot, 5.0, python="/usr/bin/python3"))
    assert hot.misses and hot.stale and found.status is Status.OK  # the last answer, marked stale
    assert fake.spawned == 1
