"""One workspace folder: its configuration, probe cache, parsed files, facts, findings, and the scheduling of
its probes. No pygls here: it reports through the ``publish`` and ``progress`` callbacks.

* ``refresh(changed)`` — the hot path, never starts a process: re-parses the changed file (or, when the file
  feeds the probe — settings that name an SDK — re-collects with cached probe results), evaluates and
  publishes; a probe result missing or out of date schedules ``probe``.
* ``probe()`` — starts processes: walks the tree again and runs every probe whose inputs changed;
  single-flight.
* ``schedule_probe()`` — a debounced ``probe``.
* ``forget()`` — drops the probe results, so the next ``probe`` runs everything again.
"""

from __future__ import annotations

import asyncio
import dataclasses
import logging
from collections.abc import Awaitable, Callable, Iterable, Mapping

from goenv_lsp.config import Config, load_workspace_file
from goenv_lsp.engine import Evaluation
from goenv_lsp.facts import Facts
from goenv_lsp.files import Where, kind_of
from goenv_lsp.files.goenv_file import default_path, user_env_file
from goenv_lsp.model import Finding
from goenv_lsp.probe import ProbeOptions, collect
from goenv_lsp.probe.cache import ProbeCache
from goenv_lsp.probe.collect import FileCache, collect_with_tree, reread
from goenv_lsp.probe.discover import Discovered
from goenv_lsp.probe.system import System
from goenv_lsp.rules import Input, Rule

log = logging.getLogger(__name__)
PROBE_DEBOUNCE = 0.3
Buffers = Callable[[], Mapping[str, bytes]]


class Settings:
    """Whether the client's settings are known yet. The first probe starts as `initialize` arrives, while the
    server still waits for them (``workspace/configuration``): it runs with the settings known so far minus
    what they might forbid (trust, the login shell), its findings wait for the settings, and it runs again
    when they change what is probed (the probe cache keeps what is still valid)."""

    def known(self) -> bool:
        return True

    async def wait(self) -> None:
        return None


def _probed(options: ProbeOptions) -> ProbeOptions:
    """What decides a probe's facts, but for the open buffers (their changes make the probe run again anyway)."""
    return dataclasses.replace(options, overrides={})


class WorkspaceRoot:
    def __init__(self, path: str, system: System, rules: tuple[Rule, ...] | None,
                 publish: Callable[[WorkspaceRoot, list[Finding]], None], buffers: Buffers,
                 progress: Callable[[str], Awaitable[Callable[[], None]]] | None = None,
                 on_probed: Callable[[], None] | None = None, folders: Callable[[], Iterable[str]] = tuple,
                 settings: Settings | None = None):
        self.path = path
        # the client's settings may still be on their way when the first probe starts (``Settings``)
        self.settings = settings or Settings()
        self.folders = folders  # every workspace folder of the session: none of them may run code unless trusted
        self.system = system
        self.rules = rules
        self.publish = publish
        self.buffers = buffers
        self.progress = progress
        self.on_probed = on_probed  # after each probe (the environment watcher re-targets)
        self.config = Config()
        # the GOENV file `go env` reads, known before the first probe so that its fingerprints stay valid
        self.cache = ProbeCache(system, default_path(system.env, system.os, system.home))
        self.files = FileCache()
        self.tree: Discovered | None = None
        self.facts: Facts | None = None
        self.findings: list[Finding] = []
        self.evaluation = Evaluation(self.config.selection(), rules)
        self._probe: asyncio.Task | None = None
        self._debounce: asyncio.Task | None = None
        self._again = False
        self.closed = False

    def configure(self, base: Config) -> list[str]:
        """Apply the client's settings and the workspace's goenv-lsp.toml; returns the problems found."""
        config, problems, _ = load_workspace_file(self.path, base, self.system)
        if config.selection() != self.config.selection():
            self.evaluation = Evaluation(config.selection(), self.rules)
        if config.workspace != self.config.workspace:
            self.tree = None  # discovery options changed: walk again
        self.config = config
        return problems

    def owns(self, path: str) -> bool:
        return self.system.paths.inside(path, self.path, strict=False)

    def options(self) -> ProbeOptions:
        config = self.config
        known = self.settings.known()  # until the client's settings came: nothing runs that they might forbid
        return ProbeOptions(timeout=config.probe_timeout, trusted=config.trusted and known,
                            untrusted=tuple(f for f in self.folders() if f != self.path),
                            editor_settings=dict(config.editor_settings), overrides=self.buffers(),
                            discovery=config.workspace,
                            gopls=self.evaluation.reads(Input.GOPLS), home_files=config.home_files,
                            login_shell=known and config.login_shell is True  # opt-in in the server
                            and self.evaluation.reads(Input.LOGIN_SHELL),
                            go_generate=self.evaluation.reads(Input.GO_GENERATE))

    # -- the hot path --------------------------------------------------------------------------
    async def refresh(self, changed: Iterable[str] = ()) -> list[Finding]:
        """Re-evaluate once after the files ``changed`` changed in the editor or on disk; never starts a process."""
        if self._probe is not None and not self._probe.done():
            self._again = True  # the running probe read the buffers before this change: it collects once more
        if self.facts is None or self.tree is None:  # nothing probed yet, or the walk's options changed
            self.schedule_probe()
            return self.findings
        paths, facts = self.system.paths, self.facts
        changed_kinds = [(path, kind_of(path, self.path, paths, facts)) for path in changed]
        if changed_kinds and all(k is not None and k.where is Where.TREE for _, k in changed_kinds):
            options = self.options()
            for path, _ in changed_kinds:
                facts = reread(facts, path, options, self.system, self.files, self.tree)
        else:  # settings that name an SDK, the GOENV file …: the probes' inputs may have changed
            runs = self.cache.runs(spawn=False)
            facts = await collect(self.path, self.options(), self.system, runs, self.files, self.tree)
            facts = dataclasses.replace(facts, stale=runs.stale or bool(runs.misses))
            if runs.misses:
                self.schedule_probe()
        self._evaluate(facts)
        return self.findings

    def _evaluate(self, facts: Facts) -> None:
        self.facts = facts
        goenv = user_env_file(facts)
        self.cache.goenv_file = goenv.path if goenv else None
        self.findings = self.evaluation.run(facts)
        self.publish(self, self.findings)

    # -- probing -------------------------------------------------------------------------------
    def schedule_probe(self, delay: float = PROBE_DEBOUNCE) -> None:
        if self.closed:
            return
        if self._debounce is not None:
            self._debounce.cancel()

        async def later() -> None:
            await asyncio.sleep(delay)
            await self.probe()

        self._debounce = asyncio.ensure_future(later())

    async def probe(self) -> list[Finding]:
        """Single-flight: a probe asked for while one runs makes it run once more, and waits for that."""
        if self.closed:
            return self.findings
        if self._probe is not None and not self._probe.done():
            self._again = True
            await asyncio.shield(self._probe)
            return self.findings
        self._probe = asyncio.ensure_future(self._probe_loop())
        return await asyncio.shield(self._probe)

    async def _probe_loop(self) -> list[Finding]:
        # the progress token is created while probing starts: the client's answer must not delay the probe
        title = f"goenv-lsp: probing {self.system.paths.basename(self.path)}"
        progress = asyncio.ensure_future(self.progress(title)) if self.progress else None
        try:
            while True:
                self._again = False
                try:
                    runs = self.cache.runs(spawn=True)
                    options, known = self.options(), self.settings.known()
                    facts, self.tree = await collect_with_tree(self.path, options, self.system, runs, self.files)
                    if not known:  # probing began while the settings were on their way (``Settings``)
                        # the rules run while they come; their findings wait for them: the same selection
                        # then re-runs no rule, another one (a new ``Evaluation``) runs them all again
                        self.evaluation.run(facts)
                        await self.settings.wait()
                        if _probed(options) != _probed(self.options()):
                            self._again = True  # they change what is probed: probe again, publish only that
                            continue
                    self._evaluate(facts)
                except Exception:  # a broken probe must not stop the server
                    log.exception("probing %s failed", self.path)
                if not self._again:
                    if self.on_probed is not None:
                        self.on_probed()
                    return self.findings
        finally:
            if progress is not None:
                progress.add_done_callback(lambda task: task.cancelled() or task.exception() or task.result()())

    async def settle(self, limit: float = 30.0) -> None:
        """Wait until no probe of this root is scheduled or running."""
        for _ in range(3):
            pending = [t for t in (self._debounce, self._probe) if t is not None and not t.done()]
            if not pending:
                return
            await asyncio.wait(pending, timeout=limit)

    def forget(self) -> None:
        self.cache.clear()

    def close(self) -> None:
        self.closed = True
        for task in (self._probe, self._debounce):
            if task is not None:
                task.cancel()
