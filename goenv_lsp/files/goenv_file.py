"""The GOENV file (what `go env -w` writes, e.g. ~/.config/go/env), in cmd/go's own format.

``cfg.readEnvFile``: a line counts only if it contains "=" and its first byte is A–Z; the key is what
precedes the first "=", the value the rest **verbatim** (no quote removal, no trimming; the \\r of a CRLF
line stays). In the file the last duplicate wins.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from goenv_lsp.facts import Facts, FileFacts, Status
from goenv_lsp.files.base import FileKind, LocateContext, ParseContext, Where
from goenv_lsp.redact import redact_credentials

KIND_NAME = "goenv"


@dataclass(frozen=True)
class EnvFileEntry:
    key: str
    value: str  # verbatim, as the go command reads it (quotes and a trailing \r included)
    line: int  # 0-based


@dataclass(frozen=True)
class EnvFileFacts(FileFacts):
    """A GOENV file or ``$GOROOT/go.env`` (``kind`` says which); MISSING when it does not exist."""

    entries: tuple[EnvFileEntry, ...] = ()

    def get(self, key: str) -> EnvFileEntry | None:
        """The entry the go command uses: the last one with that key."""
        found = None
        for entry in self.entries:
            if entry.key == key:
                found = entry
        return found


def parse_entries(text: str) -> tuple[EnvFileEntry, ...]:
    entries = []
    for number, line in enumerate(text.split("\n")):
        if line and "A" <= line[0] <= "Z" and "=" in line:
            key, _, value = line.partition("=")
            entries.append(EnvFileEntry(key=key, value=value, line=number))
    return tuple(entries)


def parse_env_file(data: bytes, path: str, ctx: ParseContext | None = None, kind: str = KIND_NAME) -> EnvFileFacts:
    """Bytes the go command does not decode: invalid UTF-8 is replaced, never an error (cmd/go reads bytes)."""
    text = redact_credentials(data.decode("utf-8", "replace"))
    return EnvFileFacts(path=path, kind=kind, status=Status.OK, entries=parse_entries(text))


def default_path(env: Mapping[str, str], os_name: str, home: str | None) -> str | None:
    """``cfg.EnvFile`` without asking a go: $GOENV, else os.UserConfigDir()/go/env."""
    if env.get("GOENV"):
        return env["GOENV"]
    if os_name == "windows":
        appdata = env.get("APPDATA")
        return f"{appdata}\\go\\env" if appdata else None
    if os_name in ("darwin", "ios"):
        return f"{home}/Library/Application Support/go/env" if home else None
    config = env.get("XDG_CONFIG_HOME", "")
    if config.startswith("/"):
        return f"{config.rstrip('/')}/go/env"
    return f"{home.rstrip('/')}/.config/go/env" if home else None


def locate(ctx: LocateContext) -> Iterator[str]:
    """The file the go command reads: `go env GOENV` of the go that runs, else where it would be."""
    asked = ctx.go_env is not None and "GOENV" in ctx.go_env
    value = ctx.go_env["GOENV"] if asked else default_path(ctx.env, ctx.os, ctx.home)  # type: ignore[index]
    if value and value != "off":
        yield value


def user_env_file(facts: Facts) -> EnvFileFacts | None:
    """The GOENV file; None when unknown *or* when there is none to read (GOENV=off, no home): see
    ``user_env_known``."""
    files = facts.files_of(KIND_NAME)
    found = files[0] if files else None
    return found if isinstance(found, EnvFileFacts) else None


def user_env_known(facts: Facts) -> bool:
    """Was the GOENV file looked for (so that no file means: no such layer)?"""
    return facts.files_of(KIND_NAME) is not None


KIND = FileKind(
    name=KIND_NAME, title="GOENV file", where=Where.HOME, names=("go/env",), parse=parse_env_file,
    facts_type=EnvFileFacts, locate=locate, keep_missing=True,
)
