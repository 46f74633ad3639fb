"""GE004 workspace-search-capped: the walk stopped at a cap, so the workspace was not checked whole."""

from __future__ import annotations

import dataclasses

import factsbuilder as fb
import pytest

from goenv_lsp.engine import evaluate
from goenv_lsp.facts import Discovery
from goenv_lsp.model import Location, Severity
from goenv_lsp.rules.ge0_internal.ge004_workspace_search_capped import check as GE004


def test_a_capped_search_is_reported_on_the_root_module() -> None:
    facts = dataclasses.replace(fb.healthy(), discovery=Discovery(3000, "found 2000 modules (max-modules)"))
    [finding] = evaluate(facts, rules=[GE004])
    assert (finding.code, finding.severity) == ("GE004", Severity.INFO)
    assert finding.message == ("goenv-lsp stopped searching the workspace when it had found 2000 modules "
                               "(max-modules): what lies beyond was not checked; exclude directories or raise the "
                               "cap in goenv-lsp.toml's [workspace] table")
    assert finding.location == Location(f"{fb.ROOT}/go.mod", fb.go_mod().module.range)


@pytest.mark.parametrize("discovery", [None, Discovery(12, None)])
def test_a_complete_or_unknown_search_says_nothing(discovery) -> None:
    assert evaluate(dataclasses.replace(fb.healthy(), discovery=discovery), rules=[GE004]) == []


@pytest.mark.realgo
def test_real_tree_over_the_cap(tmp_path, go127, go_env, check_real) -> None:
    ws = tmp_path / "mono"
    for name in ("a", "b", "c"):
        (ws / name).mkdir(parents=True)
        (ws / name / "go.mod").write_text(f"module example.com/{name}\n\ngo 1.27.3\n")
    (ws / "goenv-lsp.toml").write_text("[workspace]\nmax-modules = 2\n")
    _, report = check_real(ws, go_env([go127 / "bin"]), "--select", "GE004")
    [finding] = report["findings"]
    assert finding["code"] == "GE004" and "found 2 modules (max-modules)" in finding["message"]
    (ws / "goenv-lsp.toml").write_text("[workspace]\nmax-modules = 3\n")
    assert check_real(ws, go_env([go127 / "bin"]), "--select", "GE004")[1]["findings"] == []
