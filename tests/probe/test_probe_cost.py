"""What one `check` costs in processes (issue 11): one `go env -json NAMES…` per go binary, never `go version`,
never the C compiler unless a rule needs the cgo flags, and the login shell alongside the go probes. Counts and
argvs, never times."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Mapping
from pathlib import Path

import pytest
import testbed

from goenv_lsp.engine import Evaluation, Selection
from goenv_lsp.facts import ProbeRun, Status
from goenv_lsp.probe import ProbeOptions, collect, collect_sync
from goenv_lsp.probe.collect import DirectRuns
from goenv_lsp.probe.fake import FakeSystem
from goenv_lsp.probe.recording import RecordingSystem
from goenv_lsp.probe.system import RealSystem
from goenv_lsp.probe.trust import COSTLY_GO_ENV_NAMES, GO_ENV_NAMES
from goenv_lsp.rules import Input, all_rules


def check_options() -> ProbeOptions:
    """The probe options `check` derives from the default rule selection."""
    evaluation = Evaluation(Selection())
    return ProbeOptions(gopls=evaluation.reads(Input.GOPLS), cgo_flags=evaluation.reads(Input.CGO_FLAGS),
                        login_shell=evaluation.reads(Input.LOGIN_SHELL),
                        go_generate=evaluation.reads(Input.GO_GENERATE))


def test_no_rule_needs_the_costly_cgo_flags() -> None:
    """So a default `check` never asks go env for CGO_CFLAGS … (which makes go run the C compiler)."""
    assert [r.code for r in all_rules() if Input.CGO_FLAGS in r.needs] == []
    assert check_options().cgo_flags is False


@pytest.mark.realgo
def test_a_healthy_one_module_check_runs_one_go_env_with_names_per_go(workspace: Path, go127: Path,
                                                                      go_env: testbed.EnvFactory) -> None:
    """Go 1.27.3 first on PATH, 1.21.13 second: two processes, `go -C ROOT env -json NAMES…` each, from the
    neutral directory; the versions come from GOVERSION (no `go version`), and a name go 1.21 does not know
    (GOFIPS140, GOAUTH) comes back empty, as its findEnv answers."""
    go121 = testbed.go_root("1.21.13")
    system = RecordingSystem(RealSystem(env=go_env([go127 / "bin", go121 / "bin"]), well_known_go=()))
    facts = collect_sync(str(workspace), check_options(), system)
    expected = [((str(go / "bin/go"), "-C", str(workspace), "env", "-json", *GO_ENV_NAMES), "/")
                for go in (go127, go121)]
    assert sorted(system.runs()) == sorted(expected)
    assert system.spawned == 2  # a count, the whole check
    assert not any(name in argv for argv, _ in system.runs() for name in (*COSTLY_GO_ENV_NAMES, "version"))
    by_version = {b.version: b for b in facts.go_binaries}
    assert set(by_version) == {"go1.27.3", "go1.21.13"}
    for binary in by_version.values():
        assert binary.status is Status.OK and binary.version_run is None
        assert binary.env["GOVERSION"] == binary.version
    assert (by_version["go1.21.13"].env["GOFIPS140"], by_version["go1.21.13"].env["GOAUTH"]) == ("", "")


@pytest.mark.realgo
@pytest.mark.parametrize("cgo_flags", [False, True])
def test_go_env_starts_the_c_compiler_only_for_the_cgo_flags(cgo_flags: bool, workspace: Path, tmp_path: Path,
                                                            go127: Path, go_env: testbed.EnvFactory) -> None:
    """A `gcc` first on PATH that leaves a marker: the names `check` asks for never run it; asking for the cgo
    flags does (the positive control: ExtraEnvVarsCostly runs the compiler)."""
    bin_dir, marker = tmp_path / "cc-bin", tmp_path / "cc-ran"
    bin_dir.mkdir()
    for name in ("gcc", "cc"):
        (bin_dir / name).write_text(f'#!/bin/sh\necho "$*" >> "{marker}"\nexit 1\n')
        (bin_dir / name).chmod(0o755)
    system = RecordingSystem(RealSystem(env=go_env([bin_dir, go127 / "bin"]), well_known_go=()))
    facts = collect_sync(str(workspace), ProbeOptions(cgo_flags=cgo_flags, login_shell=False), system)
    [go] = facts.go_binaries
    assert system.spawned == 1 and go.status is Status.OK
    assert ("GOGCCFLAGS" in go.env) is cgo_flags
    assert marker.exists() is cgo_flags


OLD_GO = """
dirs = ["/home/dev", "/work/app"]
[env]
HOME = "/home/dev"
PATH = "/usr/local/go/bin:/usr/bin"
[files]
"/work/app/go.mod" = "module example.com/app\\n\\ngo 1.15\\n"
"/usr/local/go/VERSION" = "go1.15.15"
"/usr/local/go/pkg/tool/linux_amd64/compile" = ""
[[executables]]
path = "/usr/local/go/bin/go"
build = { path = "cmd/go", go = "go1.15.15" }
[[executables.runs]]
args = ["version"]
stdout = "go version go1.15.15 linux/amd64\\n"
[[executables.runs]]
args = ["env", "-json"]
stdout = '{ENV}'
"""


def test_a_go_older_than_1_16_is_not_run_for_its_version() -> None:
    """No toolchain older than Go 1.16 in the test bed: a recorded machine. Its `go env` has no GOVERSION;
    the version is the one its file's build information records (what `go version` prints), so it still
    runs once, without `-C` (Go < 1.20), from the workspace."""
    env = {"GOROOT": "/usr/local/go", "GOPATH": "/home/dev/go", "GOOS": "linux", "GOARCH": "amd64",
           "GOMOD": "/work/app/go.mod", "GOENV": "/home/dev/.config/go/env"}
    fake = FakeSystem.from_fixture(OLD_GO.replace("{ENV}", json.dumps(env)))
    facts = asyncio.run(collect("/work/app", check_options(), fake))
    [go] = facts.go_binaries
    runs = [(call[1], call[2]) for call in fake.calls if call[0] == "run"]
    assert runs == [(("/usr/local/go/bin/go", "env", "-json", *GO_ENV_NAMES), "/work/app")]
    assert (go.status, go.version, go.version_run) == (Status.OK, "go1.15.15", None)
    assert "GOVERSION" not in go.env


class InFlight(DirectRuns):
    """Counts the runs under way at once (entered, not yet answered)."""

    def __init__(self, system: FakeSystem):
        super().__init__(system)
        self.now = self.most = 0

    async def run(self, argv: tuple[str, ...], cwd: str | None, timeout: float,
                  env: Mapping[str, str] | None = None, *, clean_env: bool = False,
                  depends: tuple[str, ...] = ()) -> ProbeRun | None:
        self.now += 1
        self.most = max(self.most, self.now)
        try:
            await asyncio.sleep(0)  # let every other probe that is ready start too
            return await super().run(argv, cwd, timeout, env, clean_env=clean_env, depends=depends)
        finally:
            self.now -= 1


TWO_GOS_AND_A_SHELL = """
dirs = ["/home/dev"]
[env]
HOME = "/home/dev"
SHELL = "/bin/bash"
PATH = "/usr/local/go/bin:/opt/go122/bin:/usr/bin"
[files]
"/work/app/go.mod" = "module example.com/app\\n\\ngo 1.27.3\\n"
[[go]]
root = "/usr/local/go"
version = "1.27.3"
[[go]]
root = "/opt/go122"
version = "1.22.10"
[login_shell]
env = { PATH = "/usr/bin:/bin" }
"""


@pytest.mark.parametrize("login_shell", [False, True])
def test_the_probes_of_one_run_are_under_way_together(login_shell: bool) -> None:
    """Both gos and the login shell (which needs nothing the go probes learn) at once: as many runs in flight
    as processes."""
    fake = FakeSystem.from_fixture(TWO_GOS_AND_A_SHELL)
    runs = InFlight(fake)
    facts = asyncio.run(collect("/work/app", ProbeOptions(login_shell=login_shell), fake, runs))
    assert fake.spawned == runs.most == 2 + login_shell
    assert (facts.login_env is not None and facts.login_env.status is Status.OK) is login_shell
