"""The language server's state: workspace roots, client configuration, published diagnostics, and the
actions features ask for. It talks to the editor only through ``Client``, so it has no pygls in it and the
features never import the server module.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Mapping, Sequence
from typing import Protocol

from lsprotocol import types as lsp

from goenv_lsp.config import CONFIG_FILE, Config, ConfigEditError, add_ignore, from_mapping
from goenv_lsp.facts import ProbeRun, Status
from goenv_lsp.files import kind_of
from goenv_lsp.lsp import convert
from goenv_lsp.lsp.roots import Settings, WorkspaceRoot
from goenv_lsp.lsp.uris import path_to_uri, uri_to_path
from goenv_lsp.model import Finding
from goenv_lsp.probe.system import System
from goenv_lsp.rules import Rule

log = logging.getLogger(__name__)
MAX_OUTSIDE_ROOTS = 8  # roots made for open files outside every workspace folder; the oldest goes beyond
MAX_SHOWN = 256  # messages remembered as shown (each is shown once)


class Client(Protocol):
    """What the session needs from the editor connection."""

    def publish(self, uri: str, diagnostics: list[lsp.Diagnostic]) -> None: ...

    def show_message(self, kind: lsp.MessageType, text: str) -> None: ...

    def log(self, text: str) -> None: ...  # window/logMessage (the client's log, not a pop-up)

    async def show_document(self, uri: str, external: bool) -> bool: ...  # False: the client did not show it

    def supports(self, dotted: str) -> bool: ...

    def buffers(self) -> Mapping[str, bytes]: ...  # unsaved text of open documents, by path

    async def begin_progress(self, title: str) -> Callable[[], None]: ...

    # the "goenv" section for each scope (a folder's URI; None: the workspace as a whole), None where the client
    # did not answer
    async def configuration(self, scopes: Sequence[str | None]) -> list[object]: ...


class Session:
    def __init__(self, client: Client, system: System, rules: tuple[Rule, ...] | None = None):
        self.client = client
        self.system = system
        self.rules = rules
        self.roots: dict[str, WorkspaceRoot] = {}
        self.client_config = Config()  # initializationOptions < the "goenv" section without a scope
        self.folder_configs: dict[str, Config] = {}  # folder → initializationOptions < its own "goenv" section
        self.init_options: object = None
        self.published: dict[str, dict[str, list[lsp.Diagnostic]]] = {}  # root → uri → diagnostics
        self._findings: dict[str, dict[str, list[Finding]]] = {}  # root → uri → the findings published there
        self.shown_messages: dict[str, None] = {}  # insertion-ordered: the oldest are forgotten
        self.outside: dict[str, set[str]] = {}  # roots made for files outside every folder → their open files
        self._configured: asyncio.Event | None = None
        self._early_probe: asyncio.Future | None = None  # started on `initialize` (``begin``)
        self._spawned_before = 0  # processes started before it
        self._initialized: asyncio.Event | None = None  # set on `initialized` once ``begin`` ran
        # features' hooks: run (concurrently with the first probe) after `initialized`; after each probe of every
        # root (the watcher re-targets); after each publication of a root's findings (the status item); at shutdown
        self.on_initialized: list[Callable[[], Awaitable[None]]] = []
        self.on_refreshed: list[Callable[[], None]] = []
        self.on_published: list[Callable[[], None]] = []
        self.on_shutdown: list[Callable[[], None]] = []

    @property
    def configured(self) -> asyncio.Event:
        """Set once the client's settings were loaded after `initialized`."""
        if self._configured is None:
            self._configured = asyncio.Event()
        return self._configured

    def begin(self) -> None:
        """On `initialize`, once the workspace folders are roots: the first probe starts, and its processes run
        while the answer is sent (``probe_started``), the client sends `initialized` and the server pulls the
        settings. Until they are known it runs nothing they might forbid, publishes nothing, and runs again if
        they change what it probed (``roots.Settings``); it asks the client for nothing before `initialized`."""
        if self._initialized is None:  # once: a repeated `initialize` (a confused client) starts no second probe
            self._initialized = asyncio.Event()  # and leaves set the event progress requests wait for
            self._spawned_before = self.system.spawned
            self._early_probe = asyncio.ensure_future(self.probe_all())

    async def probe_started(self, turns: int = 32) -> None:
        """Once the first probe (``begin``) started its first process — the go env of each go — or ended, or
        after ``turns`` of the event loop: the answer to `initialize` waits for it (``Protocol``)."""
        probing = self._early_probe
        for _ in range(turns):
            if probing is None or probing.done() or self.system.spawned != self._spawned_before:
                return
            await asyncio.sleep(0)

    async def start(self, pull: bool) -> None:
        """After `initialized`: the first probe (started by ``begin``, else now) runs while the settings are
        pulled — it runs nothing they might forbid and publishes only once they are known (``roots.Settings``);
        the features' hooks then run before the first publication."""
        probing, self._early_probe = self._early_probe or asyncio.ensure_future(self.probe_all()), None
        if self._initialized is not None:
            self._initialized.set()
        try:
            await self.load_client_config(pull=pull)
        finally:
            hooks = [asyncio.ensure_future(hook()) for hook in self.on_initialized]
            self.configured.set()
        await probing
        await asyncio.gather(*hooks)

    async def settled(self, root: WorkspaceRoot | None = None) -> None:
        """Wait (bounded) for the initial settings and for any probe of ``root`` that is under way."""
        try:
            await asyncio.wait_for(self.configured.wait(), 10)
        except asyncio.TimeoutError:
            log.warning("no settings after 10 s; going on with what is known")
        if root is not None:
            await root.settle()

    # -- roots ---------------------------------------------------------------------------------
    def root_for(self, path: str) -> WorkspaceRoot | None:
        owners = [r for r in self.roots.values() if r.owns(path)]
        return max(owners, key=lambda r: len(r.path)) if owners else None

    def add_root(self, path: str) -> WorkspaceRoot:
        path = self.system.paths.normpath(path)
        self.outside.pop(path, None)  # a workspace folder now: it stays
        if path not in self.roots:
            root = WorkspaceRoot(path, self.system, self.rules, self.publish, self.client.buffers,
                                 self._begin_progress, on_probed=self._probed,
                                 folders=lambda: tuple(p for p in self.roots if p not in self.outside),
                                 settings=_ClientSettings(self))
            self.report_config_problems(root.configure(self.config_for(root.path)))
            self.roots[path] = root
        return self.roots[path]

    def remove_root(self, path: str) -> None:
        path = self.system.paths.normpath(path)
        self.outside.pop(path, None)
        root = self.roots.pop(path, None)
        self.folder_configs.pop(path, None)
        if root is not None:
            root.close()
            self._findings.pop(root.path, None)
            for uri in self.published.pop(root.path, {}):
                self.send(uri)
            self._probed()  # the watcher and the status item forget it now, not at the next probe

    def root_of_uri(self, uri: str | None) -> WorkspaceRoot:
        """The root a command argument names, else the first one."""
        path = uri_to_path(uri) if isinstance(uri, str) else None
        root = self.root_for(path) if path else None
        if root is not None:
            return root
        if not self.roots:
            raise CommandError("no workspace folder is open")
        return next(iter(self.roots.values()))

    async def probe_all(self) -> None:
        results = await asyncio.gather(*(r.probe() for r in list(self.roots.values())), return_exceptions=True)
        for result in results:  # a root removed meanwhile was cancelled; anything else is a bug to log
            if isinstance(result, BaseException) and not isinstance(result, asyncio.CancelledError):
                log.error("probing failed", exc_info=result)

    async def _begin_progress(self, title: str) -> Callable[[], None]:
        """The client's progress, asked for only after `initialized` (LSP: no request before it)."""
        if self._initialized is not None:
            await self._initialized.wait()
        return await self.client.begin_progress(title)

    def _probed(self) -> None:
        for callback in self.on_refreshed:
            callback()

    def _outside_root(self, directory: str) -> WorkspaceRoot:
        """A root for open files outside every folder, while they are open; the least recently used goes
        when there are more than ``MAX_OUTSIDE_ROOTS``."""
        root = self.add_root(directory)
        self.outside[root.path] = set()
        while len(self.outside) > MAX_OUTSIDE_ROOTS:
            oldest = next(iter(self.outside))
            log.info("more than %d directories outside the workspace folders: %s is not diagnosed any more",
                     MAX_OUTSIDE_ROOTS, oldest)
            self.remove_root(oldest)
        return root

    async def document_changed(self, uri: str, edit: bool = False, opened: bool = False) -> None:
        """didOpen (``opened``) / didSave / didClose, or (``edit``) didChange: re-evaluate the roots the
        document feeds."""
        path = uri_to_path(uri)
        if path is None:
            return
        paths = self.system.paths
        root = self.root_for(path)
        if root is None:
            readers = [r for r in self.roots.values() if r.facts is not None and r.facts.file(path) is not None]
            if readers:  # a file outside the folders that they read: the GOENV file, $GOROOT/go.env …
                for reader in readers:
                    await reader.refresh([path])
                return
            if not (opened or path in self.client.buffers()):
                return  # neither open nor read by a root: nothing to diagnose
            root, opened = self._outside_root(paths.dirname(path)), True  # an open file outside every folder
        if root.path in self.outside:  # now the most recently used
            files = self.outside.pop(root.path)
            self.outside[root.path] = files | {path} if opened else files
        config_file = path == paths.join(root.path, CONFIG_FILE)
        if config_file:
            if edit:
                return  # read from disk: unsaved text changes nothing
            self.report_config_problems(root.configure(self.config_for(root.path)))
        if root.facts is None:
            if edit:
                root.schedule_probe()  # the hot path never waits for a process
            else:
                await self.settled()  # the first probe needs the client's settings (trust, SDK paths)
                await root.probe()
        elif config_file or kind_of(path, root.path, paths, root.facts) is not None:
            await root.refresh([path])  # edits to other files change no fact

    async def document_closed(self, uri: str) -> None:
        """didClose: the file on disk counts again; a root made for files outside the folders goes with the
        last of them."""
        path = uri_to_path(uri)
        root = self.root_for(path) if path else None
        if root is not None and path is not None and root.path in self.outside:
            self.outside[root.path].discard(path)
            if not self.outside[root.path]:
                self.remove_root(root.path)
                return
        await self.document_changed(uri)

    async def files_changed_on_disk(self, changes: Mapping[str, lsp.FileChangeType]) -> None:
        """workspace/didChangeWatchedFiles: a created or deleted file changes the tree (walk again); changed
        files are read again, each root evaluated once."""
        touched: dict[str, tuple[WorkspaceRoot, list[str], bool]] = {}
        for path, change in changes.items():
            root = self.root_for(path)
            if root is None:
                continue
            _, paths, structural = touched.get(root.path, (root, [], False))
            touched[root.path] = (root, [*paths, path], structural or change is not lsp.FileChangeType.Changed)
        ops = self.system.paths
        for root, paths, structural in touched.values():
            self.report_config_problems(root.configure(self.config_for(root.path)))
            if structural:
                root.schedule_probe()
                continue
            config = ops.join(root.path, CONFIG_FILE)  # a nested settings.json or goenv-lsp.toml is no input
            read = [p for p in paths if p == config or kind_of(p, root.path, ops, root.facts) is not None]
            if read:
                await root.refresh(read)

    # -- publishing ----------------------------------------------------------------------------
    def publish(self, root: WorkspaceRoot, findings: list[Finding]) -> None:
        if self.roots.get(root.path) is not root:  # removed while it was being evaluated
            return
        related = self.client.supports("text_document.publish_diagnostics.related_information")
        grouped: dict[str, list[Finding]] = {}
        for finding in findings:
            if finding.location.path is None:  # the anchoring policy found no file (rules._shared.anchors)
                self.show_once(f"goenv-lsp [{finding.code}] {finding.message}")
                continue
            grouped.setdefault(path_to_uri(finding.location.path), []).append(finding)
        # only the files whose findings changed are converted and sent again (a monorepo has a thousand)
        before, was = self.published.get(root.path, {}), self._findings.get(root.path, {})
        by_uri = {uri: before[uri] if was.get(uri) == group and uri in before
                  else [convert.diagnostic(f, related) for f in group] for uri, group in grouped.items()}
        self.published[root.path], self._findings[root.path] = by_uri, grouped
        for uri in set(before) | set(by_uri):
            if before.get(uri) is not by_uri.get(uri) and before.get(uri) != by_uri.get(uri):
                self.send(uri)
        for callback in self.on_published:
            callback()

    def send(self, uri: str) -> None:
        """Publish the diagnostics of every root for ``uri`` (a GOENV file is shared by all): once each."""
        merged: list[lsp.Diagnostic] = []
        seen = set()
        for per_root in self.published.values():
            for diagnostic in per_root.get(uri, []):
                start = diagnostic.range.start
                key = (diagnostic.code, diagnostic.message, start.line, start.character)
                if key not in seen:
                    seen.add(key)
                    merged.append(diagnostic)
        self.client.publish(uri, merged)

    def published_at(self, uri: str) -> list[lsp.Diagnostic]:
        path = uri_to_path(uri) or ""
        return [d for per_root in self.published.values() for d in per_root.get(uri, [])
                or per_root.get(path_to_uri(path), [])] if path else []

    def show_once(self, message: str, kind: lsp.MessageType = lsp.MessageType.Warning) -> None:
        if message not in self.shown_messages:
            self.shown_messages[message] = None
            if len(self.shown_messages) > MAX_SHOWN:
                del self.shown_messages[next(iter(self.shown_messages))]
            self.client.show_message(kind, message)

    def report_config_problems(self, problems: list[str]) -> None:
        if problems:
            self.show_once("goenv-lsp settings: " + "; ".join(problems) + " (defaults used)")

    # -- configuration -------------------------------------------------------------------------
    async def load_client_config(self, settings: object = None, pull: bool = True) -> None:
        """initializationOptions, then the "goenv" section: pulled for each workspace folder (``scopeUri``, so
        a multi-root workspace's folders each get their own) and once without a scope (for files outside every
        folder), or as sent with didChangeConfiguration (the same for every folder). Each root then layers its
        goenv-lsp.toml on top (``WorkspaceRoot.configure``)."""
        folders = [path for path in self.roots if path not in self.outside]
        if pull:
            answers = await self.client.configuration([None, *(path_to_uri(f) for f in folders)])
            answers = [*answers, *[None] * (len(folders) + 1)][:len(folders) + 1]
            general, scoped = answers[0], dict(zip(folders, answers[1:], strict=True))
        else:
            general = settings["goenv"] if isinstance(settings, dict) and "goenv" in settings else settings
            scoped = {}
        self.client_config = self._layered(general)
        self.folder_configs = {folder: self._layered(section) for folder, section in scoped.items()}
        for root in self.roots.values():
            self.report_config_problems(root.configure(self.config_for(root.path)))

    def _layered(self, section: object) -> Config:
        config, problems = Config(), []
        for where, layer in (("initializationOptions", self.init_options), ("settings goenv", section)):
            if layer:
                config, found = from_mapping(layer, where, config)
                problems += found
        self.report_config_problems(problems)
        return config

    def config_for(self, root: str) -> Config:
        """The client's settings for a root: its folder's, else those of the workspace as a whole."""
        return self.folder_configs.get(root, self.client_config)

    def config_state(self) -> tuple:
        return self.client_config, dict(self.folder_configs), [r.config for r in self.roots.values()]

    # -- actions the user asked for (commands) -------------------------------------------------
    async def run_user_command(self, argv: list[str], cwd: str | None, extra_env: Mapping[str, str] | None,
                               timeout: float) -> ProbeRun:
        """A command a fix offers and the user chose (go env -w, go install): through the System, with the
        user's own GOTOOLCHAIN, then every root is probed again."""
        result = await self.system.run(argv, cwd, extra_env=extra_env, timeout=timeout, user_command=True)
        if result.status is Status.OK:
            for root in self.roots.values():
                root.forget()
            await self.probe_all()
        return result

    async def ignore_in_workspace(self, root: WorkspaceRoot, code: str) -> str:
        """Add ``code`` to the root's goenv-lsp.toml (created if needed), keeping the rest of the file."""
        path = self.system.paths.join(root.path, CONFIG_FILE)
        found = self.system.read(path)
        if found.status not in (Status.OK, Status.MISSING):
            raise CommandError(f"cannot read {path}: {found.problem}")
        try:
            text = add_ignore(found.data.decode("utf-8") if found.data else None, code)
        except (ConfigEditError, UnicodeDecodeError) as exc:
            raise CommandError(f"{path}: {exc}") from None
        self.system.write_text(path, text)
        self.report_config_problems(root.configure(self.config_for(root.path)))
        await root.refresh([path])
        return path

    def probed_go_binaries(self) -> set[str]:
        return {b.path for root in self.roots.values() for b in (root.facts.go_binaries or () if root.facts else ())
                if b.status is Status.OK}

    def close(self) -> None:
        for hook in self.on_shutdown:
            hook()
        for root in self.roots.values():
            root.close()


class _ClientSettings(Settings):
    """The roots' view of the session's settings: known once ``configured`` is set."""

    def __init__(self, session: Session):
        self.session = session

    def known(self) -> bool:
        return self.session.configured.is_set()

    async def wait(self) -> None:
        await self.session.settled()


class CommandError(Exception):
    pass

