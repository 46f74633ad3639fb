"""RecordingSystem: what a real probe did, written as a FakeSystem machine that replays it exactly — the proof
that the probe reaches the machine only through the System seam, and that recorded machines are faithful."""

from __future__ import annotations

import asyncio
import dataclasses
import os
import shutil

import pytest
import testbed

from goenv_lsp.facts import ProbeRun
from goenv_lsp.probe import ProbeOptions, collect
from goenv_lsp.probe.fake import FakeSystem
from goenv_lsp.probe.recording import RecordingSystem
from goenv_lsp.probe.system import RealSystem

pytestmark = pytest.mark.realgo


def without_durations(value):
    """Facts with every ProbeRun's duration zeroed (the only thing a replay cannot repeat)."""
    if isinstance(value, ProbeRun):
        return dataclasses.replace(value, duration_ms=0.0)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return dataclasses.replace(value, **{f.name: without_durations(getattr(value, f.name))
                                             for f in dataclasses.fields(value) if f.init})
    if isinstance(value, tuple):
        return tuple(without_durations(v) for v in value)
    return value


def test_a_recorded_real_machine_replays_to_the_same_facts(tmp_path, go122, go127, debian_gopls, go_env) -> None:
    ws = tmp_path / "ws"
    (ws / ".vscode").mkdir(parents=True)
    (ws / "go.mod").write_text("module example.com/app\n\ngo 1.27.3\n")
    (ws / "services" / "api").mkdir(parents=True)
    (ws / "services" / "api" / "go.mod").write_text("module example.com/api\n\ngo 1.28\n")
    (ws / ".vscode" / "settings.json").write_text('{\n  // pinned\n  "go.goroot": "' + str(go122) + '",\n}\n')
    tools = tmp_path / "tools"
    tools.mkdir()
    os.symlink(debian_gopls, tools / "gopls")
    env = go_env([go127 / "bin", go122 / "bin", tools])
    testbed.write_goenv(env, GOPRIVATE="example.com/private")
    recording = RecordingSystem(RealSystem(env=env, well_known_go=()))
    real = asyncio.run(collect(str(ws), ProbeOptions(), recording))
    assert {b.version for b in real.go_binaries} == {"go1.27.3", "go1.22.10"} and len(real.modules) == 2

    fixture = recording.fixture()
    shutil.rmtree(ws)  # the replay must not need the real files: everything came through the seam
    replayed = asyncio.run(collect(str(ws), ProbeOptions(), FakeSystem.from_fixture(fixture)))
    assert without_durations(replayed) == without_durations(real)
    assert recording.runs() and all(argv[0] in (str(go127 / "bin" / "go"), str(go122 / "bin" / "go"))
                                    for argv, _ in recording.runs())  # gopls itself never ran
