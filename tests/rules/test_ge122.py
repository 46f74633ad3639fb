"""GE122 gopls-unsupported-go: the installed gopls release does not support the go in use."""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

import factsbuilder as fb
import pytest
import testbed

from goenv_lsp.engine import evaluate
from goenv_lsp.facts import Facts, Status
from goenv_lsp.model import Applicability, CommandKind, CommandSpec, Finding, Location, Range, Severity
from goenv_lsp.rules.ge1_toolchain.ge122_gopls_unsupported_go import check as GE122

GOPLS = f"{fb.HOME}/go/bin/gopls"
MODULE_LINE = Location(f"{fb.ROOT}/go.mod", Range.of(0, 7, 22))


def findings(facts: Facts) -> list[Finding]:
    return evaluate(facts, rules=[GE122])


def with_gopls(version: str | None, go: str = "1.27.3", built_with: str = "go1.27.3", gotoolchain: str = "",
               **changes) -> Facts:
    """go ``go`` on PATH (GOTOOLCHAIN from the GOENV file when given, else go.env's auto) and one gopls."""
    if gotoolchain:
        changes["user_env_file"] = fb.env_file(GOTOOLCHAIN=gotoolchain)
    go_env = fb.env_file(f"/usr/local/go{go}/go.env", GOTOOLCHAIN="auto")  # the go.env of the go that runs
    return fb.healthy(**{"go_binaries": (fb.go_binary(go),), "gopls": (fb.gopls(built_with, version),),
                         "go_mod": fb.go_mod(go), "goroot_env_file": go_env, **changes})


def install(go: str, gopls: str) -> CommandSpec:
    return CommandSpec(CommandKind.INSTALL_GOPLS,
                       (f"/usr/local/go{go}/bin/go", "install", f"golang.org/x/tools/gopls@{gopls}"), fb.ROOT)


# ---------------------------------------------------------------------------------------------------------------
# recorded facts
# ---------------------------------------------------------------------------------------------------------------

def test_newest_gopls_with_the_newest_go_is_quiet() -> None:
    # v0.23.0 lists 1.25/1.26 only, but no release suits go 1.27 better
    assert findings(fb.healthy()) == []


def test_gopls_0_16_with_go_1_27_names_the_release_that_supports_it() -> None:
    [finding] = findings(with_gopls("v0.16.2"))
    assert (finding.code, finding.name, finding.severity) == ("GE122", "gopls-unsupported-go", Severity.WARNING)
    assert finding.location == MODULE_LINE
    assert finding.module is None  # machine-wide
    assert finding.message == (f"gopls v0.16.2 at {GOPLS} supports go 1.21–1.23, not the go 1.27 on PATH; install "
                               "the release that does: `go install golang.org/x/tools/gopls@v0.23.0`")
    [fix] = finding.fixes
    assert fix.title == "Run `go install golang.org/x/tools/gopls@v0.23.0`"
    assert fix.applicability is Applicability.UNSAFE and fix.edits == ()
    assert fix.command == install("1.27.3", "v0.23.0")


def test_patch_of_an_old_line_counts_as_that_line() -> None:
    [finding] = findings(with_gopls("v0.16.0"))
    assert finding.message.startswith(f"gopls v0.16.0 at {GOPLS} supports go 1.21–1.23")


def test_pseudo_version_on_a_known_line_counts_as_that_line() -> None:
    [finding] = findings(with_gopls("v0.16.3-0.20240920151212-0123456789ab"))
    assert "supports go 1.21–1.23, not the go 1.27 on PATH" in finding.message


@pytest.mark.parametrize("version", ["(devel)", "master", "", None, "v0.0.0-20220330174940-8e193c2ba95e",
                                     "v0.24.0", "not-a-version"],
                         ids=["devel", "master", "empty", "no-mod-line", "pseudo-before-any-tag", "future",
                              "garbage"])
def test_unknown_release_gives_nothing(version: str | None) -> None:
    assert findings(with_gopls(version, built_with="go1.17.9")) == []


def test_new_gopls_with_go_1_22_and_gotoolchain_local_names_v0_16_2() -> None:
    # v0.17.1 is the last for 1.22 by policy but needs go 1.23.1 to build; 1.22.10 cannot fetch it
    [finding] = findings(with_gopls("v0.23.0", go="1.22.10", gotoolchain="local"))
    assert finding.message == (f"gopls v0.23.0 at {GOPLS} supports go 1.25–1.26, not the go 1.22 on PATH; install "
                               "the release that does: `go install golang.org/x/tools/gopls@v0.16.2`")
    assert finding.fixes[0].command == install("1.22.10", "v0.16.2")


def test_new_gopls_with_go_1_22_and_gotoolchain_auto_names_v0_17_1() -> None:
    [finding] = findings(with_gopls("v0.23.0", go="1.22.10"))  # go.env says GOTOOLCHAIN=auto
    assert finding.fixes[0].command == install("1.22.10", "v0.17.1")
    assert finding.message.endswith("`go install golang.org/x/tools/gopls@v0.17.1`")


def test_gotoolchain_from_the_environment_wins_over_the_goenv_file() -> None:
    facts = with_gopls("v0.23.0", go="1.22.10", gotoolchain="local",
                       env={**fb.healthy().env, "GOTOOLCHAIN": "auto"})
    assert findings(facts)[0].fixes[0].command == install("1.22.10", "v0.17.1")


def test_gotoolchain_with_a_minimum_but_no_switching_counts_as_local() -> None:
    facts = with_gopls("v0.23.0", go="1.24.0", gotoolchain="go1.24.0")
    assert findings(facts)[0].fixes[0].command == install("1.24.0", "v0.18.1")


@pytest.mark.parametrize(("version", "go", "gotoolchain"), [
    ("v0.17.1", "1.22.10", "auto"), ("v0.16.2", "1.22.10", "local"), ("v0.15.3", "1.19.13", "local"),
    ("v0.21.1", "1.25.0", "local"), ("v0.20.0", "1.23.0", "auto"), ("v0.11.0", "1.17.13", "auto"),
])
def test_release_that_supports_the_go_in_use_is_quiet(version: str, go: str, gotoolchain: str) -> None:
    assert findings(with_gopls(version, go=go, gotoolchain=gotoolchain)) == []


def test_no_older_gopls_when_the_module_needs_a_newer_go() -> None:
    # behaviour change (issue 7): the root cause is the old go on PATH, not the gopls
    [finding] = findings(with_gopls("v0.23.0", go="1.22.10", gotoolchain="local", go_mod=fb.go_mod("1.27.3")))
    assert finding.message == (f"gopls v0.23.0 at {GOPLS} supports go 1.25–1.26, not the go 1.22 on PATH; the "
                               "workspace needs go 1.27.3: put a Go >= 1.27.3 first on PATH instead of installing an "
                               "older gopls")
    assert finding.fixes == ()


def test_an_older_gopls_is_still_named_when_the_module_is_content_with_the_go_on_path() -> None:
    [finding] = findings(with_gopls("v0.23.0", go="1.22.10", gotoolchain="local", go_mod=fb.go_mod("1.22.0")))
    assert finding.fixes[0].command == install("1.22.10", "v0.16.2")


def test_gopls_too_new_for_go_1_19_names_the_last_without_warnings() -> None:
    [finding] = findings(with_gopls("v0.16.2", go="1.19.13", gotoolchain="local"))
    assert "supports go 1.21–1.23, not the go 1.19 on PATH" in finding.message
    assert finding.fixes[0].command == install("1.19.13", "v0.15.3")


def test_go_newer_than_the_table_with_the_newest_gopls_is_quiet() -> None:
    assert findings(with_gopls("v0.23.0", go="1.28.1")) == []


def test_only_the_gopls_that_runs_is_judged() -> None:
    # behaviour change (issue 7): gopls binaries later on PATH or only in GOPATH/bin are never started
    facts = with_gopls("v0.16.2")
    facts = replace(facts, gopls=(fb.gopls("go1.27.3", "v0.23.0", path="/usr/local/bin/gopls", origins=("PATH",)),
                                  fb.gopls("go1.24.2", "v0.20.0", path="/opt/gopls", origins=("PATH",)),
                                  *facts.gopls))
    assert findings(facts) == []


def test_old_gopls_first_on_path_names_the_shadowed_ones_as_related() -> None:
    old = fb.gopls("go1.24.2", "v0.20.0", path="/usr/bin/gopls", origins=("PATH",))
    facts = with_gopls("v0.23.0")
    facts = replace(facts, gopls=(old, *facts.gopls))
    [finding] = findings(facts)
    assert finding.message == ("gopls v0.20.0 at /usr/bin/gopls (first on PATH) supports go 1.23–1.24, not the "
                               "go 1.27 on PATH; install the release that does: `go install "
                               "golang.org/x/tools/gopls@v0.23.0`, then put /home/dev/go/bin before /usr/bin on PATH")
    assert [r.message for r in finding.related] == [
        f"{GOPLS} (v0.23.0) is not used: /usr/bin/gopls comes first"]
    assert finding.related[0].location == finding.location


def test_without_a_go_on_path_there_is_nothing_to_compare() -> None:
    assert findings(with_gopls("v0.16.2", go_binaries=())) == []
    assert findings(with_gopls("v0.16.2", go_binaries=None)) == []


def test_without_go_mod_the_finding_is_on_the_workspace() -> None:
    [finding] = findings(with_gopls("v0.16.2", go_mod=None))
    assert finding.location == Location(None)


def test_unknown_gopls_facts_give_nothing() -> None:
    assert findings(fb.healthy(gopls=None)) == []
    assert findings(Facts()) == []


# ---------------------------------------------------------------------------------------------------------------
# real toolchains. The real gopls binaries of the test bed carry no module version (Debian's has no mod line,
# ECY's says "(devel)"), so a real release is simulated by a stub main module golang.org/x/tools/gopls built
# offline from a git repository with a release tag: Go ≥ 1.24 stamps the tag into the build info, and
# `go version -m` reads it exactly as it reads a `go install`ed gopls.
# ---------------------------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def stub_gopls_0_16(go127: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    cache = tmp_path_factory.getbasetemp() / "stub-gopls-gocache"
    return testbed.build_stub_gopls(go127, tmp_path_factory.mktemp("stub-gopls"), "v0.16.2", cache)


def module_workspace(tmp_path: Path, go_line: str = "1.27.3") -> Path:
    ws = tmp_path / "ws"
    ws.mkdir()
    (ws / "go.mod").write_text(f"module example.com/app\n\ngo {go_line}\n")
    return ws


def on_path(tmp_path: Path, exe: Path) -> Path:
    bin_dir = tmp_path / "gopls-bin"
    bin_dir.mkdir()
    shutil.copy2(exe, bin_dir / "gopls")
    return bin_dir


@pytest.mark.realgo
def test_stub_gopls_v0_16_2_with_go_1_27(go127: Path, stub_gopls_0_16: Path, go_env: testbed.EnvFactory,
                                         probe_real, tmp_path: Path) -> None:
    bin_dir = on_path(tmp_path, stub_gopls_0_16)
    ws = module_workspace(tmp_path)
    facts = probe_real(ws, go_env([go127 / "bin", bin_dir]))
    [gopls] = facts.gopls
    assert (gopls.module_version, gopls.built_with) == ("v0.16.2", "go1.27.3")
    [finding] = findings(facts)
    assert finding.location == Location(str(ws / "go.mod"), Range.of(0, 7, 22))
    assert finding.message == (f"gopls v0.16.2 at {bin_dir}/gopls supports go 1.21–1.23, not the go 1.27 on PATH; "
                               "install the release that does: `go install golang.org/x/tools/gopls@v0.23.0`, "
                               f"then put {tmp_path}/home/go/bin before {bin_dir} on PATH")
    assert finding.fixes[0].command == CommandSpec(
        CommandKind.INSTALL_GOPLS, (f"{go127}/bin/go", "install", "golang.org/x/tools/gopls@v0.23.0"), str(ws))


@pytest.mark.realgo
def test_stub_gopls_v0_16_2_with_go_1_22_is_supported(go122: Path, stub_gopls_0_16: Path,
                                                      go_env: testbed.EnvFactory, probe_real, tmp_path: Path) -> None:
    bin_dir = on_path(tmp_path, stub_gopls_0_16)
    ws = module_workspace(tmp_path, "1.22.10")
    assert findings(probe_real(ws, go_env([go122 / "bin", bin_dir]))) == []


@pytest.mark.realgo
@pytest.mark.parametrize("fixture", ["debian_gopls", "ecy_gopls"])
def test_real_gopls_without_a_module_version_is_out_of_reach(
        fixture: str, request: pytest.FixtureRequest, go127: Path, go_env: testbed.EnvFactory, probe_real,
        tmp_path: Path) -> None:
    bin_dir = on_path(tmp_path, request.getfixturevalue(fixture))
    facts = probe_real(module_workspace(tmp_path), go_env([go127 / "bin", bin_dir]))
    [gopls] = facts.gopls
    assert gopls.status is Status.OK and gopls.module_version in (None, "(devel)")
    assert findings(facts) == []  # GE121 speaks for these (built with go1.19.5 / go1.17.9)


@pytest.mark.realgo
def test_stub_gopls_v0_16_2_shadowed_by_v0_23_0_is_quiet_and_the_other_order_is_not(
        go127: Path, stub_gopls_0_16: Path, go_env: testbed.EnvFactory, probe_real, tmp_path: Path,
        tmp_path_factory: pytest.TempPathFactory) -> None:
    cache = tmp_path_factory.getbasetemp() / "stub-gopls-gocache"  # shared with stub_gopls_0_16: a fast build
    current = testbed.build_stub_gopls(go127, tmp_path / "stub-23", "v0.23.0", cache)
    old_dir, new_dir = tmp_path / "old", tmp_path / "new"
    for directory, exe in ((old_dir, stub_gopls_0_16), (new_dir, current)):
        directory.mkdir()
        shutil.copy2(exe, directory / "gopls")
    ws = module_workspace(tmp_path)
    assert findings(probe_real(ws, go_env([go127 / "bin", new_dir, old_dir]))) == []
    [finding] = findings(probe_real(ws, go_env([go127 / "bin", old_dir, new_dir])))
    assert finding.message.startswith(f"gopls v0.16.2 at {old_dir}/gopls (first on PATH) supports go 1.21–1.23")
    assert [r.message for r in finding.related] == [
        f"{new_dir}/gopls (v0.23.0) is not used: {old_dir}/gopls comes first"]
