"""The frozen, JSON-serialisable snapshot that rules read. Only ``probe/`` builds it from the system.

``None`` always means *unknown* (not collected, e.g. facts rebuilt from a pasted bug report);
a known absence is explicit (``Status.MISSING``, an empty tuple). Rules whose inputs are
unknown yield nothing.
"""

from __future__ import annotations

import enum
import os
from dataclasses import dataclass, field

from goenv_lsp.model import Range

SCHEMA_VERSION = 1


class Status(str, enum.Enum):
    OK = "ok"
    MISSING = "missing"  # file or binary is not there
    UNREADABLE = "unreadable"  # permission denied, a directory, an I/O error
    MALFORMED = "malformed"  # read but not understood (syntax errors, binary junk)
    FAILED = "failed"  # process exited non-zero
    CRASHED = "crashed"  # process killed by a signal
    TIMED_OUT = "timed_out"  # process killed at the probe timeout
    NOT_EXECUTABLE = "not_executable"
    SKIPPED = "skipped"  # deliberately not run (untrusted workspace binary)
    PENDING = "pending"  # not probed yet: the language server probes it in the background


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
    message: str
    range: Range | None = None


@dataclass(frozen=True)
class ModFileFacts:
    """go.mod or go.work (``kind``), parsed as cmd/go does for the main module."""

    path: str
    kind: str  # "go.mod" | "go.work"
    status: Status
    problems: tuple[FileProblem, ...] = ()
    module: Spanned | None = None
    go: Spanned | None = None
    toolchain: Spanned | None = None
    uses: tuple[Spanned, ...] = ()


@dataclass(frozen=True)
class SettingValue:
    """A leaf value in a settings file. ``value`` is the JSON value (str, number, bool, None, …)."""

    key: str  # dotted path, e.g. "go.alternateTools.go" or "go.toolsEnvVars.GOROOT"
    value: object
    range: Range  # of the value token
    key_range: Range


@dataclass(frozen=True)
class SettingsFacts:
    """.vscode/settings.json (JSONC), reduced to the settings goenv-lsp reads."""

    path: str
    status: Status
    problems: tuple[FileProblem, ...] = ()
    values: tuple[SettingValue, ...] = ()

    def get(self, key: str) -> SettingValue | None:
        return next((v for v in self.values if v.key == key), None)


@dataclass(frozen=True)
class IdeaFacts:
    """.idea/workspace.xml: the project SDK and GOPATH of GoLand / IntelliJ."""

    path: str
    status: Status
    problems: tuple[FileProblem, ...] = ()
    goroot: Spanned | None = None  # expanded to a local path; ``raw`` keeps the url
    goroot_raw: str | None = None
    gopath: tuple[Spanned, ...] = ()
    vgo_enabled: bool | None = None
    vgo_env: tuple[Spanned, ...] = ()  # KEY=VALUE pairs of the VgoProject environment


@dataclass(frozen=True)
class EnvFileEntry:
    key: str
    value: str  # verbatim, as the go command reads it (quotes and a trailing \r included)
    line: int  # 0-based


@dataclass(frozen=True)
class EnvFileFacts:
    """A GOENV file (``go env -w`` writes it) or ``$GOROOT/go.env``."""

    path: str | None  # None when GOENV=off
    status: Status
    entries: tuple[EnvFileEntry, ...] = ()

    def get(self, key: str) -> EnvFileEntry | None:
        """The entry the go command uses: the last one with that key."""
        found = None
        for entry in self.entries:
            if entry.key == key:
                found = entry
        return found


@dataclass(frozen=True)
class GoBinary:
    """One ``go`` executable: where it was found, what it says, what its tree holds."""

    path: str  # as found (PATH entry + "go", or a configured path)
    real_path: str  # symlinks resolved
    origins: tuple[str, ...]  # "PATH", "go.goroot", "go.alternateTools.go", "GOROOT", "idea"
    path_index: int | None = None  # index of its directory in PATH, if found there
    shim: str | None = None  # "asdf", "goenv", "mise", "gvm", "script": a version manager's launcher
    in_workspace: bool = False
    status: Status = Status.OK  # MISSING / NOT_EXECUTABLE / SKIPPED / the worst probe status
    version: str | None = None  # runtime version, e.g. "go1.22.10"
    platform: str | None = None  # host GOOS/GOARCH, e.g. "linux/amd64"
    version_run: ProbeRun | None = None
    env: dict[str, str] | None = None  # `go env -json` as run with GOTOOLCHAIN=local
    env_run: ProbeRun | None = None
    own_root: str | None = None  # the GOROOT the binary finds by itself (exe/../.. holding pkg/tool)
    own_root_version: str | None = None  # first line of <own_root>/VERSION
    root_version: str | None = None  # first line of VERSION under the GOROOT it reports
    root_has_tools: bool | None = None  # the reported GOROOT holds pkg/tool

    @property
    def goroot(self) -> str | None:
        return (self.env or {}).get("GOROOT") or None


@dataclass(frozen=True)
class GoplsBinary:
    path: str
    real_path: str
    origins: tuple[str, ...]  # "PATH", "GOBIN", "GOPATH/bin", "go.alternateTools.gopls"
    status: Status = Status.OK
    built_with: str | None = None  # the Go that built it, e.g. "go1.19.5"
    module_path: str | None = None  # e.g. "golang.org/x/tools/gopls"
    module_version: str | None = None  # "v0.16.1", "(devel)", "" or None when no mod line
    run: ProbeRun | None = None


@dataclass(frozen=True)
class PathInfo:
    """What is at a path some setting names (GOROOT, GOPATH entries, editor SDKs)."""

    kind: str  # "dir" | "file" | "missing" | "unreadable"
    go_tree: bool = False  # a directory holding pkg/tool (how cmd/go recognises a GOROOT)
    version: str | None = None  # first line of its VERSION file
    real_path: str | None = None  # symlinks resolved


@dataclass(frozen=True)
class Facts:
    schema: int = SCHEMA_VERSION
    root: str | None = None  # the workspace directory that was checked
    home: str | None = None
    os: str | None = None  # GOOS of this machine: "linux", "darwin", "windows"
    env: dict[str, str] | None = None  # the process environment, reduced to Go-relevant variables
    path_entries: tuple[str, ...] | None = None
    go_binaries: tuple[GoBinary, ...] | None = None
    user_env_file: EnvFileFacts | None = None  # the GOENV file
    goroot_env_file: EnvFileFacts | None = None  # $GOROOT/go.env of the go that runs
    gopls: tuple[GoplsBinary, ...] | None = None
    go_mod: ModFileFacts | None = None
    go_work: ModFileFacts | None = None
    vscode: SettingsFacts | None = None
    idea: IdeaFacts | None = None
    user_settings: dict[str, object] | None = None  # the editor's user-level settings (no file of ours)
    paths: dict[str, PathInfo] | None = None  # keyed by the path as written (after ~ expansion)
    toolchains: dict[str, str] | None = None  # "go1.27.3" → where it is (a binary on PATH, a cache dir)
    notes: tuple[str, ...] = field(default=())

    def same_dir(self, a: str | None, b: str | None) -> bool:
        """Do two directory paths name the same place (by the probe's resolved paths when known)?"""
        if not a or not b:
            return False

        def resolved(path: str) -> str:
            info = (self.paths or {}).get(path)
            return os.path.normpath(info.real_path if info and info.real_path else path)

        return resolved(a) == resolved(b)  # collection problems worth a log line
