"""Find executables the way the process's PATH does, and recognise version-manager shims."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping

from goenv_lsp.facts import LinkHop, ManagerHome, PathKind
from goenv_lsp.probe.system import System

MAX_HOPS = 40  # as the kernel's ELOOP limit

# path fragment → version manager whose launcher it is
_SHIM_MARKERS = (
    ("/.asdf/shims/", "asdf"),
    ("/asdf/shims/", "asdf"),
    ("/.goenv/shims/", "goenv"),
    ("/mise/shims/", "mise"),
    ("/rtx/shims/", "mise"),
    ("/.gvm/bin/", "gvm"),
    ("/snap/bin/", "snap"),
)
# Where official installers, distributions and version managers put go (looked at only when none is on PATH)
WELL_KNOWN_IN_HOME = ("sdk/go*/bin/go", "go/bin/go", ".local/go/bin/go")


def is_executable_file(system: System, path: str) -> bool:
    found = system.stat(path)
    return found.kind is PathKind.FILE and found.executable


def executable_names(system: System, name: str) -> tuple[str, ...]:
    return (f"{name}.exe", name) if system.os == "windows" else (name,)


def find_on_path(system: System, name: str, entries: tuple[str, ...], cwd: str) -> list[tuple[int, str]]:
    """Every ``name`` on PATH as (index of the entry, path), in PATH order.

    An empty or relative entry is resolved against ``cwd``, as the shell and exec would do."""
    paths = system.paths
    found = []
    for index, entry in enumerate(entries):
        directory = entry if paths.is_abs(entry) else paths.join(cwd, entry)
        for candidate_name in executable_names(system, name):
            candidate = paths.join(directory, candidate_name)
            if is_executable_file(system, candidate):
                found.append((index, paths.normpath(candidate)))
                break
    return found


def unusable_on_path(system: System, name: str, entries: tuple[str, ...], cwd: str) -> list[str]:
    """``name`` in PATH entries where it is there but cannot run (not executable, a directory, a dangling
    symlink): the shell passes over them, and saying so explains a "not found"."""
    paths = system.paths
    found = []
    for entry in entries:
        directory = entry if paths.is_abs(entry) else paths.join(cwd, entry)
        for candidate_name in executable_names(system, name):
            candidate = paths.join(directory, candidate_name)
            if system.lexists(candidate) and not is_executable_file(system, candidate):
                found.append(paths.normpath(candidate))
                break
    return found


def dangling_on_path(system: System, name: str, entries: tuple[str, ...], cwd: str) -> list[str]:
    """``name`` in PATH entries where it is a symbolic link to nothing."""
    return [p for p in unusable_on_path(system, name, entries, cwd) if system.stat(p).kind is PathKind.MISSING]


def shim_kind(system: System, path: str) -> str | None:
    """The version manager behind ``path`` if it is a launcher script rather than a Go binary."""
    normalized = path.replace("\\", "/")
    for marker, kind in _SHIM_MARKERS:
        if marker in normalized:
            return kind
    head = system.read_head(path)
    if head.startswith(b"#!"):
        for word in (b"asdf", b"goenv", b"mise", b"gvm"):
            if word in head:
                return word.decode()
        return "script"
    return None


def is_inside(system: System, path: str, directory: str | None) -> bool:
    if not directory:
        return False
    return system.paths.inside(system.realpath(path), system.realpath(directory), strict=False)


def well_known_go_paths(system: System, home: str | None) -> list[str]:
    """The well-known go binaries that exist."""
    patterns = list(system.well_known_go)
    if home:
        patterns += [system.paths.join(home, p) for p in WELL_KNOWN_IN_HOME]
    found = []
    for pattern in patterns:
        found += [p for p in system.glob(pattern) if is_executable_file(system, p)]
    return found


def link_chain(system: System, path: str) -> tuple[LinkHop, ...]:
    """Each symbolic link from ``path`` to the file it reaches, in the order the kernel follows them: the
    shallowest linked component first (``/usr/local/go`` of ``/usr/local/go/bin/go``), then again from the top
    of the path that leads to. In a dangling chain every hop has ``exists`` False and the last one is the link
    that points nowhere."""
    hops: list[LinkHop] = []
    current = system.paths.normpath(path)
    while len(hops) < MAX_HOPS:
        hop = _first_link(system, current)
        if hop is None:
            break
        hops.append(hop)
        current = hop.leads_to
    else:  # a loop: it leads nowhere
        hops[-1] = dataclasses.replace(hops[-1], exists=False)
    return tuple(hops)


def _first_link(system: System, path: str) -> LinkHop | None:
    paths = system.paths
    prefixes = [path]
    while (parent := paths.dirname(prefixes[-1])) != prefixes[-1]:
        prefixes.append(parent)
    for prefix in reversed(prefixes[:-1]):  # from the top, the root itself left out
        target = system.readlink(prefix)
        if target is None:
            continue
        base = target if paths.is_abs(target) else paths.join(paths.dirname(prefix), target)
        rest = paths.relative(path, prefix)
        leads_to = paths.normpath(base if rest in (None, ".") else paths.join(base, rest))
        return LinkHop(prefix, target, leads_to, system.stat(leads_to).kind is not PathKind.MISSING)
    return None


def manager_homes(system: System, env: Mapping[str, str], home: str | None) -> tuple[ManagerHome, ...]:
    """The version managers that hold Go installs here: where each keeps them, and their names (listed,
    never run)."""
    paths = system.paths
    found = []
    for name, root, installs, shims in _manager_layouts(env, home, paths):
        if not root:
            continue
        directory = paths.join(root, *installs.split("/"))
        entries = system.list(directory)
        if entries is None:
            continue
        versions = tuple(sorted(e.name for e in entries if not e.name.startswith(".")))
        shims_dir = paths.join(root, shims) if shims else None
        if shims_dir and system.stat(shims_dir).kind is not PathKind.DIR:
            shims_dir = None  # never made (mise activate alone): nothing to put on PATH
        found.append(ManagerHome(name, root, directory, versions, shims_dir))
    return tuple(found)


def _manager_layouts(env: Mapping[str, str], home: str | None, paths) -> list[tuple[str, str | None, str, str]]:
    """(manager, its directory, where its Go installs are below it, its shims directory) — each manager's
    default directory unless its variable moves it."""
    def at(variable: str, *default: str) -> str | None:
        return env.get(variable) or (paths.join(home, *default) if home else None)

    data_home = env.get("XDG_DATA_HOME") if paths.is_abs(env.get("XDG_DATA_HOME", "")) else None
    mise = env.get("MISE_DATA_DIR") or (paths.join(data_home, "mise") if data_home else at("", ".local", "share",
                                                                                        "mise"))
    return [("asdf", at("ASDF_DATA_DIR", ".asdf"), "installs/golang", "shims"),
            ("goenv", at("GOENV_ROOT", ".goenv"), "versions", "shims"),
            ("mise", mise, "installs/go", "shims"),
            ("gvm", at("GVM_ROOT", ".gvm"), "gos", ""),
            ("g", at("G_HOME", ".g"), "versions", ""),  # voidint/g: ~/.g/go → ~/.g/versions/<version>
            ("g", at("", ".go"), ".versions", "")]  # stefanmaric/g: GOROOT ~/.go, ~/.go/.versions/<version>
