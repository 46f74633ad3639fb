"""The fault matrix: `goenv-lsp check` as a user runs it, against go binaries that hang, crash or print
garbage (real Go executables whose build info says cmd/go: fakego) and against machines with broken PATHs,
GOPATHs and names.

Every row: exit 0 or 1 (never 2), no traceback or internal error, the finding that names the problem where
there is one (the go's path shown with home as ``~``), no process left behind, done within
probe timeout × 2 + 10 s.
"""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from faults import fakego
from faults.harness import Machine, Outcome, check, leftovers, lsp_session, machine, unreadable_dirs_work

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="processes are found through /proc")

TIMEOUT = 1.0  # the probe timeout of every row but the slow one
FAKE = "~/sdk/fake/bin/go"  # where rows put a faulty go, as the report shows it


@dataclass(frozen=True)
class Tools:
    fakego: Path
    go127: Path

    def fake(self, m: Machine, mode: str) -> Path:
        """fakego in ``mode`` as ~/sdk/fake/bin/go, in a GOROOT-like tree (bin/go, pkg/tool, VERSION, go.env)."""
        root = m.home / "sdk" / "fake"
        exe = fakego.install(self.fakego, root / "bin", mode)
        (root / "pkg" / "tool" / "linux_amd64").mkdir(parents=True)
        (root / "VERSION").write_text("go1.27.3\ntime 2026-01-01T00:00:00Z\n")
        shutil.copyfile(self.go127 / "go.env", root / "go.env")  # every Go distribution has one since 1.21
        m.path(root / "bin")
        return exe

    def real_go(self, m: Machine, bin_dir: Path | None = None) -> Path:
        """The test bed's go 1.27.3 as ``bin_dir/go`` (a symlink; default ~/bin), ``bin_dir`` alone on PATH."""
        bin_dir = bin_dir or m.home / "bin"
        bin_dir.mkdir(parents=True, exist_ok=True)
        (bin_dir / "go").symlink_to(self.go127 / "bin" / "go")
        m.path(bin_dir)
        return bin_dir


@dataclass(frozen=True)
class Row:
    setup: Callable[[Machine, Tools], object]
    finding: tuple[str, ...] = ()  # (code prefix, fragment, …): a finding whose message holds every fragment
    absent: tuple[str, ...] = ()  # codes no finding may have
    only: tuple[str, ...] | None = None  # the codes findings may have, if limited
    probe_timeout: float = TIMEOUT
    workspace: str = "ws"
    go_line: str = "1.27.3"
    without_dac: bool = False  # chmod 000 must stop the run (root: without the DAC capabilities)
    marks: tuple = field(default=())


USABLE_GO = ("GE001", "GE101")  # a go was found and answered
KILLED = "did not finish and was killed"
# go 1.28 asked for, go 1.27.3 running with GOTOOLCHAIN=local: GE110 shows the go's answers were used
FACTS_USED = ("GE110", "1.27.3")


def faulty(mode: str) -> Callable[[Machine, Tools], Path]:
    return lambda m, tools: tools.fake(m, mode)


def not_executable(m: Machine, tools: Tools) -> None:
    tools.fake(m, "healthy").chmod(0o644)


def dangling_symlink(m: Machine, tools: Tools) -> None:
    bin_dir = m.home / "sdk" / "fake" / "bin"
    bin_dir.mkdir(parents=True)
    (bin_dir / "go").symlink_to(bin_dir / "go-removed")
    m.path(bin_dir)


def directory(m: Machine, tools: Tools) -> None:
    bin_dir = m.home / "sdk" / "fake" / "bin"
    (bin_dir / "go").mkdir(parents=True)
    m.path(bin_dir)


def unreadable_path_dir(m: Machine, tools: Tools) -> None:
    """A hanging go in the locked directory: were it seen, GE001 would report it."""
    locked = m.tmp / "locked-bin"
    fakego.install(tools.fakego, locked, "hang")
    m.lock(locked)
    m.path(locked, tools.real_go(m))


def unreadable_gopath(m: Machine, tools: Tools) -> None:
    tools.real_go(m)
    gopath = Path(m.env["GOPATH"])  # ~/go, as GOPATH says
    (gopath / "pkg" / "mod").mkdir(parents=True)
    m.lock(gopath)


def path_self_loop(m: Machine, tools: Tools) -> None:
    loop = m.tmp / "loop"
    loop.symlink_to(loop)
    m.path(loop, tools.real_go(m))


def gopath_self_loop(m: Machine, tools: Tools) -> None:
    tools.real_go(m)
    loop = Path(m.env["GOPATH"])  # ~/go, as GOPATH says
    loop.symlink_to(loop)


def long_path(m: Machine, tools: Tools) -> None:
    """10,000 entries, the go in the last. Linux caps one environment string at 128 KiB, so the others are
    short relative names (resolved from the workspace) of directories beside the workspace."""
    for n in range(9_999):
        (m.tmp / "p" / str(n)).mkdir(parents=True)
    m.path(*(f"../p/{n}" for n in range(9_999)), tools.real_go(m))
    assert len(m.env["PATH"].split(os.pathsep)) == 10_000


def non_utf8_path_entry(m: Machine, tools: Tools) -> None:
    tools.real_go(m, m.home / os.fsdecode(b"bin-\xff\xfe"))


def non_utf8_goflags(m: Machine, tools: Tools) -> None:
    tools.real_go(m)
    m.env["GOFLAGS"] = os.fsdecode(b"-tags=caf\xe9")


def real_go(m: Machine, tools: Tools) -> None:
    tools.real_go(m)


ROWS = {
    "healthy-fakego": Row(faulty("healthy"), absent=USABLE_GO, only=("GE120",)),  # the control: fakego is a go
    "hang": Row(faulty("hang"), ("GE001", FAKE, KILLED)),
    "hang-with-setsid-child": Row(faulty("hang-setsid"), ("GE001", FAKE, KILLED)),
    "exits-leaving-setsid-child-on-stdout": Row(faulty("daemon-setsid"), ("GE001", FAKE, KILLED)),
    "crash-segv": Row(faulty("crash-segv"), ("GE001", FAKE, "crashed (signal 11)")),
    "crash-abort": Row(faulty("crash-abort"), ("GE001", FAKE, "crashed (signal 6)", "panic: fakego: abort")),
    "crash-exit2-with-stack": Row(faulty("crash-exit2"), ("GE001", FAKE, "exit status 2", "nil pointer")),
    "garbage-random-bytes": Row(faulty("garbage-random"), ("GE001", FAKE, "JSON")),
    "garbage-invalid-json": Row(faulty("garbage-json"), ("GE001", FAKE, "JSON")),
    "garbage-100000-nested-arrays": Row(faulty("garbage-nested"), ("GE001", FAKE, "JSON")),
    "stderr-warning": Row(faulty("stderr-warning"), FACTS_USED, absent=USABLE_GO, go_line="1.28"),
    "slow-just-under-the-timeout": Row(faulty("slow 2.2"), FACTS_USED, absent=USABLE_GO, go_line="1.28",
                                       probe_timeout=3.0),
    "go-not-executable": Row(not_executable, ("GE1", FAKE, "execut")),
    "go-dangling-symlink": Row(dangling_symlink, ("GE1", FAKE)),
    "go-is-a-directory": Row(directory, ("GE1", FAKE, "director")),
    "unreadable-path-dir": Row(unreadable_path_dir, absent=USABLE_GO, without_dac=True),
    "unreadable-gopath": Row(unreadable_gopath, ("GE2", "~/go"), absent=USABLE_GO, without_dac=True),
    "path-self-loop": Row(path_self_loop, absent=USABLE_GO),
    "gopath-self-loop": Row(gopath_self_loop, ("GE2", "~/go"), absent=USABLE_GO),
    "path-10000-entries": Row(long_path, absent=USABLE_GO),
    "non-utf8-path-entry": Row(non_utf8_path_entry, absent=USABLE_GO),
    "non-utf8-workspace-name": Row(real_go, absent=USABLE_GO, workspace=os.fsdecode(b"ws-\xff")),
    "non-utf8-goflags": Row(non_utf8_goflags, absent=USABLE_GO),
    "newline-in-workspace-path": Row(real_go, absent=USABLE_GO, workspace="ws\nwith a newline"),
}


@pytest.fixture(scope="module")
def tools(fakego_bin: Path, go127: Path) -> Tools:
    return Tools(fakego_bin, go127)


def assert_sound(outcome: Outcome, probe_timeout: float) -> None:
    """What every row must show, whatever the fault."""
    assert outcome.code in (0, 1), outcome.describe()
    for stream in (outcome.stdout, outcome.stderr):
        assert "Traceback" not in stream and "internal error" not in stream, outcome.describe()
    assert outcome.report["schema"] == 1
    assert outcome.leftovers == [], f"processes left behind: {outcome.leftovers}\n{outcome.describe()}"
    assert outcome.seconds < probe_timeout * 2 + 10, outcome.describe()


@pytest.mark.parametrize("name", [pytest.param(n, marks=r.marks) for n, r in ROWS.items()])
def test_fault(name: str, tmp_path: Path, tools: Tools) -> None:
    row = ROWS[name]
    if row.without_dac and (reason := unreadable_dirs_work()):
        pytest.skip(reason)
    m = machine(tmp_path, row.workspace, row.go_line)
    row.setup(m, tools)
    try:
        outcome = check(m, row.probe_timeout, without_dac=row.without_dac)
    finally:
        m.unlock()
    assert_sound(outcome, row.probe_timeout)
    if row.finding:
        code, *fragments = row.finding
        assert any(f["code"].startswith(code) and all(part in f["message"] for part in fragments)
                   for f in outcome.findings()), outcome.describe()
    for code in row.absent:
        assert outcome.findings(code) == [], outcome.describe()
    if row.only is not None:
        assert {f["code"] for f in outcome.findings()} <= set(row.only), outcome.describe()
    assert str(m.home) not in outcome.stdout  # home is shown as ~


def test_language_server_with_a_go_that_leaves_a_setsid_child(tmp_path: Path, tools: Tools) -> None:
    """The server publishes the timed-out go and, once it has exited, nothing of the probe is left."""
    m = machine(tmp_path)
    tools.fake(m, "hang-setsid")

    def ge001(message: dict) -> bool:
        return message.get("method") == "textDocument/publishDiagnostics" and any(
            d.get("code") == "GE001" for d in message["params"]["diagnostics"])

    messages = lsp_session(m, TIMEOUT, ge001, wait=TIMEOUT * 2 + 10)
    published = [d for msg in messages if ge001(msg) for d in msg["params"]["diagnostics"] if d["code"] == "GE001"]
    assert published and KILLED in published[0]["message"], messages
    assert leftovers(m.marker) == []
