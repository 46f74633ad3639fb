"""The engine: selection, severities, isolation of a crashing rule, scopes, suppression, dedupe and order."""

from __future__ import annotations

from collections.abc import Callable, Iterable

import factsbuilder as fb
import pytest

from goenv_lsp.engine import INTERNAL_ERROR_CODE, Selection, evaluate, matches, unknown_patterns
from goenv_lsp.facts import Facts
from goenv_lsp.model import Location, Range, Severity
from goenv_lsp.rules import FixAvailability, Report, Rule, Scope, all_rules

FILE = f"{fb.ROOT}/go.mod"


def make(code: str, name: str, check: Callable[..., Iterable[Report]],
         severity: Severity = Severity.WARNING, **fields) -> Rule:
    fields.setdefault("needs", frozenset({"go-binaries"}))
    return Rule(code=code, name=name, severity=severity, summary=f"test rule {name}", docs="",
                fix=FixAvailability.NONE, check=check, **fields)


def at(line: int, character: int = 0, path: str | None = FILE) -> Location:
    return Location(path, Range.of(line, character))


def reports(*items: Report) -> Callable[[Facts], Iterable[Report]]:
    return lambda facts: items


ONE = make("GE101", "one", reports(Report("one", at(1))))
TWO = make("GE102", "two", reports(Report("two", at(2))), Severity.ERROR)
THREE = make("GE301", "three-things", reports(Report("three", at(3))), Severity.INFO)
TEST_RULES = (ONE, TWO, THREE)


def codes(selection: Selection | None = None, rules: tuple[Rule, ...] = TEST_RULES) -> list[str]:
    return [f.code for f in evaluate(fb.healthy(), selection, rules)]


def test_all_rules_run_by_default() -> None:
    assert codes() == ["GE101", "GE102", "GE301"]


@pytest.mark.parametrize(("select", "expected"), [
    (("GE102",), ["GE102"]),
    (("ge102",), ["GE102"]),
    (("GE1",), ["GE101", "GE102"]),
    (("GE3",), ["GE301"]),
    (("three-things",), ["GE301"]),
    (("GE101", "GE3"), ["GE101", "GE301"]),
])
def test_select(select: tuple[str, ...], expected: list[str]) -> None:
    assert codes(Selection(select=select)) == expected


@pytest.mark.parametrize(("ignore", "expected"), [
    (("GE102",), ["GE101", "GE301"]),
    (("GE1",), ["GE301"]),
    (("one", "three-things"), ["GE102"]),
])
def test_ignore(ignore: tuple[str, ...], expected: list[str]) -> None:
    assert codes(Selection(ignore=ignore)) == expected


def test_ignore_wins_over_select() -> None:
    assert codes(Selection(select=("GE1",), ignore=("GE101",))) == ["GE102"]


def test_pattern_matching() -> None:
    assert matches(ONE, "GE") and matches(ONE, "GE10") and matches(ONE, " ge101 ")
    assert not matches(ONE, "GE2") and not matches(ONE, "") and not matches(ONE, "on")
    assert not matches(ONE, "GE1011")
    assert unknown_patterns(["GE1", "two", "GE9", "nope", ""], TEST_RULES) == ["GE9", "nope", ""]
    assert unknown_patterns(["GE1", "GE302", "go-not-found"]) == []


def test_severity_override_and_off() -> None:
    findings = evaluate(fb.healthy(), Selection(severity={"GE101": Severity.ERROR, "GE102": None}), TEST_RULES)
    assert [(f.code, f.severity) for f in findings] == [("GE101", Severity.ERROR), ("GE301", Severity.INFO)]


def test_report_severity_overrides_the_rule_default_but_not_the_configuration() -> None:
    rule = make("GE110", "case", reports(Report("mild", at(1), severity=Severity.INFO)), Severity.ERROR)
    assert evaluate(fb.healthy(), rules=(rule,))[0].severity is Severity.INFO
    configured = Selection(severity={"GE110": Severity.WARNING})
    assert evaluate(fb.healthy(), configured, (rule,))[0].severity is Severity.WARNING


def test_finding_carries_the_rule_identity() -> None:
    (finding,) = evaluate(fb.healthy(), rules=(TWO,))
    assert (finding.code, finding.name, finding.severity, finding.message) == ("GE102", "two", Severity.ERROR, "two")


def test_a_crashing_rule_is_isolated() -> None:
    def broken(facts: Facts) -> Iterable[Report]:
        yield Report("partial", at(0))
        raise KeyError("GOROOT")

    findings = evaluate(fb.healthy(), rules=(ONE, make("GE201", "broken", broken), THREE))
    assert [f.code for f in findings] == [INTERNAL_ERROR_CODE, "GE101", "GE301"]
    crash = findings[0]
    assert crash.name == "rule-crashed" and crash.severity is Severity.WARNING
    assert crash.location == Location(FILE, Range.of(0, 7, 22))  # the machine anchor: the root go.mod's module line
    assert "GE201" in crash.message and "KeyError" in crash.message
    # with nothing to anchor to, the workspace as a whole
    (crash,) = evaluate(fb.healthy(go_mod=None), rules=(make("GE201", "broken", broken),))
    assert crash.code == INTERNAL_ERROR_CODE and crash.location.path is None


def test_a_crash_before_the_first_report() -> None:
    def broken(facts: Facts) -> Iterable[Report]:
        raise RuntimeError("boom")

    findings = evaluate(fb.healthy(), rules=(make("GE201", "broken", broken),))
    assert [f.code for f in findings] == [INTERNAL_ERROR_CODE]


def test_a_crashing_rule_that_is_not_selected_does_not_run() -> None:
    def broken(facts: Facts) -> Iterable[Report]:
        raise RuntimeError("boom")

    rules = (ONE, make("GE201", "broken", broken))
    assert codes(Selection(ignore=("GE2",)), rules) == ["GE101"]


def test_duplicates_are_reported_once() -> None:
    twice = make("GE101", "twice", reports(Report("same", at(1)), Report("same", at(1)), Report("same", at(2))))
    assert [f.location.range.start.line for f in evaluate(fb.healthy(), rules=(twice,))] == [1, 2]


def test_order_is_workspace_first_then_path_position_code() -> None:
    rule_a = make("GE201", "a", reports(Report("z-file", at(5, path="/work/app/z.txt")), Report("a late", at(7)),
                                        Report("workspace", at(0, path=None))))
    rule_b = make("GE101", "b", reports(Report("a early", at(7)), Report("a col", at(3, 4))))
    expected = ["workspace", "a col", "a early", "a late", "z-file"]
    assert [f.message for f in evaluate(fb.healthy(), rules=(rule_a, rule_b))] == expected
    assert [f.message for f in evaluate(fb.healthy(), rules=(rule_b, rule_a))] == expected


def test_real_rules_on_healthy_facts_are_quiet() -> None:
    assert evaluate(fb.healthy()) == []
    assert len(all_rules()) > 0


def test_module_rules_run_once_per_scope_and_carry_the_module() -> None:
    other = fb.go_mod(path="/work/app/tools/go.mod")
    facts = fb.healthy(files={f.path: f for f in (fb.go_mod(), other, fb.env_file())})
    seen = []

    def per_scope(facts: Facts, scope) -> Iterable[Report]:
        seen.append(scope.path)
        yield Report(f"in {scope.path}", Location(scope.path))

    rule = make("GE110", "scoped", per_scope, scope=Scope.MODULE, needs=frozenset({"go.mod"}))
    findings = evaluate(facts, rules=(rule,))
    assert seen == [FILE, "/work/app/tools/go.mod"]
    assert [(f.message, f.module) for f in findings] == [(f"in {FILE}", FILE),
                                                         ("in /work/app/tools/go.mod", "/work/app/tools/go.mod")]


def test_a_module_rule_runs_once_with_none_without_modules() -> None:
    seen = []

    def per_scope(facts: Facts, scope) -> Iterable[Report]:
        seen.append(scope)
        return ()

    evaluate(fb.healthy(go_mod=None), rules=(make("GE110", "scoped", per_scope, scope=Scope.MODULE,
                                                  needs=frozenset({"go.mod"})),))
    assert seen == [None]


def test_file_rules_run_per_file_of_the_kinds_they_need() -> None:
    def per_file(facts: Facts, file) -> Iterable[Report]:
        yield Report(file.kind, Location(file.path))

    rule = make("GE002", "per-file", per_file, scope=Scope.FILE, needs=frozenset({"go.mod", "goenv"}))
    findings = evaluate(fb.healthy(), rules=(rule,))
    assert [(f.message, f.location.path, f.module) for f in findings] == [
        ("goenv", f"{fb.HOME}/.config/go/env", None),  # outside every module
        ("go.mod", FILE, FILE),
    ]


def test_suppressed_by_drops_the_explainable_findings_of_the_suppressed_rule() -> None:
    quiet = make("GE001", "general", reports(Report("general", at(1), explainable=True)), suppressed_by=("GE103",))
    specific = make("GE103", "specific", reports(Report("specific", at(2))))
    nothing = make("GE103", "specific", reports())
    assert [f.code for f in evaluate(fb.healthy(), rules=(quiet, specific))] == ["GE103"]
    assert [f.code for f in evaluate(fb.healthy(), rules=(quiet, nothing))] == ["GE001"]
    assert [f.code for f in evaluate(fb.healthy(), Selection(ignore=("GE103",)), (quiet, specific))] == ["GE001"]
    # a finding no other rule explains stays (a failing gopls next to a bad GOPATH)
    unrelated = make("GE001", "general", reports(Report("general", at(1)), Report("other", at(3), explainable=True)),
                     suppressed_by=("GE103",))
    assert [f.message for f in evaluate(fb.healthy(), rules=(unrelated, specific))] == ["general", "specific"]
