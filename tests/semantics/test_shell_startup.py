"""goenv_lsp.semantics.shell_startup: the startup files each shell reads, checked against real bash, dash, zsh and
fish (each file logs its name when read), for each way a shell starts."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
import testbed

from goenv_lsp.semantics.shell_startup import (
    Mode,
    profile_candidates,
    read_files,
    shell_name,
    startup_files,
    why_not_read,
)

FLAGS = {Mode.LOGIN: ["-l"], Mode.INTERACTIVE_LOGIN: ["-i", "-l"], Mode.INTERACTIVE: ["-i"], Mode.COMMAND: []}


def test_the_table() -> None:
    assert startup_files("/bin/bash", Mode.LOGIN) == ((".bash_profile", ".bash_login", ".profile"),)
    assert startup_files("bash", Mode.INTERACTIVE) == ((".bashrc",),)
    assert startup_files("bash", Mode.COMMAND) == ()
    # seeds-catalogue F4: an interactive login zsh reads ~/.zshrc too
    every = {".zshenv", ".zprofile", ".zshrc", ".zlogin"}
    assert read_files("zsh", Mode.INTERACTIVE_LOGIN, every) == (".zshenv", ".zprofile", ".zshrc", ".zlogin")
    assert read_files("zsh", Mode.LOGIN, every) == (".zshenv", ".zprofile", ".zlogin")
    assert read_files("zsh", Mode.LOGIN, {".zshrc"}) == ()  # only files that exist are read
    assert read_files("-bash", Mode.LOGIN, {".profile", ".bash_login"}) == (".bash_login",)
    assert read_files("tcsh", Mode.LOGIN, set()) == ()
    assert shell_name("-zsh") == "zsh" and shell_name("C:\\tools\\bash.exe") == "bash"


def test_profile_candidates_and_why() -> None:
    assert profile_candidates("/usr/bin/zsh") == (".zprofile",)
    assert profile_candidates("/bin/dash") == profile_candidates("") == (".profile",)
    assert profile_candidates("/usr/bin/fish") is None and profile_candidates("/bin/tcsh") is None
    assert "reads ~/.bash_profile, which does not source it" in why_not_read("bash", ".bashrc", {".bash_profile"})
    assert "~/.profile (which does not exist)" in why_not_read("bash", ".bashrc", set())
    assert why_not_read("bash", ".profile", {".bash_profile", ".profile"}).endswith("~/.bash_profile")
    assert why_not_read("zsh", ".zshrc", {".zshrc"}) is None


def shells() -> dict[str, str]:
    found = {name: shutil.which(name) for name in ("bash", "dash")}
    for name in ("zsh", "fish"):
        try:
            found[name] = str(testbed.debian_shell(name))
        except testbed.TestbedError:
            found[name] = None
    return found


SHELLS = shells()
FILES = {"bash": (".bash_profile", ".bash_login", ".profile", ".bashrc"), "dash": (".profile",),
         "zsh": (".zshenv", ".zprofile", ".zshrc", ".zlogin"), "fish": ("fish/config.fish",)}


def logged(shell: str, home: Path, mode: Mode) -> tuple[str, ...]:
    log = home / "log"
    log.write_text("")
    subprocess.run([shell, *FLAGS[mode], "-c", "true"], env={"HOME": str(home), "PATH": "/usr/bin:/bin"},
                   cwd=home, stdin=subprocess.DEVNULL, capture_output=True, timeout=30)
    return tuple(log.read_text().split())


@pytest.mark.parametrize("name", sorted(FILES))
@pytest.mark.parametrize("mode", list(Mode))
def test_real_shells_read_what_the_table_says(tmp_path: Path, name: str, mode: Mode) -> None:
    shell = SHELLS[name]
    if shell is None:
        pytest.skip(f"{name} is not available (Debian package: {name})")
    for file in FILES[name]:
        path = tmp_path / (".config/" + file if file.startswith("fish/") else file)
        path.parent.mkdir(parents=True, exist_ok=True)
        log = f'echo {file} >> "$HOME/log"' if name != "fish" else f'echo {file} >> $HOME/log'
        path.write_text(log + "\n")
    expected = tuple(f for f in read_files(name, mode, set(FILES[name])) if "*" not in f)
    assert logged(shell, tmp_path, mode) == expected
    if name == "bash":  # without ~/.bash_profile, a login shell reads ~/.bash_login; without both, ~/.profile
        (tmp_path / ".bash_profile").unlink()
        assert logged(shell, tmp_path, mode) == read_files(name, mode, {".bash_login", ".profile", ".bashrc"})
