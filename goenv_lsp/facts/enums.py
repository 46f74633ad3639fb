"""The vocabularies of facts: statuses, where values come from, how binaries were found, toolchain modes.

All are ``str`` enums: they compare equal to their values and serialise as them, so the JSON of facts
and findings reads as plain words.
"""

from __future__ import annotations

import enum


class Status(str, enum.Enum):
    OK = "ok"
    MISSING = "missing"  # file or binary is not there
    UNREADABLE = "unreadable"  # permission denied, a directory, an I/O error
    MALFORMED = "malformed"  # read but not understood (syntax errors, binary junk)
    FAILED = "failed"  # process exited non-zero
    CRASHED = "crashed"  # process killed by a signal
    TIMED_OUT = "timed_out"  # process killed at the probe timeout
    NOT_EXECUTABLE = "not_executable"
    SKIPPED = "skipped"  # deliberately not run: a binary in an untrusted workspace, a well-known install


class Refusal(str, enum.Enum):
    """Why goenv-lsp did not run a binary it found (its status is SKIPPED); docs/security.md."""

    IN_WORKSPACE = "in-workspace"  # its real path is inside an untrusted workspace
    WORKSPACE_PATH = "workspace-path"  # named by a setting relative to an untrusted workspace (${workspaceFolder}/..)
    NOT_GO = "not-go"  # no Go build information: a script, a launcher, another program
    NOT_GO_COMMAND = "not-go-command"  # a Go program whose build information is not cmd/go's


class Source(str, enum.Enum):
    """Where the go command takes a variable's value from (cfg.Getenv precedence)."""

    ENVIRONMENT = "environment"
    GOENV_FILE = "GOENV file"
    GOROOT_GO_ENV = "$GOROOT/go.env"
    UNSET = "unset"
    REPORTED = "the pasted report"  # a bug report's `go env`: the effective value, the layer that set it unknown


class Origin(str, enum.Enum):
    """How a go or gopls binary was found."""

    PATH = "PATH"
    WELL_KNOWN = "well-known"  # where installers put Go, looked at only when no go is on PATH
    GOROOT = "GOROOT"  # $GOROOT/bin/go of the GOROOT environment variable
    IDEA = "idea"  # GoLand's project GOROOT
    GOBIN = "GOBIN"
    GOPATH_BIN = "GOPATH/bin"
    GO_GOROOT = "go.goroot"
    ALTERNATE_GO = "go.alternateTools.go"
    TOOLS_ENV_GOROOT = "go.toolsEnvVars.GOROOT"
    ALTERNATE_GOPLS = "go.alternateTools.gopls"

    @property
    def is_editor_setting(self) -> bool:
        return self in EDITOR_ORIGINS


EDITOR_ORIGINS = frozenset({Origin.GO_GOROOT, Origin.ALTERNATE_GO, Origin.TOOLS_ENV_GOROOT, Origin.IDEA})


class ToolchainMode(str, enum.Enum):
    """GOTOOLCHAIN's switching mode (toolchain.Select)."""

    LOCAL = "local"
    AUTO = "auto"
    PATH = "path"
    INVALID = "invalid"


class SwitchReason(str, enum.Enum):
    """Which line of go.mod / go.work made the go command choose another toolchain."""

    NONE = ""
    GO_LINE = "go"
    TOOLCHAIN_LINE = "toolchain"


class PathKind(str, enum.Enum):
    DIR = "dir"
    FILE = "file"
    MISSING = "missing"
    UNREADABLE = "unreadable"


class PathFlavor(str, enum.Enum):
    """How paths of the machine the facts came from are spelled."""

    POSIX = "posix"
    WINDOWS = "windows"


class Provenance(str, enum.Enum):
    """Where the facts came from."""

    PROBED = "probed"  # collected on this machine now
    SNAPSHOT = "snapshot"  # loaded from a saved `goenv-lsp facts` file
    REPORTED = "reported"  # read from text someone pasted (a bug report)
