"""goenv_lsp.probe.modcache: the requirements of each main module as the module cache holds them, read through the
System seam only (FakeSystem here; the real cache in tests/rules/test_ge130.py and tests/integration)."""

from __future__ import annotations

import asyncio
import dataclasses
import itertools
from pathlib import Path

import pytest

from goenv_lsp.facts import Facts, Status
from goenv_lsp.probe import ProbeOptions, collect
from goenv_lsp.probe.fake import FakeSystem
from goenv_lsp.probe.modcache import escape, go_sum_hash, read_directives, semver_compare
from goenv_lsp.serde import from_data, to_data

CACHE = "/home/dev/go/pkg/mod/cache/download"
MACHINE = """
os = "linux"
[env]
HOME = "/home/dev"
PATH = "/usr/local/go/bin:/usr/bin"
[[go]]
root = "/usr/local/go"
version = "1.22.10"
"""


def probe(files: dict[str, str], machine: str = MACHINE, root: str = "/work/app") -> tuple[Facts, FakeSystem]:
    system = FakeSystem.from_fixture(machine)
    for path, text in files.items():
        system.add_file(path, text)
    return asyncio.run(collect(root, ProbeOptions(), system)), system


def mod(path: str, go: str | None) -> str:
    return f"module {path}\n\n" + (f"go {go}\n" if go else "")


def test_escape_is_module_escape_path() -> None:
    assert escape("github.com/BurntSushi/toml") == "github.com/!burnt!sushi/toml"
    assert escape("v1.0.0-RC1") == "v1.0.0-!r!c1"
    assert escape("golang.org/x/net") == "golang.org/x/net"


def test_go_sum_hash_matches_what_go_writes() -> None:
    # go mod tidy (go 1.27.3) wrote `example.com/used v1.0.0/go.mod h1:7iPC…` for this .mod file
    assert go_sum_hash(b"module example.com/used\n\ngo 1.21\n") == "h1:7iPC6S8rbc5pUD704PxtfuamjQ/BNlhx0qlR+RhbMhI="


def test_semver_order() -> None:
    ordered = ["v0.9.0", "v1.0.0-alpha", "v1.0.0-alpha.1", "v1.0.0-beta", "v1.0.0", "v1.2.0", "v1.10.0",
               "v2.0.0+incompatible"]
    assert all(semver_compare(a, b) < 0 for a, b in itertools.pairwise(ordered))
    assert semver_compare("v0.0.0-20240101000000-abcdef123456", "v0.0.1") < 0


def test_read_directives() -> None:
    text = ('module example.com/app\n\ngo 1.22\n\nrequire example.com/one v1.0.0\nrequire (\n'
            '\t"example.com/two" v0.2.0 // indirect\n\texample.com/three v0.3.0 // indirect; why\n'
            '\texample.com/four v0.4.0 // not indirect\n)\n'
            'replace example.com/one v1.0.0 => example.com/fork v1.0.1\nreplace (\n\texample.com/two => ../two\n)\n')
    requires, replaces = read_directives(text)
    assert [(r.path, r.version, r.indirect) for r in requires] == [
        ("example.com/one", "v1.0.0", False), ("example.com/two", "v0.2.0", True),
        ("example.com/three", "v0.3.0", True), ("example.com/four", "v0.4.0", False)]
    assert text[requires[1].start:requires[1].end] == "v0.2.0"
    assert [(r.old, r.old_version, r.new, r.new_version) for r in replaces] == [
        ("example.com/one", "v1.0.0", "example.com/fork", "v1.0.1"), ("example.com/two", "", "../two", "")]
    assert read_directives("module x\nrequire (\n") is None  # a syntax error: unknown, not "no requirements"


def test_cached_requirements_with_their_go_lines() -> None:
    facts, system = probe({
        "/work/app/go.mod": ("module example.com/app\n\ngo 1.22\n\nrequire (\n\texample.com/Up v1.1.0\n"
                             "\texample.com/fine v0.1.0\n\texample.com/gone v0.2.0 // indirect\n)\n"),
        "/work/app/go.sum": "",
        f"{CACHE}/example.com/!up/@v/v1.1.0.mod": mod("example.com/Up", "1.23.0"),
        f"{CACHE}/example.com/!up/@v/v1.0.0.mod": mod("example.com/Up", "1.21"),
        f"{CACHE}/example.com/!up/@v/v1.0.0.ziphash": "h1:zip=\n",
        f"{CACHE}/example.com/!up/@v/v0.9.0.mod": mod("example.com/Up", None),
        f"{CACHE}/example.com/fine/@v/v0.1.0.mod": mod("example.com/fine", None),
        f"{CACHE}/example.com/fine/@v/v0.1.0.zip": "PK",
    })
    found = facts.module_cache["/work/app/go.mod"]
    assert (found.cache, found.go_sum, found.vendor, found.truncated) == ("/home/dev/go/pkg/mod", "/work/app/go.sum",
                                                                         False, False)
    up, fine, gone = found.requirements
    assert (up.path, up.version, up.status, up.cached.go, up.source_cached) == ("example.com/Up", "v1.1.0",
                                                                                Status.OK, "1.23.0", False)
    assert (up.range.start.line, up.range.start.character, up.range.end.character) == (5, 16, 22)
    # older versions, newest first, read only as far as one fits min(go line 1.22, local 1.22.10)
    [older] = up.older
    assert (older.version, older.go, older.zip_sum) == ("v1.0.0", "1.21", "h1:zip=")
    assert older.go_mod_sum == go_sum_hash(mod("example.com/Up", "1.21").encode())
    assert (fine.cached.go, fine.source_cached, fine.older) == ("", True, None)
    assert (gone.status, gone.cached, gone.indirect) == (Status.MISSING, None, True)
    assert from_data(Facts, to_data(facts)) == facts  # JSON-serialisable
    assert not any(call[0] == "run" and "mod" in call for call in system.calls)


def test_replacements_and_workspace_modules() -> None:
    facts, _ = probe({
        "/work/app/go.work": "go 1.22\n\nuse (\n\t.\n\t./tools\n)\n",
        "/work/app/go.mod": ("module example.com/app\n\ngo 1.22\n\nrequire (\n\texample.com/a v1.0.0\n"
                             "\texample.com/b v1.0.0\n\texample.com/tools v0.0.0\n)\n\n"
                             "replace example.com/a => example.com/fork v1.5.0\nreplace example.com/b => ./b\n"),
        "/work/app/tools/go.mod": mod("example.com/tools", "1.22"),
        f"{CACHE}/example.com/fork/@v/v1.5.0.mod": mod("example.com/fork", "1.22"),
    })
    a, b, tools = facts.module_cache["/work/app/go.mod"].requirements
    assert (a.replacement, a.replacement_version, a.cached.version, a.status) == ("example.com/fork", "v1.5.0",
                                                                                 "v1.5.0", Status.OK)
    assert (b.replacement, b.local, b.status) == ("./b", True, None)
    assert (tools.local, tools.status) == (True, None)
    assert set(facts.module_cache) == {"/work/app/go.mod", "/work/app/tools/go.mod"}


def test_windows_cache_paths() -> None:
    machine = """
os = "windows"
[env]
USERPROFILE = 'C:\\Users\\me'
APPDATA = 'C:\\Users\\me\\AppData\\Roaming'
PATH = 'C:\\Program Files\\Go\\bin'
[[go]]
root = 'C:\\Program Files\\Go'
version = "1.27.3"
"""
    cache = "C:\\Users\\me\\go\\pkg\\mod"
    facts, _ = probe({"C:\\src\\app\\go.mod": "module example.com/app\n\ngo 1.27.3\n\nrequire "
                                              "github.com/BurntSushi/toml v1.4.0\n",
                      f"{cache}\\cache\\download\\github.com\\!burnt!sushi\\toml\\@v\\v1.4.0.mod":
                          mod("github.com/BurntSushi/toml", "1.18"),
                      f"{cache}\\github.com\\!burnt!sushi\\toml@v1.4.0\\go.mod": mod("x", "1.18")},
                     machine, root="C:\\src\\app")
    [toml] = facts.module_cache["C:\\src\\app\\go.mod"].requirements
    assert (toml.status, toml.cached.go, toml.source_cached) == (Status.OK, "1.18", True)
    assert facts.module_cache["C:\\src\\app\\go.mod"].cache == cache


def test_unknown_without_a_go_env() -> None:
    facts, _ = probe({"/work/app/go.mod": "module example.com/app\n\ngo 1.22\n\nrequire example.com/a v1.0.0\n"},
                     machine='os = "linux"\n[env]\nHOME = "/home/dev"\nPATH = "/usr/bin"\n')
    assert facts.module_cache is None  # no go ran: GOMODCACHE is unknown, so nothing is said


def test_a_huge_go_mod_stays_fast_and_bounded() -> None:
    lines = "".join(f"\texample.com/m{i} v1.0.{i}\n" for i in range(6000))
    files = {"/work/app/go.mod": f"module example.com/app\n\ngo 1.22\n\nrequire (\n{lines})\n"}
    files.update({f"{CACHE}/example.com/m{i}/@v/v1.0.{i}.mod": mod(f"example.com/m{i}", "1.21") for i in range(0, 6000,
                                                                                                          3)})
    facts, system = probe(files)
    found = facts.module_cache["/work/app/go.mod"]
    assert (len(found.requirements), found.truncated) == (5000, True)
    assert sum(1 for r in found.requirements if r.status is Status.OK) == 1667
    reads = [c for c in system.calls if c[0] == "read" and "/cache/download/" in c[1]]
    assert len(reads) <= 5000  # bounded work, not a timing: performance is measured in bench/, never asserted


def test_an_edit_reads_only_what_changed() -> None:
    """The language server's hot path (collect.reread on each go.mod edit): cached versions already looked up are
    not read again; a new require line is."""
    from goenv_lsp.probe.collect import FileCache, reread

    text = "module example.com/app\n\ngo 1.22\n\nrequire (\n\texample.com/a v1.0.0\n\texample.com/b v1.0.0\n)\n"
    facts, system = probe({"/work/app/go.mod": text, "/work/app/tools/go.mod": "module example.com/tools\n\ngo 1.22\n",
                           f"{CACHE}/example.com/a/@v/v1.0.0.mod": mod("example.com/a", "1.21"),
                           f"{CACHE}/example.com/b/@v/v1.0.0.mod": mod("example.com/b", "1.21"),
                           f"{CACHE}/example.com/b/@v/v1.1.0.mod": mod("example.com/b", "1.23.0")})
    system.calls.clear()
    edited = text.replace("example.com/b v1.0.0", "example.com/b v1.1.0").replace("require (", "require (\n")
    options = ProbeOptions(overrides={"/work/app/go.mod": edited.encode()})
    after = reread(facts, "/work/app/go.mod", options, system, FileCache(), None)
    reads = [c[1] for c in system.calls if c[0] == "read" and "/cache/download/" in c[1]]
    assert reads == [f"{CACHE}/example.com/b/@v/v1.1.0.mod", f"{CACHE}/example.com/b/@v/v1.0.0.mod",
                     f"{CACHE}/example.com/b/@v/v1.0.0.ziphash"]  # b's new version, and the older one that fits
    a, b = after.module_cache["/work/app/go.mod"].requirements
    assert (a.cached.go, a.range.start.line, b.version, b.cached.go) == ("1.21", 6, "v1.1.0", "1.23.0")
    assert a == dataclasses.replace(facts.module_cache["/work/app/go.mod"].requirements[0], range=a.range)
    assert after.module_cache["/work/app/tools/go.mod"] is facts.module_cache["/work/app/tools/go.mod"]


def test_go_line_floor() -> None:
    from goenv_lsp.semantics.modcache import go_line_floor

    facts, _ = probe({
        "/work/app/go.mod": ("module example.com/app\n\ngo 1.24.0\n\nrequire (\n\texample.com/a v1.0.0\n"
                             "\texample.com/b v1.0.0\n\texample.com/old v1.0.0\n)\n"),
        f"{CACHE}/example.com/a/@v/v1.0.0.mod": mod("example.com/a", "1.23.0"),
        f"{CACHE}/example.com/b/@v/v1.0.0.mod": mod("example.com/b", "1.24.0"),
        f"{CACHE}/example.com/old/@v/v1.0.0.mod": mod("example.com/old", "1.20")})
    needed, requirement = go_line_floor(facts, "/work/app/go.mod")
    assert (needed, requirement.path) == ("1.24.0", "example.com/b")
    assert go_line_floor(facts, "/work/elsewhere/go.mod") is None


def test_hostile_require_lines_read_nothing_outside_the_cache() -> None:
    facts, system = probe({"/work/app/go.mod": ('module example.com/app\n\ngo 1.22\n\nrequire (\n'
                                                '\t"../../../../../etc" v1.0.0\n\texample.com/a v1.0.0/../../x\n'
                                                '\t"example.com/b\\\\c" v1.0.0\n\texample.com/ok v1.0.0\n)\n')})
    statuses = [(r.path, r.status) for r in facts.module_cache["/work/app/go.mod"].requirements]
    assert statuses == [("../../../../../etc", None), ("example.com/a", None), ("example.com/b\\c", None),
                        ("example.com/ok", Status.MISSING)]
    touched = [c[1] for c in system.calls if c[0] in ("read", "stat", "list") and "/go/pkg/mod" in c[1]
               and "golang.org/toolchain@" not in c[1]  # the toolchains at hand (collect.py)
               and c[1] != "/home/dev/go/pkg/mod"]  # GOMODCACHE itself: is it writable (probe.go_dirs)
    assert touched and all(p.startswith(f"{CACHE}/example.com/ok/@v/") or p.startswith(
        "/home/dev/go/pkg/mod/example.com/ok@") for p in touched), touched


@pytest.mark.realgo
def test_two_thousand_requires_on_the_real_disk(tmp_path, go127, probe_real) -> None:
    """A 2,000-require go.mod, each version cached, looked up by RealSystem: every one found, one read each."""
    import testbed

    from goenv_lsp.probe.modcache import collect_module_cache
    from goenv_lsp.probe.system import RealSystem

    env = testbed.isolated_env(tmp_path, [go127 / "bin"])
    download = Path(env["GOMODCACHE"]) / "cache" / "download"
    lines = []
    for i in range(2000):
        path = f"example.com/Org{i % 7}/m{i}"
        versions = download / escape(path) / "@v"
        versions.mkdir(parents=True)
        (versions / "v1.0.0.mod").write_text(mod(path, "1.21"))
        lines.append(f"\t{path} v1.0.0\n")
    app = tmp_path / "app"
    app.mkdir()
    (app / "go.mod").write_text(f"module example.com/app\n\ngo 1.27.3\n\nrequire (\n{''.join(lines)})\n")
    facts = probe_real(app, env)
    found = collect_module_cache(RealSystem(env=env), facts)[str(app / "go.mod")]
    assert [r.status for r in found.requirements] == [Status.OK] * 2000
