"""The login shell probe: what the user's login shell gives the programs it starts (GE71x compare it with
this process's environment).

It runs ``$SHELL -l -c 'exec "$@"' goenv-lsp PYTHON -I -S -c PRINTER`` once, through the System seam (no
shell of ours around it, the probe timeout, killed with everything it started at a timeout or cancellation,
``GOTOOLCHAIN=local``):

* never interactive: no ``-i``, stdin is /dev/null and there is no terminal (the runner starts it in a
  session of its own), so no prompt, no ``~/.bashrc`` read for an interactive shell, nothing to wait for;
* from the home directory, never the workspace: a ``cd`` hook (direnv) or an rc file that reads ``./``
  must not act on an untrusted workspace;
* with a fresh login's variables (``start_env``: HOME, USER, LOGNAME, SHELL, the locale, TMPDIR and a system
  PATH), not this process's, so what it reports is what the startup files set — not what the terminal
  goenv-lsp runs in passed on;
* the shell execs this process's own Python interpreter (``-I -S``: no site, no PYTHON* variables), which
  writes PATH and the Go variables (GO*, CGO_*) only, NUL-separated after a marker: nothing else the login
  environment holds (tokens, keys) ever reaches goenv-lsp, and text the startup files print is told apart.

Only bash, zsh, fish, sh, dash, ksh and mksh are run (fish passes the arguments as ``$argv``); not on Windows.
"""

from __future__ import annotations

import sys
from collections.abc import Mapping

from goenv_lsp.facts import FrozenMap, LoginEnvironment, PathKind, ProbeRun, Status
from goenv_lsp.probe.system import System
from goenv_lsp.redact import is_secret_name, redact_text, redact_value
from goenv_lsp.semantics.shell_startup import KNOWN_SHELLS, Mode, shell_name, startup_files

MARKER = "goenv-lsp-login-env"
# what the interpreter the shell execs prints: the marker, then NAME=value of PATH and the Go variables
PRINTER = ("import os,sys;sys.stdout.buffer.write(b'\\0" + MARKER + "\\0'+b''.join(k+b'='+v+b'\\0' for k,v in "
           "os.environb.items() if k==b'PATH' or k.startswith((b'GO',b'CGO_'))))")
# what a login gives a shell before any startup file runs: launchd's PATH on macOS, login(1)'s elsewhere
START_PATH = {"darwin": "/usr/bin:/bin:/usr/sbin:/sbin"}
DEFAULT_START_PATH = "/usr/local/bin:/usr/bin:/bin"
START_KEPT = ("HOME", "USER", "LOGNAME", "SHELL", "LANG", "LC_ALL", "LC_CTYPE", "TMPDIR")
MAX_PROBLEM = 200


def is_kept(name: str) -> bool:
    """The variables the probe keeps: PATH and the Go ones, never one whose name says it is a secret."""
    return (name == "PATH" or name.startswith(("GO", "CGO_"))) and not is_secret_name(name)


def start_env(system: System) -> dict[str, str]:
    env = {k: system.env[k] for k in START_KEPT if system.env.get(k)}
    env["PATH"] = START_PATH.get(system.os, DEFAULT_START_PATH)
    env["GOTOOLCHAIN"] = "local"  # as for every probe: a `go` an rc file runs never switches toolchains
    return env


def command(shell: str, python: str) -> tuple[str, ...]:
    if shell_name(shell) == "fish":
        return (shell, "-l", "-c", "exec $argv", python, "-I", "-S", "-c", PRINTER)
    return (shell, "-l", "-c", 'exec "$@"', "goenv-lsp", python, "-I", "-S", "-c", PRINTER)


def startup_paths(system: System, shell: str) -> tuple[str, ...]:
    """The startup files a run's answer depends on (the language server's cache keys it by them)."""
    home, paths = system.home or "", system.paths
    config = system.env.get("XDG_CONFIG_HOME") or paths.join(home, ".config")
    names = {name for mode in Mode for group in startup_files(shell, mode) for name in group if "*" not in name}
    found = [paths.join(config, n) if n.startswith("fish/") else paths.join(home, n) for n in sorted(names)]
    return ("/etc/profile", *found)


async def probe(system: System, runs, timeout: float, python: str = sys.executable) -> LoginEnvironment | None:
    """The login environment, or None where there is none to read (Windows, no home directory or a missing one).
    ``runs``:
    the collector's ``Runs`` (a result of None: not known yet, on the language server's hot path)."""
    home = system.home
    if system.os == "windows" or not home or system.stat(home).kind is not PathKind.DIR:
        return None  # no home directory to run it in
    shell = system.env.get("SHELL", "")
    env = start_env(system)
    if not shell:
        return LoginEnvironment("", Status.SKIPPED, problem="$SHELL is not set", start_env=FrozenMap(env))
    if shell_name(shell) not in KNOWN_SHELLS:
        return LoginEnvironment(shell, Status.SKIPPED, start_env=FrozenMap(env),
                                problem=f"{shell_name(shell)} is not a shell goenv-lsp knows (bash, zsh, fish, sh, "
                                        "dash, ksh, mksh): its startup files are not judged")
    if not system.paths.is_abs(shell):
        return LoginEnvironment(shell, Status.SKIPPED, start_env=FrozenMap(env),
                                problem="$SHELL is not an absolute path")
    run = await runs.run(command(shell, python), home, timeout, env, clean_env=True,
                         depends=startup_paths(system, shell))
    return None if run is None else read_run(shell, run, env)


def read_run(shell: str, run: ProbeRun, start: Mapping[str, str]) -> LoginEnvironment:
    """What a run printed: the variables after the last marker (what came before it, and stderr, is noise)."""
    start_map = FrozenMap(dict(start))
    noise = bool(run.stderr.strip())
    if run.status is not Status.OK:
        return LoginEnvironment(shell, run.status, start_env=start_map, noise=noise, problem=_problem(run))
    head, marker, tail = run.stdout.rpartition(f"\0{MARKER}\0")
    if not marker:
        return LoginEnvironment(shell, Status.FAILED, start_env=start_map, noise=noise,
                                problem="exited without running the command given to it (a startup file may "
                                        "`exec` another program or `exit`)")
    env = {}
    for entry in tail.split("\0"):
        name, equals, value = entry.partition("=")
        if equals and is_kept(name):
            env[name] = redact_value(name, value)
    if "GOTOOLCHAIN" in env and env["GOTOOLCHAIN"] == start.get("GOTOOLCHAIN"):
        del env["GOTOOLCHAIN"]  # what the probe set, not what the startup files set: unknown
    return LoginEnvironment(shell, Status.OK, FrozenMap(env), start_map, noise=noise or bool(head.strip()))


def _problem(run: ProbeRun) -> str:
    first = next((line.strip() for line in run.stderr.splitlines() if line.strip()), "")
    detail = f": {redact_text(first)[:MAX_PROBLEM]}" if first else ""
    if run.status is Status.TIMED_OUT:
        return f"did not finish and was killed ({run.stderr.strip() or 'timeout'}); a startup file may wait " \
               "for input or the network"
    if run.status is Status.MISSING:
        return "does not exist ($SHELL names a missing file)"
    if run.status is Status.NOT_EXECUTABLE:
        return f"cannot be executed{detail}"
    if run.status is Status.CRASHED:
        return f"crashed (signal {-(run.exit_code or 0)}){detail}"
    return f"failed with exit status {run.exit_code}{detail}"
