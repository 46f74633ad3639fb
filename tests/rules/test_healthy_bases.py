"""The golden cases' healthy machines (tests/rules/goldens/machines/*.toml) give no finding from any stable rule:
every case that extends one changes exactly what it is about, so a rule that fires on a base would fire on
every healthy look-alike built from it."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib

sys.path.insert(0, str(Path(__file__).resolve().parent / "goldens"))
import golden

from goenv_lsp.engine import evaluate
from goenv_lsp.probe.fake import FakeSystem


@pytest.mark.parametrize("base", sorted(golden.MACHINES.glob("*.toml")), ids=lambda p: p.stem)
def test_a_healthy_base_is_quiet(base: Path) -> None:
    data = tomllib.loads(base.read_text(encoding="utf-8"))
    if data.get("os") == "windows":
        data.setdefault("root", "C:\\src\\app")  # where the Windows cases put their workspace
    facts = golden.machine_facts(data, FakeSystem.from_data(data))
    assert facts.go_binaries and facts.modules  # a machine with a go that ran and a module, not an empty one
    assert [(f.code, f.message) for f in evaluate(facts)] == []
