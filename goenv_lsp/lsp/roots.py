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
from collections.abc import Awaitable, Callable, Mapping

from goenv_lsp.config import Config, load_workspace_file
from goenv_lsp.engine import Evaluation
from goenv_lsp.facts import Facts, FileFacts, PathKind, Status
from goenv_lsp.files import ParseContext, Where, kind_of, parse
from goenv_lsp.files.base import unreadable
from goenv_lsp.files.goenv_file import user_env_file
from goenv_lsp.model import Finding
from goenv_lsp.probe import ProbeOptions, collect
from goenv_lsp.probe.cache import ProbeCache
from goenv_lsp.probe.collect import FileCache
from goenv_lsp.probe.discover import Discovered
from goenv_lsp.probe.system import System
from goenv_lsp.rules import Rule
from goenv_lsp.semantics.modules import modules_of

log = logging.getLogger(__name__)
PROBE_DEBOUNCE = 0.3
Buffers = Callable[[], Mapping[str, bytes]]


class WorkspaceRoot:
    def __init__(self, path: str, system: System, rules: tuple[Rule, ...] | None,
                 publish: Callable[[WorkspaceRoot, list[Finding]], None], buffers: Buffers,
                 progress: Callable[[str], Awaitable[Callable[[], None]]] | None = None):
        self.path = path
        self.system = system
        self.rules = rules
        self.publish = publish
        self.buffers = buffers
        self.progress = progress
        self.config = Config()
        self.cache = ProbeCache(system)
        self.files = FileCache()
        self.tree: Discovered | None = None
        self.facts: Facts | None = None
        self.findings: list[Finding] = []
        self.evaluation = Evaluation(self.config.selection(), rules)
        self._probe: asyncio.Task | None = None
        self._debounce: asyncio.Task | None = None
        self._again = False

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
        return ProbeOptions(timeout=config.probe_timeout, trusted=config.trusted,
                            editor_settings=dict(config.editor_settings), overrides=dict(self.buffers()),
                            discovery=config.workspace,
                            gopls=any("gopls" in rule.needs for rule in self.evaluation.rules))

    # -- the hot path --------------------------------------------------------------------------
    async def refresh(self, changed: str | None = None) -> list[Finding]:
        """Re-evaluate after ``changed`` (a path) changed in the editor or on disk; never starts a process."""
        if self.facts is None:
            self.schedule_probe()
            return self.findings
        file_kind = kind_of(changed, self.path, self.system.paths, self.facts) if changed else None
        if file_kind is not None and file_kind.where is Where.TREE:
            facts = self._patched(changed, file_kind)  # type: ignore[arg-type]
        else:
            runs = self.cache.runs(spawn=False)
            facts = await collect(self.path, self.options(), self.system, runs, self.files, self.tree)
            facts = dataclasses.replace(facts, stale=runs.stale or bool(runs.misses))
            if runs.misses:
                self.schedule_probe()
        self._evaluate(facts)
        return self.findings

    def _patched(self, path: str, file_kind) -> Facts:
        """The facts with one tree file (go.mod, go.work …) read again from its buffer or the disk."""
        assert self.facts is not None
        paths = self.system.paths
        buffer = self.buffers().get(path)
        new: FileFacts | None
        ctx = ParseContext(self.path, self.system.home, paths)
        if buffer is not None:
            key: object = ("buffer", hash(buffer))
            new = self.files.get(path, key) or parse(file_kind, buffer, path, ctx)
        else:
            stat = self.system.stat(path)
            key = ("disk", stat.kind, stat.fingerprint)
            new = self.files.get(path, key)
            if new is None and stat.kind is not PathKind.MISSING:
                found = self.system.read(path)
                if found.status is Status.OK:
                    new = parse(file_kind, found.data, path, ctx)
                elif found.status is not Status.MISSING:
                    new = unreadable(path, file_kind.name, found.status, found.problem, file_kind.facts_type)
        if new is not None:
            self.files.put(path, key, new)
        if self.tree is not None:
            listed = self.tree.files.setdefault(file_kind.name, [])
            if new is None and path in listed:
                listed.remove(path)
            elif new is not None and path not in listed and paths.inside(path, self.path):
                listed.append(path)
        facts = self.facts.with_files({path: new})
        return dataclasses.replace(facts, modules=modules_of(facts))

    def _evaluate(self, facts: Facts) -> None:
        self.facts = facts
        goenv = user_env_file(facts)
        self.cache.goenv_file = goenv.path if goenv else None
        self.findings = self.evaluation.run(facts)
        self.publish(self, self.findings)

    # -- probing -------------------------------------------------------------------------------
    def schedule_probe(self, delay: float = PROBE_DEBOUNCE) -> None:
        if self._debounce is not None:
            self._debounce.cancel()

        async def later() -> None:
            await asyncio.sleep(delay)
            await self.probe()

        self._debounce = asyncio.ensure_future(later())

    async def probe(self) -> list[Finding]:
        """Single-flight: a probe asked for while one runs makes it run once more, and waits for that."""
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
                    facts = await collect(self.path, self.options(), self.system, runs, self.files)
                    self.tree = _tree_of(facts)
                    self._evaluate(facts)
                except Exception:  # a broken probe must not stop the server
                    log.exception("probing %s failed", self.path)
                if not self._again:
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
        for task in (self._probe, self._debounce):
            if task is not None:
                task.cancel()


def _tree_of(facts: Facts) -> Discovered:
    """The walk's result as the facts hold it, so the hot path can re-collect without walking again."""
    found = Discovered(directories=facts.discovery.directories if facts.discovery else 0,
                       truncated=facts.discovery.truncated if facts.discovery else None)
    root = facts.root or ""
    for path, file in (facts.files or {}).items():
        if facts.paths.inside(path, root):
            found.files.setdefault(file.kind, []).append(path)
    return found
