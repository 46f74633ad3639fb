"""The `check` path imports only what a one-shot run uses: a count of modules, never a time.

Each case runs `check` in a fresh interpreter over recorded facts (no Go needed) and lists ``sys.modules``
at the end. ``-X importtime`` is not used to count: it misses the modules loaded by
``importlib.import_module`` (every rule module), so it under-counts by about a hundred.

The budgets sit a little above what the check imports today (when this test was written, Python 3.11: 230
goenv_lsp modules and 165 others beyond a bare interpreter's; since the rule catalogue, which imports a rule module
only when its rule runs and skips the rules that cannot speak: 191 and 126; since the file-kind catalogue, which
imports a kind's module only for the files a check reads: 175 and 119). When a change legitimately needs more,
raise the budget in the same commit and say why; when one saves some, lower it.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import factsbuilder as fb
import pytest

from goenv_lsp.facts import PathInfo
from goenv_lsp.serde import to_data

REPO = Path(__file__).resolve().parent.parent
OURS_BUDGET = 180  # goenv_lsp.* modules
OTHERS_BUDGET = 124  # stdlib modules beyond those of `python -S -c pass` (other Python versions: a few more or less)
# never on the check path: the language server, the renderers of the formats not asked for, and what only the
# server needs (asyncio, which pulls in ssl; logging: a one-shot run logs nothing unless a rule crashes)
FORBIDDEN = ("pygls", "lsprotocol", "goenv_lsp.lsp", "goenv_lsp.docs", "goenv_lsp.report.sarif",
             "goenv_lsp.report.github", "goenv_lsp.report.text", "asyncio", "ssl", "logging", "concurrent")

LIST_MODULES = """
import sys
before = set(sys.modules)
import contextlib, io, json
from goenv_lsp import cli
with contextlib.redirect_stdout(io.StringIO()):
    code = cli.main(sys.argv[1:])
print(json.dumps({"code": code, "before": sorted(before), "after": sorted(sys.modules)}))
"""


def modules_of_check(*args: str) -> tuple[int, set[str]]:
    """(exit code, the modules the check imported beyond a bare interpreter's). Without ``site`` (-S) and
    with the source tree on PYTHONPATH: the same count for an editable and a regular install (the editable
    install's finder imports pathlib, urllib … at start-up) and proof that `check` needs no third-party
    package."""
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    proc = subprocess.run([sys.executable, "-S", "-c", LIST_MODULES, *args], capture_output=True, text=True,
                          cwd=REPO, env=env, check=True)
    result = json.loads(proc.stdout)
    return result["code"], set(result["after"]) - set(result["before"])


@pytest.fixture(scope="module")
def saved_facts(tmp_path_factory: pytest.TempPathFactory) -> str:
    """One module, go.goroot naming another Go than the one on PATH (GE302): a typical finding."""
    root = f"{fb.HOME}/sdk/go1.22.10"
    healthy = fb.healthy()
    other = fb.go_binary("1.22.10", root=root, path_index=None, origins=("go.goroot",))
    settings = replace(fb.settings(go_goroot=root), path=f"{fb.ROOT}/.vscode/settings.json")
    facts = fb.healthy(vscode=settings, go_binaries=(*healthy.go_binaries, other),
                       paths={**(healthy.path_info or {}), root: PathInfo("dir", True, "go1.22.10", root)})
    path = tmp_path_factory.mktemp("budget") / "facts.json"
    path.write_text(json.dumps(to_data(facts)), encoding="utf-8")
    return str(path)


@pytest.fixture(scope="module")
def json_check(saved_facts: str) -> tuple[int, set[str]]:
    # --context editor: GE302 is off in CI, and a module-scoped fixture runs before conftest clears CI's variables
    return modules_of_check("check", "--facts", saved_facts, "--format", "json", "--context", "editor")


def test_the_check_runs_and_finds(json_check: tuple[int, set[str]]) -> None:
    code, imported = json_check
    assert code == 1  # GE302 is a warning: the budget is that of a check that found something
    assert any(m.startswith("goenv_lsp.rules.ge3_editor.ge302") for m in imported)


def test_goenv_lsp_modules_within_budget(json_check: tuple[int, set[str]]) -> None:
    ours = sorted(m for m in json_check[1] if m == "goenv_lsp" or m.startswith("goenv_lsp."))
    assert len(ours) <= OURS_BUDGET, f"{len(ours)} goenv_lsp modules (budget {OURS_BUDGET}): {ours}"


def test_other_modules_within_budget(json_check: tuple[int, set[str]]) -> None:
    others = sorted(m for m in json_check[1] if not (m == "goenv_lsp" or m.startswith("goenv_lsp.")))
    assert len(others) <= OTHERS_BUDGET, f"{len(others)} other modules (budget {OTHERS_BUDGET}): {others}"


@pytest.mark.parametrize("fmt", ["json", "text"])
def test_forbidden_modules_stay_out(saved_facts: str, json_check: tuple[int, set[str]], fmt: str) -> None:
    text_check = ("check", "--facts", saved_facts, "--context", "editor")
    imported = json_check[1] if fmt == "json" else modules_of_check(*text_check)[1]
    allowed = {"goenv_lsp.report.text"} if fmt == "text" else set()
    leaked = sorted(m for m in imported for f in FORBIDDEN
                    if (m == f or m.startswith(f + ".")) and f not in allowed)
    assert not leaked, f"`check --format {fmt}` imported {leaked}"


def rule_modules(imported: set[str]) -> set[str]:
    return {m for m in imported if re.fullmatch(r"goenv_lsp\.rules\.ge\d_[a-z]+\.ge\d{3}_\w+", m)}


def test_a_plain_workspace_imports_no_rule_that_cannot_speak(tmp_path: Path) -> None:
    """No Dockerfile, workflow, editor, shell or version-manager file, no gopls: the rules about those are not
    imported, and every other rule module is imported once (its rule ran)."""
    from goenv_lsp.engine import Selection
    from goenv_lsp.rules import all_rules
    from goenv_lsp.rules.registry import Context

    facts = fb.healthy(gopls=())
    path = tmp_path / "facts.json"
    path.write_text(json.dumps(to_data(facts)), encoding="utf-8")
    code, imported = modules_of_check("check", "--facts", str(path), "--format", "json", "--context", "editor")
    assert code == 1  # GE120: no gopls
    selected = [r for r in all_rules() if Selection(context=Context.EDITOR).wants(r)]
    silent = {r.module for r in selected if not r.can_speak(facts)}
    assert {"goenv_lsp.rules.ge8_versions.ge810_go_env_after_run", "goenv_lsp.rules.ge8_versions.ge820_go_version_"
            "read_as_number", "goenv_lsp.rules.ge3_editor.ge302_editor_sdk_mismatch",
            "goenv_lsp.rules.ge7_shell.ge701_rc_goroot_wrong"} <= silent
    assert not rule_modules(imported) & silent, f"imported rules that cannot speak: {rule_modules(imported) & silent}"
    assert rule_modules(imported) == {r.module for r in selected} - silent
    assert not any(m.startswith("goenv_lsp.rules.ge3_editor.") for m in imported)  # the whole family stays out
