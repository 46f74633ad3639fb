"""The shell startup file kinds: where each shell's files are (never on Windows) and which parser reads them.

bash: ``~/.bashrc`` (interactive shells), ``~/.bash_profile`` / ``~/.bash_login`` (login shells); sh and others:
``~/.profile``; zsh: ``.zshenv``, ``.zprofile``, ``.zshrc`` in ``$ZDOTDIR`` (else the home); fish:
``$XDG_CONFIG_HOME/fish/config.fish`` and ``conf.d/*.fish`` (the probe expands the glob); direnv: ``.envrc``
anywhere in the workspace."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from goenv_lsp.facts import FileFacts, Status
from goenv_lsp.files.base import FileKind, LocateContext, ParseContext, Where, decode_failed
from goenv_lsp.files.shell_rc import ShellRcFacts
from goenv_lsp.text import decode_text

BASH, PROFILE, ZSH, FISH, ENVRC = "bash-startup", "sh-profile", "zsh-startup", "fish-config", "envrc"
KIND_NAMES = (PROFILE, BASH, ZSH, FISH, ENVRC)


def parser(kind: str, shell: str) -> Callable[[bytes, str, ParseContext], FileFacts]:
    def parse(data: bytes, path: str, ctx: ParseContext | None = None) -> FileFacts:
        text, error = decode_text(data)
        if text is None:
            return decode_failed(path, kind, error, ShellRcFacts)  # type: ignore[arg-type]
        from goenv_lsp.files import _shell_fish, _shell_sh
        from goenv_lsp.files._shell_build import Builder

        home = ctx.home if ctx else None
        base = path.rsplit("/", 1)[0] if shell == "direnv" else home
        builder = Builder(text, home, base_dir=base, fish=shell == "fish")
        (_shell_fish if shell == "fish" else _shell_sh).parse(builder)
        return ShellRcFacts(path=path, kind=kind, status=Status.OK, problems=tuple(builder.problems), shell=shell,
                            assignments=builder.finish(), go_overrides=tuple(builder.overrides),
                            sources=tuple(builder.sources), unknowns=tuple(builder.unknowns),
                            interactive_guard=builder.guard)

    return parse


def _in_home(*names: str) -> Callable[[LocateContext], Iterator[str]]:
    def locate(ctx: LocateContext) -> Iterator[str]:
        if ctx.os != "windows" and ctx.home:
            for name in names:
                yield f"{ctx.home.rstrip('/')}/{name}"

    return locate


def _zsh(ctx: LocateContext) -> Iterator[str]:
    if ctx.os == "windows" or not ctx.home:
        return
    zdotdir = ctx.env.get("ZDOTDIR", "")
    base = zdotdir if zdotdir.startswith("/") else ctx.home
    for name in (".zshenv", ".zprofile", ".zshrc"):
        yield f"{base.rstrip('/')}/{name}"


def _fish(ctx: LocateContext) -> Iterator[str]:
    if ctx.os == "windows" or not ctx.home:
        return
    config = ctx.env.get("XDG_CONFIG_HOME", "")
    base = f"{config.rstrip('/')}/fish" if config.startswith("/") else f"{ctx.home.rstrip('/')}/.config/fish"
    yield f"{base}/config.fish"
    yield f"{base}/conf.d/*.fish"


def _kind(name: str, title: str, shell: str, names: tuple[str, ...],
          locate: Callable[[LocateContext], Iterator[str]] | None, where: Where = Where.HOME) -> FileKind:
    return FileKind(name=name, title=title, where=where, names=names, parse=parser(name, shell),
                    facts_type=ShellRcFacts, locate=locate)


PROFILE_KIND = _kind(PROFILE, "~/.profile", "sh", (".profile",), _in_home(".profile"))
BASH_KIND = _kind(BASH, "bash startup file", "bash", (".bash_profile", ".bash_login", ".bashrc"),
                  _in_home(".bash_profile", ".bash_login", ".bashrc"))
ZSH_KIND = _kind(ZSH, "zsh startup file", "zsh", (".zshenv", ".zprofile", ".zshrc"), _zsh)
FISH_KIND = _kind(FISH, "fish configuration", "fish", ("fish/config.fish", "fish/conf.d/*.fish"), _fish)
ENVRC_KIND = _kind(ENVRC, "direnv .envrc", "direnv", (".envrc",), None, where=Where.TREE)
KINDS = (PROFILE_KIND, BASH_KIND, ZSH_KIND, FISH_KIND, ENVRC_KIND)
