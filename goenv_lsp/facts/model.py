"""The frozen, JSON-serialisable snapshot that rules read. Only an input (the live probe, a saved
snapshot, pasted report text) builds it.

``None`` always means *unknown* (not collected, e.g. facts rebuilt from a pasted bug report);
a known absence is explicit (``Status.MISSING``, an empty tuple, a file kind listed in ``kinds``
without a file). Rules whose inputs are unknown yield nothing.

Facts are deep-frozen (mappings are ``FrozenMap``) and host-independent: they record the OS and path
flavour they came from, and rules take path operations from ``facts.paths``.
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TypeVar

from goenv_lsp.facts.enums import Origin, PathFlavor, PathKind, Provenance, Refusal, Status
from goenv_lsp.facts.paths import PathOps, ops
from goenv_lsp.frozen import FrozenMap, freeze
from goenv_lsp.model import WHOLE_FILE_START, Range

T = TypeVar("T")

SCHEMA_VERSION = 2


@dataclass(frozen=True)
class ProbeRun:
    """One subprocess the probe layer ran."""

    argv: tuple[str, ...]
    status: Status
    exit_code: int | None = None
    stdout: str = ""
    stderr: str = ""
    duration_ms: float = 0.0


@dataclass(frozen=True)
class Spanned:
    """A value read from a file, with the range it occupies there (for a quoted value: the quotes too)."""

    value: str
    range: Range


@dataclass(frozen=True)
class FileProblem:
    """Why a file could not be read or parsed: the message alone; writers add the file and position."""

    message: str
    range: Range | None = None


@dataclass(frozen=True)
class FileFacts:
    """What one file holds, as its kind (``goenv_lsp.files``) parses it. Each kind subclasses this."""

    path: str
    kind: str
    status: Status = Status.OK
    problems: tuple[FileProblem, ...] = ()

    @classmethod
    def decode_type(cls, data: object) -> type:
        """The subclass that rebuilds ``data`` (serde): chosen by the kind it names."""
        from goenv_lsp.files import facts_type

        return facts_type(data.get("kind") if isinstance(data, dict) else None) or cls


@dataclass(frozen=True)
class GoPin:
    """A Go version a file other than go.mod selects (a Dockerfile's ``FROM golang:1.22-alpine``, setup-go's
    ``go-version``, ``.tool-versions``): ``version`` is that version without a ``go`` prefix (``1.22``,
    ``1.22.3``, ``1.23rc1``), ``text`` the version as written and ``range`` where it is, so that replacing
    ``range`` aligns the file (``golang:1.22-alpine`` → the ``1.22`` alone). Two-part versions (``1.22``)
    select the newest release of that line, as image tags and setup-go do."""

    version: str
    text: str
    range: Range
    label: str  # how messages name the pin: "FROM golang:1.22-alpine", "setup-go go-version"
    local: bool = False  # that Go never switches toolchains (official golang images set GOTOOLCHAIN=local)
    module_dir: str | None = None  # the module it builds when the file says (setup-go go-version-file, a
    #                                working-directory); None: the module the file sits in
    editable: bool = True  # replacing ``text`` with another version aligns it (False: e.g. an SDK path)


@dataclass(frozen=True)
class PinsGo:
    """Mixed into the facts of a file kind whose files select a Go version (GE801 compares them with go.mod)."""

    go_pins: tuple[GoPin, ...] = ()


@dataclass(frozen=True)
class RunsCommands:
    """Mixed into the facts of a file kind that holds shell commands a build runs (a Dockerfile's RUN, a CI
    step's ``run:``/``script:``, a Makefile recipe, ``//go:generate``): each piece is command text exactly as the
    file has it on one line (``Spanned.range`` is on that line), so a rule can point at a word in it."""

    commands: tuple[Spanned, ...] = ()


@dataclass(frozen=True)
class LinkHop:
    """One symbolic link on the way from a command's path to the file that runs: ``link`` (the path itself or
    one of its directories) holds ``target``, so the path goes on as ``leads_to`` (absolute, the rest of the
    path appended); ``exists`` is False when nothing is there (a dangling link)."""

    link: str
    target: str  # as the link holds it (maybe relative)
    leads_to: str
    exists: bool = True


@dataclass(frozen=True)
class GoGenerateFile(RunsCommands, FileFacts):
    """A workspace .go file's ``//go:generate`` directives (``probe.generate``): each command is the text after
    ``//go:generate``, its range on that line. Go sources are not a parsed kind; only these lines are read."""
    kind: str = "go"
    @classmethod
    def decode_type(cls, data: object) -> type:
        return cls


@dataclass(frozen=True)
class GoBinary:
    """One ``go`` executable: where it was found, what it says, what its tree holds."""

    path: str  # as found (PATH entry + "go", or a configured path)
    real_path: str  # symlinks resolved
    origins: tuple[Origin, ...]
    path_index: int | None = None  # index of its directory in PATH, if found there
    shim: str | None = None  # "asdf", "goenv", "mise", "gvm", "script": a version manager's launcher
    in_workspace: bool = False
    status: Status | None = Status.OK  # MISSING / NOT_EXECUTABLE / SKIPPED / the worst probe status; None: not
    #                                    probed yet (the language server probes it in the background)
    version: str | None = None  # runtime version, e.g. "go1.22.10"
    version_run: ProbeRun | None = None
    env: FrozenMap[str, str] | None = None  # `go env -json` as run with GOTOOLCHAIN=local
    env_run: ProbeRun | None = None
    own_root: str | None = None  # the GOROOT the binary finds by itself (exe/../.. holding pkg/tool)
    own_root_version: str | None = None  # first line of <own_root>/VERSION
    refused: Refusal | None = None  # why it was not run (status SKIPPED)
    refused_detail: str = ""  # what its file is, e.g. "an ELF executable without Go build information"
    links: tuple[LinkHop, ...] | None = None  # the symbolic links from ``path`` to ``real_path``, in order

    def __post_init__(self) -> None:
        _freeze_fields(self, "env")
        object.__setattr__(self, "origins", tuple(Origin(o) for o in self.origins))

    @property
    def goroot(self) -> str | None:
        return (self.env or {}).get("GOROOT") or None


@dataclass(frozen=True)
class GoplsBinary:
    path: str
    real_path: str
    origins: tuple[Origin, ...]
    status: Status | None = Status.OK
    built_with: str | None = None  # the Go that built it, e.g. "go1.19.5"
    module_path: str | None = None  # e.g. "golang.org/x/tools/gopls"
    module_version: str | None = None  # "v0.16.1", "(devel)", "" or None when no mod line
    run: ProbeRun | None = None  # facts of older versions: `go version -m` (now read from the file itself)
    problem: str = ""  # why its build information could not be read (status MALFORMED)

    def __post_init__(self) -> None:
        object.__setattr__(self, "origins", tuple(Origin(o) for o in self.origins))


@dataclass(frozen=True)
class ManagerHome:
    """A version manager that manages Go on this machine: its directory, where it keeps one directory per
    installed Go (``versions``: their names), and its shims directory (asdf, goenv, mise)."""

    name: str  # "asdf", "goenv", "mise", "gvm", "g"
    root: str
    installs: str
    versions: tuple[str, ...] = ()
    shims: str | None = None


@dataclass(frozen=True)
class PathInfo:
    """What is at a path some setting names (GOROOT, GOPATH entries, editor SDKs)."""

    kind: PathKind
    go_tree: bool = False  # a directory holding pkg/tool (how cmd/go recognises a GOROOT)
    version: str | None = None  # first line of its VERSION file
    real_path: str | None = None  # symlinks resolved
    listable: bool = True  # a directory whose entries can be read (not chmod 000 to this user)
    mode: int | None = None  # permission bits, e.g. 0o755 (None: unknown, or Windows)
    writable: bool | None = None  # this user can create files in it (a directory) / write it (a file)

    def __post_init__(self) -> None:
        object.__setattr__(self, "kind", PathKind(self.kind))


@dataclass(frozen=True)
class Module:
    """A main module found in the workspace, with the files the go command uses there."""

    dir: str
    go_mod: str  # its go.mod (a key of ``Facts.files``)
    go_work: str | None = None  # the go.work the go command uses there (workspace mode); None: no go.work
    #                             was found, or GOWORK=off


@dataclass(frozen=True)
class Discovery:
    """How the workspace tree was searched for the files of each kind."""

    directories: int = 0  # directories read
    truncated: str | None = None  # the cap that stopped the search early ("found 2000 modules (max-modules)"),
    #                               None when it was complete


@dataclass(frozen=True)
class Facts:
    schema: int = SCHEMA_VERSION
    provenance: Provenance = Provenance.PROBED
    stale: bool = False  # some results predate the latest change; a probe that refreshes them is under way
    root: str | None = None  # the workspace directory that was checked
    home: str | None = None
    os: str | None = None  # GOOS of the machine the facts came from: "linux", "darwin", "windows"
    path_flavor: PathFlavor | None = None  # how its paths are spelled (derived from ``os`` when None)
    env: FrozenMap[str, str] | None = None  # the process environment, reduced to Go-relevant variables
    path_entries: tuple[str, ...] | None = None
    go_binaries: tuple[GoBinary, ...] | None = None
    gopls: tuple[GoplsBinary, ...] | None = None
    files: FrozenMap[str, FileFacts] | None = None  # every file read, by absolute path
    kinds: tuple[str, ...] | None = None  # the file kinds looked for: one listed without a file = none exists
    modules: tuple[Module, ...] | None = None
    discovery: Discovery | None = None
    user_settings: FrozenMap[str, object] | None = None  # the editor's user-level settings (no file of ours)
    path_info: FrozenMap[str, PathInfo] | None = None  # keyed by the path as written (after ~ expansion)
    toolchains: FrozenMap[str, str] | None = None  # "go1.27.3" → where it is (a binary on PATH, a cache dir)
    module_cache: FrozenMap[str, ModuleRequirements] | None = None  # by go.mod path: its requirements as the
    #                                                                  module cache holds them (probe.modcache)
    arch: str | None = None  # GOARCH of the machine itself ("arm64" on Apple silicon, even under Rosetta)
    go_bin_dirs: tuple[GoBinDir, ...] | None = None  # where `go install` puts programs, and what is there
    path_dir_info: FrozenMap[str, PathInfo] | None = None  # each absolute PATH entry, keyed as written
    path_commands: FrozenMap[str, str] | None = None  # a command name → real path of what PATH runs ("": none)
    cgo_files: tuple[str, ...] | None = None  # workspace .go files importing "C" (looked for only when cgo is off)
    login_profile: LoginProfile | None = None  # the shell startup file a PATH line belongs in (not on Windows)
    version_managers: tuple[ManagerHome, ...] | None = None  # version managers holding Go installs (home-files)
    login_env: LoginEnvironment | None = None  # what the user's login shell exports (probe.login_shell)
    go_generate: tuple[GoGenerateFile, ...] | None = None  # workspace .go files with //go:generate lines
    generators: tuple[GoTool, ...] | None = None  # the code generators the workspace runs, as PATH finds them
    #                                              (probe.generate; their names are in ``path_commands``)

    def __post_init__(self) -> None:
        _freeze_fields(self, "env", "files", "user_settings", "path_info", "toolchains", "module_cache",
                       "path_dir_info", "path_commands")

    @property
    def paths(self) -> PathOps:
        """Path operations of the machine the facts came from."""
        flavor = self.path_flavor or (PathFlavor.WINDOWS if self.os == "windows" else PathFlavor.POSIX)
        return ops(flavor)

    def file(self, path: str | None) -> FileFacts | None:
        return (self.files or {}).get(path) if path else None

    @functools.cached_property
    def _by_kind(self) -> dict[str, tuple[FileFacts, ...]]:
        """Files by kind, sorted by path (an index: facts are immutable, so it is built once, when needed)."""
        grouped: dict[str, list[FileFacts]] = {}
        for file in (self.files or {}).values():
            grouped.setdefault(file.kind, []).append(file)
        return {kind: tuple(sorted(files, key=lambda f: f.path)) for kind, files in grouped.items()}

    @functools.cached_property
    def _derived(self) -> dict[object, object]:
        return {}

    def memo(self, key: object, compute: Callable[[], T]) -> T:
        """``compute()`` once per facts: what semantics derive from them (scopes, the toolchain decision of a
        file) is asked for by many rules, and facts are immutable."""
        derived = self._derived
        if key not in derived:
            derived[key] = compute()
        return derived[key]  # type: ignore[return-value]

    @functools.cached_property
    def _module_dirs(self) -> dict[str, Module]:
        ops = self.paths
        return {ops.key(m.dir): m for m in self.modules or ()}

    def files_of(self, kind: str) -> tuple[FileFacts, ...] | None:
        """Every file of ``kind``, by path; None when that kind was not looked for (unknown)."""
        found = self._by_kind.get(kind, ())
        if not found and (self.kinds is None or kind not in self.kinds):
            return None
        return found

    def with_files(self, changed: Mapping[str, FileFacts | None]) -> Facts:
        """These files replaced (None: removed)."""
        files = dict(self.files or {})
        for path, file in changed.items():
            if file is None:
                files.pop(path, None)
            else:
                files[path] = file
        return dataclasses.replace(self, files=FrozenMap(files))

    def module_for(self, path: str) -> Module | None:
        """The module a file or directory belongs to: the nearest module directory at or above it."""
        ops, dirs = self.paths, self._module_dirs
        if not dirs:
            return None
        current = ops.normpath(path)
        while True:
            found = dirs.get(ops.key(current))
            if found is not None:
                return found
            parent = ops.dirname(current)
            if parent == current:
                return None
            current = parent

    def same_dir(self, a: str | None, b: str | None) -> bool:
        """Do two directory paths name the same place (by the probe's resolved paths when known)?"""
        if not a or not b:
            return False

        def resolved(path: str) -> str:
            info = (self.path_info or {}).get(path)
            return info.real_path if info and info.real_path else path

        return self.paths.same(resolved(a), resolved(b))


@dataclass(frozen=True)
class CachedVersion:
    """One version of a module in ``$GOMODCACHE/cache/download/<escaped path>/@v/``, read from its .mod file."""

    version: str
    go: str | None = None  # its go line ("" when it has none; None: unknown)
    toolchain: str | None = None  # its toolchain line ("" when none)
    go_mod_sum: str | None = None  # "h1:…" of the .mod file, as go.sum records it ("<path> <version>/go.mod")
    zip_sum: str | None = None  # "h1:…" of the module zip (its .ziphash), None when not cached


@dataclass(frozen=True)
class CachedRequirement:
    """A require line of a go.mod, and what the module cache holds of the version the build uses."""

    path: str
    version: str
    range: Range  # the version on the require line
    indirect: bool = False  # marked `// indirect`
    replacement: str | None = None  # the replace target: "other/path", or a directory (then nothing is cached)
    replacement_version: str | None = None  # the version of a module replacement
    local: bool = False  # replaced by a directory
    cached: CachedVersion | None = None  # the .mod of the version used (the replacement's when replaced)
    status: Status | None = None  # OK: its .mod is cached; MISSING: not cached; None: not looked at
    source_cached: bool | None = None  # its extracted directory or .zip is in the cache
    older: tuple[CachedVersion, ...] | None = None  # cached versions below ``version``, newest first, as far
    #                                                 as one fits the Go limits (read only when this one does not)


@dataclass(frozen=True)
class ModuleRequirements:
    """The requirements of one go.mod, looked up in the module cache without network or process."""

    go_mod: str  # the go.mod path (a key of ``Facts.files``)
    cache: str  # GOMODCACHE of the go that runs
    requirements: tuple[CachedRequirement, ...] = ()
    truncated: bool = False  # more require lines than the probe reads
    vendor: bool | None = None  # vendor/modules.txt exists next to go.mod
    go_sum: str | None = None  # the go.sum next to go.mod, when it exists
    go_line: str | None = None  # the go.mod's go line when it was looked up ("" none): what ``older`` fits


def _freeze_fields(instance: object, *names: str) -> None:
    for name in names:
        value = getattr(instance, name)
        if value is not None and not isinstance(value, FrozenMap):
            object.__setattr__(instance, name, freeze(value))


@dataclass(frozen=True)
class GoTool:
    """A program in a Go bin directory, as its Go build information describes it (read, never run)."""

    name: str  # the command name ("stringer"; "stringer" for stringer.exe too)
    path: str
    real_path: str
    package: str | None = None  # main package path, e.g. "golang.org/x/tools/cmd/stringer"; None: not a Go program
    module_version: str | None = None  # "v0.20.0", "(devel)"; None without a mod line
    go_version: str | None = None  # the Go that built it
    goos: str | None = None  # its GOOS / GOARCH build settings (None: not recorded)
    goarch: str | None = None


@dataclass(frozen=True)
class GoBinDir:
    """A directory `go install` writes programs to: GOBIN, else the first GOPATH entry's bin."""

    path: str
    setting: str  # "GOBIN" or "GOPATH": the variable it follows from
    kind: PathKind
    tools: tuple[GoTool, ...] = ()
    more: int = 0  # entries left unexamined (the listing is capped)

    def __post_init__(self) -> None:
        object.__setattr__(self, "kind", PathKind(self.kind))


@dataclass(frozen=True)
class LoginEnvironment:
    """What the user's login shell ($SHELL) gives the programs it starts: run once as ``$SHELL -l -c`` from the
    home directory with a fresh login's variables (``start_env``), never interactive (probe.login_shell).
    Only PATH and the Go variables (GO*, CGO_*) are kept, redacted; no other variable is ever stored."""

    shell: str  # the shell's path, as $SHELL names it
    status: Status  # OK; FAILED (exit status, or no environment printed), TIMED_OUT, CRASHED, MISSING,
    #                 NOT_EXECUTABLE; SKIPPED: a shell goenv-lsp does not know (``problem`` says which)
    env: FrozenMap[str, str] | None = None  # PATH and the Go variables it exports (None: not read)
    start_env: FrozenMap[str, str] | None = None  # the variables it was started with (PATH, HOME …; no secrets)
    problem: str = ""  # why it could not be read: "did not finish and was killed …", "failed with exit status 1: …"
    #                    (redacted); for SKIPPED a sentence of its own
    noise: bool = False  # it printed other text too (a greeting, warnings on stderr)

    def __post_init__(self) -> None:
        object.__setattr__(self, "status", Status(self.status))
        _freeze_fields(self, "env", "start_env")


@dataclass(frozen=True)
class LoginProfile:
    """The file the user's login shell reads at startup (~/.profile, ~/.bash_profile, ~/.zprofile): where a
    PATH line belongs. Only its lines that mention PATH are kept, redacted."""

    path: str
    exists: bool
    end: Range = WHOLE_FILE_START  # the end of the file: where an appended line goes
    ends_with_newline: bool = True  # (or is empty)
    path_lines: tuple[Spanned, ...] = ()  # each line mentioning PATH, its range in the file
