"""GE102 go-shadowed-on-path: the first go on PATH hides the one GOROOT, an editor or the go line intends."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
import testbed
from factsbuilder import HOME, ROOT, go_binary, go_mod, go_work, healthy

from goenv_lsp.engine import evaluate
from goenv_lsp.facts import PathInfo, Status
from goenv_lsp.model import Location, Range, Related, Severity
from goenv_lsp.rules.ge1_toolchain.ge102_go_shadowed import check as GE102

OLD = go_binary("1.22.10", path_index=0)
NEW = go_binary("1.27.3", path_index=1)
GO_LINE = Location(f"{ROOT}/go.mod", Range.of(2, 3, 9))
MODULE_LINE = Location(f"{ROOT}/go.mod", Range.of(0, 7, 22))


def run(facts):
    return evaluate(facts, rules=[GE102])


def two_on_path(**changes):
    return healthy(go_binaries=(NEW, OLD), **changes)


def test_go_line_satisfied_only_by_the_second() -> None:
    [finding] = run(two_on_path())
    assert (finding.code, finding.name, finding.severity) == ("GE102", "go-shadowed-on-path", Severity.WARNING)
    assert finding.message == ("/usr/local/go1.22.10/bin/go (go1.22.10) comes first on PATH and shadows "
                               "/usr/local/go1.27.3/bin/go (go1.27.3), which go.mod needs (go 1.27.3)")
    assert finding.location == GO_LINE
    assert finding.related == (Related(GO_LINE, "go 1.27.3 is required here"),)
    assert finding.fixes == ()
    assert finding.module == f"{ROOT}/go.mod"


def test_goroot_variable_points_at_the_second() -> None:
    facts = two_on_path(env={"HOME": HOME, "GOROOT": "/usr/local/go1.27.3"}, go_mod=go_mod("1.22.0"))
    [finding] = run(facts)
    assert finding.message.endswith("which the GOROOT environment variable points at")
    assert finding.location == MODULE_LINE
    assert finding.module is None  # about the machine, not one module


def test_goroot_variable_through_a_symlink() -> None:
    facts = two_on_path(env={"GOROOT": "/opt/go"}, go_mod=go_mod("1.22.0"),
                        paths={"/opt/go": PathInfo("dir", True, "go1.27.3", "/usr/local/go1.27.3")})
    [finding] = run(facts)
    assert finding.message.endswith("which the GOROOT environment variable points at")


@pytest.mark.parametrize("origin", ["go.goroot", "go.alternateTools.go", "go.toolsEnvVars.GOROOT", "idea"])
def test_editor_setting_selects_the_second(origin: str) -> None:
    configured = replace(NEW, origins=("PATH", origin))
    [finding] = run(healthy(go_binaries=(OLD, configured), go_mod=go_mod("1.22.0")))
    assert finding.message.endswith(f"which the editor setting {origin} selects")
    assert finding.location == MODULE_LINE


def test_go_work_decides_over_go_mod() -> None:
    [finding] = run(two_on_path(go_mod=go_mod("1.22.0"), go_work=go_work("1.27.3")))
    assert finding.message.endswith("which go.work needs (go 1.27.3)")
    assert finding.location == Location(f"{ROOT}/go.work", Range.of(0, 3, 9))
    assert finding.module == f"{ROOT}/go.work"


def test_each_module_is_judged_by_its_own_go_line() -> None:
    nested = go_mod("1.27.3", path=f"{ROOT}/svc/go.mod")
    files = {**two_on_path(go_mod=go_mod("1.22.0")).files, nested.path: nested}
    facts = two_on_path(files=files)  # the modules are derived from the files: the root one and svc
    assert [m.go_mod for m in facts.modules] == [f"{ROOT}/go.mod", nested.path]
    [finding] = run(facts)
    assert finding.message.endswith("which go.mod needs (go 1.27.3)")
    assert finding.location == Location(nested.path, Range.of(2, 3, 9))
    assert finding.module == nested.path


def test_nothing_intends_the_second() -> None:
    assert run(two_on_path(go_mod=go_mod("1.22.0"))) == []


def test_neither_satisfies_the_go_line() -> None:
    assert run(two_on_path(go_mod=go_mod("1.28.0"))) == []


def test_first_already_satisfies_the_go_line() -> None:
    assert run(healthy(go_binaries=(go_binary("1.27.3", path_index=0), go_binary("1.28.0", path_index=1)))) == []


def test_same_version_twice() -> None:
    twin = go_binary("1.22.10", root="/opt/go", path_index=1)
    assert run(healthy(go_binaries=(OLD, twin), go_mod=go_mod("1.27.3"))) == []


def test_a_second_go_outside_path_is_not_shadowed() -> None:
    assert run(healthy(go_binaries=(OLD, replace(NEW, path_index=None, origins=("GOROOT",))))) == []


@pytest.mark.parametrize("broken", [{"status": Status.FAILED}, {"version": None}])
def test_unknown_or_failing_binaries(broken: dict) -> None:
    assert run(healthy(go_binaries=(replace(OLD, **broken), NEW))) == []
    assert run(healthy(go_binaries=(OLD, replace(NEW, **broken)))) == []


def test_unknown_binaries_yield_nothing() -> None:
    assert run(healthy(go_binaries=None)) == []


# --- real toolchains


def ge102(report: dict) -> list[dict]:
    return [f for f in report["findings"] if f["code"] == "GE102"]


@pytest.mark.realgo
def test_real_old_go_first_on_path(workspace: Path, go122: Path, go127: Path, go_env: testbed.EnvFactory,
                                   check_real) -> None:
    code, report = check_real(workspace, go_env([go122 / "bin", go127 / "bin"]))
    assert code == 1
    [finding] = ge102(report)
    assert finding["severity"] == "warning"
    assert finding["message"] == (f"{go122}/bin/go (go1.22.10) comes first on PATH and shadows {go127}/bin/go "
                                  "(go1.27.3), which go.mod needs (go 1.27.3)")
    assert (finding["path"], finding["range"]) == ("go.mod", {"start": {"line": 2, "character": 3},
                                                              "end": {"line": 2, "character": 9}})


@pytest.mark.realgo
def test_real_goroot_points_at_the_shadowed_go(workspace: Path, go122: Path, go127: Path,
                                               go_env: testbed.EnvFactory, check_real) -> None:
    (workspace / "go.mod").write_text("module example.com/app\n\ngo 1.22.0\n")
    _, report = check_real(workspace, go_env([go122 / "bin", go127 / "bin"], GOROOT=go127))
    [finding] = ge102(report)
    assert finding["message"].endswith("which the GOROOT environment variable points at")
    assert (finding["path"], finding["range"]["start"]) == ("go.mod", {"line": 0, "character": 7})


@pytest.mark.realgo
def test_real_two_on_path_and_nothing_intends_the_second(workspace: Path, go122: Path, go127: Path,
                                                         go_env: testbed.EnvFactory, check_real) -> None:
    (workspace / "go.mod").write_text("module example.com/app\n\ngo 1.22.0\n")
    _, report = check_real(workspace, go_env([go122 / "bin", go127 / "bin"]))
    assert ge102(report) == []
