"""goenv_lsp.probe.tools: the install directory and its programs, PATH directories, commands PATH runs, and
the cgo search — read through the System seam, nothing run."""

from __future__ import annotations

import asyncio

from goenv_lsp.facts import PathKind
from goenv_lsp.probe import ProbeOptions, collect
from goenv_lsp.probe.fake import FakeSystem
from goenv_lsp.probe.tools import MAX_TOOLS, bin_dir, look_path, path_dirs

LINUX = """
[env]
HOME = "/home/dev"
PATH = "/usr/local/go/bin:/usr/bin:.:rel"
[files]
"/work/app/go.mod" = "module example.com/app\\n\\ngo 1.27.3\\n"
"/work/app/db.go" = "package main\\n\\nimport \\"C\\"\\n"
"/home/dev/go/bin/README" = "not a program"
[[go]]
root = "/usr/local/go"
version = "1.27.3"
[[executables]]
path = "/home/dev/go/bin/stringer"
[executables.build]
path = "golang.org/x/tools/cmd/stringer"
module_path = "golang.org/x/tools"
module_version = "v0.30.0"
goos = "linux"
goarch = "amd64"
[[executables]]
path = "/home/dev/go/bin/script"
text = "#!/bin/sh\\n"
"""


def probe(fake: FakeSystem, root: str = "/work/app"):
    return asyncio.run(collect(root, ProbeOptions(), fake))


def test_collect_fills_the_new_facts() -> None:
    fake = FakeSystem.from_fixture(LINUX)
    facts = probe(fake)
    assert facts.arch == "amd64"
    [found] = facts.go_bin_dirs
    assert (found.path, found.setting, found.kind) == ("/home/dev/go/bin", "GOPATH", PathKind.DIR)
    assert [(t.name, t.package, t.module_version, t.goos, t.goarch) for t in found.tools] == [
        ("script", None, None, None, None),
        ("stringer", "golang.org/x/tools/cmd/stringer", "v0.30.0", "linux", "amd64")]
    assert sorted(facts.path_dir_info) == ["/usr/bin", "/usr/local/go/bin"]  # relative entries are not looked at
    assert facts.path_commands["gofmt"] == "" and facts.path_commands["stringer"] == ""
    assert facts.cgo_files == ("/work/app/db.go",)  # cgo is off: no gcc on PATH
    assert not any(call[0] == "run" and "stringer" in str(call[1]) for call in fake.calls)  # never run


def test_cgo_files_are_not_looked_for_when_cgo_is_on() -> None:
    fake = FakeSystem.from_fixture(LINUX)
    fake.add_file("/usr/bin/gcc", "\x7fELF", executable=True)
    facts = probe(fake)
    assert facts.cgo_files is None
    assert facts.path_commands["gcc"] == "/usr/bin/gcc"


def test_the_listing_is_capped() -> None:
    fake = FakeSystem()
    for i in range(MAX_TOOLS + 5):
        fake.add_file(f"/b/t{i:03}", "\x7fELF", executable=True)
    found = bin_dir(fake, "/b", "GOBIN")
    assert (len(found.tools), found.more) == (MAX_TOOLS, 5)
    assert bin_dir(fake, "/nowhere", "GOBIN").kind is PathKind.MISSING


def test_windows_programs_lose_exe_and_look_path_adds_it() -> None:
    fake = FakeSystem("windows")
    fake.add_file("C:\\Users\\me\\go\\bin\\gopls.exe", "MZ", executable=True)
    fake.add_file("C:\\mingw64\\bin\\gcc.exe", "MZ", executable=True)
    [tool] = bin_dir(fake, "C:\\Users\\me\\go\\bin", "GOPATH").tools
    assert tool.name == "gopls"
    assert look_path(fake, "gcc", ("C:\\mingw64\\bin",)) == "C:\\mingw64\\bin\\gcc.exe"
    assert look_path(fake, "C:\\mingw64\\bin\\gcc", ()) == "C:\\mingw64\\bin\\gcc.exe"


def test_look_path_skips_relative_entries_and_follows_links() -> None:
    fake = FakeSystem()
    fake.add_file("/work/app/gcc", "\x7fELF", executable=True)
    fake.add_file("/usr/lib/gcc-14/gcc", "\x7fELF", executable=True)
    fake.add_symlink("/usr/bin/gcc", "/usr/lib/gcc-14/gcc")
    assert look_path(fake, "gcc", (".", "/work/app/../nope", "/usr/bin")) == "/usr/lib/gcc-14/gcc"
    assert look_path(fake, "gcc", ("",)) == ""
    assert look_path(fake, "/opt/cross/gcc", ("/usr/bin",)) == ""


def test_path_dirs_record_kind_real_path_and_mode() -> None:
    fake = FakeSystem()
    fake.add_dir("/opt/go/bin")
    fake.add_symlink("/usr/local/gobin", "/opt/go/bin")
    fake.set_permissions("/opt/go/bin", mode=0o777)
    info = path_dirs(fake, ("/usr/local/gobin", "/missing", "rel"))
    assert (info["/usr/local/gobin"].real_path, info["/usr/local/gobin"].mode) == ("/opt/go/bin", 0o777)
    assert info["/missing"].kind is PathKind.MISSING and "rel" not in info


def test_the_login_profile_of_each_shell() -> None:
    from goenv_lsp.probe.tools import login_profile

    fake = FakeSystem(env={"HOME": "/home/dev", "SHELL": "/bin/bash"})
    assert login_profile(fake).path == "/home/dev/.profile" and not login_profile(fake).exists
    fake.add_file("/home/dev/.profile", "PATH=$PATH:/x\n")
    fake.add_file("/home/dev/.bash_profile", "export GITHUB_TOKEN=ghp_0123456789abcdef0123456789abcdef0123\n"
                  "export PATH=\"$PATH:/y\"  # ghp_0123456789abcdef0123456789abcdef0123\nalias ll='ls -l'")
    found = login_profile(fake)  # bash reads ~/.bash_profile, and then not ~/.profile
    assert (found.path, found.exists, found.ends_with_newline) == ("/home/dev/.bash_profile", True, False)
    assert [(s.value, s.range.start.line) for s in found.path_lines] == [
        ('export PATH="$PATH:/y"  # <redacted>', 1)]  # only PATH lines, redacted
    assert (found.end.start.line, found.end.start.character) == (2, len("alias ll='ls -l'"))
    assert login_profile(fake.with_env(SHELL="/usr/bin/zsh")).path == "/home/dev/.zprofile"
    assert login_profile(fake.with_env(SHELL="/usr/bin/fish")) is None
    assert login_profile(FakeSystem("windows", env={"USERPROFILE": "C:\\Users\\me"})) is None
