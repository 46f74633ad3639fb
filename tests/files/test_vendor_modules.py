"""vendor/modules.txt read as cmd/go's readVendorList reads it; found for each module root (the walk skips
vendor/); go.mod `require` / `replace` lines as checkVendorConsistency needs them."""

from __future__ import annotations

from goenv_lsp.facts import Status
from goenv_lsp.facts.paths import POSIX, WINDOWS
from goenv_lsp.files import kind_of
from goenv_lsp.files._modfile import parse_modfile
from goenv_lsp.files.go_mod import ModReplace, ModRequire
from goenv_lsp.files.vendor_modules import VendoredModule, VendorModulesFacts, compare_semver, parse_vendor_modules
from goenv_lsp.model import Range
from goenv_lsp.probe import ProbeOptions, collect_sync
from goenv_lsp.probe.fake import FakeSystem
from goenv_lsp.serde import from_data, to_data

WRITTEN = (  # what go mod vendor (go 1.27) writes
    "# example.com/dep v1.2.0 => ../dep\n"
    "## explicit; go 1.21\n"
    "example.com/dep\n"
    "example.com/dep/sub\n"
    "# example.com/ind v0.1.0\n"
    "## go 1.20\n"
    "example.com/ind\n"
    "# example.com/fork v1.0.0 => example.com/other v1.1.0\n"
    "## explicit\n"
    "# example.com/dep => ../dep\n"
)


def parse(text: str) -> VendorModulesFacts:
    return parse_vendor_modules(text.encode(), "/w/vendor/modules.txt")


def test_modules_annotations_and_replacements() -> None:
    facts = parse(WRITTEN)
    assert (facts.status, facts.workspace, facts.problems) == (Status.OK, False, ())
    assert facts.modules == (
        VendoredModule("example.com/dep", "v1.2.0", Range.of(0, 0, 34), explicit=True, replacement_path="../dep",
                       go="1.21", listed=True, replaced=True),
        VendoredModule("example.com/ind", "v0.1.0", Range.of(4, 0, 24), go="1.20", listed=True),
        VendoredModule("example.com/fork", "v1.0.0", Range.of(7, 0, 53), explicit=True,
                       replacement_path="example.com/other", replacement_version="v1.1.0", replaced=True),
        VendoredModule("example.com/dep", "", Range.of(9, 0, 27), replacement_path="../dep", replaced=True),
    )


def test_what_go_ignores_is_ignored() -> None:
    facts = parse("## workspace\nexample.com/orphan\n# short\n# example.com/x notaversion\nexample.com/x\n"
                  "# example.com/y v1.0.0 => a b c\n## explicit ; future-annotation\n\n"
                  "# example.com/z v1.0.0\r\n## explicit\r\nexample.com/z\r\n")
    assert facts.workspace
    assert [(m.path, m.version, m.explicit, m.replaced, m.listed) for m in facts.modules] == [
        ("example.com/y", "v1.0.0", True, False, False), ("example.com/z", "v1.0.0", True, False, True)]


def test_annotations_of_repeated_module_lines_add_up() -> None:
    facts = parse("# example.com/a v1.0.0\n## go 1.21\n# example.com/a v1.0.0\n## explicit\nexample.com/a\n")
    [module] = facts.modules
    assert (module.explicit, module.go, module.listed, module.range) == (True, "1.21", True, Range.of(0, 0, 22))


def test_only_the_higher_version_of_a_path_is_listed_after_it() -> None:
    facts = parse("# example.com/a v1.2.0\nexample.com/a\n# example.com/a v1.1.0\nexample.com/a/x\n")
    assert [(m.version, m.listed) for m in facts.modules] == [("v1.2.0", True), ("v1.1.0", False)]


def test_semver_order() -> None:
    assert compare_semver("v1.10.0", "v1.9.0") == 1
    assert compare_semver("v1.0.0-rc.1", "v1.0.0") == -1
    assert compare_semver("v1.0.0-alpha", "v1.0.0-alpha.1") == -1
    assert compare_semver("v1.0.0-2", "v1.0.0-beta") == -1  # numeric identifiers first
    assert compare_semver("", "v0.0.1") == -1 and compare_semver("v1.0.0+meta", "v1.0.0") == 0


def test_serialised_and_back() -> None:
    facts = parse(WRITTEN)
    assert from_data(VendorModulesFacts, to_data(facts)) == facts


def test_kind_of_vendor_modules_txt() -> None:
    assert kind_of("/w/app/vendor/modules.txt", "/w/app", POSIX).name == "vendor/modules.txt"
    assert kind_of("/w/app/docs/modules.txt", "/w/app", POSIX) is None
    assert kind_of("C:\\src\\app\\Vendor\\Modules.txt", "C:\\src\\app", WINDOWS).name == "vendor/modules.txt"


def test_go_mod_requires_and_replaces() -> None:
    parsed = parse_modfile(b'module m\n\ngo 1.22\n\nrequire (\n\texample.com/a v1.0.0 // indirect\n\t"example.com/b" '
                           b'v1.2.0\n)\n\nreplace example.com/a => ../a\nreplace example.com/b v1.2.0 => '
                           b'example.com/c v1.3.0\nreplace example.com/bad => nodir\n', "go.mod", "go.mod")
    assert parsed.requires == (ModRequire("example.com/a", "v1.0.0", Range.of(5, 1, 21)),
                               ModRequire("example.com/b", "v1.2.0", Range.of(6, 1, 23)))
    assert parsed.replaces == (ModReplace("example.com/a", "", "../a", "", Range.of(9, 8, 29)),
                               ModReplace("example.com/b", "v1.2.0", "example.com/c", "v1.3.0", Range.of(10, 8, 52)))
    assert len(parsed.problems) == 1  # the directory-less replacement is an error, and no replacement


def test_go_work_replace_with_windows_directory() -> None:
    parsed = parse_modfile(b"go 1.22\n\nreplace example.com/a => ..\\a\n", "go.work", "go.work", windows=True)
    assert parsed.replaces == (ModReplace("example.com/a", "", "..\\a", "", Range.of(2, 8, 29)),)


MACHINE = """
os = "linux"
[env]
HOME = "/home/dev"
PATH = "/usr/bin"
[files]
"/w/app/go.mod" = "module example.com/app\\n\\ngo 1.22\\n"
"/w/app/vendor/modules.txt" = "# example.com/a v1.0.0\\n## explicit\\nexample.com/a\\n"
"/w/app/empty/go.mod" = "module example.com/empty\\n\\ngo 1.22\\n"
"/w/app/empty/vendor/.gitkeep" = ""
"/w/app/plain/go.mod" = "module example.com/plain\\n\\ngo 1.22\\n"
"/w/app/plain/vendor.go" = "package plain\\n"
"/w/app/vendor/example.com/a/go.mod" = "module example.com/a\\n"
"""


def test_probe_reads_modules_txt_per_module_root() -> None:
    system = FakeSystem.from_fixture(MACHINE)
    facts = collect_sync("/w/app", ProbeOptions(), system)
    vendored = {p: f.status for p, f in facts.files.items() if f.kind == "vendor/modules.txt"}
    assert vendored == {"/w/app/vendor/modules.txt": Status.OK, "/w/app/empty/vendor/modules.txt": Status.MISSING}
    assert "vendor/modules.txt" in facts.kinds
    assert "/w/app/vendor/example.com/a/go.mod" not in facts.files  # the walk never enters vendor/
    assert facts.file("/w/app/vendor/modules.txt").modules[0].path == "example.com/a"


def test_reread_of_a_go_mod_keeps_the_vendor_lists() -> None:
    """The language server's hot path: an edited go.mod is read again, modules.txt is not (its own changes
    arrive as watched-file events), and GE501 judges the new go.mod against it."""
    import asyncio

    from goenv_lsp.engine import evaluate
    from goenv_lsp.probe.collect import FileCache, collect_with_tree, reread
    from goenv_lsp.rules import by_code

    with_go = MACHINE.replace('PATH = "/usr/bin"', 'PATH = "/usr/local/go/bin:/usr/bin"').replace(
        "[files]", '[files]\n"/home/dev/.config/go/env" = ""', 1)
    with_go += '[[go]]\nroot = "/usr/local/go"\nversion = "1.27.3"\n'
    system = FakeSystem.from_fixture(with_go)

    cache = FileCache()
    facts, tree = asyncio.run(collect_with_tree("/w/app", ProbeOptions(), system, cache=cache))
    ge501 = by_code("GE501")
    assert evaluate(facts, rules=[ge501]) != []  # go.mod requires nothing, modules.txt marks example.com/a
    system.add_file("/w/app/go.mod", "module example.com/app\n\ngo 1.22\n\nrequire example.com/a v1.0.0\n")
    before = len(system.calls)
    after = reread(facts, "/w/app/go.mod", ProbeOptions(), system, cache, tree)
    assert not any(c[1].startswith("/w/app/vendor") for c in system.calls[before:] if len(c) > 1
                   and isinstance(c[1], str) and c[0] != "stat")  # the module cache asks whether vendor/ is used
    assert after.file("/w/app/vendor/modules.txt") == facts.file("/w/app/vendor/modules.txt")
    assert evaluate(after, rules=[ge501]) == []
