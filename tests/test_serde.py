"""Facts survive a trip through JSON; data of the wrong shape is a SchemaError that says where."""

from __future__ import annotations

import json
from dataclasses import replace
from typing import Any

import factsbuilder as fb
import pytest

from goenv_lsp.facts import Facts, FileProblem, LoginEnvironment, PathInfo, ProbeRun, Spanned, Status
from goenv_lsp.files.go_mod import ModFileFacts
from goenv_lsp.model import (
    Applicability,
    CommandKind,
    CommandSpec,
    Finding,
    Fix,
    Location,
    Range,
    Related,
    Severity,
    TextEdit,
)
from goenv_lsp.serde import SchemaError, from_data, to_data

GO_MOD = f"{fb.ROOT}/go.mod"


def round_trip(value: Any, cls: type) -> Any:
    return from_data(cls, json.loads(json.dumps(to_data(value))))


FACTS = {
    "healthy": fb.healthy(),
    "empty": Facts(),
    "settings": fb.healthy(vscode=fb.settings(go_goroot="/usr/local/go1.22.10", go_alternateTools_go="go")),
    "failed-binary": fb.healthy(go_binaries=(replace(
        fb.go_binary("1.22.10"), status=Status.TIMED_OUT, env=None,
        env_run=ProbeRun(("go", "env", "-json"), Status.TIMED_OUT, None, "", "killed", 5000.0)),)),
    "go.work": fb.healthy(go_work=ModFileFacts(
        path=f"{fb.ROOT}/go.work", kind="go.work", status=Status.MALFORMED,
        problems=(FileProblem("unknown directive: foo", Range.of(3, 0, 3)), FileProblem("no range")),
        uses=(Spanned("./a", Range.of(4, 4, 7)),))),
    "idea": fb.healthy(idea=fb.goland(goroot=Spanned("/usr/local/go", Range.of(2, 10, 30)),
                                      goroot_raw="file:///usr/local/go")),
    "paths": fb.healthy(paths={"/odd path/with \"quotes\"": PathInfo("missing"), "/ünïcödé 🚀": PathInfo("dir")},
                        toolchains={"go1.27.3": "/x"}),
    "env-file": fb.healthy(user_env_file=fb.env_file(GOTOOLCHAIN="go1.27.3+auto", GOFLAGS="-mod=mod")),
    "login-env": fb.healthy(login_env=LoginEnvironment("/bin/bash", Status.OK, {"PATH": "/usr/bin", "GOFLAGS": "a\nb"},
                                                       {"HOME": "/home/dev"}, noise=True)),
    "login-env-failed": fb.healthy(login_env=LoginEnvironment("/bin/zsh", Status.TIMED_OUT, problem="killed")),
}


@pytest.mark.parametrize("name", FACTS)
def test_facts_round_trip(name: str) -> None:
    assert round_trip(FACTS[name], Facts) == FACTS[name]


def test_setting_values_of_any_json_type_round_trip() -> None:
    settings = fb.settings(go_goroot="/x")
    values = tuple(replace(settings.values[0], value=v) for v in (None, True, 3, 2.5, "s"))
    facts = fb.healthy(vscode=replace(settings, values=values))
    assert round_trip(facts, Facts) == facts


def test_findings_round_trip() -> None:
    command = CommandSpec(CommandKind.INSTALL_GOPLS, ("go", "install", "golang.org/x/tools/gopls@v0.16.2"), "/a",
                          {"GOTOOLCHAIN": "auto"})
    fix = Fix("t", Applicability.UNSAFE, (TextEdit("/a", Range.of(0, 1, 2), "x"),), command)
    finding = Finding("GE101", "n", Severity.ERROR, "m", Location("/a", Range.of(1, 2, 3)), (fix,),
                      (Related(Location(None), "r"),), module="/a/go.mod")
    assert round_trip(finding, Finding) == finding


def test_to_data_is_json_ready() -> None:
    data = to_data(fb.healthy())
    assert data["schema"] == 2
    assert data["go_binaries"][0]["origins"] == ["PATH"]
    go_mod = data["files"][GO_MOD]
    assert (go_mod["kind"], go_mod["status"]) == ("go.mod", "ok")
    assert go_mod["go"]["range"] == {"start": {"line": 2, "character": 3}, "end": {"line": 2, "character": 9}}
    json.dumps(data)


def test_unknown_keys_are_ignored_and_missing_defaults_apply() -> None:
    data = to_data(fb.healthy())
    data["added_in_a_later_version"] = {"x": 1}
    del data["discovery"]
    assert from_data(Facts, data) == fb.healthy()


def bad(mutate) -> str:
    data = to_data(fb.healthy(vscode=fb.settings(go_goroot="/x")))
    mutate(data)
    with pytest.raises(SchemaError) as info:
        from_data(Facts, data)
    return str(info.value)


@pytest.mark.parametrize(("mutate", "where"), [
    (lambda d: d["go_binaries"][0].update(version=122), "$.go_binaries[0].version: expected str, got int"),
    (lambda d: d["go_binaries"][0].update(path_index="0"), "$.go_binaries[0].path_index: expected int"),
    (lambda d: d["go_binaries"][0].update(path_index=True), "$.go_binaries[0].path_index: expected int"),
    (lambda d: d["go_binaries"][0].update(status="fine"), "$.go_binaries[0].status: 'fine' is not a valid Status"),
    (lambda d: d["go_binaries"][0].pop("real_path"), "$.go_binaries[0]: missing field 'real_path'"),
    (lambda d: d.update(go_binaries={"go": {}}), "$.go_binaries: expected a list"),
    (lambda d: d.update(go_binaries=["go"]), "$.go_binaries[0]: expected an object for GoBinary"),
    (lambda d: d["files"][GO_MOD]["go"]["range"]["start"].update(line=None),
     f'$.files["{GO_MOD}"].go.range.start.line: expected int'),
    (lambda d: d["env"].update(GOPATH=1), "$.env.GOPATH: expected str, got int"),
    (lambda d: d["path_info"].update({"/a b": "dir"}), '$.path_info["/a b"]: expected an object for PathInfo'),
    (lambda d: d["go_binaries"][0]["version_run"].update(argv="go"), "$.go_binaries[0].version_run.argv: expected"),
    (lambda d: d["go_binaries"][0]["version_run"].update(duration_ms="1"),
     "$.go_binaries[0].version_run.duration_ms: expected float"),
    (lambda d: d.update(env=[]), "$.env: expected an object"),
])
def test_wrong_shapes_say_where(mutate, where: str) -> None:
    assert where in bad(mutate)


def test_top_level_must_be_an_object() -> None:
    with pytest.raises(SchemaError, match=r"^\$: expected an object for Facts"):
        from_data(Facts, [])


def test_schema_error_is_a_value_error() -> None:
    assert issubclass(SchemaError, ValueError)
