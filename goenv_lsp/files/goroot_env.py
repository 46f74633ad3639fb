"""``$GOROOT/go.env``: the defaults a Go distribution ships (GOPROXY, GOSUMDB, GOTOOLCHAIN), read after the
GOENV file. Same format as the GOENV file."""

from __future__ import annotations

from collections.abc import Iterator

from goenv_lsp.facts import Facts
from goenv_lsp.files.base import FileKind, LocateContext, ParseContext, Where
from goenv_lsp.files.goenv_file import EnvFileFacts, parse_env_file

KIND_NAME = "go.env"


def locate(ctx: LocateContext) -> Iterator[str]:
    goroot = (ctx.go_env or {}).get("GOROOT")
    if goroot:
        yield ctx.paths.join(goroot, "go.env")


def goroot_env_file(facts: Facts, goroot: str | None) -> EnvFileFacts | None:
    """The go.env of ``goroot``; None when unknown."""
    if not goroot:
        return None
    found = facts.file(facts.paths.join(goroot, "go.env"))
    return found if isinstance(found, EnvFileFacts) else None


def _parse(data: bytes, path: str, ctx: ParseContext) -> EnvFileFacts:
    return parse_env_file(data, path, ctx, KIND_NAME)


KIND = FileKind(
    name=KIND_NAME, title="$GOROOT/go.env", where=Where.GOROOT, names=("go.env",), parse=_parse,
    facts_type=EnvFileFacts, locate=locate, keep_missing=True,
)
