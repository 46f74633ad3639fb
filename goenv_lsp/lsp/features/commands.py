"""workspace/executeCommand. Commands that change global state (go env -w, go install) run only when the user
invokes them, only as the exact argv shapes our fixes produce, only with a go binary goenv-lsp itself found
and probed, and through the session (so the System runs them, as it runs every process)."""

from __future__ import annotations

import re

from lsprotocol import types as lsp
from pygls.lsp.server import LanguageServer

from goenv_lsp import docs
from goenv_lsp.facts import ProbeRun, Status
from goenv_lsp.lsp import convert
from goenv_lsp.lsp.session import CommandError, Session
from goenv_lsp.model import CommandKind
from goenv_lsp.report.environment import environment_report
from goenv_lsp.rules import by_code

_ENV_KEY = re.compile(r"^[A-Z][A-Z0-9_]*$")
_GOPLS = re.compile(r"^golang\.org/x/tools/gopls@v\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$")
_OFFLINE = ("no such host", "dial tcp", "network is unreachable", "connection refused", "proxyconnect",
            "i/o timeout", "TLS handshake timeout")


def register(server: LanguageServer, session: Session) -> None:
    def error(message: str) -> CommandError:
        session.client.show_message(lsp.MessageType.Error, message)
        return CommandError(message)

    @server.command(convert.CMD_REFRESH)
    async def refresh(ls: LanguageServer, *args: object) -> dict:
        await session.settled()
        for root in session.roots.values():
            root.forget()
        await session.probe_all()
        return {"findings": sum(len(r.findings) for r in session.roots.values())}

    @server.command(convert.CMD_REPORT)
    async def report(ls: LanguageServer, *args: object) -> str:
        root = session.root_of_uri(args[0] if args else None)
        await session.settled(root)
        if root.facts is None:
            await root.probe()
        assert root.facts is not None
        return environment_report(root.facts, root.findings)

    @server.command(convert.CMD_EXPLAIN)
    async def explain(ls: LanguageServer, *args: object) -> str:
        """The rule's page as a document (a browser for its https page) when the client can show one, else a
        one-line message with the link; the caller gets the markdown (VS Code's extension may render it)."""
        rule = by_code(str(args[0])) if args else None
        if rule is None:
            raise CommandError(f"no rule {args[0] if args else ''!r}")
        url = rule.url
        if not await session.client.show_document(url, external=url.startswith(("https:", "http:"))):
            session.client.show_message(lsp.MessageType.Info,
                                        f"goenv-lsp {rule.code} {rule.name}: {rule.summary.rstrip('.')} — {url}")
        return docs.markdown(rule)

    @server.command(convert.CMD_IGNORE)
    async def ignore(ls: LanguageServer, *args: object) -> str:
        rule = by_code(str(args[0])) if args else None
        if rule is None:
            raise CommandError(f"no rule {args[0] if args else ''!r}")
        root = session.root_of_uri(args[1] if len(args) > 1 else None)
        try:
            path = await session.ignore_in_workspace(root, rule.code)
        except CommandError as exc:
            raise error(str(exc)) from None
        session.client.show_message(lsp.MessageType.Info, f"goenv-lsp: {rule.code} is ignored in {path}")
        return path

    @server.command(convert.CMD_GO_ENV)
    async def go_env_write(ls: LanguageServer, *args: object) -> str:
        argv, cwd, _ = _fix_command(session, args, CommandKind.GO_ENV_WRITE)
        if argv[2] not in ("-w", "-u") or len(argv) < 4 or not all(
                _ENV_KEY.match(a.split("=", 1)[0]) and (argv[2] == "-u" or "=" in a) for a in argv[3:]):
            raise CommandError(f"not a go env -w/-u command: {argv[1:]}")
        result = await session.run_user_command(argv, cwd, None, timeout=30)
        if result.status is not Status.OK:
            raise error(f"`go {' '.join(argv[1:])}` failed: {(result.stderr or result.status.value).strip()}")
        return f"ran go {' '.join(argv[1:])}"

    @server.command(convert.CMD_INSTALL_GOPLS)
    async def install_gopls(ls: LanguageServer, *args: object) -> str:
        argv, cwd, env = _fix_command(session, args, CommandKind.INSTALL_GOPLS)
        if argv[1] != "install" or len(argv) != 3 or not _GOPLS.match(argv[2]):
            raise CommandError(f"not a gopls install command: {argv[1:]}")
        result = await _run_with_progress(session, f"go install {argv[2]}", argv, cwd, env, timeout=900)
        if result.status is not Status.OK:
            detail = (result.stderr or result.status.value).strip().splitlines()
            first = detail[-1] if detail else result.status.value
            if "GOPROXY=off" in result.stderr:
                raise error(f"go install {argv[2]} cannot download: module downloads are off (GOPROXY=off): {first}")
            if any(marker in result.stderr for marker in _OFFLINE):
                raise error(f"go install {argv[2]} could not reach the module proxy (offline, or blocked by a "
                            f"proxy): {first}")
            raise error(f"go install {argv[2]} failed: {first}")
        session.client.show_message(lsp.MessageType.Info, f"installed {argv[2]}")
        return f"installed {argv[2]}"

    @server.command(convert.CMD_SYNC_VENDOR)
    async def sync_vendor(ls: LanguageServer, *args: object) -> str:
        argv, cwd, _ = _fix_command(session, args, CommandKind.SYNC_VENDOR)
        if argv[1:] not in (["mod", "vendor"], ["work", "vendor"]) or cwd is None:
            raise CommandError(f"not a go mod vendor / go work vendor command in the workspace: {argv[1:]}")
        result = await _run_with_progress(session, f"go {argv[1]} vendor", argv, cwd, None, timeout=600)
        if result.status is not Status.OK:
            detail = (result.stderr or result.status.value).strip().splitlines()
            raise error(f"go {argv[1]} vendor failed: {detail[0] if detail else result.status.value}")
        session.client.show_message(lsp.MessageType.Info, f"ran go {argv[1]} vendor in {cwd}")
        return f"ran go {argv[1]} vendor"


async def _run_with_progress(session: Session, title: str, argv: list[str], cwd: str | None,
                             env: dict[str, str] | None, timeout: float) -> ProbeRun:
    """A fix's command the user chose, with a progress notification while it runs."""
    done = await session.client.begin_progress(f"goenv-lsp: {title}")
    try:
        return await session.run_user_command(argv, cwd, env, timeout=timeout)
    finally:
        done()


def _fix_command(session: Session, args: tuple, kind: CommandKind) -> tuple[list[str], str | None, dict[str, str]]:
    """The argv of a fix of ``kind``, if its go is one goenv-lsp found, probed successfully and may run."""
    spec = args[0] if args else None
    if not isinstance(spec, dict) or not isinstance(spec.get("argv"), list) or len(spec["argv"]) < 3:
        raise CommandError("expected a command from a goenv-lsp fix")
    if spec.get("kind") != kind.value:
        raise CommandError(f"expected a {kind.value} command, got {spec.get('kind')!r}")
    argv = [str(a) for a in spec["argv"]]
    paths = session.system.paths
    cwd = spec.get("cwd")
    cwd = cwd if isinstance(cwd, str) and paths.is_abs(cwd) and session.root_for(cwd) is not None else None
    if argv[0] not in session.probed_go_binaries():
        raise CommandError(f"{argv[0]} is not a go binary goenv-lsp probed; refusing to run it")
    # only GOTOOLCHAIN=auto may be set by a fix (to build a gopls the local go is too old for)
    env = {"GOTOOLCHAIN": "auto"} if spec.get("env") == {"GOTOOLCHAIN": "auto"} else {}
    return argv, cwd, env
