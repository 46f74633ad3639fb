"""GE208 goenv-off-hides-settings: GOENV=off while the default GOENV file holds settings."""

from __future__ import annotations

import dataclasses
import subprocess
from pathlib import Path

import pytest
import testbed
from factsbuilder import HOME, healthy

from goenv_lsp.engine import evaluate
from goenv_lsp.facts import Status
from goenv_lsp.facts.enums import PathFlavor
from goenv_lsp.facts.paths import ops
from goenv_lsp.files.base import LocateContext
from goenv_lsp.files.goenv_file import EnvFileEntry, EnvFileFacts
from goenv_lsp.files.goenv_unused import KIND, locate
from goenv_lsp.model import Location, Range, Severity
from goenv_lsp.rules.ge2_modules.ge208_goenv_off_hides_settings import check as GE208

DEFAULT = f"{HOME}/.config/go/env"


def run(facts):
    return evaluate(facts, rules=[GE208])


def unused(*pairs: tuple[str, str]) -> EnvFileFacts:
    return EnvFileFacts(path=DEFAULT, kind=KIND.name, status=Status.OK,
                        entries=tuple(EnvFileEntry(k, v, i) for i, (k, v) in enumerate(pairs)))


def goenv_off(file: EnvFileFacts | None, goenv: str = "off"):
    facts = healthy(env={"HOME": HOME, "GOENV": goenv}, user_env_file=None)
    files = dict(facts.files or {})
    if file is not None:
        files[file.path] = file
    return dataclasses.replace(facts, files=files, kinds=(*(facts.kinds or ()), KIND.name))


def test_settings_ignored() -> None:
    [finding] = run(goenv_off(unused(("GOPRIVATE", "git.corp.example"), ("GOFLAGS", "-mod=mod"))))
    assert (finding.code, finding.severity) == ("GE208", Severity.WARNING)
    assert finding.message == (f"GOENV=off in the environment: the go command ignores {DEFAULT} and the 2 settings "
                               "`go env -w` wrote there (GOPRIVATE, GOFLAGS); `go env -w` still writes to that file, "
                               "where new values are ignored too")
    assert finding.location == Location(DEFAULT, Range.of(0, 0, 26))


def test_many_settings_are_counted() -> None:
    [finding] = run(goenv_off(unused(*((f"GO{i}", "x") for i in range(7)))))
    assert "the 7 settings `go env -w` wrote there (GO0, GO1, GO2, GO3, GO4 and 2 more)" in finding.message


@pytest.mark.parametrize(("file", "goenv"), [(None, "off"), (unused(), "off"), (unused(("GOFLAGS", "-x")), "/x")])
def test_quiet(file: EnvFileFacts | None, goenv: str) -> None:
    assert run(goenv_off(file, goenv)) == []


@pytest.mark.parametrize(("env", "os_name", "expected"), [
    ({"HOME": HOME}, "linux", []),
    ({"HOME": HOME, "GOENV": "off"}, "linux", [DEFAULT]),
    ({"HOME": HOME, "GOENV": DEFAULT}, "linux", []),  # the default file is the one in use
    ({"HOME": HOME, "GOENV": "off", "XDG_CONFIG_HOME": "/cfg"}, "linux", ["/cfg/go/env"]),
    ({"HOME": "/Users/me", "GOENV": "off"}, "darwin", ["/Users/me/Library/Application Support/go/env"]),
    ({"APPDATA": "C:\\Users\\me\\AppData\\Roaming", "GOENV": "off"}, "windows",
     ["C:\\Users\\me\\AppData\\Roaming\\go\\env"]),
])
def test_where_the_unused_file_is(env: dict, os_name: str, expected: list[str]) -> None:
    flavor = PathFlavor.WINDOWS if os_name == "windows" else PathFlavor.POSIX
    ctx = LocateContext(env, None, env.get("HOME"), os_name, ops(flavor))
    assert list(locate(ctx)) == expected


# --- real toolchains


@pytest.mark.realgo
@pytest.mark.parametrize("version", ["go122", "go124", "go127"])
def test_real_goenv_off(version: str, request: pytest.FixtureRequest, workspace: Path, go_env: testbed.EnvFactory,
                        check_real) -> None:
    env = go_env([request.getfixturevalue(version) / "bin"], GOENV=None)
    default = testbed.write_goenv({"GOENV": str(Path(env["HOME"]) / ".config/go/env")}, GOPRIVATE="example.com")
    env["GOENV"] = "off"

    def go(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run(["go", *args], env=env, capture_output=True, text=True, timeout=60)

    assert go("env", "GOPRIVATE").stdout == "\n"  # ignored
    written = go("env", "-w", "GOFLAGS=-mod=mod")
    assert (written.returncode, written.stderr) == (0, "")  # no complaint …
    assert default.read_text() == "GOFLAGS=-mod=mod\nGOPRIVATE=example.com\n"  # … it went to the default file
    assert go("env", "GOFLAGS").stdout == "\n"  # where it is ignored
    _, report = check_real(workspace, env)
    [finding] = [f for f in report["findings"] if f["code"] == "GE208"]
    assert (finding["path"], finding["range"]["start"]["line"]) == ("~/.config/go/env", 0)
    assert "the 2 settings `go env -w` wrote there (GOFLAGS, GOPRIVATE)" in finding["message"]
