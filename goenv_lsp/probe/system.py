"""The System seam: the only way goenv-lsp reaches the machine (ShellCheck's SystemInterface).

``RealSystem`` wraps the process runner and the file system; ``goenv_lsp.probe.fake.FakeSystem`` replays a
recorded machine for tests. Everything that reads files, lists directories, stats paths, resolves symlinks
or starts a process — the probe, the language server's commands, the file watcher's targets — goes through
one of these.
"""

from __future__ import annotations

import glob as globbing
import os
import stat as stat_module
import sys
from collections.abc import AsyncIterator, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from goenv_lsp.facts import PathFlavor, PathKind, PathOps, ProbeRun, Status
from goenv_lsp.facts.paths import ops
from goenv_lsp.probe.runner import DEFAULT_TIMEOUT, Runner

if TYPE_CHECKING:
    import asyncio

    from goenv_lsp.parsers.buildinfo import ExecutableInfo

MAX_FILE_BYTES = 4 * 1024 * 1024


@dataclass(frozen=True)
class Stat:
    """What is at a path (symlinks followed), and what identifies its content for caches."""

    kind: PathKind
    executable: bool = False
    mtime_ns: int = 0
    size: int = 0
    inode: int = 0
    mode: int | None = None  # permission bits (0o755); None when unknown (Windows, unreadable)
    writable: bool | None = None  # can this user create files in it (a directory) or write it (a file)

    @property
    def fingerprint(self) -> tuple[int, int, int] | None:
        return None if self.kind in (PathKind.MISSING, PathKind.UNREADABLE) else (self.mtime_ns, self.size,
                                                                                   self.inode)


MISSING = Stat(PathKind.MISSING)


@dataclass(frozen=True)
class Entry:
    """A directory entry: ``kind`` is DIR only for real directories (symlinked ones are not followed)."""

    name: str
    kind: PathKind


@dataclass(frozen=True)
class ReadResult:
    status: Status  # OK, MISSING or UNREADABLE
    data: bytes = b""
    problem: str = ""  # why it is unreadable


# Where installers put Go outside HOME (looked at only when no go is on PATH, to say what to add to it)
WELL_KNOWN_GO = ("/usr/local/go/bin/go", "/usr/lib/go/bin/go", "/usr/lib/go-*/bin/go", "/opt/homebrew/bin/go",
                 "/usr/local/bin/go", "/snap/bin/go", "/opt/go/bin/go")


class System(Protocol):
    os: str  # GOOS of the machine: "linux", "darwin", "windows"
    paths: PathOps
    env: Mapping[str, str]  # the process environment goenv-lsp runs (and probes) with
    well_known_go: tuple[str, ...]  # glob patterns of go installs outside HOME (``WELL_KNOWN_GO``)
    neutral_dir: str  # a directory probes run in that no workspace controls ("/")
    arch: str  # GOARCH of the machine ("arm64" on Apple silicon, also for a process under Rosetta)

    @property
    def home(self) -> str | None: ...

    @property
    def spawned(self) -> int: ...  # processes started so far

    async def run(self, argv: Sequence[str], cwd: str | None = None, *, extra_env: Mapping[str, str] | None = None,
                  timeout: float | None = None, user_command: bool = False, clean_env: bool = False) -> ProbeRun:
        """Run without a shell, with a timeout, under the concurrency cap. Probes always run with
        GOTOOLCHAIN=local; ``user_command`` (a fix the user chose to run) keeps the user's GOTOOLCHAIN;
        ``clean_env``: with ``extra_env`` alone, not the process environment (and GOTOOLCHAIN=local)."""
        ...

    def stat(self, path: str) -> Stat: ...

    def lexists(self, path: str) -> bool: ...

    def read(self, path: str, limit: int = MAX_FILE_BYTES) -> ReadResult: ...

    def read_head(self, path: str, size: int = 512) -> bytes: ...  # b"" when unreadable

    def build_info(self, path: str) -> ExecutableInfo: ...  # the Go build information in the file, never run

    def list(self, path: str) -> tuple[Entry, ...] | None: ...  # None: not a readable directory

    def realpath(self, path: str) -> str: ...

    def readlink(self, path: str) -> str | None: ...  # what a symbolic link holds; None: not a link

    def glob(self, pattern: str) -> list[str]: ...

    def write_text(self, path: str, text: str) -> None: ...  # only for commands the user runs

    def watch(self, directories: list[str], stop: asyncio.Event) -> AsyncIterator[set[str]]: ...
    # paths that changed in these directories (not recursive), until ``stop`` is set; an empty set: watching
    # and nothing changed (the first one says the watches are in place). Raises WatchUnavailable (probe.watch)
    # when nothing here can report changes: ``probe.watch.changes`` then polls through stat.


def home_of(env: Mapping[str, str], os_name: str) -> str | None:
    """os.UserHomeDir as the go command reads it: $HOME, or %USERPROFILE% on Windows."""
    return (env.get("USERPROFILE") if os_name == "windows" else env.get("HOME")) or None


def host_os() -> str:
    if sys.platform == "win32":
        return "windows"
    if sys.platform == "darwin":
        return "darwin"
    return "linux" if sys.platform.startswith("linux") else sys.platform


class RealSystem:
    """This machine. ``env`` defaults to this process's environment."""

    def __init__(self, env: Mapping[str, str] | None = None, timeout: float = DEFAULT_TIMEOUT,
                 max_concurrency: int = 4, well_known_go: tuple[str, ...] = WELL_KNOWN_GO):
        self.well_known_go = well_known_go
        self.os = host_os()
        self.neutral_dir = os.path.abspath(os.sep) if os.name != "nt" else os.environ.get("SYSTEMROOT", "C:\\")
        self.paths = ops(PathFlavor.WINDOWS if os.name == "nt" else PathFlavor.POSIX)
        self.env = dict(os.environ if env is None else env)
        self.runner = Runner(self.env, timeout, max_concurrency)
        self._user_runner = Runner(self.env, timeout, max_concurrency, force_local_toolchain=False)
        from goenv_lsp.probe.machine import host_arch

        self.arch = host_arch()

    @property
    def home(self) -> str | None:
        return home_of(self.env, self.os)

    @property
    def spawned(self) -> int:
        return self.runner.count + self._user_runner.count

    async def run(self, argv: Sequence[str], cwd: str | None = None, *, extra_env: Mapping[str, str] | None = None,
                  timeout: float | None = None, user_command: bool = False, clean_env: bool = False) -> ProbeRun:
        runner = self._user_runner if user_command else self.runner
        return await runner.run(argv, cwd, extra_env=extra_env, timeout=timeout, clean_env=clean_env)

    def stat(self, path: str) -> Stat:
        try:
            st = os.stat(path)
        except (FileNotFoundError, NotADirectoryError):
            return MISSING
        except (OSError, ValueError):
            return Stat(PathKind.UNREADABLE)
        kind = PathKind.DIR if stat_module.S_ISDIR(st.st_mode) else PathKind.FILE
        executable = kind is PathKind.FILE and os.access(path, os.X_OK)
        mode = stat_module.S_IMODE(st.st_mode) if os.name != "nt" else None
        writable = os.access(path, os.W_OK | (os.X_OK if kind is PathKind.DIR else 0))
        return Stat(kind, executable, st.st_mtime_ns, st.st_size, st.st_ino, mode, writable)

    def lexists(self, path: str) -> bool:
        try:
            return os.path.lexists(path)
        except (OSError, ValueError):
            return False

    def read(self, path: str, limit: int = MAX_FILE_BYTES) -> ReadResult:
        # O_NONBLOCK: opening a FIFO must not wait for a writer; only regular files are read
        try:
            fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
            with open(fd, "rb", closefd=True) as handle:
                if not stat_module.S_ISREG(os.fstat(fd).st_mode):
                    return ReadResult(Status.UNREADABLE, problem="not a regular file")
                data = handle.read(limit + 1)
        except (FileNotFoundError, NotADirectoryError):
            return ReadResult(Status.MISSING)
        except IsADirectoryError:
            return ReadResult(Status.UNREADABLE, problem="is a directory")
        except (OSError, ValueError) as exc:
            return ReadResult(Status.UNREADABLE, problem=getattr(exc, "strerror", None) or str(exc))
        if len(data) > limit:
            return ReadResult(Status.UNREADABLE, problem=f"larger than {limit // (1024 * 1024)} MiB")
        return ReadResult(Status.OK, data)

    def read_head(self, path: str, size: int = 512) -> bytes:
        try:
            fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
            with open(fd, "rb", closefd=True) as handle:
                return handle.read(size) if stat_module.S_ISREG(os.fstat(fd).st_mode) else b""
        except (OSError, ValueError):
            return b""

    def build_info(self, path: str) -> ExecutableInfo:
        from goenv_lsp.parsers.buildinfo import read_file_build_info

        return read_file_build_info(path)

    def list(self, path: str) -> tuple[Entry, ...] | None:
        try:
            with os.scandir(path) as entries:
                found = []
                for entry in entries:
                    try:
                        is_dir = entry.is_dir(follow_symlinks=False)
                    except OSError:
                        is_dir = False
                    found.append(Entry(entry.name, PathKind.DIR if is_dir else PathKind.FILE))
                return tuple(found)
        except (OSError, ValueError):
            return None

    def realpath(self, path: str) -> str:
        try:
            return os.path.realpath(path)
        except (OSError, ValueError):
            return path

    def readlink(self, path: str) -> str | None:
        try:
            return os.readlink(path)
        except (OSError, ValueError):
            return None

    def glob(self, pattern: str) -> list[str]:
        return sorted(globbing.glob(pattern))

    def write_text(self, path: str, text: str) -> None:
        with open(path, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)

    def watch(self, directories: list[str], stop: asyncio.Event) -> AsyncIterator[set[str]]:
        from goenv_lsp.probe.watch import watch_real

        return watch_real(directories, stop)
