"""Where each go variable's value comes from (go-semantics.md §4), for `goenv-lsp env`, snapshots and the
editor's environment report: the process environment (and the shell startup file line that exports the same
value), the GOENV file line, the ``$GOROOT/go.env`` line, or the go command's default; the editor settings
that give the editor's own go commands another value; and which go runs and why."""

from __future__ import annotations

import enum
from dataclasses import dataclass

from goenv_lsp.facts import Facts, Source
from goenv_lsp.files.goenv_file import user_env_file
from goenv_lsp.files.shell_rc import Op, resolve, shell_files
from goenv_lsp.files.vscode_settings import workspace_settings
from goenv_lsp.semantics import version as gover
from goenv_lsp.semantics.binaries import local_version, running_go
from goenv_lsp.semantics.go_env import goroot_defaults, user_setting
from goenv_lsp.semantics.version_managers import describe as describe_provider


class ValueSource(str, enum.Enum):
    ENVIRONMENT = "environment"
    GOENV_FILE = "GOENV file"
    GOROOT_GO_ENV = "$GOROOT/go.env"
    DEFAULT = "default"  # the go command's default for a variable one can set
    COMPUTED = "computed"  # read-only: the go command works it out (GOVERSION, GOMOD, GOTOOLDIR …)
    UNKNOWN = "unknown"  # the facts do not say which layer set it (no process environment, GOENV file unread)


_FROM_SETTING = {Source.ENVIRONMENT: ValueSource.ENVIRONMENT, Source.GOENV_FILE: ValueSource.GOENV_FILE,
                 Source.GOROOT_GO_ENV: ValueSource.GOROOT_GO_ENV}
# `go env -w` refuses these (envcmd checkEnvWrite): their value is never the user's
COMPUTED = frozenset({"GOEXE", "GOGCCFLAGS", "GOHOSTARCH", "GOHOSTOS", "GOMOD", "GOTELEMETRY", "GOTELEMETRYDIR",
                      "GOTOOLDIR", "GOVERSION"})
# how the go command works out a default (cmd/go/internal/cfg, envcmd)
DEFAULTS = {
    "GOPATH": "$HOME/go", "GOMODCACHE": "$GOPATH/pkg/mod", "GOCACHE": "the user cache directory + /go-build",
    "GOENV": "the user config directory + /go/env", "GOROOT": "where the go binary is",
    "GOBIN": "go install uses $GOPATH/bin",
    "GONOPROXY": "GOPRIVATE", "GONOSUMDB": "GOPRIVATE", "GOPROXY": "https://proxy.golang.org,direct",
    "GOSUMDB": "sum.golang.org", "GOTOOLCHAIN": "local", "GOOS": "GOHOSTOS", "GOARCH": "GOHOSTARCH",
    "CGO_ENABLED": "1 when a C compiler is found", "GOWORK": "the go.work found above the directory",
}
# variables `go env` lists only from a release on (the probe asks every go for Go 1.27's list, and a go prints
# "" for a name it does not know), and those it lists only for their GOARCH (cfg.GetArchEnv)
SINCE = {"GOAUTH": "1.24", "GOCACHEPROG": "1.24", "GOFIPS140": "1.24", "GODEBUG": "1.23", "GOTELEMETRY": "1.23",
         "GOTELEMETRYDIR": "1.23", "GOARM64": "1.23", "GORISCV64": "1.23", "GOPACKAGESDRIVER": "1.26",
         "GOTOOLCHAIN": "1.21", "GOWORK": "1.18", "GOAMD64": "1.18", "GOVERSION": "1.16", "GOMODCACHE": "1.15",
         "GOINSECURE": "1.14"}
ARCH_VARIABLES = {"GO386": ("386",), "GOAMD64": ("amd64",), "GOARM": ("arm",), "GOARM64": ("arm64",),
                  "GOMIPS": ("mips", "mipsle"), "GOMIPS64": ("mips64", "mips64le"), "GOPPC64": ("ppc64", "ppc64le"),
                  "GORISCV64": ("riscv64",), "GOWASM": ("wasm",)}
EDITOR_KEYS = {"go.goroot": "GOROOT", "go.gopath": "GOPATH"}
EDITOR_PREFIXES = ("go.toolsEnvVars.", "gopls.build.env.", "gopls.env.")


@dataclass(frozen=True)
class Place:
    """A line of a file that writes a value (``line`` 1-based), or a setting without a file (path None)."""

    label: str  # what kind of place: "GOENV file", "$GOROOT/go.env", the shell ("bash", "login shell"), a setting
    path: str | None
    line: int | None
    value: str


@dataclass(frozen=True)
class VariableOrigin:
    name: str
    value: str  # the effective value (what `go env NAME` prints without goenv-lsp's GOTOOLCHAIN=local)
    source: ValueSource
    where: Place | None = None  # the GOENV / go.env line; None for the environment and defaults
    exported_by: Place | None = None  # the shell startup file line exporting the environment's value
    default: str = ""  # how the default is made ("$GOPATH/pkg/mod")
    overridden: tuple[Place, ...] = ()  # lower layers that set it too, without effect
    editor: tuple[Place, ...] = ()  # editor settings giving the editor's go commands (or gopls) another value


def go_variables(facts: Facts, names: tuple[str, ...] | None = None) -> tuple[VariableOrigin, ...]:
    """Every variable ``go env -json`` of the running go printed (or ``names``), in its order (sorted)."""
    active = running_go(facts)
    go_env = (active.env if active else None) or {}
    keys = names if names is not None else tuple(sorted(k for k in go_env if go_env[k] or listed(
        k, local_version(active), go_env.get("GOARCH", ""))))
    found = (origin_of(facts, key, go_env.get(key)) for key in keys)
    return tuple(o for o in found if o is not None)


def listed(name: str, version: str, goarch: str) -> bool:
    """Does `go env` of this go version and GOARCH list ``name``? (True when the version is unknown.)"""
    if name in ARCH_VARIABLES and goarch not in ARCH_VARIABLES[name]:
        return False
    since = SINCE.get(name)
    return not (since and version and gover.compare(version, since) < 0)


def origin_of(facts: Facts, key: str, printed: str | None) -> VariableOrigin | None:
    """``printed``: the value `go env` printed (None: it does not know the variable)."""
    setting = user_setting(facts, key)
    editor = _editor_places(facts, key)
    if setting is not None and setting.source is not Source.UNSET:
        source = _FROM_SETTING[setting.source]
        where = None
        if setting.location is not None and setting.location.path:
            where = Place(source.value, setting.location.path, setting.location.range.start.line + 1, setting.value)
        exported = _exported_by(facts, key, setting.value) if source is ValueSource.ENVIRONMENT else None
        return VariableOrigin(key, setting.value, source, where, exported, overridden=_lower(facts, key, source),
                              editor=editor)
    if printed is None:
        return None  # not set anywhere, and not a variable this go reports
    source = ValueSource.COMPUTED if key in COMPUTED else ValueSource.DEFAULT if setting else ValueSource.UNKNOWN
    if key == "GOTOOLCHAIN":  # the probes' GOTOOLCHAIN=local is not the user's: unset everywhere means local
        printed = "local" if source is ValueSource.DEFAULT else ""
    return VariableOrigin(key, printed or "", source, default=DEFAULTS.get(key, ""), editor=editor)


def _lower(facts: Facts, key: str, winner: ValueSource) -> tuple[Place, ...]:
    """The GOENV file and go.env lines for ``key`` below the layer that won."""
    layers = []
    if winner is ValueSource.ENVIRONMENT:
        layers.append((user_env_file(facts), ValueSource.GOENV_FILE))
    if winner in (ValueSource.ENVIRONMENT, ValueSource.GOENV_FILE) and key != "GOROOT":
        layers.append((goroot_defaults(facts), ValueSource.GOROOT_GO_ENV))
    out = []
    for env_file, source in layers:
        entry = env_file.get(key) if env_file is not None else None
        if entry is not None:
            out.append(Place(source.value, env_file.path, entry.line + 1, entry.value))
    return tuple(out)


def _exported_by(facts: Facts, key: str, value: str) -> Place | None:
    """The startup file line whose export gives the environment this value (the last such file wins)."""
    found = None
    for file in shell_files(facts):
        assignments = file.assignments_of(key)  # a conditional one too: the value it gives is the environment's
        last = assignments[-1] if assignments else None
        if last is None or last.op is not Op.SET or not (last.exported or file.shell == "direnv"):
            continue
        if value in (last.expanded, resolve(last.expanded, facts), last.value.value.strip("\"'")):
            found = Place(file.shell, file.path, last.statement.start.line + 1, value)
    login = facts.login_env
    if found is None and login is not None and login.env is not None and login.env.get(key) == value:
        found = Place("login shell", login.shell, None, value)  # exported, but by no file goenv-lsp read
    return found


def _editor_places(facts: Facts, key: str) -> tuple[Place, ...]:
    """``go.toolsEnvVars.KEY``, ``go.goroot`` … in .vscode/settings.json (with its line) or the user settings."""
    out = []
    vscode = workspace_settings(facts)
    seen = set()
    for setting in vscode.values if vscode is not None else ():
        if _editor_key(setting.key) == key and isinstance(setting.value, str):
            seen.add(setting.key)
            out.append(Place(setting.key, vscode.path, setting.range.start.line + 1, setting.value))
    for name, value in sorted((facts.user_settings or {}).items()):
        if _editor_key(name) == key and name not in seen and isinstance(value, str):
            out.append(Place(name, None, None, value))
    return tuple(out)


def _editor_key(setting: str) -> str | None:
    if setting in EDITOR_KEYS:
        return EDITOR_KEYS[setting]
    for prefix in EDITOR_PREFIXES:
        if setting.startswith(prefix):
            return setting[len(prefix):]
    return None


@dataclass(frozen=True)
class RunningGo:
    """Which go runs (a terminal in the workspace runs it, and gopls) and why."""

    path: str
    version: str | None
    path_index: int | None
    path_entry: str | None
    goroot: str | None
    goroot_from: str  # "the environment variable GOROOT", "where the go binary is"
    provider: str | None  # semantics.version_managers.describe


def running_go_reason(facts: Facts) -> RunningGo | None:
    active = running_go(facts)
    if active is None:
        return None
    entries = facts.path_entries or ()
    index = active.path_index
    entry = entries[index] if index is not None and 0 <= index < len(entries) else None
    setting = user_setting(facts, "GOROOT")
    goroot_from = setting.describe_source if setting is not None and setting.source is not Source.UNSET else (
        "where the go binary is")
    return RunningGo(active.path, active.version, index, entry, active.goroot, goroot_from,
                     describe_provider(facts, active))
