"""The symlink chain of a command (probe.binaries.link_chain), through the System seam: real links on disk and the
same layout on a FakeSystem give the same hops — linked directories, relative targets, dangling ends, loops."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from goenv_lsp.probe.binaries import link_chain
from goenv_lsp.probe.fake import FakeSystem
from goenv_lsp.probe.system import RealSystem

# link → target, relative to the test's directory ("@" is that directory)
LAYOUTS = {
    "linked-dir": {"bin/go": "@/local/go/bin/go", "local/go": "go1.27.3"},
    "alternatives": {"bin/go": "@/etc/alternatives/go", "etc/alternatives/go": "../../lib/go-1.19/bin/go"},
    "dangling-dir": {"bin/go": "@/local/go/bin/go", "local/go": "go1.21.5"},
    "dangling-file": {"bin/go": "../Cellar/go/1.22.3/bin/go"},
    "loop": {"bin/go": "go2", "bin/go2": "go"},
}
REAL_FILES = ("local/go1.27.3/bin/go", "lib/go-1.19/bin/go")


def build_real(tmp: Path, layout: dict[str, str]) -> None:
    for name in REAL_FILES:
        (tmp / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp / name).write_text("#!/bin/sh\n")
    for link, target in layout.items():
        (tmp / link).parent.mkdir(parents=True, exist_ok=True)
        os.symlink(target.replace("@", str(tmp)), tmp / link)


def build_fake(tmp: Path, layout: dict[str, str]) -> FakeSystem:
    fake = FakeSystem()
    for name in REAL_FILES:
        fake.add_file(str(tmp / name), "#!/bin/sh\n")
    for link, target in layout.items():
        fake.add_symlink(str(tmp / link), target.replace("@", str(tmp)))
    return fake


def hops(system, tmp: Path) -> list[tuple[str, str, str, bool]]:
    def short(path: str) -> str:
        return path.replace(str(tmp), "@")

    return [(short(h.link), short(h.target), short(h.leads_to), h.exists)
            for h in link_chain(system, str(tmp / "bin" / "go"))]


@pytest.mark.parametrize("name", LAYOUTS)
def test_real_links_and_the_fake_machine_agree(tmp_path: Path, name: str) -> None:
    build_real(tmp_path, LAYOUTS[name])
    real = hops(RealSystem(env={}), tmp_path)
    assert real == hops(build_fake(tmp_path, LAYOUTS[name]), tmp_path)
    if name == "linked-dir":
        assert real == [("@/bin/go", "@/local/go/bin/go", "@/local/go/bin/go", True),
                        ("@/local/go", "go1.27.3", "@/local/go1.27.3/bin/go", True)]
    if name == "dangling-dir":  # the last hop is the link that points nowhere
        assert real[-1] == ("@/local/go", "go1.21.5", "@/local/go1.21.5/bin/go", False)
    if name == "loop":
        assert len(real) == 40 and not real[-1][3]


def test_a_plain_file_has_no_hops(tmp_path: Path) -> None:
    build_real(tmp_path, {})
    assert link_chain(RealSystem(env={}), str(tmp_path / "local/go1.27.3/bin/go")) == ()


def test_a_recorded_machine_replays_the_chain(tmp_path: Path) -> None:
    from goenv_lsp.probe.recording import RecordingSystem

    build_real(tmp_path, LAYOUTS["alternatives"])
    recording = RecordingSystem(RealSystem(env={}))
    seen = hops(recording, tmp_path)
    assert hops(FakeSystem.from_fixture(recording.fixture()), tmp_path) == seen
