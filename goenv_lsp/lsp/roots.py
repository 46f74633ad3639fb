"""One workspace root: its probe cache, configuration, last facts and published diagnostics.

``refresh(spawn=False)`` is the hot path (didOpen/didChange): it re-collects facts from open buffers and
cached probe results and never starts a process; cache misses schedule one debounced background probe
(``refresh(spawn=True)``), of which at most one runs per root at a time."""

from __future__ import annotations

import asyncio
import logging
import os
from collections.abc import Awaitable, Callable, Mapping

from goenv_lsp.config import Config, load_workspace_file
from goenv_lsp.engine import evaluate
from goenv_lsp.facts import Facts
from goenv_lsp.model import Finding
from goenv_lsp.probe import ProbeOptions, collect
from goenv_lsp.probe.cache import ProbeCache
from goenv_lsp.probe.collect import default_goenv_path

log = logging.getLogger(__name__)
PROBE_DEBOUNCE = 0.3


class Root:
    def __init__(self, path: str, env: Mapping[str, str], publish: Callable[[Root, list[Finding]], None],
                 progress: Callable[[str], Awaitable[Callable[[], None]]] | None = None):
        self.path = path
        self.env = dict(env)
        self.publish = publish
        self.progress = progress
        self.config = Config()
        self.config_problems: list[str] = []
        self.cache = ProbeCache(self.env, goenv_file=default_goenv_path(self.env, self.env.get("HOME")))
        self.facts: Facts | None = None
        self.findings: list[Finding] = []
        self._probe: asyncio.Task | None = None
        self._debounce: asyncio.Task | None = None
        self._again = False

    def configure(self, base: Config) -> list[str]:
        config, problems, _ = load_workspace_file(self.path, base)
        if config.probe_timeout != self.config.probe_timeout:
            self.cache.runner_impl.timeout = config.probe_timeout
        self.config, self.config_problems = config, problems
        return problems

    def owns(self, path: str) -> bool:
        return path == self.path or path.startswith(self.path.rstrip(os.sep) + os.sep)

    async def refresh(self, buffers: Mapping[str, bytes], spawn: bool = False) -> list[Finding]:
        """Re-collect and publish; without ``spawn`` only cached probe results are used."""
        runner = self.cache.runner(spawn)
        options = ProbeOptions(timeout=self.config.probe_timeout, trusted=self.config.trusted, env=self.env,
                               editor_settings=dict(self.config.editor_settings), overrides=buffers, runner=runner)
        facts = await collect(self.path, options)
        self.facts = facts
        self.findings = evaluate(facts, self.config.selection())
        self.publish(self, self.findings)
        if runner.misses and not spawn:
            self.schedule_probe(lambda: buffers)
        return self.findings

    def schedule_probe(self, buffers: Callable[[], Mapping[str, bytes]], delay: float = PROBE_DEBOUNCE) -> None:
        if self._debounce is not None:
            self._debounce.cancel()

        async def later() -> None:
            await asyncio.sleep(delay)
            await self.probe(buffers)

        self._debounce = asyncio.ensure_future(later())

    async def probe(self, buffers: Callable[[], Mapping[str, bytes]]) -> list[Finding]:
        """Single-flight: a probe asked for while one runs makes it run once more, and waits for that."""
        if self._probe is not None and not self._probe.done():
            self._again = True
            await asyncio.shield(self._probe)
            return self.findings
        self._probe = asyncio.ensure_future(self._probe_loop(buffers))
        return await asyncio.shield(self._probe)

    async def _probe_loop(self, buffers: Callable[[], Mapping[str, bytes]]) -> list[Finding]:
        # the progress token is created while probing starts: the client's answer must not delay the probe
        progress = asyncio.ensure_future(self.progress(f"goenv-lsp: probing {os.path.basename(self.path)}")) \
            if self.progress else None
        try:
            while True:
                self._again = False
                try:
                    await self.refresh(buffers(), spawn=True)
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

    def invalidate(self) -> None:
        self.cache.clear()

    def close(self) -> None:
        for task in (self._probe, self._debounce):
            if task is not None:
                task.cancel()
