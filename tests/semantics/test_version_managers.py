"""semantics.version_managers: who provides the go that runs (each manager's layout, recognised from the path,
the symlink chain and the install directories on a fake machine), and each manager's precedence."""

from __future__ import annotations

import asyncio

import pytest

from goenv_lsp.probe import ProbeOptions, collect
from goenv_lsp.probe.fake import FakeSystem
from goenv_lsp.semantics.binaries import running_go
from goenv_lsp.semantics.version_managers import describe, provider, same_release, selection

HOME = "/home/dev"
SCRIPT = {"text": "#!/usr/bin/env bash\nexec true\n", "executable": True}


def machine(path: str, files: dict | None = None, symlinks: dict | None = None, gos: tuple = (),
            env: dict | None = None):
    system = FakeSystem.from_data({
        "env": {"HOME": HOME, "PATH": path, **(env or {})},
        "files": {"/work/app/go.mod": "module m\n\ngo 1.22\n", **(files or {})},
        "symlinks": symlinks or {}, "go": [{"root": r, "version": v} for r, v in gos]})
    return asyncio.run(collect("/work/app", ProbeOptions(), system))


def provided(facts):
    found = provider(facts, running_go(facts))
    return found.manager, found.how, found.version


@pytest.mark.parametrize(("path", "symlinks", "root", "version", "expected"), [
    # mise activate / asdf where / gvm use: the install directory itself on PATH
    (f"{HOME}/.local/share/mise/installs/go/1.22.3/bin", {}, f"{HOME}/.local/share/mise/installs/go/1.22.3",
     "1.22.3", ("mise", "install", "1.22.3")),
    (f"{HOME}/.gvm/gos/go1.22.3/bin", {}, f"{HOME}/.gvm/gos/go1.22.3", "1.22.3", ("gvm", "install", "1.22.3")),
    (f"{HOME}/.goenv/versions/1.21.13/bin", {}, f"{HOME}/.goenv/versions/1.21.13", "1.21.13",
     ("goenv", "install", "1.21.13")),
    # voidint/g: ~/.g/go → ~/.g/versions/<version>, PATH has ~/.g/go/bin
    (f"{HOME}/.g/go/bin", {f"{HOME}/.g/go": f"{HOME}/.g/versions/1.22.3"}, f"{HOME}/.g/versions/1.22.3", "1.22.3",
     ("g", "install", "1.22.3")),
    # stefanmaric/g: GOROOT ~/.go, versions in ~/.go/.versions
    (f"{HOME}/.go/bin", {f"{HOME}/.go/bin": f"{HOME}/.go/.versions/1.22.3/bin"}, f"{HOME}/.go/.versions/1.22.3",
     "1.22.3", ("g", "install", "1.22.3")),
    # Homebrew: /opt/homebrew/bin/go → ../Cellar/go/<v>/bin/go → ../libexec/bin/go
    ("/opt/homebrew/bin", {"/opt/homebrew/bin/go": "../Cellar/go/1.24.11/bin/go",
                           "/opt/homebrew/Cellar/go/1.24.11/bin/go": "../libexec/bin/go"},
     "/opt/homebrew/Cellar/go/1.24.11/libexec", "1.24.11", ("homebrew", "package", "1.24.11")),
    ("/home/linuxbrew/.linuxbrew/bin", {"/home/linuxbrew/.linuxbrew/bin/go": "../Cellar/go@1.22/1.22.10/bin/go",
                                        "/home/linuxbrew/.linuxbrew/Cellar/go@1.22/1.22.10/bin/go":
                                        "../libexec/bin/go"},
     "/home/linuxbrew/.linuxbrew/Cellar/go@1.22/1.22.10/libexec", "1.22.10", ("homebrew", "package", "1.22.10")),
    # golang.org/dl: go1.22.3 download → ~/sdk/go1.22.3, linked as go
    (f"{HOME}/bin", {f"{HOME}/bin/go": f"{HOME}/sdk/go1.22.3/bin/go"}, f"{HOME}/sdk/go1.22.3", "1.22.3",
     ("golang.org/dl", "download", "1.22.3")),
    # Debian alternatives and packages
    ("/usr/bin", {"/usr/bin/go": "/etc/alternatives/go", "/etc/alternatives/go": "/usr/local/go1.27.3/bin/go"},
     "/usr/local/go1.27.3", "1.27.3", ("alternatives", "link", "1.27.3")),
    ("/usr/bin", {"/usr/bin/go": "/etc/alternatives/go", "/etc/alternatives/go": "/usr/lib/go-1.19/bin/go"},
     "/usr/lib/go-1.19", "1.19.8", ("alternatives", "link", "1.19.8")),
    ("/usr/bin", {"/usr/bin/go": "../lib/go-1.19/bin/go"}, "/usr/lib/go-1.19", "1.19.8",
     ("debian", "package", "1.19.8")),
    ("/usr/local/go/bin", {}, "/usr/local/go", "1.27.3", ("official", "archive", "1.27.3")),
    ("/usr/local/bin", {"/usr/local/bin/go": "/opt/go1.27.3/bin/go"}, "/opt/go1.27.3", "1.27.3",
     ("symlink", "link", "1.27.3")),
    ("/opt/go/bin", {}, "/opt/go", "1.27.3", (None, "direct", "1.27.3")),
])
def test_who_provides_the_go_that_runs(path, symlinks, root, version, expected) -> None:
    facts = machine(path, symlinks=symlinks, gos=((root, version),))
    assert provided(facts) == expected


def test_the_go_command_s_own_toolchain_download() -> None:
    root = f"{HOME}/go/pkg/mod/golang.org/toolchain@v0.0.1-go1.27.3.linux-amd64"
    facts = machine(f"{HOME}/bin", symlinks={f"{HOME}/bin/go": f"{root}/bin/go"}, gos=((root, "1.27.3"),))
    assert provided(facts) == ("toolchain", "download", "1.27.3")


def test_snap_is_a_launcher() -> None:
    facts = machine("/snap/bin", symlinks={"/snap/bin/go": "/usr/bin/snap"}, files={"/usr/bin/snap": SCRIPT})
    assert provided(facts)[:2] == ("snap", "launcher")


def test_the_symlink_chain_is_every_hop() -> None:
    facts = machine("/usr/local/bin", symlinks={"/usr/local/bin/go": "/usr/local/go/bin/go",
                                                "/usr/local/go": "go1.27.3"},
                    gos=(("/usr/local/go1.27.3", "1.27.3"),))
    go = running_go(facts)
    assert [(h.link, h.target, h.leads_to, h.exists) for h in go.links] == [
        ("/usr/local/bin/go", "/usr/local/go/bin/go", "/usr/local/go/bin/go", True),
        ("/usr/local/go", "go1.27.3", "/usr/local/go1.27.3/bin/go", True)]
    assert describe(facts) == ("/usr/local/bin/go → /usr/local/go/bin/go → /usr/local/go1.27.3/bin/go "
                               "(a symbolic link, Go 1.27.3)")


ASDF_SHIM = {f"{HOME}/.asdf/shims/go": SCRIPT}
ASDF = (f"{HOME}/.asdf/installs/golang/1.22.3/go", "1.22.3"), (f"{HOME}/.asdf/installs/golang/1.21.13/go", "1.21.13")


def test_asdf_nearest_tool_versions_wins_over_the_global_one() -> None:
    files = {**ASDF_SHIM, "/work/app/.tool-versions": "golang 1.22.3\n", f"{HOME}/.tool-versions": "golang 1.21.13\n",
             "/work/app/sub/.tool-versions": "nodejs 22\n"}
    facts = machine(f"{HOME}/.asdf/shims:/usr/bin", files, gos=ASDF)
    assert selection(facts, "asdf", "/work/app/sub").source == "/work/app/.tool-versions"  # no golang line there
    assert provided(facts) == ("asdf", "shim", "1.22.3")
    assert describe(facts) == (f"{HOME}/.asdf/shims/go (asdf's shim) → Go 1.22.3 from /work/app/.tool-versions "
                               f"({HOME}/.asdf/installs/golang/1.22.3)")
    only_global = machine(f"{HOME}/.asdf/shims:/usr/bin", {**ASDF_SHIM, f"{HOME}/.tool-versions": "golang 1.21.13\n"},
                          gos=ASDF)
    assert selection(only_global, "asdf", "/work/app").source == f"{HOME}/.tool-versions"


def test_the_variable_wins_over_every_file() -> None:
    files = {**ASDF_SHIM, "/work/app/.tool-versions": "golang 1.22.3\n"}
    facts = machine(f"{HOME}/.asdf/shims:/usr/bin", files, gos=ASDF, env={"ASDF_GOLANG_VERSION": "1.21.13"})
    chosen = selection(facts, "asdf", "/work/app")
    assert (chosen.version, chosen.source, chosen.range) == ("1.21.13", "ASDF_GOLANG_VERSION", None)


def test_mise_order_within_a_directory_and_fuzzy_versions() -> None:
    files = {"/work/app/.tool-versions": "go 1.21.13\n", "/work/app/mise.toml": "[tools]\ngo = '1.22'\n",
             "/work/app/mise.local.toml": "[tools]\ngo = '1.23.1'\n"}
    facts = machine("/usr/bin", files)
    assert selection(facts, "mise", "/work/app").source == "/work/app/mise.local.toml"
    facts = machine("/usr/bin", {k: v for k, v in files.items() if "local" not in k})
    assert selection(facts, "mise", "/work/app").version == "1.22"
    assert selection(facts, "asdf", "/work/app") is None  # asdf-golang's tool is golang, not go


def test_goenv_and_gvm_globals() -> None:
    files = {f"{HOME}/.goenv/version": "1.21.13\n",
             f"{HOME}/.gvm/environments/default": 'export gvm_go_name; gvm_go_name="go1.22.3"\n'}
    facts = machine("/usr/bin", files)
    assert selection(facts, "goenv", "/work/app").version == "1.21.13"
    assert selection(facts, "gvm", "/work/app").bare == "1.22.3"
    assert selection(machine("/usr/bin", files, env={"gvm_go_name": "go1.21.13"}), "gvm", "/work/app").bare == \
        "1.21.13"


@pytest.mark.parametrize(("selected", "running", "same"), [
    ("1.22.3", "1.22.3", True), ("1.22", "1.22.10", True), ("go1.22.3", "1.22.3", True), ("1.22.3", "1.22.10", False),
    ("1.22", "1.23.0", False), ("latest", "1.27.3", False)])
def test_same_release(selected: str, running: str, same: bool) -> None:
    assert same_release(selected, running) is same


def test_the_new_facts_round_trip_through_a_snapshot() -> None:
    from goenv_lsp.inputs.snapshot import dumps, loads

    files = {**ASDF_SHIM, "/work/app/.tool-versions": "golang 1.22.3\n", "/work/app/mise.toml": "[tools]\ngo='1.22'\n"}
    facts = machine(f"/usr/local/bin:{HOME}/.asdf/shims", files, symlinks={"/usr/local/bin/go": "/opt/gone/bin/go"},
                    gos=ASDF)
    again = loads(dumps(facts))
    assert again.version_managers == facts.version_managers and facts.version_managers
    assert [b.links for b in again.go_binaries] == [b.links for b in facts.go_binaries]
    assert again.files == facts.files
    assert describe(again) == describe(facts)
