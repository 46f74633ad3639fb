"""Snapshots (`goenv-lsp facts` → `check --facts`): schema 2 round-trips exactly; schema 1, recorded by the
goenv-lsp of before Engine v2 on a real machine (paths renamed), is migrated and gives the findings it gave."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import factsbuilder as fb
import pytest

from goenv_lsp.engine import evaluate
from goenv_lsp.facts import SCHEMA_VERSION, Origin, PathFlavor, Provenance, Status
from goenv_lsp.files.go_mod import ModFileFacts
from goenv_lsp.inputs.snapshot import SnapshotError, dumps, load, loads
from goenv_lsp.report.paths import PathStyle

SNAPSHOTS = Path(__file__).parent / "snapshots"


def test_schema_2_round_trips_exactly() -> None:
    facts = fb.healthy(vscode=fb.settings(go_goroot="/usr/local/go"), go_work=fb.go_work())
    again = loads(dumps(facts))
    assert again.provenance is Provenance.SNAPSHOT
    assert dataclasses.replace(again, provenance=facts.provenance) == facts
    assert json.loads(dumps(facts))["schema"] == SCHEMA_VERSION == 2


def test_schema_1_snapshot_is_migrated() -> None:
    facts = load(str(SNAPSHOTS / "schema1-linux.json"))
    assert facts.schema == 2 and facts.path_flavor is PathFlavor.POSIX
    assert set(facts.kinds) == {"go.mod", "go.work", "vscode-settings", "goland-workspace", "goenv", "go.env"}
    [module] = facts.modules
    assert module.dir == "/home/dev/src/app" and module.go_work is None
    assert isinstance(facts.file(module.go_mod), ModFileFacts)
    assert facts.files_of("goenv")[0].get("GOTOOLCHAIN").value == "local"
    assert [b.origins for b in facts.go_binaries][1] == (Origin.PATH, Origin.GO_GOROOT)
    assert all(b.status is Status.OK for b in facts.go_binaries)


def test_schema_1_snapshot_gives_the_findings_it_gave() -> None:
    facts = load(str(SNAPSHOTS / "schema1-linux.json"))
    style = PathStyle(facts.root, facts.home)
    got = [{"code": f.code, "path": style.path(f.location.path), "message": style.text(f.message)}
           for f in evaluate(facts)]
    assert got == json.loads((SNAPSHOTS / "schema1-linux.findings.json").read_text())


@pytest.mark.parametrize(("text", "message"), [
    ('{"schema": 99}', "schema 99 come from a newer goenv-lsp"),
    ('{"schema": 0}', "schema 0 are too old"),
    ("[]", "no schema number"),
    ('{"schema": 1, "go_binaries": [3], "gopls": "x", "go_mod": {"path": 5}}', "go_binaries[0]: expected an object"),
])
def test_bad_snapshots_say_why(text: str, message: str) -> None:
    with pytest.raises(SnapshotError, match=message.replace("[", r"\[").replace("]", r"\]")):
        loads(text)


def test_facts_shown_with_home_as_tilde_read_back_with_an_absolute_home(tmp_path: Path) -> None:
    """`goenv-lsp facts` prints home as ~: read back, paths under it stay absolute, and reports show ~ again."""
    import re

    facts = fb.healthy()
    style = PathStyle(None, facts.home, paths=facts.paths)
    text = re.sub(r'"([^"]*)"', lambda m: json.dumps(style.text(json.loads(m.group(0)))), dumps(facts))
    assert facts.home not in text and '"home": "~"' in text
    again = loads(text)
    assert again.home == "/~" and again.paths.is_abs(again.env["HOME"])
    assert evaluate(again) == evaluate(facts) == []
    assert PathStyle(None, again.home, paths=again.paths).text(f"{again.home}/go") == "~/go"
