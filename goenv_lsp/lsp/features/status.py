"""The ``goenv/status`` notification: per workspace folder, the go that runs and the environment problems, for
a client's status item (the VS Code extension's status bar). Sent only to clients that ask for it in their
capabilities (``experimental.goenvStatus: true``, as rust-analyzer's ``experimental.serverStatusNotification``),
so no other editor receives a method it does not know; sent once after `initialized` (every folder "probing")
after each probe and each publication, only when it changed.

Params: ``{"folders": [FolderStatus, …]}``, one per workspace folder (not the roots made for files outside them):

* ``uri`` — the folder; ``state`` — "probing" (not probed yet), "ok", "problems", "no-go" (no go on PATH:
  wins over "problems") or "error" (the probe failed: the server's log says why);
* ``goVersion`` — the version of the go that runs (the first go on PATH, its ``go version``, e.g. "1.27.3"),
  None when there is none or it could not be run; ``goPath`` — that go;
* ``problems`` — the number of findings at warning or error severity (after the user's severity settings);
  info findings are facts worth knowing, not problems;
* ``summary`` — one line per problem code, errors first: "GE110 <the rule's title>", "(3×)" when it was found
  several times.
"""

from __future__ import annotations

import asyncio
from typing import Any

from pygls.lsp.server import LanguageServer

from goenv_lsp.lsp.roots import WorkspaceRoot
from goenv_lsp.lsp.session import Session
from goenv_lsp.lsp.uris import path_to_uri
from goenv_lsp.model import Severity
from goenv_lsp.rules import by_code
from goenv_lsp.semantics.binaries import local_version, running_go

METHOD = "goenv/status"
CAPABILITY = "goenvStatus"  # in the client's capabilities.experimental
PROBLEM_SEVERITIES = (Severity.ERROR, Severity.WARNING)


def register(server: LanguageServer, session: Session) -> None:
    reporter = StatusReporter(server, session)

    async def started() -> None:
        reporter.enabled = wants_status(server)
        reporter.send()  # every folder "probing" until its first probe ends

    session.on_initialized.append(started)
    session.on_refreshed.append(reporter.later)
    session.on_published.append(reporter.later)  # an edit re-evaluated without a probe


def wants_status(server: LanguageServer) -> bool:
    experimental = getattr(server.client_capabilities, "experimental", None)
    return isinstance(experimental, dict) and experimental.get(CAPABILITY) is True


class StatusReporter:
    def __init__(self, server: LanguageServer, session: Session):
        self.server = server
        self.session = session
        self.enabled = False
        self.sent: list[dict[str, Any]] | None = None
        self._scheduled = False

    def later(self) -> None:
        """After a probe: on the next turn of the loop (when the probe that called this has finished), once for
        all the calls of this turn."""
        if self.enabled and not self._scheduled:
            self._scheduled = True
            asyncio.get_running_loop().call_soon(self.send)

    def send(self) -> None:
        self._scheduled = False
        if not self.enabled:
            return
        folders = [folder_status(root) for path, root in self.session.roots.items() if path not in self.session.outside]
        if folders != self.sent:
            self.sent = folders
            self.server.protocol.notify(METHOD, {"folders": folders})


def folder_status(root: WorkspaceRoot) -> dict[str, Any]:
    facts = root.facts
    status: dict[str, Any] = {"uri": path_to_uri(root.path), "state": "probing", "goVersion": None,
                              "goPath": None, "problems": 0, "summary": []}
    if facts is None:
        status["state"] = "error" if _probe_failed(root) else "probing"
        return status
    go = running_go(facts)
    problems = [f for f in root.findings if f.severity in PROBLEM_SEVERITIES]
    status.update(goVersion=local_version(go) or None, goPath=go.path if go else None, problems=len(problems),
                  summary=summary(problems))
    status["state"] = "no-go" if go is None else "problems" if problems else "ok"
    return status


def summary(problems: list) -> list[str]:
    counts: dict[str, int] = {}
    for finding in sorted(problems, key=lambda f: -f.severity.rank):
        counts[finding.code] = counts.get(finding.code, 0) + 1
    lines = []
    for code, count in counts.items():
        rule = by_code(code)
        title = rule.summary if rule else code
        lines.append(f"{code} {title}" + (f" ({count}×)" if count > 1 else ""))
    return lines


def _probe_failed(root: WorkspaceRoot) -> bool:
    """No facts although a probe ran to its end: it raised (roots.py logs it). The root has no public
    "probing" state yet, so this reads its probe task."""
    task = root._probe
    return task is not None and task.done() and not task.cancelled()
