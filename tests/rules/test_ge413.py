"""GE413 netrc-readable: the netrc's mode is judged from a stat; the file itself is never read."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import ge4real
import pytest

from goenv_lsp.engine import evaluate
from goenv_lsp.probe.fake import FakeSystem
from goenv_lsp.rules import by_code

sys.path.insert(0, str(Path(__file__).parent / "goldens"))
import golden


def test_the_netrc_is_never_read() -> None:
    data = golden.machine_data(Path(__file__).parent / "goldens" / "GE413" / "world-readable")
    system = FakeSystem.from_data(data)
    [finding] = evaluate(golden.machine_facts(data, system), rules=[by_code("GE413")])
    assert "mode 0644" in finding.message and "not-a-real-secret" not in finding.message
    touched = [call for call in system.calls if "/home/dev/.netrc" in str(call)]
    assert touched and all(call[0] == "stat" for call in touched), touched


@pytest.mark.realgo
def test_real_netrc(tmp_path: Path) -> None:
    m = ge4real.machine(tmp_path)
    netrc = Path(m.env["HOME"]) / ".netrc"
    netrc.write_text("machine git.corp.com login me password not-a-real-secret\n")
    netrc.chmod(0o644)
    [finding] = m.findings("GE413")
    assert finding.message.startswith(f"{netrc} (mode 0644) holds the credentials")
    assert finding.location.path == str(netrc)
    os.chmod(netrc, 0o600)
    assert m.findings("GE413") == []
