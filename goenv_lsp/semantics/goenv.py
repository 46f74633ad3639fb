"""How the go command reads its environment (go-semantics.md §4): the GOENV file format,
the precedence process env > GOENV file > $GOROOT/go.env, and where each value came from."""

from __future__ import annotations

from dataclasses import dataclass

from goenv_lsp.facts import EnvFileEntry, EnvFileFacts, Facts, Status
from goenv_lsp.model import Location, Range, utf16_len


def parse_env_file(text: str) -> tuple[EnvFileEntry, ...]:
    """``cfg.readEnvFile``: lines with "=" whose first byte is A-Z; the value is verbatim."""
    entries = []
    for number, line in enumerate(text.split("\n")):
        if line and "A" <= line[0] <= "Z" and "=" in line:
            key, _, value = line.partition("=")
            entries.append(EnvFileEntry(key=key, value=value, line=number))
    return tuple(entries)


@dataclass(frozen=True)
class Setting:
    """The value the go command uses for one variable, and where it came from."""

    key: str
    value: str
    source: str  # "environment" | "GOENV file" | "$GOROOT/go.env" | "unset"
    location: Location | None = None  # the file line, for file sources

    @property
    def describe_source(self) -> str:
        if self.source == "environment":
            return f"the environment variable {self.key}"
        if self.location and self.location.path:
            return f"{self.source} {self.location.path}:{self.location.range.start.line + 1}"
        return self.source


def entry_location(env_file: EnvFileFacts, entry: EnvFileEntry) -> Location | None:
    if env_file.path is None:
        return None
    text = f"{entry.key}={entry.value}".rstrip("\r")
    return Location(env_file.path, Range.of(entry.line, 0, utf16_len(text)))


def user_setting(facts: Facts, key: str, goroot_layer: bool = True) -> Setting | None:
    """The user's own value of ``key`` (not the one the probes forced), or None when unknown.

    Probes force GOTOOLCHAIN=local, so GOTOOLCHAIN must always be worked out here.
    """
    if facts.env is None:
        return None
    value = facts.env.get(key, "")
    if value:  # an empty environment variable counts as unset
        return Setting(key, value, "environment")
    layers = [(facts.user_env_file, "GOENV file")]
    if goroot_layer and key != "GOROOT":  # a GOROOT line in go.env is ignored
        layers.append((facts.goroot_env_file, "$GOROOT/go.env"))
    for env_file, source in layers:
        if env_file is None:
            return None  # unknown: cannot say which layer wins
        if env_file.status is not Status.OK:
            continue
        entry = env_file.get(key)
        if entry is not None:
            return Setting(key, entry.value, source, entry_location(env_file, entry))
    return Setting(key, "", "unset")
