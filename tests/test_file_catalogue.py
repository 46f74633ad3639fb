"""The file-kind catalogue (goenv_lsp/files/_catalogue.py) is the kind modules' records as data: generated,
up to date, resolving to the modules' own parsers, and what lets a check import only the kinds it reads."""

from __future__ import annotations

import dataclasses
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from goenv_lsp.files import KINDS, catalogue
from goenv_lsp.files.base import Deferred, FileKind

REPO = Path(__file__).resolve().parent.parent
KIND_MODULES = sorted({f"goenv_lsp.files.{module}" for module, _ in catalogue.SOURCES})


def test_the_catalogue_is_up_to_date() -> None:
    assert catalogue.TARGET.read_text(encoding="utf-8") == catalogue.render(), \
        f"run `{catalogue.REGENERATE}`"


def test_check_reports_a_stale_catalogue(monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    """A kind changed in its module and not regenerated: the check fails and names the command; --write fixes it."""
    from goenv_lsp.files import dockerfile

    monkeypatch.setattr(dockerfile, "KIND", dataclasses.replace(dockerfile.KIND, title="Containerfile"))
    target = tmp_path / "_catalogue.py"
    target.write_text(catalogue.TARGET.read_text(encoding="utf-8"), encoding="utf-8")
    monkeypatch.setattr(catalogue, "TARGET", target)
    assert catalogue.main([]) == 1
    assert catalogue.REGENERATE in capsys.readouterr().err
    assert catalogue.main(["--write"]) == 0
    assert "title='Containerfile'" in target.read_text(encoding="utf-8")
    assert catalogue.main([]) == 0


@pytest.mark.parametrize(("module", "kind"), catalogue.source_kinds(), ids=lambda v: getattr(v, "name", v))
def test_each_entry_is_its_module_kind(module: str, kind: FileKind) -> None:
    entry = next(k for k in KINDS if k.name == kind.name)
    for spec in dataclasses.fields(FileKind):
        ours, theirs = getattr(entry, spec.name), getattr(kind, spec.name)
        if isinstance(ours, Deferred):
            assert ours.module == module and ours.resolve() is theirs, spec.name
        else:
            assert ours == theirs, spec.name
    assert entry.facts_class is kind.facts_type


LIST_KIND_MODULES = """
import json, sys
from goenv_lsp.facts.paths import POSIX
from goenv_lsp.files import kind_of, parse
from goenv_lsp.files.base import ParseContext
found = kind_of("/ws/go.mod", "/ws", POSIX)
facts = parse(found, b"module example.com/m\\n\\ngo 1.22\\n", "/ws/go.mod", ParseContext("/ws", None, POSIX))
print(json.dumps({"kind": found.name, "go": facts.go.value, "modules": sorted(sys.modules)}))
"""


def test_finding_and_parsing_a_go_mod_imports_no_other_kind() -> None:
    """Without ``site`` and with the source tree on PYTHONPATH, as tests/test_import_budget.py counts."""
    proc = subprocess.run([sys.executable, "-S", "-c", LIST_KIND_MODULES], capture_output=True, text=True,
                          check=True, env={**os.environ, "PYTHONPATH": str(REPO)})
    result = json.loads(proc.stdout)
    assert (result["kind"], result["go"]) == ("go.mod", "1.22")
    imported = set(result["modules"]) & set(KIND_MODULES)
    assert imported == {"goenv_lsp.files.go_mod"}
