"""What the PATH and tool rules (GE6xx) read: the directory `go install` writes to and the programs in it,
what each absolute PATH directory is, and which file PATH runs for a few command names. Directories are
listed (capped) and files stat'ed; programs' Go build information is read from the files, never by running
them."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Mapping

from goenv_lsp.facts import Facts, GoBinDir, GoTool, LoginProfile, PathInfo, PathKind, Spanned, Status
from goenv_lsp.model import Range, utf16_len
from goenv_lsp.parsers.buildinfo import ExecutableInfo
from goenv_lsp.probe import binaries
from goenv_lsp.probe.discover import DiscoveryOptions
from goenv_lsp.probe.machine import cgo_files
from goenv_lsp.probe.system import System
from goenv_lsp.redact import redact_text
from goenv_lsp.semantics.binaries import running_go
from goenv_lsp.semantics.cgo import default_cc
from goenv_lsp.semantics.gobin import install_dir, path_index
from goenv_lsp.semantics.shell_startup import profile_candidates

BuildInfoReader = Callable[[str], ExecutableInfo]
MAX_TOOLS = 200  # entries of a bin directory examined
MAX_PATH_ENTRIES = 1000  # PATH entries stat'ed and searched (a longer PATH is a fault of its own)


def bin_dir(system: System, directory: str, setting: str, build_info: BuildInfoReader | None = None) -> GoBinDir:
    paths = system.paths
    found = system.stat(directory)
    if found.kind is not PathKind.DIR:
        return GoBinDir(directory, setting, found.kind)
    entries = sorted((e for e in system.list(directory) or () if e.kind is not PathKind.DIR), key=lambda e: e.name)
    tools = []
    for entry in entries[:MAX_TOOLS]:
        path = paths.join(directory, entry.name)
        if not binaries.is_executable_file(system, path) and not (system.os == "windows"
                                                                  and entry.name.lower().endswith(".exe")):
            continue
        tools.append(_tool(system, path, entry.name, build_info or system.build_info))
    return GoBinDir(directory, setting, PathKind.DIR, tuple(tools), max(0, len(entries) - MAX_TOOLS))


def _tool(system: System, path: str, name: str, build_info: BuildInfoReader) -> GoTool:
    real = system.realpath(path)
    if system.os == "windows" and name.lower().endswith(".exe"):
        name = name[:-4]
    info = build_info(real)
    build = info.build
    if build is None:
        return GoTool(name, path, real)
    settings = dict(build.settings)
    return GoTool(name, path, real, build.path, build.module_version, build.go_version, settings.get("GOOS"),
                  settings.get("GOARCH"))


def path_dirs(system: System, entries: Iterable[str]) -> dict[str, PathInfo]:
    """Each absolute PATH entry: what it is, its real path and its permission bits."""
    result = {}
    for entry in entries:
        if entry in result or not system.paths.is_abs(entry):
            continue
        found = system.stat(entry)
        real = system.realpath(entry) if found.kind is PathKind.DIR else None
        result[entry] = PathInfo(found.kind, real_path=real, mode=found.mode, writable=found.writable)
    return result


def look_path(system: System, name: str, entries: tuple[str, ...]) -> str:
    """exec.LookPath as the go command uses it: a name with a separator is taken as it is; else the first
    executable in an absolute PATH entry (a hit in a relative one is exec.ErrDot, an error). The real path
    of what runs, or ""."""
    paths = system.paths
    if "/" in name or (system.os == "windows" and "\\" in name):
        candidates = [name] if paths.is_abs(name) else []
        if system.os == "windows" and not name.lower().endswith(".exe"):
            candidates.insert(0, name + ".exe")
        hit = next((c for c in candidates if binaries.is_executable_file(system, c)), None)
        return system.realpath(hit) if hit else ""
    hits = binaries.find_on_path(system, name, tuple(e for e in entries if paths.is_abs(e)), "/")
    return system.realpath(hits[0][1]) if hits else ""


def commands(system: System, names: Iterable[str], entries: tuple[str, ...]) -> dict[str, str]:
    return {name: look_path(system, name, entries) for name in sorted(set(names)) if name}


def c_compilers(go_env: Mapping[str, str]) -> tuple[str, ...]:
    """The first word of CC and CXX as `go env` reports them (its default when unset)."""
    return tuple(value.split()[0] for value in (go_env.get("CC", ""), go_env.get("CXX", "")) if value.split())


def with_tools(system: System, facts: Facts, discovery: DiscoveryOptions,
               build_info: BuildInfoReader | None = None) -> Facts:
    """``facts`` with the machine's architecture, the install directory, the PATH directories and commands,
    and (when the go on PATH has cgo off) the workspace's cgo files. ``build_info``: the collector's cached
    reader (a program is read again only when its file changed)."""
    active = running_go(facts)
    go_env = (active.env if active else None) or {}
    entries = (facts.path_entries or ())[:MAX_PATH_ENTRIES]
    facts = dataclasses.replace(facts, arch=system.arch, path_dir_info=path_dirs(system, entries))
    target = install_dir(facts)
    bins = (bin_dir(system, *target, build_info),) if target and system.paths.is_abs(target[0]) else ()
    names = ["gofmt", *c_compilers(go_env), default_cc(go_env.get("GOOS", ""))]
    if target and path_index(facts, target[0]) is None:  # do other PATH directories reach its programs?
        names += [t.name for d in bins for t in d.tools]
    cgo = None
    if go_env.get("CGO_ENABLED") == "0" and facts.root and facts.modules:
        skip = (go_env.get("GOROOT", ""), go_env.get("GOMODCACHE", ""))
        cgo = cgo_files(system, facts.root, discovery, go_env.get("GOOS", ""), go_env.get("GOARCH", ""), skip)
    return dataclasses.replace(facts, go_bin_dirs=bins if active else None,
                               path_commands=commands(system, names, entries), cgo_files=cgo,
                               login_profile=login_profile(system))


MAX_PROFILE_BYTES = 256 << 10


def login_profile(system: System) -> LoginProfile | None:
    """The startup file of the user's login shell ($SHELL) where a line for every login belongs
    (``semantics.shell_startup.profile_candidates``): zsh ~/.zprofile; bash the first of ~/.bash_profile,
    ~/.bash_login, ~/.profile; sh, dash and ksh ~/.profile. None on Windows, for fish (its own syntax), other
    shells goenv-lsp does not know, and without a home."""
    home, paths = system.home, system.paths
    names = profile_candidates(system.env.get("SHELL", "")) if system.os != "windows" else None
    if not home or names is None:
        return None
    candidates = [paths.join(home, name) for name in names]
    path = next((c for c in candidates if system.stat(c).kind is PathKind.FILE), candidates[-1])
    found = system.read(path, MAX_PROFILE_BYTES)
    if found.status is not Status.OK:
        return LoginProfile(path, exists=False)
    text = found.data.decode("utf-8", "replace")
    lines = text.splitlines()
    kept = tuple(Spanned(redact_text(line), Range.of(number, 0, utf16_len(line)))
                 for number, line in enumerate(lines) if "PATH" in line)
    newline = text.endswith("\n") or not text
    end = Range.of(len(lines), 0) if newline else Range.of(len(lines) - 1, utf16_len(lines[-1]))
    return LoginProfile(path, True, end, newline, kept)
