"""A recorded machine for tests: files, directories, symlinks and executables with canned answers, loaded
from a TOML fixture. It implements the System seam and records every call (``calls``), so a test can see
what goenv-lsp asked of the machine — and that nothing was run that should not be.

Fixture format (every table optional; paths are absolute in the machine's own flavour)::

    os = "linux"                       # or "darwin", "windows"; arch = "amd64"
    [env]                              # the process environment
    HOME = "/home/dev"
    PATH = "/usr/local/go/bin:/usr/bin"
    dirs = ["/home/dev/go"]            # directories that hold nothing else (before the first table)
    [files]                            # path = text, or { text = "…", executable = true }
    "/home/dev/.config/go/env" = "GOTOOLCHAIN=local\\n"
    [symlinks]                         # link = target
    "/usr/bin/go" = "/usr/local/go/bin/go"
    [[go]]                             # a Go installation: bin/go, pkg/tool, VERSION, go.env
    root = "/usr/local/go"
    version = "1.27.3"
    go_env = "GOTOOLCHAIN=auto\\n"      # its $GOROOT/go.env (default: the official distribution's; false: none)
    [[gopls]]                          # a gopls binary, as `go version -m` reads it
    path = "/home/dev/go/bin/gopls"
    built_with = "go1.27.3"
    module_version = "v0.23.0"         # leave out for a build without a `mod` line
    [[executables]]                    # any other program: canned answers by argv[1:]
    path = "/opt/go/bin/go"
    build = "cmd/go"                   # its Go build information names this package (go = "go1.21.0" its Go;
    #                                    goos, goarch its GOOS/GOARCH build settings); without it the file is a
    #                                    script (text "#!…") or a non-Go program
    [[executables.runs]]
    args = ["version"]
    stdout = "…"                       # stderr, exit (0), status ("ok", "timed_out", "crashed"…)
    [permissions]                      # path = { mode = "0777", writable = false } (either key optional)
    "/usr/local/bin" = { mode = "0777" }   # default: 0755 (0644 for files), writable outside /usr, /opt,
    #                                    /bin, /lib, /etc, /snap, C:\\Program Files, C:\\Windows; Windows: no mode
    [passthrough]
    dirs = ["/tmp/workspace"]          # below these, files are read from the real disk
    [login_shell]                      # what the login shell probe's `$SHELL -l -c …` answers ($SHELL is made
    #                                    an executable): the environment it exports, as the real printer sends
    env = { PATH = "/usr/bin:/bin", GOPATH = "/home/dev/gp" }  # leave out: it prints no environment
    stdout = "Welcome!\\n"             # text its startup files print first; stderr, exit (0), status ("ok",
    #                                    "timed_out", "failed" …) as for executables

``[[go]]`` answers ``version``, ``env -json``, ``env NAME…``, ``env -w/-u`` (it edits the GOENV file),
``version -m FILE`` and ``install`` (which fails offline, as here) the way the real go command does,
computing `go env` with cmd/go's precedence (environment > GOENV file > go.env) from the fixture; a leading
``-C DIR`` runs the command in DIR, as go does. goenv-lsp runs only files whose build information says
cmd/go (``build_info``).
"""

from __future__ import annotations

import asyncio
import dataclasses
import fnmatch
import json
from collections.abc import AsyncIterator, Mapping, Sequence
from dataclasses import dataclass, field

from goenv_lsp.facts import PathFlavor, PathKind, ProbeRun, Status
from goenv_lsp.facts.paths import ops
from goenv_lsp.parsers.buildinfo import ExecutableInfo
from goenv_lsp.parsers.goversion import BuildInfo
from goenv_lsp.probe.system import (
    MAX_FILE_BYTES,
    MISSING,
    WELL_KNOWN_GO,
    Entry,
    ReadResult,
    RealSystem,
    Stat,
    home_of,
)

GOPLS_PACKAGE = "golang.org/x/tools/gopls"
OFFICIAL_GO_ENV = ("# This file contains the initial defaults for go command configuration.\n"
                   "GOPROXY=https://proxy.golang.org,direct\nGOSUMDB=sum.golang.org\nGOTOOLCHAIN=auto\n")


@dataclass
class CannedRun:
    args: tuple[str, ...]
    stdout: str = ""
    stderr: str = ""
    exit: int = 0
    status: Status = Status.OK
    writes: dict[str, str] = field(default_factory=dict)


@dataclass
class FakeBuild:
    path: str  # main package: "cmd/go"
    go: str = "go1.27.3"
    module_path: str | None = None
    module_version: str | None = None
    goos: str | None = None  # its GOOS / GOARCH build settings (None: not recorded)
    goarch: str | None = None


@dataclass
class GoInstall:
    root: str
    version: str
    env: dict[str, str] = field(default_factory=dict)  # overrides in its `go env` output


@dataclass
class GoplsBuild:
    path: str
    built_with: str
    module_version: str | None = None


class FakeSystem:
    def __init__(self, os_name: str = "linux", env: Mapping[str, str] | None = None, arch: str = "amd64") -> None:
        self.os = os_name
        self.well_known_go = WELL_KNOWN_GO  # only the fixture's files are there to be found
        self.arch = arch
        self.paths = ops(PathFlavor.WINDOWS if os_name == "windows" else PathFlavor.POSIX)
        self.env: dict[str, str] = dict(env or {})
        self.files: dict[str, bytes] = {}
        self.executable: set[str] = set()
        self.dirs: set[str] = set()
        self.symlinks: dict[str, str] = {}
        self.runs: dict[str, list[CannedRun]] = {}
        self.gos: dict[str, GoInstall] = {}  # by its bin/go path
        self.gopls: dict[str, GoplsBuild] = {}
        self.builds: dict[str, FakeBuild] = {}  # build information of other executables
        self.neutral_dir = "C:\\" if os_name == "windows" else "/"
        self.passthrough: list[str] = []
        self.calls: list[tuple] = []
        self.run_count = 0
        self.clock = 0  # each write advances it: the file's mtime, so fingerprints see the change
        self.mtimes: dict[str, int] = {}
        self.inodes: dict[str, int] = {}
        self.permissions: dict[str, dict] = {}  # by normalised path: {"mode": int, "writable": bool}
        self.login_shell: dict | None = None  # the fixture's [login_shell] table
        self.notifications = True  # False: watching is unavailable (no watchfiles), see ``watch``
        self._real = RealSystem(env={})

    # -- building ------------------------------------------------------------------------------
    @classmethod
    def from_fixture(cls, text: str, substitutions: Mapping[str, str] | None = None) -> FakeSystem:
        """Load a TOML fixture; ``@NAME@`` in it is replaced by ``substitutions[NAME]`` first."""
        try:
            import tomllib
        except ModuleNotFoundError:  # Python 3.10
            import tomli as tomllib
        for name, value in (substitutions or {}).items():
            text = text.replace(f"@{name}@", value.replace("\\", "\\\\"))
        return cls.from_data(tomllib.loads(text))

    @classmethod
    def from_data(cls, data: Mapping) -> FakeSystem:
        """A machine from the parsed fixture (see the module's docstring)."""
        fake = cls(data.get("os", "linux"), data.get("env", {}), data.get("arch", "amd64"))
        for directory in data.get("dirs", ()):
            fake.add_dir(directory)
        for path, spec in data.get("files", {}).items():
            if isinstance(spec, str):
                fake.add_file(path, spec)
            else:
                fake.add_file(path, spec.get("text", ""), executable=bool(spec.get("executable")))
        for link, target in data.get("symlinks", {}).items():
            fake.add_symlink(link, target)
        for go in data.get("go", ()):
            fake.add_go(go["root"], go["version"], env=go.get("env", {}),
                        go_env=None if go.get("go_env") is False else go.get("go_env", OFFICIAL_GO_ENV))
        for gopls in data.get("gopls", ()):
            fake.add_gopls(gopls["path"], gopls["built_with"], gopls.get("module_version"))
        for exe in data.get("executables", ()):
            fake.add_executable(exe["path"], [CannedRun(tuple(r.get("args", ())), r.get("stdout", ""),
                                                        r.get("stderr", ""), int(r.get("exit", 0)),
                                                        Status(r.get("status", "ok")), dict(r.get("writes", {})))
                                              for r in exe.get("runs", ())], text=exe.get("text", "\x7fELF"))
            build = exe.get("build")
            if build is not None:
                spec = {"path": build} if isinstance(build, str) else dict(build)
                fake.builds[fake._norm(exe["path"])] = FakeBuild(
                    spec["path"], spec.get("go", "go1.27.3"), spec.get("module_path"), spec.get("module_version"),
                    spec.get("goos"), spec.get("goarch"))
        for path, spec in data.get("permissions", {}).items():
            fake.set_permissions(path, int(spec["mode"], 8) if "mode" in spec else None, spec.get("writable"))
        fake.passthrough = [fake.paths.normpath(d) for d in data.get("passthrough", {}).get("dirs", ())]
        if "login_shell" in data:
            fake.login_shell = dict(data["login_shell"])
            shell = fake.env.get("SHELL", "")
            if fake.paths.is_abs(shell) and fake._norm(shell) not in fake.files:
                fake.add_file(shell, "\x7fELF shell", executable=True)
        return fake

    @classmethod
    def from_file(cls, path: str, substitutions: Mapping[str, str] | None = None) -> FakeSystem:
        with open(path, encoding="utf-8") as handle:
            return cls.from_fixture(handle.read(), substitutions)

    def _norm(self, path: str) -> str:
        return self.paths.normpath(path)

    def add_dir(self, path: str) -> None:
        path = self._norm(path)
        while path not in self.dirs:
            self.dirs.add(path)
            parent = self.paths.dirname(path)
            if parent == path:
                break
            path = parent

    def add_file(self, path: str, text: str | bytes, executable: bool = False) -> None:
        path = self._norm(path)
        self.add_dir(self.paths.dirname(path))
        self.files[path] = text.encode() if isinstance(text, str) else text
        self.clock += 1
        self.mtimes[path] = self.mtimes[self.paths.dirname(path)] = self.clock
        if executable:
            self.executable.add(path)

    def set_permissions(self, path: str, mode: int | None = None, writable: bool | None = None) -> None:
        entry = self.permissions.setdefault(self._norm(path), {})
        if mode is not None:
            entry["mode"] = mode
        if writable is not None:
            entry["writable"] = writable

    def _permissions(self, real: str, is_dir: bool) -> tuple[int | None, bool]:
        """(mode, writable) of a fixture path: the [permissions] entry, else the defaults (module docstring)."""
        given = self.permissions.get(real, {})
        if self.os == "windows":
            mode = None
            system = ("c:\\program files", "c:\\windows")
        else:
            mode = 0o755 if is_dir or real in self.executable else 0o644
            system = ("/usr", "/opt", "/bin", "/lib", "/etc", "/snap", "/sbin")
        lowered = real.lower() if self.os == "windows" else real
        writable = not any(lowered == p or lowered.startswith(p + self.paths.sep) for p in system)
        return given.get("mode", mode), given.get("writable", writable)

    def add_symlink(self, link: str, target: str) -> None:
        link = self._norm(link)
        self.add_dir(self.paths.dirname(link))
        self.symlinks[link] = target

    def add_executable(self, path: str, runs: list[CannedRun], text: str = "\x7fELF") -> None:
        self.add_file(path, text, executable=True)
        self.runs[self._norm(path)] = runs

    def add_go(self, root: str, version: str, go_env: str | None = OFFICIAL_GO_ENV,
               env: Mapping[str, str] | None = None) -> str:
        exe = self.paths.join(root, "bin", "go.exe" if self.os == "windows" else "go")
        self.add_file(exe, "\x7fELF go", executable=True)
        self.add_dir(self.paths.join(root, "pkg", "tool"))
        self.add_file(self.paths.join(root, "VERSION"), f"go{version}\ntime 2026-01-01T00:00:00Z\n")
        if go_env is not None:
            self.add_file(self.paths.join(root, "go.env"), go_env)
        self.gos[self._norm(exe)] = GoInstall(root, version, dict(env or {}))
        return exe

    def add_gopls(self, path: str, built_with: str, module_version: str | None = None) -> None:
        self.add_file(path, "\x7fELF gopls", executable=True)
        self.gopls[self._norm(path)] = GoplsBuild(path, built_with, module_version)

    # -- the System protocol -------------------------------------------------------------------
    @property
    def home(self) -> str | None:
        return home_of(self.env, self.os)

    @property
    def spawned(self) -> int:
        return self.run_count

    def _real_path(self, path: str) -> bool:
        """Below a passthrough directory and not defined by the fixture itself (the fixture wins)."""
        norm = self._norm(path)
        if norm in self.files or norm in self.symlinks or norm in self.runs:
            return False
        return any(self.paths.inside(norm, d, strict=False) for d in self.passthrough)

    def _resolve(self, path: str, depth: int = 0) -> str | None:
        """Follow symlinks, in the path and in its parent directories; None for a loop."""
        path = self._norm(path)
        if depth > 40:
            return None
        probe = path
        while True:  # the deepest symlinked component first
            if probe in self.symlinks:
                target = self.symlinks[probe]
                if not self.paths.is_abs(target):
                    target = self.paths.join(self.paths.dirname(probe), target)
                rest = self.paths.relative(path, probe)
                return self._resolve(target if rest in (None, ".") else self.paths.join(target, rest), depth + 1)
            parent = self.paths.dirname(probe)
            if parent == probe:
                return path
            probe = parent

    def stat(self, path: str) -> Stat:
        self.calls.append(("stat", path))
        if self._real_path(path) and self._norm(path) not in self.dirs:
            return self._real.stat(path)
        real = self._resolve(path)
        if real is None:
            return Stat(PathKind.UNREADABLE)
        if real in self.files:
            data = self.files[real]
            return Stat(PathKind.FILE, real in self.executable, self.mtimes.get(real, 0), len(data),
                        self._inode(real), *self._permissions(real, is_dir=False))
        if real in self.dirs:
            return Stat(PathKind.DIR, False, self.mtimes.get(real, 0), 0, self._inode(real),
                        *self._permissions(real, is_dir=True))
        return MISSING

    def _inode(self, path: str) -> int:
        return self.inodes.setdefault(path, len(self.inodes) + 1)

    def lexists(self, path: str) -> bool:
        self.calls.append(("lexists", path))
        if self._real_path(path):
            return self._real.lexists(path)
        norm = self._norm(path)
        return norm in self.symlinks or self.stat(path).kind is not PathKind.MISSING

    def read(self, path: str, limit: int = MAX_FILE_BYTES) -> ReadResult:
        self.calls.append(("read", path))
        if self._real_path(path):
            return self._real.read(path, limit)
        real = self._resolve(path)
        if real is None:
            return ReadResult(Status.UNREADABLE, problem="too many levels of symbolic links")
        if real in self.dirs:
            return ReadResult(Status.UNREADABLE, problem="is a directory")
        if real not in self.files:
            return ReadResult(Status.MISSING)
        data = self.files[real]
        if len(data) > limit:
            return ReadResult(Status.UNREADABLE, problem=f"larger than {limit // (1024 * 1024)} MiB")
        return ReadResult(Status.OK, data)

    def read_head(self, path: str, size: int = 512) -> bytes:
        found = self.read(path, limit=1 << 40)
        return found.data[:size] if found.status is Status.OK else b""

    def build_info(self, path: str) -> ExecutableInfo:
        """What a fixture's file holds: a [[go]] install's go is cmd/go, a [[gopls]] is gopls, an
        [[executables]] entry what its ``build`` says; other files are scripts or programs without it."""
        self.calls.append(("build_info", path))
        if self._real_path(path):
            return self._real.build_info(path)
        real = self._resolve(path)
        if real is None or real not in self.files:
            return ExecutableInfo(None, None, "not a regular file")
        if real in self.gos:
            return ExecutableInfo("elf", BuildInfo(f"go{self.gos[real].version}", "cmd/go"))
        if real in self.gopls:
            gopls = self.gopls[real]
            return ExecutableInfo("elf", BuildInfo(gopls.built_with, GOPLS_PACKAGE,
                                                   GOPLS_PACKAGE if gopls.module_version is not None else None,
                                                   gopls.module_version))
        if real in self.builds:
            build = self.builds[real]
            settings = tuple((k, v) for k, v in (("GOARCH", build.goarch), ("GOOS", build.goos)) if v)
            return ExecutableInfo("elf", BuildInfo(build.go, build.path, build.module_path, build.module_version,
                                                   settings))
        data = self.files[real]
        if data.startswith(b"#!"):
            return ExecutableInfo(None, None, f"a script ({data.splitlines()[0][:60].decode('utf-8', 'replace')})")
        if data.startswith(b"\x7fELF"):
            return ExecutableInfo("elf", None, "an ELF executable without Go build information")
        return ExecutableInfo(None, None, "not an executable (no ELF, Mach-O or PE header)")

    def list(self, path: str) -> tuple[Entry, ...] | None:
        self.calls.append(("list", path))
        real_entries = self._real.list(path) if self._real_path(path) else None
        real = self._resolve(path)
        if real is None or real not in self.dirs:
            return real_entries
        names: dict[str, PathKind] = {e.name: e.kind for e in real_entries or ()}
        for candidate in (*self.files, *self.dirs, *self.symlinks):
            if candidate != real and self.paths.dirname(candidate) == real:
                is_dir = candidate in self.dirs and candidate not in self.symlinks
                names[self.paths.basename(candidate)] = PathKind.DIR if is_dir else PathKind.FILE
        return tuple(Entry(name, kind) for name, kind in sorted(names.items()))

    def realpath(self, path: str) -> str:
        self.calls.append(("realpath", path))
        if self._real_path(path):
            return self._real.realpath(path)
        return self._resolve(path) or self._norm(path)

    def readlink(self, path: str) -> str | None:
        """What the link at ``path`` holds (its directories resolved first, as readlink(2) does)."""
        self.calls.append(("readlink", path))
        if self._real_path(path):
            return self._real.readlink(path)
        norm = self._norm(path)
        parent = self._resolve(self.paths.dirname(norm))
        if parent is None:
            return None
        return self.symlinks.get(self.paths.join(parent, self.paths.basename(norm)) if parent != norm else norm)

    def glob(self, pattern: str) -> list[str]:
        """Like glob.glob: a wildcard matches within one path component."""
        self.calls.append(("glob", pattern))
        sep = self.paths.sep
        wanted = self._norm(pattern).split(sep)
        everything = (*self.files, *self.dirs, *self.symlinks)
        return sorted(p for p in everything if len(parts := p.split(sep)) == len(wanted)
                      and all(fnmatch.fnmatchcase(a, b) for a, b in zip(parts, wanted, strict=True)))

    def write_text(self, path: str, text: str) -> None:
        self.calls.append(("write", path))
        if self._real_path(path):
            self._real.write_text(path, text)
        else:
            self.add_file(path, text)

    def watch(self, directories: list[str], stop: asyncio.Event) -> AsyncIterator[set[str]]:
        """Only the real directories below ``[passthrough]`` can change behind goenv-lsp's back. With
        ``notifications`` off the machine is one without watchfiles: the caller polls (System.stat sees the
        fixture's writes too)."""
        from goenv_lsp.probe.watch import WatchUnavailable, watch_real

        if not self.notifications:
            raise WatchUnavailable("the fake machine has no file notifications")
        real = [d for d in directories if self._real_path(d)]
        return watch_real(real, stop) if real else _never(stop)

    async def run(self, argv: Sequence[str], cwd: str | None = None, *, extra_env: Mapping[str, str] | None = None,
                  timeout: float | None = None, user_command: bool = False, clean_env: bool = False) -> ProbeRun:
        argv = tuple(argv)
        self.calls.append(("run", argv, cwd))
        env = dict(extra_env or {}) if clean_env else {**self.env, **(extra_env or {})}
        if not user_command:
            env["GOTOOLCHAIN"] = "local"
        exe = self._resolve(argv[0]) if self.paths.is_abs(argv[0]) else None
        if exe is None or exe not in self.files:
            return ProbeRun(argv, Status.MISSING, stderr=f"fork/exec {argv[0]}: no such file or directory")
        if exe not in self.executable:
            return ProbeRun(argv, Status.NOT_EXECUTABLE, stderr=f"fork/exec {argv[0]}: permission denied")
        self.run_count += 1
        if argv[1:2] == ("-C",) and len(argv) > 3 and exe in self.gos:  # go -C DIR: the command runs in DIR
            directory = argv[2] if self.paths.is_abs(argv[2]) else self.paths.join(cwd or self.neutral_dir, argv[2])
            result = self._answer(exe, (argv[0], *argv[3:]), directory, env)
            return dataclasses.replace(result, argv=argv)
        return self._answer(exe, argv, cwd, env)

    def _answer(self, exe: str, argv: tuple[str, ...], cwd: str | None, env: dict[str, str]) -> ProbeRun:
        shell = self.env.get("SHELL", "")
        if self.login_shell is not None and argv[1:3] == ("-l", "-c") and self.paths.is_abs(shell) \
                and exe == self._resolve(shell):
            return self._login_shell(argv, self.login_shell)
        if exe in self.gos:
            return self._run_go(self.gos[exe], argv, cwd, env)
        for canned in self.runs.get(exe, ()):
            # `env -json NAMES…` takes the answer recorded for the same names, or for `env -json`
            plain = argv[3:] if argv[1:2] == ("-C",) else argv[1:]  # as if run in the -C directory
            if canned.args in (argv[1:], plain) or (canned.args == ("env", "-json") and plain[:2] == canned.args):
                for path, text in canned.writes.items():
                    self.add_file(path, text)
                return ProbeRun(argv, canned.status, canned.exit if canned.status is not Status.TIMED_OUT else None,
                                canned.stdout, canned.stderr)
        return ProbeRun(argv, Status.FAILED, 2, "", f"fake machine: no canned answer for {' '.join(argv)}")

    @staticmethod
    def _login_shell(argv: tuple[str, ...], spec: Mapping) -> ProbeRun:
        from goenv_lsp.probe.login_shell import MARKER

        status = Status(spec.get("status", "ok"))
        stdout = spec.get("stdout", "")
        if "env" in spec and status is Status.OK:
            stdout += f"\0{MARKER}\0" + "".join(f"{k}={v}\0" for k, v in spec["env"].items())
        code = None if status is Status.TIMED_OUT else int(spec.get("exit", 0))
        return ProbeRun(argv, status, code, stdout, spec.get("stderr", ""))

    # -- a go command --------------------------------------------------------------------------
    def _env_file(self, env: Mapping[str, str]) -> str | None:
        """cfg.EnvFile: None for GOENV=off (and `go env GOENV` then prints "")."""
        from goenv_lsp.files.goenv_file import default_path

        path = default_path(env, self.os, home_of(env, self.os))
        return None if path in (None, "off") else path

    def _file_entries(self, path: str | None) -> dict[str, str]:
        found = self.read(path) if path else None
        if found is None or found.status is not Status.OK:
            return {}
        from goenv_lsp.files.goenv_file import parse_entries

        return {e.key: e.value for e in parse_entries(found.data.decode("utf-8", "replace"))}

    def go_env(self, go: GoInstall, env: Mapping[str, str], cwd: str | None) -> tuple[dict[str, str], str | None, int]:
        """`go env -json` of this install, or (partial, the error every command stops with, its exit code)."""
        from goenv_lsp.semantics.modules import ModuleSettings, go_env_values

        user = self._file_entries(self._env_file(env))
        root = env.get("GOROOT") or user.get("GOROOT") or go.root
        defaults = {k: v for k, v in self._file_entries(self.paths.join(root, "go.env")).items() if k != "GOROOT"}

        def get(key: str, default: str = "") -> str:
            """cfg.Getenv: a non-empty environment variable, else the GOENV file's line (even empty), else
            go.env's; empty: the command's own default."""
            value = env[key] if env.get(key) else user[key] if key in user else defaults.get(key, "")
            return value or default

        home = home_of(env, self.os) or ""
        inferred = not get("GOPATH")
        gopath = get("GOPATH", self.paths.join(home, "go") if home else "")
        paths_ = self.paths
        entries = [e for e in gopath.split(paths_.list_separator) if e] if gopath else []
        for entry in entries:  # cmd/go/main.go
            if entry.startswith("~"):
                return {}, f"go: GOPATH entry cannot start with shell metacharacter '~': {json.dumps(entry)}", 2
            if not paths_.is_abs(entry):
                if inferred:  # "we inferred $GOPATH from $HOME and did a bad job at it": uninfer it
                    gopath, entries = "", []
                    break
                return {}, (f"go: GOPATH entry is relative; must be absolute path: {json.dumps(entry)}.\n"
                            "For more details see: 'go help gopath'"), 2
        first = entries[0] if entries else ""
        envfile = self._env_file(env)
        values = {
            "AR": "ar", "CC": get("CC", self._default_cc()), "CXX": get("CXX", self._default_cc("clang++", "g++")),
            "CGO_ENABLED": get("CGO_ENABLED", self._default_cgo(env, get, go.env.get("GOHOSTARCH", self.arch))),
            "GCCGO": "gccgo", "GO111MODULE": get("GO111MODULE"),
            "GOARCH": get("GOARCH", go.env.get("GOHOSTARCH", self.arch)), "GOBIN": get("GOBIN"),
            "GOCACHE": get("GOCACHE", self.paths.join(home, ".cache", "go-build")),
            "GOENV": envfile or "", "GOEXE": ".exe" if self.os == "windows" else "",
            "GOEXPERIMENT": get("GOEXPERIMENT"), "GOFLAGS": get("GOFLAGS"), "GOHOSTARCH": self.arch,
            "GOHOSTOS": self.os, "GOINSECURE": get("GOINSECURE"),
            "GOMODCACHE": get("GOMODCACHE", self.paths.join(first, "pkg", "mod") if first else ""),
            "GONOPROXY": get("GONOPROXY", get("GOPRIVATE")), "GONOSUMDB": get("GONOSUMDB", get("GOPRIVATE")),
            "GOOS": get("GOOS", self.os), "GOPATH": gopath, "GOPRIVATE": get("GOPRIVATE"),
            "GOPROXY": get("GOPROXY"), "GOROOT": root, "GOSUMDB": get("GOSUMDB"), "GOTMPDIR": get("GOTMPDIR"),
            "GOTOOLCHAIN": get("GOTOOLCHAIN"), "GOTOOLDIR": self.paths.join(root, "pkg", "tool",
                                                                               f"{self.os}_{self.arch}"),
            "GOVCS": get("GOVCS"), "GOVERSION": f"go{go.version}", "GODEBUG": env.get("GODEBUG", ""),
        }
        values.update(go.env)
        if self.stat(root).kind is not PathKind.DIR:
            return values, f"go: cannot find GOROOT directory: {root}", 2
        gowork = get("GOWORK")
        if gowork not in ("", "auto", "off") and not self.paths.is_abs(gowork):
            return values, "go: invalid GOWORK: not an absolute path", 1
        settings = ModuleSettings(gowork, values["GO111MODULE"], root, env.get("TMPDIR") or "/tmp")

        def is_file(path: str) -> bool:
            return self.stat(path).kind is PathKind.FILE

        values["GOMOD"], values["GOWORK"] = go_env_values(cwd or "/", settings, is_file, self.paths)
        return values, None, 0

    def _default_cc(self, clang: str = "clang", gcc: str = "gcc") -> str:
        return clang if self.os in ("darwin", "freebsd", "openbsd") else gcc  # cfg.DefaultCC, DefaultCXX

    def _default_cgo(self, env: Mapping[str, str], get, go_arch: str) -> str:
        """cmd/go cfg defaultContext: off when cross-compiling; since Go 1.20 also when CC is not set in the
        OS environment and the default C compiler (clang on darwin/freebsd/openbsd, else gcc) is not on PATH."""
        if get("GOOS", self.os) != self.os or get("GOARCH", go_arch) != go_arch:
            return "0"
        if env.get("CC"):
            return "1"
        cc = self._default_cc()
        entries = tuple(e for e in self.paths.split_list(env.get("PATH", "")) if self.paths.is_abs(e))
        from goenv_lsp.probe.binaries import find_on_path

        return "1" if find_on_path(self, cc, entries, self.neutral_dir) else "0"

    def _run_go(self, go: GoInstall, argv: tuple[str, ...], cwd: str | None, env: dict[str, str]) -> ProbeRun:
        args = argv[1:]
        values, error, code = self.go_env(go, env, cwd)

        def ok(stdout: str, stderr: str = "") -> ProbeRun:
            return ProbeRun(argv, Status.OK, 0, stdout, stderr)

        def fail(stderr: str, code: int = 1) -> ProbeRun:
            return ProbeRun(argv, Status.FAILED, code, "", stderr.rstrip("\n") + "\n")

        if error:
            return fail(error, code)
        if args == ("version",):
            return ok(f"go version go{go.version} {self.os}/{self.arch}\n")
        if args[:2] == ("version", "-m") and len(args) == 3:
            return self._build_info(argv, args[2])
        if args[:2] == ("env", "-json"):
            names = args[2:]
            shown = {k: values.get(k, "") for k in names} if names else values
            return ok(json.dumps(dict(sorted(shown.items())), indent="\t") + "\n")
        if args[:1] == ("env",) and args[1:2] in (("-w",), ("-u",)):
            error = self._env_write(args[1], args[2:], env)
            return fail(error) if error else ok("", self._override_warnings(args[1], args[2:], env))
        if args[:1] == ("env",) and args[1:]:
            return ok("".join(f"{values.get(name, '')}\n" for name in args[1:]))
        if args[:1] == ("install",):
            target = args[-1] if len(args) > 1 else ""
            if values.get("GOPROXY") == "off":
                return fail(f"go: {target}: module lookup disabled by GOPROXY=off")
            module = target.split("@", 1)[0]
            return fail(f'go: {target}: Get "https://proxy.golang.org/{module}/@v/list": dial tcp: lookup '
                        "proxy.golang.org: no such host")
        return fail(f"go {' '.join(args)}: unknown command\nRun 'go help' for usage.", 2)

    def _build_info(self, argv: tuple[str, ...], target: str) -> ProbeRun:
        real = self._resolve(target)
        if real is None or real not in self.files:
            return ProbeRun(argv, Status.FAILED, 1, "", f"stat {target}: no such file or directory\n")
        build = self.gopls.get(real)
        if build is None:
            binary = self.files[real].startswith((b"\x7fELF", b"MZ", b"\xcf\xfa\xed\xfe"))
            why = "not a Go executable" if binary else "unrecognized file format"
            return ProbeRun(argv, Status.FAILED, 1, "",
                            f"{target}: could not read Go build info from {target}: {why}\n")
        lines = [f"{target}: {build.built_with}", "\tpath\tgolang.org/x/tools/gopls"]
        if build.module_version is not None:
            lines.append(f"\tmod\tgolang.org/x/tools/gopls\t{build.module_version}\t")
        lines += ["\tbuild\t-compiler=gc", f"\tbuild\tGOOS={self.os}", f"\tbuild\tGOARCH={self.arch}"]
        return ProbeRun(argv, Status.OK, 0, "\n".join(lines) + "\n", "")

    def _env_write(self, flag: str, args: tuple[str, ...], env: Mapping[str, str]) -> str | None:
        """`go env -w K=V …` / `go env -u K …` as cmd/go does them (runEnvW, runEnvU, checkEnvWrite,
        updateEnvFile); the error text, or None."""
        path = self._env_file(env)
        if not args:
            return "go: no KEY=VALUE arguments given" if flag == "-w" else "go: 'go env -u' requires an argument"
        current = self.read(path) if path else None
        lines = _split_lines(current.data.decode("utf-8", "replace")) if current and current.status is Status.OK \
            else []
        known = {_line_key(line) for line in lines} - {""}
        add: dict[str, str] = {}
        remove: set[str] = set()
        for arg in args:
            key, found, value = arg.partition("=") if flag == "-w" else (arg, True, "")
            if not found:
                return f"go: arguments must be KEY=VALUE: invalid argument: {arg}"
            problem = _check_env_write(key, value, known, self.paths)
            if problem:
                return f"go: {problem}"
            if flag == "-w":
                if key in add:
                    return f"go: multiple values for key: {key}"
                add[key] = value
            else:
                remove.add(key)
        if path is None:
            return "go: cannot find go env config: GOENV=off"
        if flag == "-u" and (current is None or current.status is not Status.OK):
            return f"go: reading go env config: open {path}: no such file or directory"
        last: dict[str, int] = {}
        for number, line in enumerate(lines):  # all but the last copy of a duplicated key go
            key = _line_key(line)
            if key:
                if key in last:
                    lines[last[key]] = ""
                last[key] = number
        for key in list(add):
            if key in last:
                lines[last[key]] = f"{key}={add.pop(key)}\n"
        lines += [f"{key}={value}\n" for key, value in add.items()]
        for key in remove:
            if key in last:
                lines[last[key]] = ""
        start = 0
        for i in range(len(lines) + 1):  # sort each run of KEY=VALUE lines by key
            if i == len(lines) or not _line_key(lines[i]):
                lines[start:i] = sorted(lines[start:i], key=_line_key)
                start = i + 1
        text = "".join(lines)
        if self._real_path(path):
            import os

            os.makedirs(self.paths.dirname(path), exist_ok=True)
            self._real.write_text(path, text)
        else:
            self.add_file(path, text)
        return None

    def _override_warnings(self, flag: str, args: tuple[str, ...], env: Mapping[str, str]) -> str:
        if flag != "-w":
            return ""
        warnings = []
        for arg in args:
            key, _, value = arg.partition("=")
            if env.get(key) and env[key] != value:
                warnings.append(f"warning: go env -w {key}=... does not override conflicting OS environment "
                                "variable\n")
        return "".join(warnings)

    def with_env(self, **changes: str | None) -> FakeSystem:
        """A copy with environment variables changed (None removes one) and no calls recorded."""
        clone = FakeSystem.__new__(FakeSystem)
        clone.__dict__.update({k: (v.copy() if isinstance(v, dict | set | list) else v)
                               for k, v in self.__dict__.items()})
        clone.calls = []
        for key, value in changes.items():
            if value is None:
                clone.env.pop(key, None)
            else:
                clone.env[key] = value
        return clone


async def _never(stop: asyncio.Event) -> AsyncIterator[set[str]]:
    yield set()  # watching (nothing can change)
    await stop.wait()


# the variables cmd/go knows (internal/cfg KnownEnv, Go 1.27)
KNOWN_ENV = frozenset((
    "AR", "CC", "CGO_CFLAGS", "CGO_CFLAGS_ALLOW", "CGO_CFLAGS_DISALLOW", "CGO_CPPFLAGS", "CGO_CPPFLAGS_ALLOW",
    "CGO_CPPFLAGS_DISALLOW", "CGO_CXXFLAGS", "CGO_CXXFLAGS_ALLOW", "CGO_CXXFLAGS_DISALLOW", "CGO_ENABLED",
    "CGO_FFLAGS", "CGO_FFLAGS_ALLOW", "CGO_FFLAGS_DISALLOW", "CGO_LDFLAGS", "CGO_LDFLAGS_ALLOW",
    "CGO_LDFLAGS_DISALLOW", "CXX", "FC", "GCCGO", "GO111MODULE", "GO386", "GOAMD64", "GOARCH", "GOARM", "GOARM64",
    "GOAUTH", "GOBIN", "GOCACHE", "GOCACHEPROG", "GOENV", "GOEXE", "GOEXPERIMENT", "GOFIPS140", "GOFLAGS",
    "GOGCCFLAGS", "GOHOSTARCH", "GOHOSTOS", "GOINSECURE", "GOMIPS", "GOMIPS64", "GOMODCACHE", "GONOPROXY",
    "GONOSUMDB", "GOOS", "GOPATH", "GOPPC64", "GOPRIVATE", "GOPROXY", "GORISCV64", "GOROOT", "GOSUMDB", "GOTMPDIR",
    "GOTOOLCHAIN", "GOTOOLDIR", "GOVCS", "GOWASM", "GOWORK", "GO_EXTLINK_ENABLED", "PKG_CONFIG",
))
_READ_ONLY = ("GOEXE", "GOGCCFLAGS", "GOHOSTARCH", "GOHOSTOS", "GOMOD", "GOROOT", "GOTELEMETRY", "GOTELEMETRYDIR",
              "GOTOOLDIR", "GOVERSION", "GOWORK")


def _split_lines(text: str) -> list[str]:
    """readEnvFileLines: lines with their newline; a last line without one gets it."""
    lines = text.splitlines(keepends=True) if text else []
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    return lines


def _line_key(line: str) -> str:
    """lineToKey: before the first "=", unless that holds a "#"."""
    key, found, _ = line.partition("=")
    return key if found and "#" not in key else ""


def _check_env_write(key: str, value: str, known: set[str], paths) -> str | None:
    """checkEnvWrite, for the checks a fixture can meet."""
    if key in _READ_ONLY:
        return f"{key} cannot be modified"
    if key in ("GOENV", "GODEBUG"):
        return f"{key} can only be set using the OS environment"
    if key not in KNOWN_ENV and key not in known:
        return f"unknown go command variable {key}"
    if key == "GO111MODULE" and value not in ("", "auto", "on", "off"):
        return f"invalid {key} value {json.dumps(value)}"
    if key == "GOPATH":
        if value.startswith("~"):
            return f"GOPATH entry cannot start with shell metacharacter '~': {json.dumps(value)}"
        if value and not paths.is_abs(value):
            return f"GOPATH entry is relative; must be absolute path: {json.dumps(value)}"
    if key == "GOMODCACHE" and value and not paths.is_abs(value):
        return f"GOMODCACHE entry is relative; must be absolute path: {json.dumps(value)}"
    if any(c in value for c in "\v\r\n"):
        return f"invalid newline in {key}=... value"
    return None
