"""goenv_lsp.probe.fake.FakeSystem: a recorded machine loaded from a TOML fixture.

The file system (files, directories, symlinks, passthrough to the real disk), the calls it records, canned
executables, and the ``[[go]]`` emulation of the go command. Expected go output below was taken from
go 1.27.3 itself; the ``realgo`` tests at the end check those expectations against the real command.
"""

from __future__ import annotations

import asyncio
import json
import os
import textwrap
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import testbed

import goenv_lsp.probe.fake as fake_module
from goenv_lsp.facts import PathFlavor, PathKind, Status
from goenv_lsp.parsers.goversion import parse_build_info
from goenv_lsp.probe.fake import OFFICIAL_GO_ENV, FakeSystem
from goenv_lsp.probe.system import MISSING, Entry, ReadResult

GO = "/usr/local/go/bin/go"
MACHINE = """
os = "linux"
arch = "arm64"
dirs = ["/home/dev/empty", "/work/app/.git"]

[env]
HOME = "/home/dev"
PATH = "/usr/local/go/bin:/usr/bin"
GOFLAGS = "-mod=mod"

[files]
"/home/dev/.config/go/env" = "GOPROXY=direct\\n"
"/work/app/go.mod" = "module example.com/app\\n\\ngo 1.27.3\\n"
"/work/app/main.go" = { text = "package main\\n" }
"/home/dev/bin/tool" = { text = "#!/bin/sh\\n", executable = true }

[symlinks]
"/usr/bin/go" = "/usr/local/go/bin/go"
"/home/dev/sdk/current" = "go1.27.3"
"/home/dev/gone" = "/nowhere"

[[go]]
root = "/usr/local/go"
version = "1.27.3"
"""


def machine(**env: str | None) -> FakeSystem:
    system = FakeSystem.from_fixture(MACHINE)
    return system.with_env(**env) if env else system


def run(system: FakeSystem, *argv: str, cwd: str | None = "/work/app", user_command: bool = False):
    return asyncio.run(system.run(argv, cwd, user_command=user_command))


def go_env_json(system: FakeSystem, cwd: str | None = "/work/app", go: str = GO) -> dict[str, str]:
    result = run(system, go, "env", "-json", cwd=cwd)
    assert (result.status, result.exit_code, result.stderr) == (Status.OK, 0, ""), result.stderr
    return json.loads(result.stdout)


# -- loading a fixture -----------------------------------------------------------------------------
def test_fixture_loading() -> None:
    system = machine()
    assert (system.os, system.arch, system.paths.flavor) == ("linux", "arm64", PathFlavor.POSIX)
    assert system.env == {"HOME": "/home/dev", "PATH": "/usr/local/go/bin:/usr/bin", "GOFLAGS": "-mod=mod"}
    assert system.home == "/home/dev"
    assert system.read("/work/app/go.mod") == ReadResult(Status.OK, b"module example.com/app\n\ngo 1.27.3\n")
    assert system.read("/work/app/main.go") == ReadResult(Status.OK, b"package main\n")
    tool, source = system.stat("/home/dev/bin/tool"), system.stat("/work/app/main.go")
    assert (tool.kind, tool.executable, source.kind, source.executable) == (PathKind.FILE, True, PathKind.FILE, False)
    for directory in ("/home/dev/empty", "/work/app/.git", "/work/app", "/work", "/", "/home/dev/bin"):
        assert system.stat(directory).kind is PathKind.DIR, directory  # listed, or the parent of a file
    # a [[go]] is a whole installation: bin/go, pkg/tool, VERSION and the official go.env
    assert system.stat(GO).executable is True
    assert system.stat("/usr/local/go/pkg/tool").kind is PathKind.DIR
    assert system.read("/usr/local/go/VERSION").data.startswith(b"go1.27.3\n")
    assert system.read("/usr/local/go/go.env") == ReadResult(Status.OK, OFFICIAL_GO_ENV.encode())


def test_substitutions() -> None:
    fixture = """
    os = "windows"
    [env]
    USERPROFILE = "@HOME@"
    APPDATA = "@HOME@\\\\AppData\\\\Roaming"
    [files]
    "@HOME@\\\\go.mod" = "module @MODULE@\\n"
    "C:\\\\keep" = "@UNKNOWN@"
    """
    system = FakeSystem.from_fixture(textwrap.dedent(fixture),
                                     {"HOME": "C:\\Users\\dev", "MODULE": "example.com/app"})
    assert system.env == {"USERPROFILE": "C:\\Users\\dev", "APPDATA": "C:\\Users\\dev\\AppData\\Roaming"}
    assert system.home == "C:\\Users\\dev"
    assert system.paths.flavor is PathFlavor.WINDOWS
    assert system.read("C:\\Users\\dev\\go.mod") == ReadResult(Status.OK, b"module example.com/app\n")
    assert system.read("C:/Users/dev/go.mod").status is Status.OK  # Windows separators, normalised
    assert system.read("C:\\keep").data == b"@UNKNOWN@"  # no substitution given: left as written


def test_from_file_takes_substitutions(tmp_path: Path) -> None:
    fixture = tmp_path / "machine.toml"
    fixture.write_text('[files]\n"@ROOT@/go.mod" = "go 1.22\\n"\n')
    system = FakeSystem.from_file(str(fixture), {"ROOT": "/srv/ws"})
    assert system.read("/srv/ws/go.mod") == ReadResult(Status.OK, b"go 1.22\n")


def test_the_documented_example_fixture_loads_as_documented() -> None:
    """The fixture format in the module's docstring is the contract for fixture authors."""
    example = textwrap.dedent(fake_module.__doc__.split("::\n", 1)[1].split("\n\n``[[go]]``", 1)[0])
    system = FakeSystem.from_fixture(example)
    assert system.symlinks == {"/usr/bin/go": "/usr/local/go/bin/go"}  # `dirs` is not a symlink
    assert system.stat("/home/dev/go").kind is PathKind.DIR
    assert system.stat("/usr/bin/go").executable is True
    assert system.passthrough == ["/tmp/workspace"]


# -- symlinks ----------------------------------------------------------------------------------------
def links() -> FakeSystem:
    system = FakeSystem()
    system.add_go("/usr/local/go1.27.3", "1.27.3")
    system.add_file("/home/dev/sdk/go1.22.10/bin/go", "x", executable=True)
    return system


def test_symlink_to_a_file_absolute_and_relative() -> None:
    system = FakeSystem.from_fixture(MACHINE)
    system.add_symlink("/home/dev/bin/go", "../../../usr/local/go/bin/go")  # relative to the link's directory
    for path in ("/usr/bin/go", "/home/dev/bin/go"):
        assert system.realpath(path) == GO
        assert system.stat(path) == system.stat(GO)
        assert system.read(path) == system.read(GO)


def test_a_symlinked_parent_directory_is_followed() -> None:
    system = links()
    system.add_symlink("/usr/local/go", "go1.27.3")
    system.add_symlink("/home/dev/sdk/current", "/home/dev/sdk/go1.22.10")
    system.add_symlink("/opt/sdk", "/home/dev/sdk")  # two links on the way: /opt/sdk/current/bin/go
    assert system.realpath("/usr/local/go/bin/go") == "/usr/local/go1.27.3/bin/go"
    assert system.stat("/usr/local/go/pkg/tool").kind is PathKind.DIR
    assert system.read("/usr/local/go/VERSION").data.startswith(b"go1.27.3\n")
    assert system.realpath("/opt/sdk/current/bin/go") == "/home/dev/sdk/go1.22.10/bin/go"
    assert system.stat("/opt/sdk/current/bin/go").executable is True
    assert system.realpath("/opt/sdk/current/bin/../../go1.22.10") == "/home/dev/sdk/go1.22.10"
    assert system.realpath("/opt/sdk/current/missing") == "/home/dev/sdk/go1.22.10/missing"


def test_a_symlink_chain() -> None:
    system = links()
    system.add_symlink("/a", "/b")
    system.add_symlink("/b", "/c/go")
    system.add_symlink("/c", "/usr/local/go1.27.3/bin")
    assert system.realpath("/a") == "/usr/local/go1.27.3/bin/go"
    assert system.stat("/a").executable is True


def test_symlink_loops_are_unreadable_not_endless() -> None:
    system = links()
    system.add_symlink("/loop/a", "b")
    system.add_symlink("/loop/b", "/loop/a")
    system.add_symlink("/self", "/self/inner")  # through its own parent
    for path in ("/loop/a", "/loop/b/x", "/self"):
        found = system.stat(path)
        assert (found.kind, found.fingerprint) == (PathKind.UNREADABLE, None), path
        assert system.read(path) == ReadResult(Status.UNREADABLE, problem="too many levels of symbolic links")
        assert system.read_head(path) == b""
        assert system.list(path) is None
        assert system.realpath(path) == path  # as os.path.realpath does for a loop
    assert system.lexists("/loop/a") is True


def test_a_dangling_symlink() -> None:
    system = machine()
    assert system.stat("/home/dev/gone") == MISSING
    assert system.read("/home/dev/gone") == ReadResult(Status.MISSING)
    assert system.lexists("/home/dev/gone") is True
    assert system.lexists("/home/dev/none") is False
    assert system.realpath("/home/dev/gone") == "/nowhere"


# -- the rest of the file system ---------------------------------------------------------------------
def test_list() -> None:
    system = machine()
    system.add_dir("/home/dev/sdk/go1.27.3")
    assert system.list("/home/dev") == (
        Entry(".config", PathKind.DIR), Entry("bin", PathKind.DIR), Entry("empty", PathKind.DIR),
        Entry("gone", PathKind.FILE), Entry("sdk", PathKind.DIR))  # sorted, hidden ones too
    # a symlinked directory is an entry, not followed; listed by its own name it shows the target's
    assert system.list("/home/dev/sdk") == (Entry("current", PathKind.FILE), Entry("go1.27.3", PathKind.DIR))
    system.add_file("/home/dev/sdk/go1.27.3/VERSION", "go1.27.3\n")
    assert system.list("/home/dev/sdk/current") == (Entry("VERSION", PathKind.FILE),)
    assert system.list("/work/app") == (Entry(".git", PathKind.DIR), Entry("go.mod", PathKind.FILE),
                                        Entry("main.go", PathKind.FILE))
    assert system.list("/home/dev/empty") == ()
    assert system.list("/work/app/go.mod") is None
    assert system.list("/nowhere") is None
    assert system.list("/home/dev/gone") is None


def test_glob() -> None:
    system = links()
    system.add_file("/usr/lib/go-1.19/bin/go", "x", executable=True)
    system.add_file("/usr/lib/go-1.21/bin/go", "x", executable=True)
    system.add_symlink("/usr/lib/go", "go-1.19")
    assert system.glob("/usr/lib/go-*/bin/go") == ["/usr/lib/go-1.19/bin/go", "/usr/lib/go-1.21/bin/go"]
    assert system.glob("/usr/lib/go-1.[0-9][0-9]") == ["/usr/lib/go-1.19", "/usr/lib/go-1.21"]
    assert system.glob("/usr/lib/go") == ["/usr/lib/go"]  # a symlink is matched by its own name
    assert system.glob("/home/dev/sdk/go*/bin/go") == ["/home/dev/sdk/go1.22.10/bin/go"]
    assert system.glob("/nowhere/*") == []


def test_glob_star_stays_within_one_path_component() -> None:
    """As glob.glob (RealSystem): ``*`` never matches a ``/``."""
    system = FakeSystem()
    system.add_file("/home/dev/sdk/go1.22.10/bin/go", "x", executable=True)
    system.add_file("/home/dev/sdk/archive/go1.20/bin/go", "x", executable=True)
    assert system.glob("/home/dev/sdk/go*/bin/go") == ["/home/dev/sdk/go1.22.10/bin/go"]
    assert system.glob("/home/dev/sdk/*/bin/go") == ["/home/dev/sdk/go1.22.10/bin/go"]


def test_read_limits_and_directories() -> None:
    system = machine()
    system.add_file("/big", b"x" * (3 * 1024 * 1024))
    assert system.read("/big", limit=2 * 1024 * 1024) == ReadResult(Status.UNREADABLE, problem="larger than 2 MiB")
    assert len(system.read("/big").data) == 3 * 1024 * 1024
    assert system.read("/work/app") == ReadResult(Status.UNREADABLE, problem="is a directory")
    assert system.read("/work/app/go.sum") == ReadResult(Status.MISSING)
    assert system.read("/work/app/go.mod/x") == ReadResult(Status.MISSING)
    assert system.read_head("/work/app/go.mod", 6) == b"module"
    assert system.read_head("/big", 2) == b"xx"  # no size limit for the head
    assert system.read_head("/work/app") == b""


def test_fingerprints_change_with_each_write() -> None:
    system = machine()
    before = system.stat("/work/app/go.mod")
    assert before.fingerprint is not None and system.stat("/work/app/go.mod") == before
    system.write_text("/work/app/go.mod", "module example.com/app\n\ngo 1.27.4\n")
    after = system.stat("/work/app/go.mod")
    assert after.fingerprint != before.fingerprint and after.inode == before.inode
    assert system.read("/work/app/go.mod").data.endswith(b"go 1.27.4\n")
    assert system.stat("/work/app/main.go").inode != after.inode
    assert system.stat("/nowhere").fingerprint is None


def test_write_text_creates_the_file_and_its_directories() -> None:
    system = machine()
    system.write_text("/home/dev/new/dir/env", "GOFLAGS=-v\n")
    assert system.read("/home/dev/new/dir/env") == ReadResult(Status.OK, b"GOFLAGS=-v\n")
    assert system.stat("/home/dev/new/dir").kind is PathKind.DIR
    assert Entry("new", PathKind.DIR) in system.list("/home/dev")


def test_passthrough_to_the_real_disk(tmp_path: Path) -> None:
    real = tmp_path / "ws"
    (real / "sub").mkdir(parents=True)
    (real / "go.mod").write_text("module real\n")
    (real / "linked").symlink_to(real / "sub")
    system = FakeSystem.from_fixture(f'[passthrough]\ndirs = ["{real}"]\n[files]\n"/fake/go.mod" = "module fake\\n"\n')
    assert system.read(str(real / "go.mod")) == ReadResult(Status.OK, b"module real\n")
    assert system.stat(str(real / "go.mod")).inode == os.stat(real / "go.mod").st_ino
    assert system.stat(str(real)).kind is PathKind.DIR
    assert set(system.list(str(real))) == {Entry("sub", PathKind.DIR), Entry("go.mod", PathKind.FILE),
                                           Entry("linked", PathKind.FILE)}
    assert system.realpath(str(real / "linked")) == str(real / "sub")
    assert system.lexists(str(real / "linked")) is True
    system.write_text(str(real / "sub/env"), "GOFLAGS=-v\n")
    assert (real / "sub/env").read_text() == "GOFLAGS=-v\n"  # written on disk, not into the fake
    assert str(real / "sub/env") not in system.files
    assert system.read("/fake/go.mod") == ReadResult(Status.OK, b"module fake\n")  # the rest stays fake
    assert system.stat(str(tmp_path)) == MISSING  # only below the passthrough directories
    assert ("read", str(real / "go.mod")) in system.calls  # recorded all the same


# -- calls -------------------------------------------------------------------------------------------
def test_calls_are_recorded_in_order() -> None:
    system = machine()
    system.stat("/work/app/go.mod")
    system.read("/work/app/go.mod")
    system.list("/work/app")
    system.lexists("/usr/bin/go")
    system.realpath("/usr/bin/go")
    system.glob("/usr/lib/go-*/bin/go")
    system.write_text("/tmp/x", "y")
    assert system.calls == [("stat", "/work/app/go.mod"), ("read", "/work/app/go.mod"), ("list", "/work/app"),
                            ("lexists", "/usr/bin/go"), ("realpath", "/usr/bin/go"),
                            ("glob", "/usr/lib/go-*/bin/go"), ("write", "/tmp/x")]
    run(system, GO, "version")
    assert system.calls[7] == ("run", (GO, "version"), "/work/app")  # then what the emulated go looks at
    assert system.spawned == 1


def test_with_env_is_a_copy_without_calls() -> None:
    system = machine()
    system.read("/work/app/go.mod")
    clone = system.with_env(GOFLAGS=None, GOWORK="off")
    assert clone.calls == [] and system.calls == [("read", "/work/app/go.mod")]
    assert clone.env == {"HOME": "/home/dev", "PATH": "/usr/local/go/bin:/usr/bin", "GOWORK": "off"}
    assert system.env["GOFLAGS"] == "-mod=mod" and "GOWORK" not in system.env
    clone.write_text("/work/app/go.mod", "module changed\n")
    assert system.read("/work/app/go.mod").data == b"module example.com/app\n\ngo 1.27.3\n"


# -- canned executables ------------------------------------------------------------------------------
CANNED = """
[files]
"/opt/notes" = "not a program"

[[executables]]
path = "/opt/go/bin/go"

[[executables.runs]]
args = ["version"]
stdout = "go version go1.21.0 linux/amd64\\n"

[[executables.runs]]
args = ["env", "-json"]
status = "timed_out"
stderr = "killed after 5 s"

[[executables.runs]]
args = ["env", "GOROOT"]
stderr = "go: cannot find GOROOT directory\\n"
exit = 2
status = "failed"

[[executables.runs]]
args = ["bug"]
status = "crashed"
exit = -11

[[executables.runs]]
args = ["env", "-w", "GOFLAGS=-v"]
writes = { "/home/dev/.config/go/env" = "GOFLAGS=-v\\n" }

[[executables]]
path = "/opt/sh-script"
text = "#!/bin/sh\\n"
"""


def test_canned_answers_by_arguments() -> None:
    system = FakeSystem.from_fixture(CANNED)
    version = run(system, "/opt/go/bin/go", "version")
    assert (version.argv, version.status, version.exit_code, version.stdout, version.stderr) == (
        ("/opt/go/bin/go", "version"), Status.OK, 0, "go version go1.21.0 linux/amd64\n", "")
    failed = run(system, "/opt/go/bin/go", "env", "GOROOT")
    assert (failed.status, failed.exit_code, failed.stderr) == (Status.FAILED, 2, "go: cannot find GOROOT directory\n")
    crashed = run(system, "/opt/go/bin/go", "bug")
    assert (crashed.status, crashed.exit_code) == (Status.CRASHED, -11)
    assert system.read_head("/opt/sh-script") == b"#!/bin/sh\n"
    assert system.stat("/opt/sh-script").executable is True


def test_a_timed_out_run_has_no_exit_code() -> None:
    timed_out = run(FakeSystem.from_fixture(CANNED), "/opt/go/bin/go", "env", "-json")
    assert (timed_out.status, timed_out.exit_code, timed_out.stdout, timed_out.stderr) == (
        Status.TIMED_OUT, None, "", "killed after 5 s")


def test_a_canned_run_writes_its_side_effects() -> None:
    system = FakeSystem.from_fixture(CANNED)
    assert system.read("/home/dev/.config/go/env").status is Status.MISSING
    before = system.stat("/home/dev/.config/go").fingerprint
    assert run(system, "/opt/go/bin/go", "env", "-w", "GOFLAGS=-v").status is Status.OK
    assert system.read("/home/dev/.config/go/env") == ReadResult(Status.OK, b"GOFLAGS=-v\n")
    assert system.stat("/home/dev/.config/go").fingerprint != before  # a watcher of the directory sees it


def test_what_cannot_run() -> None:
    system = FakeSystem.from_fixture(CANNED)
    nothing = run(system, "/opt/go/bin/go", "env", "GOPATH")
    assert (nothing.status, nothing.exit_code, nothing.stderr) == (
        Status.FAILED, 2, "fake machine: no canned answer for /opt/go/bin/go env GOPATH")
    missing = run(system, "/opt/nothing", "version")
    assert (missing.status, missing.stderr) == (Status.MISSING, "fork/exec /opt/nothing: no such file or directory")
    assert run(system, "go", "version").status is Status.MISSING  # no PATH search: callers pass absolute paths
    plain = run(system, "/opt/notes")
    assert (plain.status, plain.stderr) == (Status.NOT_EXECUTABLE, "fork/exec /opt/notes: permission denied")
    assert system.spawned == 1  # only the one that had an executable to start


# -- [[go]]: version, env ----------------------------------------------------------------------------
def test_go_version() -> None:
    system = machine()
    for exe in (GO, "/usr/bin/go"):  # through a symlink too
        result = run(system, exe, "version")
        assert (result.status, result.exit_code, result.stdout, result.stderr) == (
            Status.OK, 0, "go version go1.27.3 linux/arm64\n", "")


def test_go_env_json() -> None:
    values = go_env_json(machine())
    assert values == {
        "AR": "ar", "CC": "gcc", "CGO_ENABLED": "0", "CXX": "g++", "GCCGO": "gccgo", "GO111MODULE": "",
        "GOARCH": "arm64", "GOBIN": "", "GOCACHE": "/home/dev/.cache/go-build", "GODEBUG": "",
        "GOENV": "/home/dev/.config/go/env", "GOEXE": "", "GOEXPERIMENT": "", "GOFLAGS": "-mod=mod",
        "GOHOSTARCH": "arm64", "GOHOSTOS": "linux", "GOINSECURE": "", "GOMOD": "/work/app/go.mod",
        "GOMODCACHE": "/home/dev/go/pkg/mod", "GONOPROXY": "", "GONOSUMDB": "", "GOOS": "linux",
        "GOPATH": "/home/dev/go", "GOPRIVATE": "", "GOPROXY": "direct", "GOROOT": "/usr/local/go",
        "GOSUMDB": "sum.golang.org", "GOTMPDIR": "", "GOTOOLCHAIN": "local",
        "GOTOOLDIR": "/usr/local/go/pkg/tool/linux_arm64", "GOVCS": "", "GOVERSION": "go1.27.3", "GOWORK": "",
    }
    output = run(machine(), GO, "env", "-json").stdout
    assert output == json.dumps(values, indent="\t", sort_keys=True) + "\n"  # go's layout: sorted, tabs


def test_go_env_names() -> None:
    system = machine()
    assert run(system, GO, "env", "GOPROXY", "GOMOD", "NOPE").stdout == "direct\n/work/app/go.mod\n\n"
    assert json.loads(run(system, GO, "env", "-json", "GOSUMDB", "NOPE").stdout) == {"GOSUMDB": "sum.golang.org",
                                                                                    "NOPE": ""}


def test_go_env_precedence() -> None:
    """environment > GOENV file > $GOROOT/go.env, key by key (cfg.Getenv)."""
    system = machine(GOSUMDB="off", GOPROXY="")  # an empty variable counts as unset
    system.add_file("/home/dev/.config/go/env", "GOPROXY=https://corp.example\nGOSUMDB=sum.corp.example\n"
                                                "GOPRIVATE=*.corp.example\nGOFLAGS=-x\n")
    system.add_file("/usr/local/go/go.env", "GOPROXY=https://proxy.golang.org,direct\nGOSUMDB=sum.golang.org\n"
                                            "GOTOOLCHAIN=auto\nGOTELEMETRY=off\nGOINSECURE=*.test\n")
    values = go_env_json(system)
    assert {k: values[k] for k in ("GOSUMDB", "GOPROXY", "GOFLAGS", "GOPRIVATE", "GONOPROXY", "GONOSUMDB",
                                   "GOINSECURE")} == {
        "GOSUMDB": "off",  # the environment
        "GOPROXY": "https://corp.example",  # the GOENV file (the variable is empty)
        "GOFLAGS": "-mod=mod",  # the environment over the file
        "GOPRIVATE": "*.corp.example", "GONOPROXY": "*.corp.example", "GONOSUMDB": "*.corp.example",
        "GOINSECURE": "*.test",  # go.env, nothing above it
    }
    assert values["GOTOOLCHAIN"] == "local"  # a probe: GOTOOLCHAIN=local always
    user = run(system, GO, "env", "GOTOOLCHAIN", user_command=True)
    assert user.stdout == "auto\n"  # the user's own command: from go.env


def test_an_empty_goenv_file_value_hides_go_env() -> None:
    """cfg.initEnvCache: a key in the GOENV file is never overwritten from $GOROOT/go.env, even when empty
    (go 1.27.3: `GOPROXY=` in the GOENV file → `go env GOPROXY` prints an empty line)."""
    system = machine()
    system.add_file("/home/dev/.config/go/env", "GOPROXY=\n")
    assert run(system, GO, "env", "GOPROXY", "GOSUMDB").stdout == "\nsum.golang.org\n"


def test_where_the_goenv_file_is() -> None:
    system = machine(XDG_CONFIG_HOME="/home/dev/xdg")
    system.add_file("/home/dev/xdg/go/env", "GOFLAGS=-xdg\n")
    assert go_env_json(system.with_env(GOFLAGS=None))["GOFLAGS"] == "-xdg"
    assert go_env_json(system)["GOENV"] == "/home/dev/xdg/go/env"
    custom = machine(GOENV="/etc/goenv", GOFLAGS=None)
    custom.add_file("/etc/goenv", "GOFLAGS=-custom\n")
    assert {k: go_env_json(custom)[k] for k in ("GOENV", "GOFLAGS", "GOPROXY")} == {
        "GOENV": "/etc/goenv", "GOFLAGS": "-custom", "GOPROXY": "https://proxy.golang.org,direct"}


def test_goenv_off() -> None:
    """go 1.27.3 with GOENV=off: no GOENV file is read, and `go env GOENV` prints an empty value."""
    values = go_env_json(machine(GOENV="off"))
    assert (values["GOENV"], values["GOPROXY"]) == ("", "https://proxy.golang.org,direct")


def test_goroot_from_the_environment() -> None:
    system = machine(GOROOT="/usr/local/go1.22")
    system.add_go("/usr/local/go1.22", "1.22.10", go_env="GOPROXY=https://old.example\n")
    values = go_env_json(system)  # the go at /usr/local/go, told another GOROOT
    assert (values["GOROOT"], values["GOTOOLDIR"], values["GOVERSION"]) == (
        "/usr/local/go1.22", "/usr/local/go1.22/pkg/tool/linux_arm64", "go1.27.3")
    assert values["GOPROXY"] == "direct"  # GOENV file over that GOROOT's go.env
    missing = run(machine(GOROOT="/nope"), GO, "env", "-json")
    assert (missing.status, missing.exit_code, missing.stdout, missing.stderr) == (
        Status.FAILED, 2, "", "go: cannot find GOROOT directory: /nope\n")


def test_gomod_and_gowork_follow_the_working_directory() -> None:
    system = machine()
    system.add_file("/work/go.work", "go 1.27.3\n\nuse ./app\n")
    system.add_file("/work/app/sub/pkg.go", "package sub\n")
    values = go_env_json(system, cwd="/work/app/sub")
    assert (values["GOMOD"], values["GOWORK"]) == ("/work/app/go.mod", "/work/go.work")
    values = go_env_json(system, cwd="/home/dev")
    assert (values["GOMOD"], values["GOWORK"]) == ("/dev/null", "")  # module mode, no go.mod
    values = go_env_json(system.with_env(GOWORK="off"), cwd="/work/app")
    assert (values["GOMOD"], values["GOWORK"]) == ("/work/app/go.mod", "off")
    values = go_env_json(system.with_env(GO111MODULE="off"), cwd="/work/app")
    assert values["GOMOD"] == ""
    relative = run(system.with_env(GOWORK="go.work"), GO, "env", "-json")
    assert (relative.status, relative.exit_code, relative.stderr) == (
        Status.FAILED, 1, "go: invalid GOWORK: not an absolute path\n")  # base.Fatalf: exit status 1


@dataclass(frozen=True)
class GopathCase:
    gopath: str
    exit_code: int
    stderr: str  # go 1.27.3's own words
    shown: str = ""  # `go env GOPATH` when it works
    in_file: bool = False  # set in the GOENV file instead of the environment


GOPATH_CASES = [
    GopathCase("~/go", 2, "go: GOPATH entry cannot start with shell metacharacter '~': \"~/go\"\n"),
    GopathCase("/a:~b", 2, "go: GOPATH entry cannot start with shell metacharacter '~': \"~b\"\n"),
    GopathCase("~/x", 2, "go: GOPATH entry cannot start with shell metacharacter '~': \"~/x\"\n", in_file=True),
    GopathCase("go", 2, "go: GOPATH entry is relative; must be absolute path: \"go\".\n"
                        "For more details see: 'go help gopath'\n"),
    GopathCase("rel:/a", 2, "go: GOPATH entry is relative; must be absolute path: \"rel\".\n"
                            "For more details see: 'go help gopath'\n"),
    GopathCase("/a/b~c", 0, "", "/a/b~c"),  # only a leading ~ is the shell's
    GopathCase("/a::/b", 0, "", "/a::/b"),  # empty entries are skipped
    GopathCase(":/a", 0, "", ":/a"),
]


def run_gopath_case(system: FakeSystem, case: GopathCase):
    if case.in_file:
        system = system.with_env(GOPATH=None)
        system.add_file(system.env["GOENV"], f"GOPATH={case.gopath}\n")
    else:
        system = system.with_env(GOPATH=case.gopath)
    return run(system, GO, "env", "GOPATH")


@pytest.mark.parametrize("case", GOPATH_CASES, ids=lambda c: f"{c.gopath}{' (file)' if c.in_file else ''}")
def test_gopath_errors_are_the_go_commands(case: GopathCase) -> None:
    result = run_gopath_case(machine(GOENV="/home/dev/.config/go/env"), case)
    assert (result.exit_code, result.stderr, result.stdout) == (
        case.exit_code, case.stderr, f"{case.shown}\n" if case.exit_code == 0 else "")
    assert result.status is (Status.OK if case.exit_code == 0 else Status.FAILED)


def test_an_inferred_relative_gopath_is_dropped_not_an_error() -> None:
    """cmd/go main: a relative GOPATH that go inferred from a relative $HOME is "uninferred" (go 1.27.3)."""
    result = run(machine(HOME="relhome"), GO, "env", "GOPATH")
    assert (result.status, result.stdout) == (Status.OK, "\n")


# -- [[go]]: env -w / env -u -------------------------------------------------------------------------
@dataclass(frozen=True)
class WriteCase:
    name: str
    before: str | None  # the GOENV file (None: there is none)
    args: tuple[str, ...]
    after: str | None  # the file afterwards (None: still none)
    exit_code: int = 0
    stderr: str = ""  # @GOENV@ stands for the file's path
    env: dict[str, str] = field(default_factory=dict)


WRITE_CASES = [
    WriteCase("new file", None, ("-w", "GOFLAGS=-mod=mod"), "GOFLAGS=-mod=mod\n"),
    WriteCase("added and sorted", "GOPROXY=direct\nGOFLAGS=-x\n", ("-w", "GOPRIVATE=*.corp.example"),
              "GOFLAGS=-x\nGOPRIVATE=*.corp.example\nGOPROXY=direct\n"),
    WriteCase("replaced in place", "GOFLAGS=-x\nGOPATH=/p", ("-w", "GOFLAGS=-v"), "GOFLAGS=-v\nGOPATH=/p\n"),
    WriteCase("several at once", "", ("-w", "GOPROXY=off", "GOFLAGS=-v", "GOSUMDB=off"),
              "GOFLAGS=-v\nGOPROXY=off\nGOSUMDB=off\n"),
    WriteCase("sorted by key, not by line", None, ("-w", "GOARM64=v8.0", "GOARM=7"), "GOARM=7\nGOARM64=v8.0\n"),
    WriteCase("runs between comments and blank lines sorted apart",
              "# my settings\nGOFLAGS=-x\nCC=clang\n\nGOPRIVATE=a\nGONOSUMDB=b\n", ("-w", "AR=ar2"),
              "# my settings\nCC=clang\nGOFLAGS=-x\n\nAR=ar2\nGONOSUMDB=b\nGOPRIVATE=a\n"),
    WriteCase("duplicates dropped but the last", "GOPRIVATE=1\nGOFLAGS=-x\nGOPRIVATE=2\nCC=gcc",
              ("-w", "GOARM=6"), "CC=gcc\nGOARM=6\nGOFLAGS=-x\nGOPRIVATE=2\n"),
    WriteCase("unset", "GOFLAGS=-x\nGOPROXY=direct\n", ("-u", "GOFLAGS"), "GOPROXY=direct\n"),
    WriteCase("unset everything", "GOPROXY=direct\nGOFLAGS=-x\n", ("-u", "GOPROXY", "GOFLAGS"), ""),
    WriteCase("unset what is not there", "GOPROXY=direct\n", ("-u", "GOFLAGS"), "GOPROXY=direct\n"),
    WriteCase("an unset line splits the sorted runs", "C=1\nGOFLAGS=-x\nB=2\nA=3\n", ("-u", "GOFLAGS"),
              "C=1\nA=3\nB=2\n"),
    WriteCase("unset without a file", None, ("-u", "GOFLAGS"), None, 1,
              "go: reading go env config: open @GOENV@: no such file or directory\n"),
    WriteCase("conflicting environment variable", "GOPROXY=direct\n", ("-w", "GOPROXY=https://x"),
              "GOPROXY=https://x\n", 0,
              "warning: go env -w GOPROXY=... does not override conflicting OS environment variable\n",
              {"GOPROXY": "off"}),
    WriteCase("not KEY=VALUE", "GOPROXY=direct\n", ("-w", "GOFLAGS"), "GOPROXY=direct\n", 1,
              "go: arguments must be KEY=VALUE: invalid argument: GOFLAGS\n"),
    WriteCase("unknown variable", "GOPROXY=direct\n", ("-w", "GOFLAG=-v"), "GOPROXY=direct\n", 1,
              "go: unknown go command variable GOFLAG\n"),
    WriteCase("relative GOPATH", "GOPROXY=direct\n", ("-w", "GOPATH=rel"), "GOPROXY=direct\n", 1,
              "go: GOPATH entry is relative; must be absolute path: \"rel\"\n"),
]


def check_write(case: WriteCase, exit_code: int | None, stderr: str, after: str | None, goenv: str) -> None:
    assert (exit_code, stderr, after) == (case.exit_code, case.stderr.replace("@GOENV@", goenv), case.after)


@pytest.mark.parametrize("case", WRITE_CASES, ids=lambda c: c.name)
def test_go_env_write_rewrites_the_goenv_file_like_cmd_go(case: WriteCase) -> None:
    goenv = "/home/dev/cfg/env"
    system = machine(GOENV=goenv, GOFLAGS=None, **case.env)
    if case.before is not None:
        system.add_file(goenv, case.before)
    result = run(system, GO, "env", *case.args, user_command=True)
    found = system.read(goenv)
    check_write(case, result.exit_code, result.stderr, found.data.decode() if found.status is Status.OK else None,
                goenv)
    assert result.stdout == ""


def test_go_env_write_goes_where_the_go_command_reads() -> None:
    system = machine()
    assert run(system, GO, "env", "-w", "GOPROXY=off", user_command=True).status is Status.OK
    assert system.read("/home/dev/.config/go/env").data == b"GOPROXY=off\n"
    assert run(system, GO, "env", "GOPROXY").stdout == "off\n"
    assert run(system, GO, "env", "-u", "GOPROXY", user_command=True).status is Status.OK
    assert run(system, GO, "env", "GOPROXY").stdout == "https://proxy.golang.org,direct\n"


# -- [[go]]: version -m, install ---------------------------------------------------------------------
GOPLS = """
[[go]]
root = "/usr/local/go"
version = "1.27.3"

[[gopls]]
path = "/home/dev/go/bin/gopls"
built_with = "go1.27.3"
module_version = "v0.23.0"

[[gopls]]
path = "/usr/bin/gopls"
built_with = "go1.19.5"

[[executables]]
path = "/usr/bin/true"

[[executables]]
path = "/home/dev/bin/gopls-wrapper"
text = "#!/bin/sh\\nexec gopls \\"$@\\"\\n"

[symlinks]
"/home/dev/bin/gopls" = "/home/dev/go/bin/gopls"
"""


def test_go_version_m_of_a_gopls_build() -> None:
    system = FakeSystem.from_fixture(GOPLS)
    result = run(system, GO, "version", "-m", "/home/dev/go/bin/gopls")
    assert (result.status, result.exit_code, result.stderr) == (Status.OK, 0, "")
    assert result.stdout == ("/home/dev/go/bin/gopls: go1.27.3\n"
                             "\tpath\tgolang.org/x/tools/gopls\n"
                             "\tmod\tgolang.org/x/tools/gopls\tv0.23.0\t\n"
                             "\tbuild\t-compiler=gc\n\tbuild\tGOOS=linux\n\tbuild\tGOARCH=amd64\n")
    info = parse_build_info(result.stdout)
    assert (info.go_version, info.path, info.module_path, info.module_version) == (
        "go1.27.3", "golang.org/x/tools/gopls", "golang.org/x/tools/gopls", "v0.23.0")
    linked = run(system, GO, "version", "-m", "/home/dev/bin/gopls")  # named as given, read through the link
    assert linked.stdout.startswith("/home/dev/bin/gopls: go1.27.3\n")


def test_go_version_m_of_a_build_without_a_mod_line() -> None:
    result = run(FakeSystem.from_fixture(GOPLS), GO, "version", "-m", "/usr/bin/gopls")
    assert "\tmod\t" not in result.stdout
    info = parse_build_info(result.stdout)
    assert (info.go_version, info.path, info.module_version) == ("go1.19.5", "golang.org/x/tools/gopls", None)


def test_go_version_m_of_what_is_not_a_go_binary() -> None:
    system = FakeSystem.from_fixture(GOPLS)
    elf = run(system, GO, "version", "-m", "/usr/bin/true")  # an ELF binary go did not build
    assert (elf.status, elf.exit_code, elf.stdout, elf.stderr) == (
        Status.FAILED, 1, "", "/usr/bin/true: could not read Go build info from /usr/bin/true: not a Go executable\n")
    missing = run(system, GO, "version", "-m", "/nowhere/gopls")
    assert (missing.status, missing.exit_code, missing.stderr) == (
        Status.FAILED, 1, "stat /nowhere/gopls: no such file or directory\n")


def test_go_version_m_of_a_script() -> None:
    """go 1.27.3 on a shell script: "unrecognized file format" (debug/buildinfo: no executable format)."""
    script = run(FakeSystem.from_fixture(GOPLS), GO, "version", "-m", "/home/dev/bin/gopls-wrapper")
    assert (script.status, script.exit_code, script.stderr) == (
        Status.FAILED, 1, "/home/dev/bin/gopls-wrapper: could not read Go build info from "
                          "/home/dev/bin/gopls-wrapper: unrecognized file format\n")


def test_go_install_fails_offline() -> None:
    system = FakeSystem.from_fixture(GOPLS).with_env(HOME="/home/dev")
    off = run(system.with_env(GOPROXY="off"), GO, "install", "golang.org/x/tools/gopls@latest", user_command=True)
    assert (off.status, off.exit_code, off.stderr) == (
        Status.FAILED, 1, "go: golang.org/x/tools/gopls@latest: module lookup disabled by GOPROXY=off\n")
    system.add_file("/home/dev/.config/go/env", "GOPROXY=off\n")  # set with go env -w: the same
    in_file = run(system, GO, "install", "golang.org/x/tools/gopls@v0.23.0", user_command=True)
    assert in_file.stderr == "go: golang.org/x/tools/gopls@v0.23.0: module lookup disabled by GOPROXY=off\n"
    online = run(system.with_env(GOPROXY="https://proxy.golang.org"), GO, "install",
                 "golang.org/x/tools/gopls@latest", user_command=True)
    assert (online.status, online.exit_code) == (Status.FAILED, 1)  # no network here either
    assert "golang.org/x/tools/gopls" in online.stderr
    assert set(system.files) == set(FakeSystem.from_fixture(GOPLS).files) | {"/home/dev/.config/go/env"}
    assert system.read("/home/dev/go/bin/gopls").data == b"\x7fELF gopls"  # nothing was installed


def test_an_unknown_go_command() -> None:
    result = run(machine(), GO, "frobnicate")
    assert (result.status, result.exit_code) == (Status.FAILED, 2)


# -- the emulation against the real go command -------------------------------------------------------
REAL_KEYS = ("GOROOT", "GOPATH", "GOENV", "GOMOD", "GOWORK", "GOMODCACHE", "GOPROXY", "GOSUMDB", "GOFLAGS",
             "GOPRIVATE", "GONOPROXY", "GONOSUMDB", "GOTOOLCHAIN", "GOVERSION")

REAL_FIXTURE = """
[files]
"@WS@/go.mod" = "module example.com/app\\n\\ngo 1.27.3\\n"

[[go]]
root = "@GOROOT@"
version = "1.27.3"
go_env = '''@GOROOT_ENV@'''
"""


def fake_like(go_root: Path, workspace: Path, env: dict[str, str]) -> FakeSystem:
    """The fake machine of this real setup: the same go installation, workspace, GOENV file and variables."""
    system = FakeSystem.from_fixture(REAL_FIXTURE, {"WS": str(workspace), "GOROOT": str(go_root),
                                                    "GOROOT_ENV": (go_root / "go.env").read_text()})
    if env.get("GOENV", "off") != "off":
        system.add_file(env["GOENV"], Path(env["GOENV"]).read_text())
    return system.with_env(**env)


def real_go_env(go_root: Path, workspace: Path, env: dict[str, str]) -> dict[str, str]:
    import subprocess

    proc = subprocess.run([str(go_root / "bin/go"), "env", "-json"], cwd=workspace, env=env, capture_output=True,
                          text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


@pytest.mark.realgo
@pytest.mark.parametrize("setup", ["goenv-file-and-environment", "empty-value-in-goenv-file", "goenv-off"])
def test_go_env_json_is_the_real_go_commands(setup: str, workspace: Path, tmp_path: Path, go127: Path,
                                             go_env: testbed.EnvFactory) -> None:
    """A GOENV file with GOPATH/GOPROXY/GOFLAGS lines, GOPRIVATE in the environment, a go.mod in the cwd."""
    env = go_env([go127 / "bin"], GOPATH=None, GOMODCACHE=None, GOPROXY=None, GOPRIVATE="*.corp.example")
    lines = {"GOPATH": str(tmp_path / "gp"), "GOPROXY": "https://proxy.corp.example|direct",
             "GOFLAGS": "-mod=mod -trimpath", "GOPRIVATE": "file.example"}
    if setup == "empty-value-in-goenv-file":
        lines.update(GOPROXY="", GOSUMDB="")
    testbed.write_goenv(env, **lines)
    if setup == "goenv-off":
        env["GOENV"] = "off"
    real = real_go_env(go127, workspace, env)
    fake = go_env_json(fake_like(go127, workspace, env), cwd=str(workspace), go=str(go127 / "bin/go"))
    assert real["GOMOD"] == str(workspace / "go.mod")  # the setup is what it says
    assert {k: fake.get(k) for k in REAL_KEYS} == {k: real.get(k) for k in REAL_KEYS}


@pytest.mark.realgo
@pytest.mark.parametrize("case", GOPATH_CASES, ids=lambda c: f"{c.gopath}{' (file)' if c.in_file else ''}")
def test_gopath_expectations_are_the_real_go_commands(case: GopathCase, tmp_path: Path, go127: Path,
                                                      go_env: testbed.EnvFactory) -> None:
    import subprocess

    env = go_env([go127 / "bin"], GOPATH=None if case.in_file else case.gopath, GOMODCACHE=None)
    if case.in_file:
        testbed.write_goenv(env, GOPATH=case.gopath)
    proc = subprocess.run([str(go127 / "bin/go"), "env", "GOPATH"], cwd=tmp_path, env=env, capture_output=True,
                          text=True, timeout=60)
    assert (proc.returncode, proc.stderr, proc.stdout) == (
        case.exit_code, case.stderr, f"{case.shown}\n" if case.exit_code == 0 else "")


@pytest.mark.realgo
@pytest.mark.parametrize("case", WRITE_CASES, ids=lambda c: c.name)
def test_write_expectations_are_the_real_go_commands(case: WriteCase, tmp_path: Path, go127: Path,
                                                     go_env: testbed.EnvFactory) -> None:
    import subprocess

    env = go_env([go127 / "bin"], **{"GOPROXY": None, **case.env})
    goenv = Path(env["GOENV"])
    if case.before is not None:
        goenv.parent.mkdir(parents=True, exist_ok=True)
        goenv.write_text(case.before)
    proc = subprocess.run([str(go127 / "bin/go"), "env", *case.args], cwd=tmp_path, env=env, capture_output=True,
                          text=True, timeout=60)
    check_write(case, proc.returncode, proc.stderr, goenv.read_text() if goenv.exists() else None, str(goenv))
