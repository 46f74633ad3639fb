"""workspace/executeCommand handlers. Commands that change global state (go env -w, go install) run only
when the user invokes them, only as the exact argv shapes our fixes produce, and only with a go binary
goenv-lsp itself found and trusts."""

from __future__ import annotations

import logging
import os
import re
from typing import TYPE_CHECKING

from lsprotocol import types as lsp

from goenv_lsp import docs
from goenv_lsp.config import CONFIG_FILE, add_ignore
from goenv_lsp.environment_report import environment_report
from goenv_lsp.facts import Status
from goenv_lsp.lsp import convert
from goenv_lsp.probe.runner import Runner
from goenv_lsp.rules import by_code

if TYPE_CHECKING:
    from goenv_lsp.lsp.roots import Root
    from goenv_lsp.lsp.server import GoenvServer

log = logging.getLogger(__name__)
_ENV_KEY = re.compile(r"^[A-Z][A-Z0-9_]*$")
_GOPLS = re.compile(r"^golang\.org/x/tools/gopls@v\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$")
_OFFLINE = ("no such host", "dial tcp", "network is unreachable", "connection refused", "proxyconnect",
            "i/o timeout", "TLS handshake timeout")


class CommandError(Exception):
    pass


def register(server: GoenvServer) -> None:
    # The handlers' ``ls`` stays unannotated: pygls calls typing.get_type_hints() on a command handler when
    # the request has arguments, and GoenvServer is not importable here at run time (import cycle).
    @server.command(convert.CMD_REFRESH)
    async def refresh(ls, *args) -> dict:
        await ls.settled()
        for root in ls.roots.values():
            root.invalidate()
        await ls.refresh_all(spawn=True)
        return {"findings": sum(len(r.findings) for r in ls.roots.values())}

    @server.command(convert.CMD_REPORT)
    async def report(ls, *args) -> str:
        root = _root(ls, args)
        await ls.settled(root)
        if root.facts is None:
            await ls.refresh_root(root, spawn=True)
        return environment_report(root.facts, root.findings)

    @server.command(convert.CMD_EXPLAIN)
    def explain(ls, *args) -> str:
        rule = by_code(str(args[0])) if args else None
        if rule is None:
            raise CommandError(f"no rule {args[0] if args else ''!r}")
        text = docs.markdown(rule)
        ls.window_show_message(lsp.ShowMessageParams(type=lsp.MessageType.Info, message=text))
        return text

    @server.command(convert.CMD_IGNORE)
    async def ignore(ls, *args) -> str:
        rule = by_code(str(args[0])) if args else None
        if rule is None:
            raise CommandError(f"no rule {args[0] if args else ''!r}")
        root = _root(ls, args[1:])
        path = os.path.join(root.path, CONFIG_FILE)
        try:
            with open(path, encoding="utf-8") as handle:
                text = handle.read()
        except FileNotFoundError:
            text = None
        with open(path, "w", encoding="utf-8") as handle:
            handle.write(add_ignore(text, rule.code))
        ls.report_config_problems(root.configure(ls.client_config))
        await ls.refresh_root(root)
        ls.window_show_message(lsp.ShowMessageParams(type=lsp.MessageType.Info,
                                                     message=f"goenv-lsp: {rule.code} is ignored in {path}"))
        return path

    @server.command(convert.CMD_GO_ENV)
    async def go_env_write(ls, *args) -> str:
        argv, cwd = _trusted_go_command(ls, args)
        if argv[2] not in ("-w", "-u") or len(argv) < 4 or not all(
                _ENV_KEY.match(a.split("=", 1)[0]) and (argv[2] == "-u" or "=" in a) for a in argv[3:]):
            raise CommandError(f"not a go env -w/-u command: {argv[1:]}")
        result = await Runner(ls.env, timeout=30, force_local_toolchain=False).run(argv, cwd)
        if result.status is not Status.OK:
            message = f"`go {' '.join(argv[1:])}` failed: {(result.stderr or result.status.value).strip()}"
            ls.window_show_message(lsp.ShowMessageParams(type=lsp.MessageType.Error, message=message))
            raise CommandError(message)
        for root in ls.roots.values():
            root.invalidate()
        await ls.refresh_all(spawn=True)
        return f"ran go {' '.join(argv[1:])}"

    @server.command(convert.CMD_INSTALL_GOPLS)
    async def install_gopls(ls, *args) -> str:
        argv, cwd = _trusted_go_command(ls, args)
        if argv[1] != "install" or len(argv) != 3 or not _GOPLS.match(argv[2]):
            raise CommandError(f"not a gopls install command: {argv[1:]}")
        done = await ls.progress(f"goenv-lsp: go install {argv[2]}")
        try:
            extra = spec_env(args)
            result = await Runner({**ls.env, **extra}, timeout=900, force_local_toolchain=False).run(argv, cwd)
        finally:
            done()
        if result.status is not Status.OK:
            detail = (result.stderr or result.status.value).strip().splitlines()
            first = detail[-1] if detail else result.status.value
            if "GOPROXY=off" in result.stderr:
                message = f"go install {argv[2]} cannot download: module downloads are off (GOPROXY=off): {first}"
            elif any(marker in result.stderr for marker in _OFFLINE):
                message = (f"go install {argv[2]} could not reach the module proxy (offline, or blocked by a "
                           f"proxy): {first}")
            else:
                message = f"go install {argv[2]} failed: {first}"
            ls.window_show_message(lsp.ShowMessageParams(type=lsp.MessageType.Error, message=message))
            raise CommandError(message)
        ls.window_show_message(lsp.ShowMessageParams(type=lsp.MessageType.Info, message=f"installed {argv[2]}"))
        for root in ls.roots.values():
            root.invalidate()
        await ls.refresh_all(spawn=True)
        return f"installed {argv[2]}"


def _root(ls: GoenvServer, args) -> Root:
    from goenv_lsp.lsp.server import uri_to_path

    if args and isinstance(args[0], str) and (path := uri_to_path(args[0])):
        root = ls.root_for(path)
        if root is not None:
            return root
    if not ls.roots:
        raise CommandError("no workspace folder is open")
    return next(iter(ls.roots.values()))


def spec_env(args) -> dict[str, str]:
    """Only GOTOOLCHAIN=auto may be set by a fix (to build a gopls the local go is too old for)."""
    env = args[0].get("env") if args and isinstance(args[0], dict) else None
    return {"GOTOOLCHAIN": "auto"} if env == {"GOTOOLCHAIN": "auto"} else {}


def _trusted_go_command(ls: GoenvServer, args) -> tuple[list[str], str | None]:
    """The argv of a fix, if its go is one goenv-lsp found, probed successfully and may run."""
    spec = args[0] if args else None
    if not isinstance(spec, dict) or not isinstance(spec.get("argv"), list) or len(spec["argv"]) < 3:
        raise CommandError("expected a command from a goenv-lsp fix")
    argv = [str(a) for a in spec["argv"]]
    cwd = spec.get("cwd") if isinstance(spec.get("cwd"), str) and os.path.isdir(spec["cwd"]) else None
    known = {b.path for root in ls.roots.values() for b in (root.facts.go_binaries or () if root.facts else ())
             if b.status is Status.OK}
    if argv[0] not in known:
        raise CommandError(f"{argv[0]} is not a go binary goenv-lsp probed; refusing to run it")
    return argv, cwd
