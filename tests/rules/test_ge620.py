"""GE620 cgo-disabled-with-cgo-files: CGO_ENABLED=0 set while the workspace has files importing "C"."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import testbed
from factsbuilder import HOME, env_file, go_binary, healthy
from fixhelp import apply_json_fix
from ge6help import CGO, codes, go, module, only

from goenv_lsp.engine import evaluate
from goenv_lsp.probe.discover import DiscoveryOptions
from goenv_lsp.probe.fake import FakeSystem
from goenv_lsp.probe.machine import cgo_files, imports_c
from goenv_lsp.rules.ge6_platform.ge620_cgo_disabled_with_cgo_files import check as GE620
from goenv_lsp.semantics.platform import matches_platform

GOENV = f"{HOME}/.config/go/env"


def facts(cgo=("/work/app/db.go",), **pairs: str):
    return healthy(go_binaries=(go_binary(CGO_ENABLED="0", GOOS="linux", GOARCH="amd64"),),
                   user_env_file=env_file(path=GOENV, **pairs), cgo_files=cgo, path_commands={"gcc": ""})


def test_explicit_zero_with_cgo_files() -> None:
    [finding] = evaluate(facts(CGO_ENABLED="0"), rules=[GE620])
    assert finding.message == (f"CGO_ENABLED=0 from GOENV file {GOENV}:1: every build and gopls silently leave out "
                               "the cgo files db.go — expect `undefined:` errors for what they define, or `build "
                               "constraints exclude all Go files in /work/app`")
    assert finding.fixes == ()  # no C compiler: removing the line would not turn cgo on


def test_quiet_without_cgo_files_or_when_not_set_or_not_looked_for() -> None:
    assert evaluate(facts(cgo=(), CGO_ENABLED="0"), rules=[GE620]) == []
    assert evaluate(facts(cgo=None, CGO_ENABLED="0"), rules=[GE620]) == []
    assert evaluate(facts(), rules=[GE620]) == []  # off by itself (no compiler): GE621's finding


@pytest.mark.parametrize(("source", "cgo"), [
    (b'package x\n\nimport "C"\n', True),
    (b'package x\n\n// #include <stdio.h>\nimport "C"\n', True),
    (b'package x\n\nimport (\n\t"fmt"\n\t"C" // cgo\n)\n', True),
    (b'package x\n\n// import "C"\n', False),
    (b'package x\n\nimport "Cfoo"\n', False),
    (b'package x\n\nimport (\n\t"fmt"\n)\n\nvar s = `\n"C"\n`\n', False),
])
def test_imports_c(source: bytes, cgo: bool) -> None:
    assert imports_c(source) is cgo


@pytest.mark.parametrize(("name", "admitted"), [
    ("a.go", True), ("a_linux.go", True), ("a_windows.go", False), ("a_linux_arm64.go", False),
    ("a_amd64.go", True), ("a_linux_amd64_test.go", True), ("linux.go", True), ("a_android.go", False),
    ("a_unix.go", True),  # unix is a build tag, not a file-name suffix
])
def test_file_name_constraints_on_linux_amd64(name: str, admitted: bool) -> None:
    assert matches_platform(name, "linux", "amd64") is admitted


def test_android_files_count_as_linux_ones_on_android() -> None:
    assert matches_platform("a_linux.go", "android", "arm64")


def test_the_search_is_capped_and_skips_what_the_walk_skips() -> None:
    fake = FakeSystem()
    for i in range(30):
        fake.add_file(f"/w/pkg{i}/c.go", 'package p\n\nimport "C"\n')
    fake.add_file("/w/vendor/x/c.go", 'package x\n\nimport "C"\n')
    found = cgo_files(fake, "/w", DiscoveryOptions(), "linux", "amd64")
    assert len(found) == 20 and all("/vendor/" not in f for f in found)


# --- real toolchains


@pytest.mark.realgo
def test_real_cgo_off_leaves_the_cgo_file_out(tmp_path: Path, go127: Path, go_env: testbed.EnvFactory,
                                              check_real) -> None:
    gcc_dir = tmp_path / "cc"
    gcc_dir.mkdir()
    (gcc_dir / "gcc").symlink_to(shutil.which("gcc") or "/usr/bin/gcc")
    env = go_env([go127 / "bin", gcc_dir])
    work = module(tmp_path / "ws", "example.com/app", **{"main.go": CGO})
    testbed.write_goenv(env, CGO_ENABLED="0")
    listed = go(env, work, "list", ".")
    assert listed.returncode == 1
    assert listed.stderr == f"package example.com/app: build constraints exclude all Go files in {work}\n"
    finding = only(check_real(work, env)[1], "GE620")
    assert (finding["path"], finding["range"]["start"]) == ("~/.config/go/env", {"line": 0, "character": 0})
    assert finding["message"].startswith("CGO_ENABLED=0 from GOENV file ~/.config/go/env:1: every build and gopls "
                                         "silently leave out the cgo files main.go")
    [fix] = finding["fixes"]
    apply_json_fix(fix, work, env["HOME"])
    assert go(env, work, "env", "CGO_ENABLED").stdout == "1\n"  # gcc is on PATH
    assert go(env, work, "list", ".").returncode == 0
    assert "GE620" not in codes(check_real(work, env)[1])
