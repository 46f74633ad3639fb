"""GE630 generator-not-on-path: protoc, its plugins, buf and //go:generate tools the workspace runs, missing
from PATH (in GOBIN / GOPATH/bin, or nowhere)."""

from __future__ import annotations

import subprocess
from pathlib import Path

import goproxy
import pytest
from ge6help import CACHE, codes
from genhelp import BIN, tool, workspace

from goenv_lsp.engine import evaluate
from goenv_lsp.model import Severity
from goenv_lsp.rules.ge6_platform.ge630_generator_not_on_path import check as GE630

PROTOC = tool("protoc", where="/usr/bin")
PROTOC_GEN_GO = tool("protoc-gen-go", "google.golang.org/protobuf/cmd/protoc-gen-go", "v1.36.6")
GEN = {"api/gen.go": "package api\n\n//go:generate protoc --go_out=. --go-grpc_out=. api.proto\n"}
PROTOBUF = "module example.com/app\n\ngo 1.27.3\n\nrequire google.golang.org/protobuf v1.36.6\n"


def test_a_plugin_in_gobin_names_the_directory_and_the_path_line() -> None:
    facts = workspace(PROTOBUF, generate={"gen.go": "package a\n//go:generate protoc --go_out=. a.proto\n"},
                      on_path=(PROTOC,), in_gobin=(PROTOC_GEN_GO,))
    [finding] = evaluate(facts, rules=[GE630])
    assert finding.severity is Severity.WARNING
    assert finding.message.startswith("`protoc --go_out` in a //go:generate line runs protoc-gen-go v1.36.6, which "
                                      f"is in {BIN} (GOPATH/bin), but that directory is not on PATH, so protoc fails "
                                      "with `protoc-gen-go: program not found or is not executable`")
    assert (finding.location.range.start.line, finding.location.range.start.character) == (1, 21)


def test_installed_nowhere_is_information_with_the_pinned_install_command() -> None:
    facts = workspace(PROTOBUF, generate={"gen.go": "package a\n//go:generate protoc --go_out=. a.proto\n"},
                      on_path=(PROTOC,), missing=("protoc-gen-go",))
    [finding] = evaluate(facts, rules=[GE630])
    assert finding.severity is Severity.INFO
    assert "`go install google.golang.org/protobuf/cmd/protoc-gen-go@v1.36.6`" in finding.message


def test_the_module_s_own_command_installs_from_the_workspace() -> None:
    facts = workspace("module golang.org/x/tools\n\ngo 1.27.3\n",
                      generate={"a.go": "package a\n//go:generate stringer -type=A\n"}, missing=("stringer",))
    [finding] = evaluate(facts, rules=[GE630])
    assert "install it with `go install golang.org/x/tools/cmd/stringer` in the module (its own command)" \
        in finding.message


def test_protoc_itself_missing_names_the_compiler_packages() -> None:
    facts = workspace(files={"Makefile": "gen:\n\tprotoc --python_out=. a.proto\n"}, missing=("protoc",))
    [finding] = evaluate(facts, rules=[GE630])
    assert "install the protobuf compiler" in finding.message and finding.location.path.endswith("Makefile")


def test_remote_and_builtin_buf_plugins_need_nothing_local() -> None:
    buf = "version: v2\nplugins:\n  - remote: buf.build/protocolbuffers/go\n    out: gen\n  - protoc_builtin: java\n"
    assert evaluate(workspace(files={"buf.gen.yaml": buf}, on_path=(tool("buf", where="/usr/bin"),)),
                    rules=[GE630]) == []


def test_buf_missing_is_reported_on_the_version_line() -> None:
    [finding] = evaluate(workspace(files={"buf.gen.yaml": "version: v1\nplugins: []\n"}, missing=("buf",)),
                         rules=[GE630])
    assert finding.message.startswith("`buf generate` (buf.gen.yaml) runs buf")
    assert finding.location.range.start.line == 0


def test_unknown_lookups_and_programs_on_path_are_quiet() -> None:
    facts = workspace(generate=GEN, on_path=(PROTOC, PROTOC_GEN_GO, tool("protoc-gen-go-grpc")))
    assert evaluate(facts, rules=[GE630]) == []
    unknown = workspace(generate=GEN)  # the probe looked nothing up: path_commands lacks the names
    assert evaluate(unknown, rules=[GE630]) == []


def test_go_generate_aliases_paths_and_go_are_not_programs() -> None:
    text = ("package a\n//go:generate -command yacc go tool yacc\n//go:generate yacc -o x.go x.y\n"
            "//go:generate ./gen.sh\n//go:generate go run ./cmd/gen\n//go:generate $GOBIN/tool\n")
    facts = workspace(generate={"a.go": text}, missing=("yacc", "./gen.sh", "go"))
    assert evaluate(facts, rules=[GE630]) == []


def test_one_finding_per_program_with_the_other_places_related() -> None:
    facts = workspace(generate={"a.go": "package a\n//go:generate stringer -type=A\n",
                                "b.go": "package a\n//go:generate stringer -type=B\n"}, missing=("stringer",))
    [finding] = evaluate(facts, rules=[GE630])
    assert [r.location.path for r in finding.related] == ["/work/app/b.go"]


# --- real files and toolchain


@pytest.mark.realgo
def test_real_protoc_gen_go_in_gopath_bin(workspace: Path, tmp_path: Path, go127: Path, go_env, check_real) -> None:
    """A real `go install` from a file:// proxy puts protoc-gen-go (with its module version in the build
    information) in ~/go/bin; PATH lacks that directory; .proto, buf.gen.yaml and //go:generate name it."""
    proxy = tmp_path / "proxy"
    main = "package main\n\nfunc main() {}\n"
    goproxy.add_module(proxy, "google.golang.org/protobuf", "v1.36.6", files={"cmd/protoc-gen-go/main.go": main})
    tools = tmp_path / "tools"  # a protoc on PATH (a script: only its name matters here)
    tools.mkdir()
    (tools / "protoc").write_text("#!/bin/sh\nexit 0\n")
    (tools / "protoc").chmod(0o755)
    env = go_env([go127 / "bin", tools], GOPROXY=goproxy.proxy_url(proxy), GONOSUMDB="google.golang.org",
                 GOFLAGS="-mod=mod", GOCACHE=str(CACHE))
    installed = subprocess.run([str(go127 / "bin" / "go"), "install",
                                "google.golang.org/protobuf/cmd/protoc-gen-go@v1.36.6"], cwd=tmp_path, env=env,
                               capture_output=True, text=True, timeout=300)
    assert installed.returncode == 0, installed.stderr
    (workspace / "go.mod").write_text(PROTOBUF)
    (workspace / "api").mkdir()
    (workspace / "api" / "api.proto").write_text('syntax = "proto3";\npackage api;\n')
    (workspace / "api" / "gen.go").write_text("package api\n\n//go:generate protoc --go_out=. api.proto\n")
    (workspace / "buf.gen.yaml").write_text("version: v2\nplugins:\n  - local: protoc-gen-go\n    out: gen\n")
    report = check_real(workspace, env)[1]
    found = sorted((f for f in report["findings"] if f["code"] == "GE630"), key=lambda f: f["range"]["start"]["line"])
    assert [(f["path"], f["range"]["start"], f["severity"]) for f in found] == [
        ("buf.gen.yaml", {"line": 0, "character": 9}, "info"),  # buf itself: installed nowhere
        ("buf.gen.yaml", {"line": 2, "character": 11}, "warning")]  # local: protoc-gen-go
    buf, plugin = found
    assert buf["message"].startswith("`buf generate` (buf.gen.yaml) runs buf, which is neither on PATH nor in")
    assert plugin["message"].startswith(
        "The buf.gen.yaml plugin `protoc-gen-go` runs protoc-gen-go v1.36.6, which is in ~/go/bin (GOPATH/bin), "
        "but that directory is not on PATH, so `buf generate` cannot run it")
    assert [(r["path"], r["range"]["start"]) for r in plugin["related"]] == [
        ("api/gen.go", {"line": 2, "character": 21})]  # the //go:generate protoc --go_out
    assert "GE601" in codes(report)  # the directory as a whole, on the machine anchor
    env["PATH"] = f"{env['GOPATH']}/bin:{env['PATH']}"
    assert [f["message"].split(",")[0] for f in check_real(workspace, env)[1]["findings"] if f["code"] == "GE630"] \
        == ["`buf generate` (buf.gen.yaml) runs buf"]
