"""Golden fixture cases: each directory ``<CODE>/<case>/`` holds ``case.toml`` (a fake machine, maybe extending
``machines/<base>.toml`` — tables merged, lists appended unless named in ``replace``, ``remove_files`` and
``unset_env`` drop what the base has — and the workspace files in it) or ``facts.json`` (a saved snapshot), and
``expected.txt``: what that rule alone reports, one finding per block:

    path:line:col: CODE [severity] message
      module: path of the module's go.mod / go.work
      related path:line:col: message
      fix (safe|unsafe): title
        edit path:line:col-line:col "new text"
        run argv … [env K=V]

Paths are relative to the workspace root, the home directory is ``~``. An empty file: the rule stays quiet.

A ``[login_shell]`` table (``goenv_lsp/probe/fake.py``: ``env`` = what ``$SHELL -l -c`` exports, ``stdout``,
``stderr``, ``status``) turns the login shell probe on, as the CLI has it; without one it is off.
"""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib

from goenv_lsp.config import Config, load_workspace_file
from goenv_lsp.engine import evaluate
from goenv_lsp.facts import Facts
from goenv_lsp.inputs.snapshot import load
from goenv_lsp.model import Finding, Location
from goenv_lsp.probe import ProbeOptions, collect
from goenv_lsp.probe.fake import FakeSystem
from goenv_lsp.report.paths import PathStyle
from goenv_lsp.rules import by_code

GOLDENS = Path(__file__).resolve().parent
MACHINES = GOLDENS / "machines"
LISTS = ("go", "gopls", "executables", "dirs")


def cases() -> list[Path]:
    return sorted(p for p in GOLDENS.glob("GE*/*") if (p / "case.toml").is_file() or (p / "facts.json").is_file())


def machine_data(case: Path) -> dict:
    """The case's machine: its base with the case's tables merged in (lists appended)."""
    data = tomllib.loads((case / "case.toml").read_text(encoding="utf-8"))
    base_name = data.pop("base", None)
    if base_name is None:
        return data
    merged = tomllib.loads((MACHINES / f"{base_name}.toml").read_text(encoding="utf-8"))
    for key in data.pop("replace", []):  # these lists of the base are replaced, not extended
        merged.pop(key, None)
    for key, value in data.items():
        if key in LISTS:
            merged[key] = [*merged.get(key, []), *value]
        elif isinstance(value, dict):
            merged[key] = {**merged.get(key, {}), **value}
        else:
            merged[key] = value
    for path in merged.pop("remove_files", []):
        merged.get("files", {}).pop(path, None)
    for name in merged.pop("unset_env", []):
        merged.get("env", {}).pop(name, None)
    return merged


def case_facts(case: Path) -> Facts:
    if (case / "facts.json").is_file():
        return load(str(case / "facts.json"))
    data = machine_data(case)
    return machine_facts(data, FakeSystem.from_data(data))


def machine_facts(data: dict, system: FakeSystem) -> Facts:
    """What the probe collects on a case's machine (``system``, built from ``data`` and maybe changed since)."""
    root = data.get("root", "/work/app")
    config, problems, _ = load_workspace_file(root, Config(), system)
    assert not problems, problems
    options = ProbeOptions(trusted=bool(data.get("trusted")), discovery=config.workspace,
                           editor_settings=data.get("editor_settings", {}), login_shell="login_shell" in data)
    return asyncio.run(collect(root, options, system))


def render(findings: list[Finding], facts: Facts) -> str:
    style = PathStyle(facts.root, facts.home, paths=facts.paths)

    def where(location: Location) -> str:
        if location.path is None:
            return "(workspace)"
        start = location.range.start
        return f"{style.path(location.path)}:{start.line + 1}:{start.character + 1}"

    lines = []
    for finding in findings:
        lines.append(f"{where(finding.location)}: {finding.code} [{finding.severity.value}] "
                     f"{style.text(finding.message)}")
        if finding.module:
            lines.append(f"  module: {style.path(finding.module)}")
        for related in finding.related:
            lines.append(f"  related {where(related.location)}: {style.text(related.message)}")
        for fix in finding.fixes:
            lines.append(f"  fix ({fix.applicability.value}): {style.text(fix.title)}")
            for edit in fix.edits:
                end = edit.range.end
                lines.append(f"    edit {where(Location(edit.path, edit.range))}-{end.line + 1}:{end.character + 1} "
                             f"{json.dumps(style.text(edit.new_text), ensure_ascii=False)}")
            if fix.command is not None:
                env = "".join(f" [env {k}={v}]" for k, v in sorted((fix.command.env or {}).items()))
                lines.append("    run " + " ".join(style.text(a) for a in fix.command.argv) + env)
    return "".join(line + "\n" for line in lines)


def actual(case: Path) -> str:
    rule = by_code(case.parent.name)
    assert rule is not None, f"{case}: no rule {case.parent.name}"
    facts = case_facts(case)
    return render(evaluate(facts, rules=[rule]), facts)
