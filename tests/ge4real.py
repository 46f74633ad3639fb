"""Real-toolchain scaffolding for the GE4 (proxy, checksum, private module) tests: a file:// module proxy, an
isolated environment, `go` runs, and the rule's findings as the probe collects them."""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path

import goproxy
import testbed
from fixhelp import apply_edits

from goenv_lsp.engine import evaluate
from goenv_lsp.model import Finding, Fix
from goenv_lsp.probe import ProbeOptions, collect_sync
from goenv_lsp.probe.system import RealSystem
from goenv_lsp.rules import by_code


@dataclass
class Machine:
    tmp: Path
    go: Path  # the go binary
    env: dict[str, str]
    workspace: Path
    proxy: Path

    def go_run(self, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([str(self.go), *args], cwd=self.workspace, env=self.env, capture_output=True,
                              text=True, timeout=60)

    def findings(self, code: str) -> list[Finding]:
        facts = collect_sync(str(self.workspace), ProbeOptions(), RealSystem(env=self.env, well_known_go=()))
        return evaluate(facts, rules=[by_code(code)])

    def apply(self, fix: Fix) -> None:
        """As the user would: the edits written, the command run."""
        by_path: dict[str, list] = {}
        for edit in fix.edits:
            by_path.setdefault(edit.path, []).append((edit.range, edit.new_text))
        for path, edits in by_path.items():
            Path(path).write_text(apply_edits(Path(path).read_text(), edits))
        if fix.command is not None:
            subprocess.run(fix.command.argv, env=self.env, check=True, timeout=60, capture_output=True)


def machine(tmp: Path, version: str = "1.27.3", modules: tuple[str, ...] = ("example.com/lib",),
            **env: testbed.EnvValue) -> Machine:
    """Go ``version``, a file proxy serving ``modules`` at v1.0.0 (GOPROXY unless ``env`` says otherwise), and a
    workspace module example.com/app."""
    proxy = tmp / "proxy"
    for path in modules:
        goproxy.add_module(proxy, path, "v1.0.0")
    workspace = tmp / "ws"
    workspace.mkdir()
    (workspace / "go.mod").write_text("module example.com/app\n\ngo 1.21\n")
    go = testbed.go_root(version) / "bin" / "go"
    full = testbed.isolated_env(tmp, [go.parent], **{"GOPROXY": goproxy.proxy_url(proxy), **env})
    return Machine(tmp, go, full, workspace, proxy)
