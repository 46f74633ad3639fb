"""The workspace walk: every go.mod, go.work and Dockerfile the project owns, none of what it vendors, ignores or
generates, and a clear stop at the caps."""

from __future__ import annotations

import pytest

from goenv_lsp.files import PARSED, Where
from goenv_lsp.probe.discover import DiscoveryOptions, admits, discover
from goenv_lsp.probe.fake import FakeSystem

TREE_KINDS = [k for k in PARSED if k.where is Where.TREE]
MODULE = "module example.com/x\n\ngo 1.27.3\n"


def tree(*paths: str, **texts: str) -> FakeSystem:
    fake = FakeSystem("linux", {"HOME": "/home/dev"})
    fake.add_dir("/w")
    for path in paths:
        fake.add_file(f"/w/{path}", MODULE if path.endswith("go.mod") else "FROM golang:1.27\n")
    for path, text in texts.items():
        fake.add_file(f"/w/{path.replace('__', '/')}", text)
    return fake


def found(fake: FakeSystem, options: DiscoveryOptions | None = None, skip=()) -> dict[str, list[str]]:
    result = discover(fake, "/w", TREE_KINDS, options or DiscoveryOptions(), skip)
    return {kind: [p.removeprefix("/w/") for p in files] for kind, files in result.files.items() if files}


def test_every_module_and_dockerfile_in_walk_order() -> None:
    fake = tree("go.mod", "b/go.mod", "a/go.mod", "a/deep/er/go.mod", "go.work", "a/Dockerfile", "b/x.Dockerfile")
    assert found(fake) == {"go.mod": ["go.mod", "a/go.mod", "a/deep/er/go.mod", "b/go.mod"], "go.work": ["go.work"],
                           "dockerfile": ["a/Dockerfile", "b/x.Dockerfile"]}


def test_what_is_not_the_projects_own_is_skipped() -> None:
    fake = tree("go.mod", "vendor/example.com/lib/go.mod", "a/testdata/bad/go.mod", "web/node_modules/x/Dockerfile",
                ".git/modules/x/go.mod", ".cache/go.mod", "a/.hidden/go.mod")
    assert found(fake) == {"go.mod": ["go.mod"]}
    assert found(fake, DiscoveryOptions(skip_dirs=(), skip_hidden=False))["go.mod"] == [  # never .git
        "go.mod", ".cache/go.mod", "a/.hidden/go.mod", "a/testdata/bad/go.mod", "vendor/example.com/lib/go.mod"]


def test_gitignore_files_nested_negated_and_info_exclude() -> None:
    fake = tree("go.mod", "generated/go.mod", "tools/gen/go.mod", "tools/keep/go.mod", "local/go.mod",
                **{".gitignore": "/generated/\n", "tools__.gitignore": "*/go.mod\n!keep/go.mod\n",
                   ".git__info__exclude": "local/\n"})
    assert found(fake)["go.mod"] == ["go.mod", "tools/keep/go.mod"]
    assert found(fake, DiscoveryOptions(gitignore=False))["go.mod"] == [
        "go.mod", "generated/go.mod", "local/go.mod", "tools/gen/go.mod", "tools/keep/go.mod"]


def test_configured_exclude_patterns() -> None:
    fake = tree("go.mod", "third_party/x/go.mod", "svc/generated/go.mod", "svc/go.mod")
    options = DiscoveryOptions(exclude=("third_party/", "**/generated/"))
    assert found(fake, options)["go.mod"] == ["go.mod", "svc/go.mod"]


def test_a_gitignore_line_git_would_skip_does_not_stop_the_walk() -> None:
    fake = tree("go.mod", "out/go.mod", "a/go.mod", **{".gitignore": "!\n[z-a]\nout/\n"})
    assert found(fake)["go.mod"] == ["go.mod", "a/go.mod"]


def test_goroot_and_the_module_cache_inside_the_root_are_never_entered() -> None:
    fake = tree("go.mod", "sdk/go/src/cmd/go.mod", "gopath/pkg/mod/x@v1/go.mod")
    assert found(fake, skip=["/w/sdk/go", "/w/gopath/pkg/mod"])["go.mod"] == ["go.mod"]


def test_symlinked_directories_are_not_followed() -> None:
    fake = tree("go.mod", "real/go.mod")
    fake.add_symlink("/w/link", "/w/real")
    assert found(fake)["go.mod"] == ["go.mod", "real/go.mod"]


def test_the_module_cap_stops_the_walk_and_says_so() -> None:
    fake = tree(*(f"m{n}/go.mod" for n in range(5)))
    result = discover(fake, "/w", TREE_KINDS, DiscoveryOptions(max_modules=3))
    assert (len(result.files["go.mod"]), result.truncated) == (3, "found 3 modules (max-modules)")
    assert discover(fake, "/w", TREE_KINDS, DiscoveryOptions(max_modules=5)).truncated is None


def test_the_directory_cap_stops_the_walk_and_says_so() -> None:
    fake = tree(*(f"d{n}/go.mod" for n in range(5)))
    result = discover(fake, "/w", TREE_KINDS, DiscoveryOptions(max_dirs=3))
    assert (result.directories, result.truncated) == (3, "read 3 directories (max-dirs)")


def test_an_unreadable_directory_is_passed_over() -> None:
    fake = tree("go.mod", "locked/go.mod", "open/go.mod")
    listing = fake.list
    fake.list = lambda path: None if path == "/w/locked" else listing(path)  # type: ignore[method-assign]
    assert found(fake)["go.mod"] == ["go.mod", "open/go.mod"]


@pytest.mark.parametrize(("path", "admitted"), [
    ("/w/new/go.mod", True), ("/w/a/b/Dockerfile", True), ("/w/testdata/x/go.mod", False),
    ("/w/vendor/x/go.mod", False), ("/w/.hidden/go.mod", False), ("/w/generated/go.mod", False),
    ("/w/tools/gen/go.mod", False), ("/w/tools/keep/go.mod", True), ("/elsewhere/go.mod", False), ("/w", False),
])
def test_admits_agrees_with_the_walk(path: str, admitted: bool) -> None:
    fake = tree(**{".gitignore": "/generated/\n", "tools__.gitignore": "*/go.mod\n!keep/go.mod\n"})
    assert admits(fake, "/w", path, DiscoveryOptions()) is admitted
    fake.add_file(path, MODULE) if path.startswith("/w/") else None
    walked = {f"/w/{p}" for files in found(fake).values() for p in files}
    assert (path in walked) is admitted


def test_the_search_has_a_time_budget() -> None:
    """A tree on a slow file system stops at the budget, and GE004 says what was searched."""
    fake = FakeSystem()
    for i in range(50):
        fake.add_file(f"/ws/m{i}/go.mod", f"module example.com/m{i}\n")
    found = discover(fake, "/ws", [k for k in PARSED if k.where is Where.TREE], DiscoveryOptions(max_seconds=0))
    assert found.directories == 1 and found.files["go.mod"] == []
    assert found.truncated == "searched for 0 s and read 1 directories"
