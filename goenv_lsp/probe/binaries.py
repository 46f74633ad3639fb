"""Find executables the way the process's PATH does, and recognise version-manager shims."""

from __future__ import annotations

from goenv_lsp.facts import PathKind
from goenv_lsp.probe.system import System

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
