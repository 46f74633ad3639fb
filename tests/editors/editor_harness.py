"""Run a real editor headless on a scenario script and read the JSON file the script writes."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
EDITORS = REPO / "editors"
GOROOT_PREFIX = '  "go.goroot": /* ü😀 */ '  # precedes the value on line 2 (0-based): UTF-8/16/32 columns differ
SERVER_CMD = [sys.executable, "-m", "goenv_lsp", "--stdio", "--log-level", "debug"]


@dataclass
class Scenario:
    file: Path  # the file the editor opens
    expect: str  # the code that must appear
    fix: str  # title prefix of the code action to apply ("" = diagnostics only)
    env: dict[str, str]
    tmp: Path


def run_editor(argv: list[str | Path], scenario: Scenario, timeout: float = 25) -> dict:
    """Run ``argv`` (an editor on a scenario script) and return the JSON it wrote; fail with everything known."""
    out, log = scenario.tmp / "editor-result.json", scenario.tmp / "server.log"
    home = Path(scenario.env["HOME"])
    env = {**scenario.env, "PYTHONPATH": str(REPO), "XDG_DATA_HOME": str(home / ".local/share"),
           "XDG_STATE_HOME": str(home / ".local/state"), "GOENV_LSP_OUT": str(out),
           "GOENV_LSP_CMD": json.dumps([*SERVER_CMD, "--log-file", str(log)]), "GOENV_LSP_EDITORS": str(EDITORS),
           "GOENV_LSP_EXPECT": scenario.expect, "GOENV_LSP_FIX": scenario.fix}
    start = time.monotonic()
    proc = subprocess.run(["timeout", "-k", "2", str(timeout), *map(str, argv)], env=env, cwd=scenario.file.parent,
                          capture_output=True, text=True, timeout=timeout + 10)
    elapsed = time.monotonic() - start
    result = json.loads(out.read_text()) if out.exists() else {"error": "the editor wrote no result"}
    result["elapsed"] = round(elapsed, 2)
    if result.get("error") or proc.returncode != 0:
        lines = log.read_text().splitlines()[-40:] if log.exists() else ["(no server log)"]
        server_log = "\n".join(line[:300] for line in lines)
        server_log += "".join(f"\n{p}:\n{p.read_text()[-2000:]}" for p in home.rglob("lsp.log"))  # Neovim's
        pytest.fail(f"{argv[0]} exited {proc.returncode} after {elapsed:.1f} s\n"
                    f"result: {json.dumps(result, indent=1, ensure_ascii=False)}"
                    f"\nstdout: {proc.stdout[-3000:]}\nstderr: {proc.stderr[-3000:]}\nserver log tail:\n{server_log}",
                    pytrace=False)
    print(f"{argv[0]}: {elapsed:.2f} s, timings {result.get('timings')}")
    return result
