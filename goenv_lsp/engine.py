"""evaluate(facts) → findings: run every selected rule with error isolation, apply severities and
suppressions, sort.

``Evaluation`` keeps each rule's findings per target (the machine, a module scope, a file) and, given the
next facts, re-runs a rule only when an input it ``needs`` changed — and a module or file rule only for the
scopes and files that changed. The language server keeps one per workspace root, so an edit to one go.mod
of a thousand re-runs the module rules for that module alone.

A MODULE rule reads the module cache facts (``Input.MODULE_CACHE``) of its own scope's go.mod files only
(``semantics.modcache.scope_requirements``): when only some go.mod files' entries changed, the other scopes
keep their findings; when the module cache facts appear or vanish as a whole, every scope runs again.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from goenv_lsp.facts import Facts
from goenv_lsp.model import Finding, Severity
from goenv_lsp.rules import Rule, RuleStatus, Scope, all_rules
from goenv_lsp.rules.registry import Context, Input, Report

INTERNAL_ERROR_CODE = "GE000"
_CODE_PREFIX = re.compile(r"GE\d{0,3}", re.IGNORECASE)
# inputs a MODULE rule reads only through its scope: when nothing else changed, unchanged scopes keep findings
_SCOPE_LOCAL = frozenset({"go.mod", "go.work", Input.MODULES.value})
_MODULE_CACHE = Input.MODULE_CACHE.value
# inputs about a developer's editor tools: not probed in ci (GE001, which runs there, then says nothing of them)
_EDITOR_TOOLS = frozenset({Input.GOPLS.value})


def matches(rule: Rule, pattern: str) -> bool:
    """A pattern names a rule by code ("GE302"), family prefix ("GE1", "ge3") or name ("go-not-found")."""
    pattern = pattern.strip()
    if _CODE_PREFIX.fullmatch(pattern):
        return rule.code.startswith(pattern.upper())
    return rule.name == pattern.lower()


def unknown_patterns(patterns: Iterable[str], rules: Iterable[Rule] | None = None) -> list[str]:
    """The patterns that name no rule (a typo in --select must not silently select nothing)."""
    known = tuple(rules if rules is not None else all_rules())
    return [p for p in patterns if not any(matches(r, p) for r in known)]


@dataclass(frozen=True)
class Selection:
    """Which rules run and at what severity: codes, family prefixes ("GE1") or names; and in which context.

    A rule off in the context stays off even when --select names it (``off_in_context`` says which were named);
    in a context of its ``informational_in`` its findings are info unless ``severity`` configures the rule."""

    select: tuple[str, ...] = ()  # empty: all stable rules
    ignore: tuple[str, ...] = ()
    severity: Mapping[str, Severity | None] = field(default_factory=dict)  # by code; None: off
    context: Context = Context.EDITOR

    def wants(self, rule: Rule) -> bool:
        if rule.status is RuleStatus.REMOVED or not rule.runs_in(self.context):
            return False
        if rule.status is RuleStatus.PREVIEW and not any(p.strip().upper() == rule.code for p in self.select):
            return False  # preview rules run only when selected by their code
        if self.select and not any(matches(rule, p) for p in self.select):
            return False
        if any(matches(rule, p) for p in self.ignore):
            return False
        return rule.code not in self.severity or self.severity[rule.code] is not None

    def off_in_context(self, rules: Iterable[Rule]) -> list[Rule]:
        """The rules --select names by code or name that do not run in this context."""
        named = {p.strip().upper() for p in self.select} | {p.strip().lower() for p in self.select}
        return [r for r in rules if (r.code in named or r.name in named) and not r.runs_in(self.context)]


def evaluate(facts: Facts, selection: Selection | None = None, rules: Iterable[Rule] | None = None) -> list[Finding]:
    return Evaluation(selection, rules).run(facts)


def changed_inputs(old: Facts, new: Facts) -> set[str]:
    """The inputs (``Input`` values and file kind names) that differ between two facts."""
    changed = set()
    pairs = {
        Input.GO_BINARIES: (old.go_binaries, new.go_binaries),
        Input.CGO_FLAGS: (old.go_binaries, new.go_binaries),
        Input.GOPLS: (old.gopls, new.gopls),
        Input.ENVIRONMENT: ((old.env, old.path_entries, old.home, old.os), (new.env, new.path_entries, new.home,
                                                                             new.os)),
        Input.PATH_INFO: (old.path_info, new.path_info),
        Input.TOOLCHAINS: (old.toolchains, new.toolchains),
        Input.EDITOR_SETTINGS: (old.user_settings, new.user_settings),
        Input.MODULES: ((old.modules, old.root, old.discovery), (new.modules, new.root, new.discovery)),
        Input.MODULE_CACHE: (old.module_cache, new.module_cache),
        Input.GO_BIN_DIRS: (old.go_bin_dirs, new.go_bin_dirs),
        Input.PATH_DIRS: ((old.path_dir_info, old.path_commands), (new.path_dir_info, new.path_commands)),
        Input.PLATFORM: ((old.os, old.arch), (new.os, new.arch)),
        Input.CGO_FILES: ((old.cgo_files, old.root), (new.cgo_files, new.root)),
        Input.LOGIN_PROFILE: (old.login_profile, new.login_profile),
        Input.VERSION_MANAGERS: (old.version_managers, new.version_managers),
        Input.LOGIN_SHELL: (old.login_env, new.login_env),
        Input.GO_GENERATE: (old.go_generate, new.go_generate),
        Input.GENERATORS: ((old.generators, old.path_commands), (new.generators, new.path_commands)),
    }
    changed.update(name.value for name, (a, b) in pairs.items() if a != b)
    if old.files is not new.files:
        kinds = {f.kind for f in (old.files or {}).values()} | {f.kind for f in (new.files or {}).values()}
        changed.update(k for k in kinds if old.files_of(k) != new.files_of(k))
    if old.kinds != new.kinds:
        changed.update(set(old.kinds or ()) ^ set(new.kinds or ()))
    return changed


class Evaluation:
    def __init__(self, selection: Selection | None = None, rules: Iterable[Rule] | None = None):
        self.selection = selection or Selection()
        self.rules = [r for r in (rules if rules is not None else all_rules()) if self.selection.wants(r)]
        self.facts: Facts | None = None
        # rule code → target key → (target, its findings)
        self._cache: dict[str, dict[object, tuple[object, list[Finding]]]] = {}
        self.runs = 0  # rule checks run by the last ``run`` (for tests and benchmarks)
        self._anchor: object = None  # the machine anchor of the last facts (rules._shared.anchors)

    def reads(self, name: str) -> bool:
        """Does a selected rule need this input (e.g. ``Input.GOPLS``: then gopls is probed)?"""
        if self.selection.context is not Context.EDITOR and name in _EDITOR_TOOLS:
            return False
        return any(name in rule.needs for rule in self.rules)

    def run(self, facts: Facts) -> list[Finding]:
        from goenv_lsp.rules._shared.anchors import machine_anchor

        anchor = machine_anchor(facts)
        changed = None if self.facts is None else changed_inputs(self.facts, facts)
        if changed is not None and anchor != self._anchor:
            changed = None  # where findings about the machine go moved: every rule may have used it
        self._anchor = anchor
        self.runs = 0
        # the go.mod files whose module cache entries changed (None: none changed, or the facts as a whole)
        cache_edits = _module_cache_edits(self.facts, facts) if changed and _MODULE_CACHE in changed else None
        scope_local = _SCOPE_LOCAL | {_MODULE_CACHE} if cache_edits is not None else _SCOPE_LOCAL
        reading = _scopes_reading(facts, cache_edits) if cache_edits is not None else set()  # their keys
        for rule in self.rules:
            if changed is not None and not (rule.needs & changed):
                continue
            only_scopes = changed is not None and (rule.scope is Scope.FILE or (
                rule.scope is Scope.MODULE and not (rule.needs & changed) - scope_local))
            edits = cache_edits is not None and rule.scope is Scope.MODULE and _MODULE_CACHE in rule.needs
            before = self._cache.get(rule.code, {})
            after = {}
            for key, target in _targets(rule, facts):
                kept = before.get(key)
                if only_scopes and kept is not None and kept[0] == target and not (
                        edits and (key is None or key in reading)):
                    after[key] = kept
                else:
                    after[key] = (target, self._check(rule, facts, target))
            self._cache[rule.code] = after
        self.facts = facts
        findings = [f for rule in self.rules for _, found in self._cache.get(rule.code, {}).values() for f in found]
        return sorted(_dedupe(_suppress(findings)), key=_order)

    def _check(self, rule: Rule, facts: Facts, target: object) -> list[Finding]:
        self.runs += 1
        module = _module_of(rule, facts, target)
        try:
            reports = _capped(rule.run(facts, target))
        except Exception as exc:  # a broken rule must never cost the other findings
            import logging  # only here: the CLI path stays free of logging

            logging.getLogger(__name__).exception("rule %s failed", rule.code)
            from goenv_lsp.rules._shared.anchors import machine_anchor

            return [Finding(INTERNAL_ERROR_CODE, "rule-crashed", Severity.WARNING,
                            f"goenv-lsp: rule {rule.code} ({rule.name}) failed: {exc!r}; please report this",
                            machine_anchor(facts), module=module)]
        configured = self.selection.severity.get(rule.code)
        if configured is None and self.selection.context in rule.informational_in:
            configured = Severity.INFO
        return [_finding(rule, report, configured, module) for report in reports]


MAX_FINDINGS = 100  # of one rule for one target (a file, a module): a 100,000-line go.mod stays readable


def _capped(reports: Iterable[Report]) -> list[Report]:
    """The first ``MAX_FINDINGS`` reports, and one that counts the rest (where the first of them is)."""
    kept: list[Report] = []
    first_dropped: Report | None = None
    dropped = 0
    for report in reports:
        if len(kept) < MAX_FINDINGS:
            kept.append(report)
            continue
        first_dropped = first_dropped or report
        dropped += 1
    if first_dropped is not None:
        kept.append(Report(f"… and {dropped} more like the findings above (only the first {MAX_FINDINGS} of this "
                           "rule are reported here)", first_dropped.location, severity=first_dropped.severity,
                           module=first_dropped.module))
    return kept


def _module_cache_edits(old: Facts, new: Facts) -> set[str] | None:
    """The go.mod paths whose module cache entries differ; None when the module cache facts are unknown on
    either side (every scope may read the change then)."""
    if old.module_cache is None or new.module_cache is None:
        return None
    before, after = old.module_cache, new.module_cache
    return {path for path in {*before, *after} if before.get(path) != after.get(path)}


def _scopes_reading(facts: Facts, go_mods: set[str]) -> set[object]:
    """The keys of the scopes (``_targets``) that hold a module whose go.mod is one of ``go_mods``; the run for a
    workspace without modules (key None) is assumed to read them all."""
    from goenv_lsp.semantics.modules import scopes

    return {scope.path for scope in scopes(facts) if any(m.go_mod in go_mods for m in scope.modules)}


def _targets(rule: Rule, facts: Facts) -> list[tuple[object, object]]:
    """(cache key, what the check is called with) for each run of ``rule``: none when the facts hold none of the
    sources it needs to say anything (``only_with``), so its module is not even imported."""
    if not rule.can_speak(facts):
        return []
    if rule.scope is Scope.MACHINE:
        return [(None, None)]
    if rule.scope is Scope.MODULE:
        from goenv_lsp.semantics.modules import scopes

        found: list[tuple[object, object]] = [(s.path, s) for s in scopes(facts)]
        return found or [(None, None)]  # no module: once, for what the rule says about the workspace
    return [(f.path, f) for f in (facts.files or {}).values() if f.kind in rule.needs]


def _module_of(rule: Rule, facts: Facts, target: object) -> str | None:
    from goenv_lsp.semantics.modules import ModuleScope

    if isinstance(target, ModuleScope):
        return target.path
    if rule.scope is Scope.FILE and target is not None:
        module = facts.module_for(target.path)  # type: ignore[attr-defined]
        return module.go_mod if module else None
    return None


def _finding(rule: Rule, report: Report, configured: Severity | None, module: str | None) -> Finding:
    return Finding(rule.code, rule.name, configured or report.severity or rule.severity, report.message,
                   report.location, report.fixes, report.related, report.module or module,
                   rule.suppressed_by if report.explainable else ())


def _suppress(findings: list[Finding]) -> list[Finding]:
    """Drop an explainable finding when a rule of its rule's ``suppressed_by`` found something (it says more)."""
    present = {f.code for f in findings}
    return [f for f in findings if not any(code in present for code in f.suppressed_by)]


def _dedupe(findings: list[Finding]) -> list[Finding]:
    seen, unique = set(), []
    for finding in findings:
        # (code, message, location), flat: the dataclasses' own hashing is Python code, a monorepo has thousands
        where = finding.location
        start, end = where.range.start, where.range.end
        key = (finding.code, finding.message, where.path, start.line, start.character, end.line, end.character)
        if key not in seen:
            seen.add(key)
            unique.append(finding)
    return unique


def _order(finding: Finding) -> tuple[str, int, int, str, str]:
    """Workspace-wide findings first, then by file and position; stable for equal keys."""
    start = finding.location.range.start
    return (finding.location.path or "", start.line, start.character, finding.code, finding.message)
