"""The default GOENV file (os.UserConfigDir()/go/env) while ``$GOENV`` names another file or is ``off``: the
go command does not read it then, so whatever `go env -w` wrote there is ignored. Read only in that case."""

from __future__ import annotations

from collections.abc import Iterator

from goenv_lsp.facts import Facts
from goenv_lsp.files.base import FileKind, LocateContext, ParseContext, Where
from goenv_lsp.files.goenv_file import EnvFileFacts, default_path, parse_env_file

KIND_NAME = "goenv-unused"


def locate(ctx: LocateContext) -> Iterator[str]:
    goenv = ctx.env.get("GOENV", "")
    if not goenv:
        return  # the default file is the one in use (kind "goenv")
    default = default_path({k: v for k, v in ctx.env.items() if k != "GOENV"}, ctx.os, ctx.home)
    if default and not ctx.paths.same(default, goenv):
        yield default


def unused_env_file(facts: Facts) -> EnvFileFacts | None:
    """The default GOENV file the go command does not read; None when unknown, not there or the one in use."""
    files = facts.files_of(KIND_NAME)
    found = files[0] if files else None
    return found if isinstance(found, EnvFileFacts) else None


def _parse(data: bytes, path: str, ctx: ParseContext) -> EnvFileFacts:
    return parse_env_file(data, path, ctx, KIND_NAME)


KIND = FileKind(
    name=KIND_NAME, title="default GOENV file (not in use)", where=Where.HOME, names=("go/env",), parse=_parse,
    facts_type=EnvFileFacts, locate=locate,
)
