"""Find executables the way the process's PATH does, and recognise version-manager shims."""

from __future__ import annotations

import glob
import os

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


def split_path(path_value: str) -> tuple[str, ...]:
    return tuple(path_value.split(os.pathsep)) if path_value else ()


def is_executable_file(path: str) -> bool:
    try:
        return os.path.isfile(path) and os.access(path, os.X_OK)
    except (OSError, ValueError):
        return False


def real_path(path: str) -> str:
    try:
        return os.path.realpath(path)
    except (OSError, ValueError):
        return path


def find_on_path(name: str, entries: tuple[str, ...], cwd: str) -> list[tuple[int, str]]:
    """Every ``name`` on PATH as (index of the entry, path), in PATH order.

    An empty or relative entry is resolved against ``cwd``, as the shell and exec would do."""
    found = []
    for index, entry in enumerate(entries):
        directory = os.path.join(cwd, entry) if not os.path.isabs(entry) else entry
        candidate = os.path.join(directory, name)
        if is_executable_file(candidate):
            found.append((index, os.path.normpath(candidate)))
    return found


def shim_kind(path: str) -> str | None:
    """The version manager behind ``path`` if it is a launcher script rather than a Go binary."""
    normalized = path.replace(os.sep, "/")
    for marker, kind in _SHIM_MARKERS:
        if marker in normalized:
            return kind
    try:
        with open(path, "rb") as handle:
            head = handle.read(512)
    except OSError:
        return None
    if head.startswith(b"#!"):
        for word in (b"asdf", b"goenv", b"mise", b"gvm"):
            if word in head:
                return word.decode()
        return "script"
    return None


def is_inside(path: str, directory: str | None) -> bool:
    if not directory:
        return False
    try:
        inner, outer = real_path(path), real_path(directory)
        return os.path.commonpath([inner, outer]) == outer
    except (OSError, ValueError):
        return False


def well_known_go_paths(home: str | None) -> list[str]:
    """Where official installers, distributions and version managers put ``go``, that exist."""
    patterns = ["/usr/local/go/bin/go", "/usr/lib/go/bin/go", "/usr/lib/go-*/bin/go", "/opt/homebrew/bin/go",
                "/usr/local/bin/go", "/snap/bin/go", "/opt/go/bin/go"]
    if home:
        patterns += [f"{home}/sdk/go*/bin/go", f"{home}/go/bin/go", f"{home}/.local/go/bin/go"]
    found = []
    for pattern in patterns:
        found += sorted(p for p in glob.glob(pattern) if is_executable_file(p))
    return found
