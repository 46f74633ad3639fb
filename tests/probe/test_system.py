"""goenv_lsp.probe.system.RealSystem on real files: what stat, read, read_head, list, realpath and write_text
report for files, directories, symlinks, FIFOs and paths that are not there, and how it runs processes."""

from __future__ import annotations

import os
import stat as stat_module
import threading
from pathlib import Path

import pytest
import testbed

from goenv_lsp.facts import PathFlavor, PathKind, Status
from goenv_lsp.probe.system import MAX_FILE_BYTES, MISSING, Entry, ReadResult, RealSystem, Stat

SYSTEM = RealSystem(env={})


def entries(path: Path) -> set[Entry]:
    found = SYSTEM.list(str(path))
    assert found is not None
    assert len(found) == len(set(found))
    return set(found)


# -- stat ------------------------------------------------------------------------------------------
def test_stat_of_a_file(tmp_path: Path) -> None:
    file = tmp_path / "go.mod"
    file.write_text("module example.com/app\n")
    file.chmod(0o640)
    found = SYSTEM.stat(str(file))
    st = os.stat(file)
    assert found == Stat(PathKind.FILE, False, st.st_mtime_ns, 23, st.st_ino, 0o640, True)
    assert found.fingerprint == (st.st_mtime_ns, 23, st.st_ino)


def test_stat_of_a_directory(tmp_path: Path) -> None:
    found = SYSTEM.stat(str(tmp_path))
    st = os.stat(tmp_path)
    assert (found.kind, found.executable, found.mtime_ns, found.inode) == (PathKind.DIR, False, st.st_mtime_ns,
                                                                           st.st_ino)
    assert found.fingerprint == (st.st_mtime_ns, st.st_size, st.st_ino)


def test_executable_bit(tmp_path: Path) -> None:
    exe = tmp_path / "go"
    exe.write_text("#!/bin/sh\n")
    exe.chmod(0o755)
    plain = tmp_path / "notes"
    plain.write_text("x")
    plain.chmod(0o644)
    assert SYSTEM.stat(str(exe)).executable is True
    assert SYSTEM.stat(str(plain)).executable is False
    tmp_path.chmod(0o755)
    assert SYSTEM.stat(str(tmp_path)).executable is False  # a directory is never an executable


@pytest.mark.parametrize("where", ["nothing-here", "nothing/below", "file/below"])
def test_stat_of_what_is_not_there(tmp_path: Path, where: str) -> None:
    (tmp_path / "file").write_text("x")
    found = SYSTEM.stat(str(tmp_path / where))
    assert found == MISSING
    assert (found.kind, found.fingerprint) == (PathKind.MISSING, None)


def test_stat_follows_symlinks(tmp_path: Path) -> None:
    (tmp_path / "real").mkdir()
    (tmp_path / "real/go").write_text("binary")
    (tmp_path / "link").symlink_to(tmp_path / "real")
    (tmp_path / "golink").symlink_to("real/go")  # relative to the link's directory
    st = os.stat(tmp_path / "real/go")
    assert SYSTEM.stat(str(tmp_path / "link")).kind is PathKind.DIR
    assert SYSTEM.stat(str(tmp_path / "golink")) == Stat(PathKind.FILE, False, st.st_mtime_ns, 6, st.st_ino,
                                                         st.st_mode & 0o7777, True)
    assert SYSTEM.stat(str(tmp_path / "link/go")) == SYSTEM.stat(str(tmp_path / "golink"))


def test_a_dangling_symlink_is_missing_but_exists_as_a_link(tmp_path: Path) -> None:
    (tmp_path / "dangling").symlink_to(tmp_path / "gone")
    assert SYSTEM.stat(str(tmp_path / "dangling")) == MISSING
    assert SYSTEM.lexists(str(tmp_path / "dangling")) is True
    assert SYSTEM.lexists(str(tmp_path / "gone")) is False


def test_a_symlink_loop_is_unreadable(tmp_path: Path) -> None:
    (tmp_path / "a").symlink_to("b")
    (tmp_path / "b").symlink_to("a")
    found = SYSTEM.stat(str(tmp_path / "a"))
    assert (found.kind, found.fingerprint) == (PathKind.UNREADABLE, None)
    assert SYSTEM.lexists(str(tmp_path / "a")) is True
    assert SYSTEM.read(str(tmp_path / "a")) == ReadResult(Status.UNREADABLE,
                                                          problem="Too many levels of symbolic links")


def test_a_path_no_system_call_takes_is_unreadable_not_an_exception() -> None:
    assert SYSTEM.stat("/tmp/a\0b").kind is PathKind.UNREADABLE
    assert SYSTEM.lexists("/tmp/a\0b") is False
    assert SYSTEM.read("/tmp/a\0b") == ReadResult(Status.UNREADABLE, problem="embedded null byte")
    assert SYSTEM.read_head("/tmp/a\0b") == b""
    assert SYSTEM.list("/tmp/a\0b") is None
    assert SYSTEM.realpath("/tmp/a\0b") == "/tmp/a\0b"


def test_fingerprint_changes_with_the_content(tmp_path: Path) -> None:
    file = tmp_path / "go.work"
    file.write_text("go 1.22\n")
    before = SYSTEM.stat(str(file)).fingerprint
    assert SYSTEM.stat(str(file)).fingerprint == before  # stable while nothing changes
    file.write_text("go 1.27.3\n")
    os.utime(file, ns=(before[0] + 10**9, before[0] + 10**9))  # a coarse clock could give the same mtime
    after = SYSTEM.stat(str(file)).fingerprint
    assert after != before and after[1] == 10


def test_fingerprint_sees_a_replaced_file_of_the_same_size_and_time(tmp_path: Path) -> None:
    file = tmp_path / "env"
    file.write_text("GOFLAGS=-x\n")
    before = SYSTEM.stat(str(file))
    replacement = tmp_path / "env.new"
    replacement.write_text("GOFLAGS=-v\n")
    os.utime(replacement, ns=(before.mtime_ns, before.mtime_ns))
    os.replace(replacement, file)  # how editors and `go env -w` save: a new inode
    after = SYSTEM.stat(str(file))
    assert (after.mtime_ns, after.size) == (before.mtime_ns, before.size)
    assert after.fingerprint != before.fingerprint


# -- read ------------------------------------------------------------------------------------------
def test_read_a_file(tmp_path: Path) -> None:
    file = tmp_path / "go.mod"
    file.write_bytes(b"module m\r\n\xff\n")
    assert SYSTEM.read(str(file)) == ReadResult(Status.OK, b"module m\r\n\xff\n")  # bytes, as they are


def test_read_through_a_symlink(tmp_path: Path) -> None:
    (tmp_path / "real").write_text("GOTOOLCHAIN=local\n")
    (tmp_path / "link").symlink_to("real")
    assert SYSTEM.read(str(tmp_path / "link")) == ReadResult(Status.OK, b"GOTOOLCHAIN=local\n")


@pytest.mark.parametrize("where", ["nothing-here", "nothing/below", "file/below", "dangling"])
def test_read_what_is_not_there(tmp_path: Path, where: str) -> None:
    (tmp_path / "file").write_text("x")
    (tmp_path / "dangling").symlink_to("gone")
    assert SYSTEM.read(str(tmp_path / where)) == ReadResult(Status.MISSING)


def test_read_a_directory(tmp_path: Path) -> None:
    (tmp_path / "go.mod").mkdir()
    assert SYSTEM.read(str(tmp_path / "go.mod")) == ReadResult(Status.UNREADABLE, problem="is a directory")


def test_read_a_file_too_large(tmp_path: Path) -> None:
    file = tmp_path / "big"
    file.write_bytes(b"x" * (MAX_FILE_BYTES + 1))
    assert SYSTEM.read(str(file)) == ReadResult(Status.UNREADABLE, problem="larger than 4 MiB")
    exactly = tmp_path / "exactly"
    exactly.write_bytes(b"x" * MAX_FILE_BYTES)
    found = SYSTEM.read(str(exactly))
    assert (found.status, len(found.data)) == (Status.OK, MAX_FILE_BYTES)


def test_read_with_a_smaller_limit(tmp_path: Path) -> None:
    file = tmp_path / "f"
    file.write_bytes(b"x" * (2 * 1024 * 1024 + 1))
    assert SYSTEM.read(str(file), limit=2 * 1024 * 1024) == ReadResult(Status.UNREADABLE,
                                                                       problem="larger than 2 MiB")
    assert SYSTEM.read(str(file), limit=3 * 1024 * 1024).status is Status.OK


def test_read_a_fifo_does_not_wait_for_a_writer(tmp_path: Path) -> None:
    fifo = tmp_path / "go.mod"
    os.mkfifo(fifo)
    assert stat_module.S_ISFIFO(os.stat(fifo).st_mode)
    results: dict[str, object] = {}

    def read() -> None:  # in a thread: a blocking open would hang here, not the test
        results["read"] = SYSTEM.read(str(fifo))
        results["head"] = SYSTEM.read_head(str(fifo))

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    reader.join(5)
    if reader.is_alive():  # unblock the thread: open the FIFO for writing once
        fd = os.open(fifo, os.O_WRONLY | os.O_NONBLOCK)
        os.close(fd)
        pytest.fail("reading a FIFO waited for a writer")
    assert results == {"read": ReadResult(Status.UNREADABLE, problem="not a regular file"), "head": b""}
    assert SYSTEM.stat(str(fifo)).kind is PathKind.FILE  # not a directory: stat does not tell them apart


# -- read_head -------------------------------------------------------------------------------------
def test_read_head(tmp_path: Path) -> None:
    script = tmp_path / "go"
    script.write_bytes(b"#!/bin/sh\nexec asdf exec go \"$@\"\n" + b"x" * 1000)
    assert SYSTEM.read_head(str(script)) == script.read_bytes()[:512]
    assert SYSTEM.read_head(str(script), 9) == b"#!/bin/sh"
    (tmp_path / "short").write_bytes(b"\x7fELF")
    assert SYSTEM.read_head(str(tmp_path / "short")) == b"\x7fELF"


def test_read_head_of_what_cannot_be_read_is_empty(tmp_path: Path) -> None:
    (tmp_path / "dir").mkdir()
    assert SYSTEM.read_head(str(tmp_path / "missing")) == b""
    assert SYSTEM.read_head(str(tmp_path / "dir")) == b""


def test_read_head_ignores_the_size_limit(tmp_path: Path) -> None:
    file = tmp_path / "big"
    file.write_bytes(b"\x7fELF" + b"\0" * (MAX_FILE_BYTES + 10))
    assert SYSTEM.read_head(str(file), 4) == b"\x7fELF"


# -- list ------------------------------------------------------------------------------------------
def test_list_skips_nothing(tmp_path: Path) -> None:
    for name in (".git", ".vscode", "vendor", "node_modules", "testdata", "sub"):
        (tmp_path / name).mkdir()
    for name in ("go.mod", ".env", ".gitignore", "#notes#", "naïve.go"):
        (tmp_path / name).write_text("x")
    assert entries(tmp_path) == {
        Entry(".git", PathKind.DIR), Entry(".vscode", PathKind.DIR), Entry("vendor", PathKind.DIR),
        Entry("node_modules", PathKind.DIR), Entry("testdata", PathKind.DIR), Entry("sub", PathKind.DIR),
        Entry("go.mod", PathKind.FILE), Entry(".env", PathKind.FILE), Entry(".gitignore", PathKind.FILE),
        Entry("#notes#", PathKind.FILE), Entry("naïve.go", PathKind.FILE),
    }


def test_list_does_not_follow_symlinked_directories(tmp_path: Path) -> None:
    (tmp_path / "real").mkdir()
    (tmp_path / "real/go.mod").write_text("module m\n")
    (tmp_path / "linked").symlink_to(tmp_path / "real")
    (tmp_path / "loop").symlink_to(tmp_path)  # a walk following it would never end
    (tmp_path / "dangling").symlink_to(tmp_path / "gone")
    (tmp_path / "file-link").symlink_to(tmp_path / "real/go.mod")
    assert entries(tmp_path) == {Entry("real", PathKind.DIR), Entry("linked", PathKind.FILE),
                                 Entry("loop", PathKind.FILE), Entry("dangling", PathKind.FILE),
                                 Entry("file-link", PathKind.FILE)}
    assert entries(tmp_path / "linked") == {Entry("go.mod", PathKind.FILE)}  # listed when asked for by name


def test_list_of_an_empty_directory(tmp_path: Path) -> None:
    assert SYSTEM.list(str(tmp_path)) == ()


def test_list_of_what_is_not_a_directory(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("x")
    os.mkfifo(tmp_path / "fifo")
    for name in ("file", "missing", "fifo", "file/below"):
        assert SYSTEM.list(str(tmp_path / name)) is None, name


# -- realpath, glob --------------------------------------------------------------------------------
def test_realpath(tmp_path: Path) -> None:
    base = Path(os.path.realpath(tmp_path))
    (base / "sdk/go1.27.3/bin").mkdir(parents=True)
    (base / "sdk/current").symlink_to("go1.27.3")
    (base / "bin").mkdir()
    (base / "bin/go").symlink_to(base / "sdk/current/bin/go")  # a link into a linked directory
    assert SYSTEM.realpath(str(base / "sdk/current")) == str(base / "sdk/go1.27.3")
    assert SYSTEM.realpath(str(base / "sdk/current/bin")) == str(base / "sdk/go1.27.3/bin")
    assert SYSTEM.realpath(str(base / "bin/go")) == str(base / "sdk/go1.27.3/bin/go")  # the target need not exist
    assert SYSTEM.realpath(str(base / "sdk/./current/../current/bin/")) == str(base / "sdk/go1.27.3/bin")
    assert SYSTEM.realpath(str(base / "missing/x")) == str(base / "missing/x")


def test_glob_is_sorted(tmp_path: Path) -> None:
    for version in ("go1.22.10", "go1.9", "go1.27.3"):
        (tmp_path / version / "bin").mkdir(parents=True)
        (tmp_path / version / "bin/go").write_text("x")
    assert SYSTEM.glob(str(tmp_path / "go*/bin/go")) == sorted(
        str(tmp_path / v / "bin/go") for v in ("go1.22.10", "go1.27.3", "go1.9"))
    assert SYSTEM.glob(str(tmp_path / "nothing*")) == []


# -- write_text ------------------------------------------------------------------------------------
def test_write_text(tmp_path: Path) -> None:
    file = tmp_path / "env"
    SYSTEM.write_text(str(file), "GOFLAGS=-mod=mod\nGOPRIVATE=ünï.example\n")
    assert file.read_bytes() == "GOFLAGS=-mod=mod\nGOPRIVATE=ünï.example\n".encode()  # UTF-8, \n kept
    SYSTEM.write_text(str(file), "GOTOOLCHAIN=local\n")
    assert file.read_text() == "GOTOOLCHAIN=local\n"  # replaced, not appended
    assert SYSTEM.read(str(file)) == ReadResult(Status.OK, b"GOTOOLCHAIN=local\n")


def test_write_text_fails_loudly_where_nothing_can_be_written(tmp_path: Path) -> None:
    (tmp_path / "dir").mkdir()
    with pytest.raises(OSError):
        SYSTEM.write_text(str(tmp_path / "missing/env"), "x")
    with pytest.raises(OSError):
        SYSTEM.write_text(str(tmp_path / "dir"), "x")


# -- the machine, and processes --------------------------------------------------------------------
def test_machine_and_home() -> None:
    system = RealSystem(env={"HOME": "/home/dev", "USERPROFILE": "C:\\Users\\dev"})
    assert (system.os, system.paths.flavor, system.home) == ("linux", PathFlavor.POSIX, "/home/dev")
    assert RealSystem(env={"HOME": ""}).home is None
    assert RealSystem(env={}).env == {}
    assert RealSystem().env == dict(os.environ)  # by default, this process's environment


async def test_run_forces_gotoolchain_local_except_for_user_commands() -> None:
    system = RealSystem(env={"PATH": str(testbed.host_bin()), "GOTOOLCHAIN": "auto"})
    probe = await system.run(["sh", "-c", 'echo "$GOTOOLCHAIN $X"'], extra_env={"X": "1", "GOTOOLCHAIN": "path"})
    user = await system.run(["sh", "-c", 'echo "$GOTOOLCHAIN"'], user_command=True)
    assert (probe.status, probe.stdout, user.stdout) == (Status.OK, "local 1\n", "auto\n")
    assert system.env["GOTOOLCHAIN"] == "auto"  # the user's value is kept for the rules
    assert system.spawned == 2


async def test_run_timeout_and_cwd(tmp_path: Path) -> None:
    system = RealSystem(env={"PATH": str(testbed.host_bin())}, timeout=30)
    here = await system.run(["realpath", "."], str(tmp_path))
    assert here.stdout == f"{os.path.realpath(tmp_path)}\n"
    slow = await system.run(["sleep", "30"], timeout=0.2)
    assert (slow.status, slow.stderr) == (Status.TIMED_OUT, "killed after 0.2 s")
    missing = await system.run([str(tmp_path / "no-go"), "version"])
    assert missing.status is Status.MISSING
    assert system.spawned == 2  # a program that is not there was never started
