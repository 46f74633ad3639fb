"""What a probe may execute, and how (docs/security.md).

A binary runs as ``go`` only if the Go build information in its file — read by goenv-lsp, never by running
it — says ``cmd/go``, and its real path (``..``, symlinks and ``${…}`` resolved) is outside every untrusted
workspace. A setting of an untrusted workspace that names a binary relative to the workspace
(``${workspaceFolder}/../sibling/go``) is not followed at all. Probes run from a directory no workspace
controls (``go -C DIR`` on Go ≥ 1.20), with the untrusted workspaces' directories and every relative entry
taken off PATH, and ask ``go env`` only for variables it computes without running the C compiler.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from goenv_lsp.facts import Refusal
from goenv_lsp.parsers.goversion import BuildInfo
from goenv_lsp.probe.system import System
from goenv_lsp.semantics import version as gover

GO_COMMAND = "cmd/go"
# editor variables that stand for the workspace or a file in it
_WORKSPACE_VARIABLE = re.compile(r"\$\{(workspaceFolder|workspaceRoot|workspaceFolderBasename|file|fileDirname|"
                                 r"relativeFile|relativeFileDirname|fileWorkspaceFolder|cwd)\b")

# Everything `go env` reports (Go 1.27's MkEnv and ExtraEnvVars) except what ExtraEnvVarsCostly computes:
# asking for any of those makes go run the C compiler found on PATH (CC, pkg-config) several times.
GO_ENV_NAMES = (
    "AR", "CC", "CGO_ENABLED", "CXX", "GCCGO", "GO111MODULE", "GO386", "GOAMD64", "GOARCH", "GOARM", "GOARM64",
    "GOAUTH", "GOBIN", "GOCACHE", "GOCACHEPROG", "GODEBUG", "GOENV", "GOEXE", "GOEXPERIMENT", "GOFIPS140",
    "GOFLAGS", "GOHOSTARCH", "GOHOSTOS", "GOINSECURE", "GOMIPS", "GOMIPS64", "GOMOD", "GOMODCACHE", "GONOPROXY",
    "GONOSUMDB", "GOOS", "GOPACKAGESDRIVER", "GOPATH", "GOPPC64", "GOPRIVATE", "GOPROXY", "GORISCV64", "GOROOT",
    "GOSUMDB", "GOTELEMETRY", "GOTELEMETRYDIR", "GOTMPDIR", "GOTOOLCHAIN", "GOTOOLDIR", "GOVCS", "GOVERSION",
    "GOWASM", "GOWORK",
)
COSTLY_GO_ENV_NAMES = ("CGO_CFLAGS", "CGO_CPPFLAGS", "CGO_CXXFLAGS", "CGO_FFLAGS", "CGO_LDFLAGS", "GOGCCFLAGS",
                       "PKG_CONFIG")
_GO_MINUS_C = "1.20"  # the first go with `go -C DIR`


@dataclass(frozen=True)
class Untrusted:
    """The workspaces whose content must not run: their directories as real paths (none when trusted)."""

    dirs: tuple[str, ...] = ()

    @classmethod
    def of(cls, system: System, directories: Iterable[str]) -> Untrusted:
        return cls(tuple(dict.fromkeys(system.realpath(d) for d in directories if d)))

    def holds(self, system: System, path: str) -> bool:
        if not self.dirs:
            return False
        real = system.realpath(path)
        return any(system.paths.inside(real, d, strict=False) for d in self.dirs)


def names_workspace_path(raw: str, expanded: str, system: System) -> bool:
    """Is a setting's path written relative to the workspace (a workspace variable, or a relative path)?"""
    return bool(_WORKSPACE_VARIABLE.search(raw)) or not system.paths.is_abs(expanded)


def go_refusal(build: BuildInfo | None, problem: str) -> tuple[Refusal, str] | None:
    """Why a file may not run as go (and what it is instead); None: it is the go command."""
    if build is None:
        return Refusal.NOT_GO, problem or "no Go build information"
    if build.path != GO_COMMAND:
        return Refusal.NOT_GO_COMMAND, f"a Go program built from {build.path or 'an unknown package'}, not cmd/go"
    return None


def probe_path(system: System, entries: tuple[str, ...], untrusted: Untrusted) -> str | None:
    """PATH for probes: without relative entries and entries inside untrusted workspaces (the go command
    looks CC, pkg-config and git up there); None when it stays as it is."""
    if not untrusted.dirs:
        return None
    kept = tuple(e for e in entries if system.paths.is_abs(e) and not untrusted.holds(system, e))
    return None if kept == entries else system.paths.list_separator.join(kept)


def go_env_command(go: str, go_version: str, root: str, system: System,
                   costly: bool = False) -> tuple[tuple[str, ...], str]:
    """argv and working directory of ``go env -json NAMES`` for the workspace ``root``."""
    names = GO_ENV_NAMES + (COSTLY_GO_ENV_NAMES if costly else ())
    version = gover.from_runtime(go_version)
    if version and gover.compare(version, _GO_MINUS_C) >= 0:
        return (go, "-C", root, "env", "-json", *names), system.neutral_dir
    return (go, "env", "-json", *names), root  # an older go reads go.mod from its working directory
