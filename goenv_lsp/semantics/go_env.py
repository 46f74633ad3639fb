"""How the go command reads its environment (go-semantics.md §4): the precedence process env > GOENV file >
$GOROOT/go.env, and where each value came from."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from goenv_lsp.facts import Facts, Provenance, Source, Status
from goenv_lsp.files.goenv_file import EnvFileEntry, EnvFileFacts, user_env_file, user_env_known
from goenv_lsp.files.goroot_env import goroot_env_file
from goenv_lsp.model import Location, Range, utf16_len
from goenv_lsp.semantics.binaries import running_go


@dataclass(frozen=True)
class Setting:
    """The value the go command uses for one variable, and where it came from."""

    key: str
    value: str
    source: Source
    location: Location | None = None  # the file line, for file sources

    @property
    def describe_source(self) -> str:
        if self.source is Source.ENVIRONMENT:
            return f"the environment variable {self.key}"
        if self.location and self.location.path:
            return f"{self.source.value} {self.location.path}:{self.location.range.start.line + 1}"
        return self.source.value

    @property
    def in_goenv_file(self) -> bool:
        """Written with `go env -w` (so `go env -u` removes it)."""
        return self.source is Source.GOENV_FILE


def entry_location(env_file: EnvFileFacts, entry: EnvFileEntry) -> Location:
    text = f"{entry.key}={entry.value}".rstrip("\r")
    return Location(env_file.path, Range.of(entry.line, 0, utf16_len(text)))


def goroot_defaults(facts: Facts) -> EnvFileFacts | None:
    """$GOROOT/go.env of the go that runs."""
    active = running_go(facts)
    return goroot_env_file(facts, active.goroot if active else None)


def user_setting(facts: Facts, key: str, goroot_layer: bool = True) -> Setting | None:
    """The user's own value of ``key`` (not the one the probes forced), or None when unknown.

    Probes force GOTOOLCHAIN=local, so GOTOOLCHAIN must always be worked out here. Once per facts and key:
    rules ask for the same few variables for every scope (GOFLAGS, GOPROXY … a thousand times in a monorepo).
    """
    return facts.memo((user_setting, key, goroot_layer), lambda: _user_setting(facts, key, goroot_layer))


def _user_setting(facts: Facts, key: str, goroot_layer: bool) -> Setting | None:
    if facts.env is None:
        return reported_setting(facts, key) if facts.provenance is Provenance.REPORTED else None
    value = facts.env.get(key, "")
    if value:  # an empty environment variable counts as unset
        return Setting(key, value, Source.ENVIRONMENT)
    if not user_env_known(facts):
        return None  # unknown: cannot say which layer wins
    for env_file, source in _layers(facts, goroot_layer and key != "GOROOT"):  # go.env's GOROOT is ignored
        if env_file is _UNKNOWN:
            return None
        if env_file is None or env_file.status is not Status.OK:
            continue  # no such layer (GOENV=off), or the file does not exist
        entry = env_file.get(key)
        if entry is not None:
            return Setting(key, entry.value, source, entry_location(env_file, entry))
    return Setting(key, "", Source.UNSET)


_UNKNOWN = EnvFileFacts(path="", kind="unknown")


# always printed, and rarely the user's: GOROOT is where the go found itself, or the toolchain it switched to
# (toolchain.Exec sets GOROOT for the go it runs)
_NEVER_REPORTED = frozenset({"GOROOT"})


def reported_setting(facts: Facts, key: str) -> Setting | None:
    """A pasted `go env` shows the effective value, not which layer set it: the value with ``Source.REPORTED``
    (empty: unset); None when the dump lacks the key (truncated, or a go too old to know it)."""
    active = running_go(facts)
    if key in _NEVER_REPORTED or active is None or active.env is None or key not in active.env:
        return None
    value = active.env[key]
    return Setting(key, value, Source.REPORTED) if value else Setting(key, "", Source.UNSET)


def _layers(facts: Facts, goroot_layer: bool):
    yield user_env_file(facts), Source.GOENV_FILE
    if goroot_layer:
        defaults = goroot_defaults(facts)
        if defaults is None:  # no go.env file: known absent when the kind was looked for, else unknown
            active = running_go(facts)
            looked_for = facts.files_of("go.env") is not None and active is not None and active.goroot
            yield (None if looked_for else _UNKNOWN), Source.GOROOT_GO_ENV
        else:
            yield defaults, Source.GOROOT_GO_ENV


def value_layers(facts: Facts) -> list[Mapping[str, str]]:
    """Every place a go variable's value is written, in the go command's precedence order: the process
    environment, the GOENV file, and the `go env` of the go that runs."""
    layers: list[Mapping[str, str]] = [facts.env or {}]
    user = user_env_file(facts)
    if user is not None:
        layers.append({e.key: e.value for e in user.entries})
    active = running_go(facts)
    if active and active.env:
        layers.append(active.env)
    return layers
