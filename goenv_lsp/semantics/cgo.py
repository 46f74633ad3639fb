"""Whether cgo is on, and why (cmd/go internal/cfg defaultContext, Go 1.27)."""

from __future__ import annotations

from dataclasses import dataclass

from goenv_lsp.facts import Facts, GoBinary
from goenv_lsp.model import Location, Related
from goenv_lsp.semantics import version as gover
from goenv_lsp.semantics.go_env import Setting, user_setting

AUTO_OFF_SINCE = "1.20"  # cgo turns itself off when the default C compiler is missing


def default_cc(goos: str) -> str:
    """cfg.DefaultCC of the official distribution."""
    return "clang" if goos in ("darwin", "ios", "freebsd", "openbsd") else "gcc"


def c_compiler_hint(goos: str) -> str:
    return {"darwin": "`xcode-select --install`", "windows": "a MinGW-w64 gcc (e.g. from MSYS2) on PATH"}.get(
        goos, "the distribution's gcc (`sudo apt install gcc`, `sudo dnf install gcc`, `apk add build-base`)")


@dataclass(frozen=True)
class CgoState:
    enabled: bool  # `go env CGO_ENABLED` of the go that runs
    setting: Setting | None  # the user's CGO_ENABLED, when set
    cross: bool  # GOOS/GOARCH differ from the go binary's own platform
    compiler: str  # the C compiler go uses (`go env CC`, first word)
    compiler_found: bool | None  # on PATH (exec.LookPath); None: not looked up
    auto_off: bool  # off only because Go ≥ 1.20 found no default C compiler


def cgo_state(facts: Facts, active: GoBinary | None) -> CgoState | None:
    if active is None or not active.env or active.env.get("CGO_ENABLED") not in ("0", "1"):
        return None
    env = active.env
    setting = user_setting(facts, "CGO_ENABLED")
    explicit = setting if setting is not None and setting.value in ("0", "1") else None
    cross = (env.get("GOOS"), env.get("GOARCH")) != (env.get("GOHOSTOS"), env.get("GOHOSTARCH"))
    words = env.get("CC", "").split()
    compiler = words[0] if words else default_cc(env.get("GOOS", ""))
    commands = facts.path_commands or {}
    found = bool(commands[compiler]) if compiler in commands else None
    default = default_cc(env.get("GOOS", ""))
    version = gover.from_runtime(active.version or "")
    auto_off = (env["CGO_ENABLED"] == "0" and explicit is None and not cross and bool(version)
                and gover.compare(version, AUTO_OFF_SINCE) >= 0 and not (facts.env or {}).get("CC")
                and default in commands and not commands[default])
    return CgoState(env["CGO_ENABLED"] == "1", explicit, cross, compiler, found, auto_off)


def cgo_file_notes(facts: Facts, limit: int = 5) -> tuple[Related, ...]:
    """The first cgo files, as related locations: the files cgo being off leaves out."""
    return tuple(Related(Location(path), 'imports "C": left out of every build while cgo is off')
                 for path in (facts.cgo_files or ())[:limit])
