"""The directories the go command writes to: collected with their missing ancestors (probe.go_dirs), the
default GOENV file while $GOENV names another (file kind goenv-unused), and what stops go writing
(semantics.go_dirs) — on a recorded machine and on this one."""

from __future__ import annotations

from pathlib import Path

from goenv_lsp.facts import PathInfo, PathKind, PathOps
from goenv_lsp.facts.enums import PathFlavor
from goenv_lsp.facts.paths import ops
from goenv_lsp.files.goenv_unused import unused_env_file
from goenv_lsp.probe import ProbeOptions, collect_sync
from goenv_lsp.probe.fake import FakeSystem
from goenv_lsp.probe.go_dirs import named
from goenv_lsp.probe.system import RealSystem
from goenv_lsp.semantics.go_dirs import blocked, temp_dirs

POSIX: PathOps = ops(PathFlavor.POSIX)
MACHINE = """
os = "linux"
dirs = ["/srv"]
[env]
HOME = "/home/dev"
PATH = "/usr/local/go/bin:/usr/bin"
GOENV = "off"
GOMODCACHE = "/srv/cache/mod"
[files]
"/home/dev/.config/go/env" = "GOPRIVATE=example.com\\n"
"/work/app/go.mod" = "module example.com/app\\n\\ngo 1.27.3\\n"
[permissions]
"/srv" = { mode = "0755", writable = false }
[[go]]
root = "/usr/local/go"
version = "1.27.3"
"""


def test_named_directories() -> None:
    layers = [{"GOPATH": "/a:/b", "GOCACHE": "off", "GOBIN": "rel"}, {"GOMODCACHE": "/m", "GOTMPDIR": "/t"}]
    assert named(layers, {"TMPDIR": "/tmp/x"}, POSIX, "/home/dev/.config/go/env") == {
        "/a/bin", "/a/pkg/mod", "/m", "/t", "/tmp/x", "/home/dev/.config/go/env"}  # GOPATH entries: collect's


def test_collected_on_a_recorded_machine() -> None:
    system = FakeSystem.from_fixture(MACHINE)
    facts = collect_sync("/work/app", ProbeOptions(gopls=False), system)
    info = facts.path_info or {}
    assert info["/srv/cache/mod"].kind is PathKind.MISSING
    assert info["/srv/cache"].kind is PathKind.MISSING
    assert (info["/srv"].kind, info["/srv"].mode, info["/srv"].writable) == (PathKind.DIR, 0o755, False)
    assert "/" not in info  # the walk stops at the first directory that exists
    assert info["/home/dev/.cache/go-build"].kind is PathKind.MISSING and info["/home/dev"].writable is True
    assert system.calls.count(("list", "/srv")) == 0  # stat'ed only
    stopped = blocked(facts, "/srv/cache/mod")
    assert stopped is not None and (stopped.blocker, stopped.error) == ("/srv", "mkdir /srv/cache: permission denied")
    assert blocked(facts, "/home/dev/.cache/go-build") is None
    unused = unused_env_file(facts)
    assert unused is not None and [e.key for e in unused.entries] == ["GOPRIVATE"]


def test_the_default_goenv_file_is_not_read_when_it_is_the_one_in_use() -> None:
    system = FakeSystem.from_fixture(MACHINE.replace('GOENV = "off"', 'GOENV = "/home/dev/.config/go/env"'))
    facts = collect_sync("/work/app", ProbeOptions(gopls=False), system)
    assert unused_env_file(facts) is None
    assert [f.kind for f in (facts.files or {}).values() if f.path.endswith("go/env")] == ["goenv"]


def test_collected_on_this_machine(tmp_path: Path) -> None:
    (tmp_path / "ws").mkdir()
    env = {"HOME": str(tmp_path), "PATH": "", "GOCACHE": str(tmp_path / "a/b/c"), "GOTMPDIR": str(tmp_path / "t")}
    facts = collect_sync(str(tmp_path / "ws"), ProbeOptions(gopls=False), RealSystem(env=env, well_known_go=()))
    info = facts.path_info or {}
    assert [info[str(tmp_path / p)].kind for p in ("a/b/c", "a/b", "a", "t")] == [PathKind.MISSING] * 4
    assert info[str(tmp_path)] == PathInfo(PathKind.DIR, mode=tmp_path.stat().st_mode & 0o7777, writable=True)


def test_temporary_directories() -> None:
    from factsbuilder import healthy

    assert temp_dirs(healthy(env={"TMPDIR": "/var/t"})) == ["/tmp", "/var/tmp", "/var/t"]
    windows = healthy(os="windows", env={"TEMP": "C:\\T", "LOCALAPPDATA": "C:\\L"})
    assert temp_dirs(windows) == ["C:\\T", "C:\\L\\Temp"]


def test_a_missing_gopath_entry_gets_its_ancestors() -> None:
    system = FakeSystem.from_fixture(MACHINE.replace('GOMODCACHE = "/srv/cache/mod"', 'GOPATH = "/srv/a/go"'))
    info = collect_sync("/work/app", ProbeOptions(gopls=False), system).path_info or {}
    assert [info[p].kind for p in ("/srv/a/go", "/srv/a/go/pkg/mod", "/srv/a/go/pkg", "/srv/a")] == \
        [PathKind.MISSING] * 4
    assert info["/srv"].writable is False
