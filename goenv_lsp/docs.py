"""Render a rule's record for people (explain, hover, docs/rules/*.md) and for tools (JSON).

``python -m goenv_lsp.docs [DIR]`` writes DIR/GE###.md for every rule and DIR/README.md (default
docs/rules); tests/test_docs.py fails when the committed pages differ from the registry.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path

from goenv_lsp.rules.registry import ALL_CONTEXTS, FAMILIES, Context, FixAvailability, Rule, RuleStatus, Scope

REGENERATE = "python -m goenv_lsp.docs docs/rules"
_NOTICE = f"<!-- Generated from the rule registry by `{REGENERATE}`; edit the rule module, not this file. -->\n"
_PAGE = re.compile(r"^GE\d{3}\.md$")
_FIX = {FixAvailability.NONE: "No automatic fix.", FixAvailability.SOMETIMES: "A fix is offered when one is known",
        FixAvailability.ALWAYS: "A fix is always offered"}
_SCOPE = {Scope.MACHINE: "the environment as a whole", Scope.MODULE: "each module (go.mod, or go.work and its modules)",
          Scope.FILE: "each file"}


def contexts(rule: Rule, short: bool = False) -> str:
    """Where the rule runs: "editor, ci", "editor (off in ci)", "editor, ci (info in ci)"; short: "editor+ci"."""
    where = [c for c in Context if rule.runs_in(c)]
    if short:
        return "+".join(c.value + (":info" if c in rule.informational_in else "") for c in where)
    text = ", ".join(c.value for c in where)
    off = [c.value for c in Context if c not in where]
    notes = [f"off in {', '.join(off)}"] if off else []
    notes += [f"info in {c.value}" for c in where if c in rule.informational_in]
    return text + (f" ({'; '.join(notes)})" if notes else "")


def markdown(rule: Rule) -> str:
    fix = _FIX[rule.fix] + (f": {rule.fix_title.rstrip('.')}." if rule.fix_title else "")
    status = "" if rule.status is RuleStatus.STABLE else f" · Status: **{rule.status.value}**"
    return (f"# {rule.code} {rule.name}\n\n{rule.summary.rstrip('.')}.\n\n"
            f"Default severity: **{rule.severity.value}** · Family: {rule.family}{status} · Checks "
            f"{_SCOPE[rule.scope]} · Contexts: {contexts(rule)} · {fix}\n\n{rule.docs}")


def as_json(rule: Rule) -> dict[str, object]:
    return {"code": rule.code, "name": rule.name, "severity": rule.severity.value, "summary": rule.summary,
            "family": rule.family, "status": rule.status.value, "scope": rule.scope.value, "fix": rule.fix.value,
            "fix_title": rule.fix_title, "tags": list(rule.tags), "needs": sorted(rule.needs),
            "suppressed_by": list(rule.suppressed_by), "url": rule.url, "docs": rule.docs,
            "contexts": [c.value for c in Context if c in (rule.contexts or ALL_CONTEXTS)],
            "informational_in": [c.value for c in Context if c in rule.informational_in]}


def pages(rules: Iterable[Rule]) -> dict[str, str]:
    """File name → content of every generated page: one per rule and the README index."""
    rules = sorted(rules, key=lambda r: r.code)
    result = {f"{r.code}.md": f"{_NOTICE}\n{markdown(r)}\n[All rules](README.md)\n" for r in rules}
    result["README.md"] = _index(rules)
    return result


def _index(rules: list[Rule]) -> str:
    lines = [_NOTICE, "# Rules", "",
             "Every rule goenv-lsp checks, by family. `goenv-lsp explain GE###` prints a page in the terminal;",
             "`--select` and `--ignore` take a code (`GE302`), a family prefix (`GE1`) or a name.",
             "Contexts: where a rule runs — `editor` (a developer's machine) and `ci` (`check --context ci`, or a "
             "CI job: only", "rules that judge the repository and the runner's own toolchain; `:info` reports "
             "there as information only).", ""]
    for family in dict.fromkeys([*FAMILIES.values(), *(r.family for r in rules)]):
        members = [r for r in rules if r.family == family]
        if not members:
            continue
        lines += [f"## {family}", "", "| Code | Name | Severity | Contexts | Fix | Summary |",
                  "|---|---|---|---|---|---|"]
        lines += [f"| [{r.code}]({r.code}.md) | `{r.name}` | {r.severity.value} | {contexts(r, short=True)} | "
                  f"{r.fix.value} | {_cell(r.summary)} |" for r in members]
        lines.append("")
    lines.append("`GE000` (`rule-crashed`, warning) is not a rule: it reports a rule that failed with an internal "
                 "error, so that the other rules still report.")
    return "\n".join(lines) + "\n"


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def write(directory: Path, rules: Iterable[Rule]) -> list[Path]:
    """Write the pages into ``directory`` and delete pages of rules that no longer exist."""
    directory.mkdir(parents=True, exist_ok=True)
    wanted = pages(rules)
    for stale in directory.iterdir():
        if _PAGE.match(stale.name) and stale.name not in wanted:
            stale.unlink()
    written = []
    for name, text in wanted.items():
        path = directory / name
        path.write_text(text, encoding="utf-8", newline="\n")
        written.append(path)
    return written


def main(argv: Sequence[str] | None = None) -> int:
    from goenv_lsp.rules import all_rules

    args = sys.argv[1:] if argv is None else list(argv)
    if len(args) > 1 or (args and args[0].startswith("-")):
        print(f"usage: {REGENERATE.replace('docs/rules', '[DIR]')}", file=sys.stderr)
        return 2
    written = write(Path(args[0] if args else "docs/rules"), all_rules())
    print(f"wrote {len(written)} files to {written[0].parent}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
