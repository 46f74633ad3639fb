"""Every input yields the same kind of Facts behind one interface; provenance says which input it was."""

from __future__ import annotations

from pathlib import Path

from goenv_lsp.facts import Provenance
from goenv_lsp.inputs import FactsInput
from goenv_lsp.inputs.live import LiveProbe
from goenv_lsp.inputs.snapshot import Snapshot, dumps
from goenv_lsp.probe.fake import FakeSystem


def test_live_probe_and_its_snapshot_give_the_same_facts(tmp_path: Path) -> None:
    system = FakeSystem.from_fixture("""
[env]
HOME = "/home/dev"
PATH = "/usr/local/go/bin"
[files]
"/home/dev/src/app/go.mod" = "module example.com/app\\n\\ngo 1.27.3\\n"
[[go]]
root = "/usr/local/go"
version = "1.27.3"
""")
    live: FactsInput = LiveProbe("/home/dev/src/app", system)
    probed = live.facts()
    assert live.root == "/home/dev/src/app" and probed.provenance is Provenance.PROBED
    assert [m.dir for m in probed.modules] == ["/home/dev/src/app"]

    saved = tmp_path / "facts.json"
    saved.write_text(dumps(probed))
    snapshot: FactsInput = Snapshot(str(saved))
    again = snapshot.facts()
    assert snapshot.root == probed.root and again.provenance is Provenance.SNAPSHOT
    assert again.modules == probed.modules and again.go_binaries == probed.go_binaries
    assert snapshot.facts() is again  # read once

