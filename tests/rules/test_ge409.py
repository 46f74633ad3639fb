"""GE409 checksum-variable-unknown: go 1.27.3 has no GONOSUMCHECK (nor GONOVERIFY): `go env -w` refuses it and an
exported one changes nothing."""

from __future__ import annotations

from pathlib import Path

import ge4real
import pytest


@pytest.mark.realgo
def test_the_go_command_ignores_it(tmp_path: Path) -> None:
    m = ge4real.machine(tmp_path, GONOSUMCHECK="git.corp.com")
    assert m.go_run("env", "GONOSUMCHECK", "GONOSUMDB").stdout == "\n\n"
    assert m.go_run("env", "-w", "GONOSUMCHECK=1").stderr == "go: unknown go command variable GONOSUMCHECK\n"
    [finding] = m.findings("GE409")
    assert finding.message.startswith("the environment variable GONOSUMCHECK is not a go command variable")
