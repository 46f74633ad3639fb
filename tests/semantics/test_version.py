"""goenv_lsp.semantics.version: Go version strings as cmd/go's internal/gover reads them (go-semantics.md §1)."""

from __future__ import annotations

import itertools
import subprocess
from pathlib import Path

import pytest
import testbed

from goenv_lsp.semantics import version as gover

# each list is strictly increasing (go.dev/doc/toolchain#version and gover's tests)
ORDERED = [
    ["1.21", "1.21rc1", "1.21rc2", "1.21.0", "1.21.1", "1.21.10", "1.22"],
    ["1.20rc1", "1.20", "1.20.1"],
    ["1.18beta1", "1.18beta2", "1.18rc1", "1.18"],
    ["1.21.9", "1.22"],
    ["1.9", "1.10", "1.99", "1.100"],  # numbers compare as numbers, not as text
    ["1.21rc", "1.21rc0", "1.21rc1"],  # a missing prerelease number is the smallest
    ["1.21alpha1", "1.21beta1", "1.21rc1", "1.21zeta1"],  # kinds compare as text
    ["bogus", "1"],  # invalid sorts before every valid version
]


@pytest.mark.parametrize("chain", ORDERED, ids=lambda chain: " < ".join(chain))
def test_compare_orders_each_chain(chain: list[str]) -> None:
    for lower, higher in itertools.pairwise(chain):
        assert gover.compare(lower, higher) == -1, (lower, higher)
        assert gover.compare(higher, lower) == 1, (higher, lower)
    assert sorted(reversed(chain), key=gover.sort_key) == chain


@pytest.mark.parametrize(("a", "b"), [("1.20", "1.20.0"), ("1", "1.0.0"), ("1.0", "1"), ("bogus", ""),
                                      ("1.21.3rc1", "nonsense")])
def test_compare_equal(a: str, b: str) -> None:
    assert gover.compare(a, b) == 0


def test_invalid_is_below_every_valid_version() -> None:
    assert gover.compare("1.2X", "0") == -1
    assert gover.compare("0.0.0", "") == 1


@pytest.mark.parametrize("version", ["1", "1.21", "1.21.0", "1.21rc1", "1.21rc", "1.18beta2", "1.20", "0", "2.5",
                                     "1.100.200"])
def test_valid(version: str) -> None:
    assert gover.is_valid(version)


@pytest.mark.parametrize("version", [
    "", "go1.21", "1.", "1.21.", "01.2", "1.05", "1.21.03", "1.21rc01",  # leading zeros
    "1rc1",  # a prerelease needs a minor version
    "1.21.3rc1",  # no prereleases of patch releases (Go 1.27.3's internal/gover)
    "1.21-rc1", "1.21RC1", "1.21.0.1", " 1.21", "1.21 ", "1.21\n", "1.21\r", "v1.21",
])
def test_invalid(version: str) -> None:
    assert not gover.is_valid(version)
    assert gover.parse(version) is None


@pytest.mark.parametrize(("version", "expected"), [
    ("1.21.3", "1.21"), ("1.21rc2", "1.21"), ("1.21", "1.21"), ("1.20", "1.20"), ("1", "1"), ("1.0", "1"),
    ("1.0.5", "1"), ("2.0", "2.0"), ("bogus", ""), ("1.21.3rc1", ""),
])
def test_lang(version: str, expected: str) -> None:
    assert gover.lang(version) == expected


@pytest.mark.parametrize(("version", "expected"), [
    ("1.21", True), ("1.22", True), ("1.100", True),
    ("1.20", False),  # the release 1.20.0
    ("1.21.0", False), ("1.21rc1", False), ("1", False), ("bogus", False), ("2.5", False),
])
def test_is_lang(version: str, expected: bool) -> None:
    assert gover.is_lang(version) is expected


@pytest.mark.parametrize(("name", "expected"), [
    ("go1.21.3", "1.21.3"), ("go1.21.3-bigcorp", "1.21.3"), ("go1.21.3 extra", "1.21.3"), ("go1.21.3\tx", "1.21.3"),
    ("go1.22rc1", "1.22rc1"), ("go1.21", "1.21"), ("go1.20", "1.20"),
    ("1.21.3", ""), ("gccgo-go1.21.3", ""), ("go", ""), ("", ""), ("local", ""), ("auto", ""), ('"go1.21.3"', ""),
    ("go1.21.3\r", ""),  # only "-", space and tab end the version: a CRLF GOENV line stays invalid
    ("go1.21.3\n", ""), ("go1.21.3/x", ""), ("go1.21.3-a/b", ""), ("go1.21.3-a\\b", ""),  # path separators
])
def test_from_toolchain(name: str, expected: str) -> None:
    assert gover.from_toolchain(name) == expected


@pytest.mark.parametrize(("runtime", "expected"), [
    ("go1.22.10", "1.22.10"),
    ("go1.22.0 X:fieldtrack", "1.22.0"),  # a GOEXPERIMENT build
    ("go1.21.0-encore", "1.21.0"),  # a vendor suffix
    ("go1.23rc1", "1.23rc1"),
    ("go1.20", "1.20"),
    ("devel go1.21-b35ee3b0467 Wed Mar 1 14:25:13 2023 +0000", "1.21"),  # older development builds
    ("go1.25-devel_abc1234 Tue Jun 3 10:00:00 2025 +0000", "1.25"),  # current development builds
    ("devel +bb3b24bffc Mon Nov 26 12:00:00 2018 +0000", ""),  # much older: no version at all
    ("  go1.22.10\n", "1.22.10"),
    ("", ""), ("garbage", ""),
])
def test_from_runtime(runtime: str, expected: str) -> None:
    assert gover.from_runtime(runtime) == expected


@pytest.mark.parametrize(("go_line", "toolchain"), [
    ("1.22", "go1.22.0"),  # a language version asks for its first release (go.dev/issue/62278)
    ("1.21", "go1.21.0"),
    ("1.22.3", "go1.22.3"),
    ("1.22rc1", "go1.22rc1"),
    ("1.20", "go1.20"),  # before 1.21 the first release had no .0
    ("1.19", "go1.19"),
])
def test_toolchain_for_go_line(go_line: str, toolchain: str) -> None:
    assert gover.toolchain_for_go_line(go_line) == toolchain


@pytest.mark.parametrize(("version", "expected"), [("1.22.10", "1.22"), ("1.22", "1.22"), ("1.22rc1", "1.22"),
                                                   ("bogus", "")])
def test_major(version: str, expected: str) -> None:
    assert gover.major(version) == expected


# --- the real go command as the oracle: GOTOOLCHAIN=<name> is rejected exactly when FromToolchain fails

ORACLE_NAMES = ["go1.22.0", "go1.21rc", "go1.2.3-bigcorp", "go1.21.3rc1", "go1rc1", "go1.21rc01", "go1.05",
                "go1.21.3/x", "go1.21.3\r", "go1.21.3\n"]


@pytest.mark.realgo
def test_from_toolchain_agrees_with_the_real_go(go127: Path, go_env: testbed.EnvFactory, tmp_path: Path) -> None:
    """Go 1.27.3 runs each name through FromToolchain; valid ones then fail to download (GOPROXY=off)."""
    workspace = tmp_path / "ws"
    workspace.mkdir()
    (workspace / "go.mod").write_text("module example.com/app\n\ngo 1.22.0\n")
    disagreements = []
    for name in ORACLE_NAMES:
        env = go_env([go127 / "bin"], GOTOOLCHAIN=name)
        proc = subprocess.run([str(go127 / "bin/go"), "list", "-m"], cwd=workspace, env=env, capture_output=True,
                              text=True, timeout=60)
        assert proc.returncode != 0, name
        go_accepts = "invalid GOTOOLCHAIN" not in proc.stderr
        if go_accepts != bool(gover.from_toolchain(name)):
            disagreements.append((name, proc.stderr.strip()))
    assert disagreements == []
