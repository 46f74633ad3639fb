"""Which startup files a shell reads, by how it was started, and how programs started outside a terminal get
their environment.

Shells (their manuals: bash(1) INVOCATION, zsh(1) STARTUP/SHUTDOWN FILES, dash(1) Invocation, fish's
"Configuration files"):

* bash, as a login shell (``-l``, interactive or not): ``/etc/profile``, then the first of ``~/.bash_profile``,
  ``~/.bash_login``, ``~/.profile`` that exists. Only an interactive shell that is *not* a login shell reads
  ``~/.bashrc`` — a login shell reads it only when the login file sources it (Debian's ``~/.profile`` does).
  ``bash -c`` (neither) reads only ``$BASH_ENV``.
* zsh: ``~/.zshenv`` always; ``~/.zprofile`` and ``~/.zlogin`` for a login shell; ``~/.zshrc`` for an
  interactive one — an interactive login zsh reads all four (a macOS Terminal window, VS Code's environment
  resolution), a non-interactive login zsh (``zsh -l -c``) not ``~/.zshrc``. ``$ZDOTDIR`` moves them.
* sh, dash, ksh, mksh: ``/etc/profile`` and ``~/.profile`` for a login shell; ``$ENV`` for an interactive one.
* fish: ``conf.d/*.fish`` and ``config.fish`` in ``$XDG_CONFIG_HOME/fish`` (``~/.config/fish``) always.

Programs started outside a terminal:

* VS Code on macOS and Linux, started from the Dock, a desktop launcher or a file manager (not by the ``code``
  command, which passes the terminal's environment on), runs ``$SHELL -ilc`` once at startup — an interactive
  login shell — and takes that shell's environment, giving up after 10 seconds
  (``src/vs/platform/shell/node/shellEnv.ts``; vscode-go#713: "it initializes the environment like a login
  shell"). So with bash it reads ``~/.bash_profile`` (or ``~/.profile``) and not ``~/.bashrc``.
* Other applications started from the macOS Dock or Finder get launchd's environment, which no shell startup
  file sets (vscode-go#1823 shows such a PATH: ``/usr/bin:/bin:/usr/sbin:/sbin``).
* On Linux the desktop session's environment comes from the display manager; desktops that read a shell
  file read ``~/.profile`` (microsoft/vscode-go#10), never ``~/.bashrc``.
"""

from __future__ import annotations

import enum

# shells whose startup files this module knows; others (tcsh, nushell, xonsh, PowerShell …) are not judged
KNOWN_SHELLS = ("bash", "zsh", "fish", "sh", "dash", "ksh", "ksh93", "mksh")
POSIX_SHELLS = ("sh", "dash", "ksh", "ksh93", "mksh")


class Mode(str, enum.Enum):
    LOGIN = "login"  # `$SHELL -l -c …`: a desktop session, what goenv-lsp's login-shell probe runs
    INTERACTIVE_LOGIN = "interactive-login"  # a macOS Terminal window, ssh, VS Code's `$SHELL -ilc`
    INTERACTIVE = "interactive"  # a terminal window on a Linux desktop, `bash` typed at a prompt
    COMMAND = "command"  # `$SHELL -c …`: scripts, `make`, most editors' tasks


def shell_name(shell: str) -> str:
    """``/usr/local/bin/bash`` → ``bash``; ``-zsh`` (a login argv[0]) → ``zsh``; "" for none."""
    name = shell.replace("\\", "/").rsplit("/", 1)[-1].lstrip("-")
    return name[:-4] if name.endswith(".exe") else name


def startup_files(shell: str, mode: Mode) -> tuple[tuple[str, ...], ...]:
    """The files in the home directory a shell started in ``mode`` reads, in order: each group names
    alternatives, of which the first that exists is read (bash's login files). Paths are relative to the
    home directory (fish: to ``~/.config``); ``conf.d/*.fish`` is a pattern. Empty for unknown shells."""
    name = shell_name(shell)
    login = mode in (Mode.LOGIN, Mode.INTERACTIVE_LOGIN)
    interactive = mode in (Mode.INTERACTIVE, Mode.INTERACTIVE_LOGIN)
    if name == "bash":
        if login:
            return ((".bash_profile", ".bash_login", ".profile"),)
        return ((".bashrc",),) if interactive else ()
    if name == "zsh":
        files = [(".zshenv",)]
        if login:
            files.append((".zprofile",))
        if interactive:
            files.append((".zshrc",))
        if login:
            files.append((".zlogin",))
        return tuple(files)
    if name == "fish":
        return (("fish/conf.d/*.fish",), ("fish/config.fish",))
    if name in POSIX_SHELLS:
        return ((".profile",),) if login else ()
    return ()


def read_files(shell: str, mode: Mode, existing: set[str]) -> tuple[str, ...]:
    """The startup files a shell started in ``mode`` reads directly (not through ``source``), given which of
    them exist (names relative to the home directory, as ``startup_files`` spells them)."""
    read = []
    for group in startup_files(shell, mode):
        found = next((name for name in group if name in existing or "*" in name), None)
        if found is not None:
            read.append(found)
    return tuple(read)


def profile_candidates(shell: str) -> tuple[str, ...] | None:
    """Where a line for every login (a PATH entry, an exported variable) belongs: the first of these that
    exists, else the last. None for fish (its own syntax: ``fish_add_path``, ``set -gx``) and unknown shells."""
    name = shell_name(shell)
    if name == "bash":
        return (".bash_profile", ".bash_login", ".profile")
    if name == "zsh":
        return (".zprofile",)
    if name in POSIX_SHELLS or not name:
        return (".profile",)
    return None


def why_not_read(shell: str, name: str, existing: set[str]) -> str | None:
    """Why a login shell (interactive or not) does not read the startup file ``name`` directly, in a sentence;
    None when it does, or when this module cannot say (a file of another shell, an unknown shell). A file it
    does not read directly may still be sourced by one it reads: the caller checks that."""
    shell = shell_name(shell)
    login = set(read_files(shell, Mode.LOGIN, existing)) | set(read_files(shell, Mode.INTERACTIVE_LOGIN, existing))
    if shell == "bash" and name == ".bashrc":
        first = next((n for n in (".bash_profile", ".bash_login", ".profile") if n in existing), None)
        reads = f"~/{first}, which does not source it" if first else "~/.profile (which does not exist)"
        return ("only an interactive bash that is not a login shell reads ~/.bashrc; a login shell — a macOS "
                f"Terminal window, an ssh session, VS Code resolving your environment — reads {reads}")
    if shell == "bash" and name in (".bash_login", ".profile") and name not in login:
        first = next(n for n in (".bash_profile", ".bash_login") if n in existing)
        return f"a bash login shell reads only the first of ~/.bash_profile, ~/.bash_login, ~/.profile: ~/{first}"
    return None
