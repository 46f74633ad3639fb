"""GE632 generator-built-with-old-go: package-loading generators that //go:generate or a Makefile runs, built
with a Go older than the module's go line."""

from __future__ import annotations

import subprocess
from pathlib import Path

import goproxy
import pytest
from ge6help import CACHE
from genhelp import tool, workspace

from goenv_lsp.engine import evaluate
from goenv_lsp.rules.ge6_platform.ge632_generator_built_with_old_go import check as GE632

STRINGER = "golang.org/x/tools/cmd/stringer"
KIND = {"kind.go": "package app\n\n//go:generate stringer -type=Kind\ntype Kind int\n"}


def stringer(go: str, version: str = "v0.30.0"):
    return tool("stringer", STRINGER, version, go)


def test_built_with_an_older_go_than_the_go_line() -> None:
    [finding] = evaluate(workspace(generate=KIND, on_path=(stringer("go1.22.10"),)), rules=[GE632])
    assert "built with go1.22.10, older than this module's go 1.27.3" in finding.message
    assert "`package requires newer Go version go1.27`" in finding.message
    assert finding.message.endswith("reinstall it with the go that runs (go1.27.3): "
                                    "`go install golang.org/x/tools/cmd/stringer@v0.30.0`")
    assert (finding.location.range.start.line, finding.location.range.start.character) == (2, 14)


def test_go_1_24_and_later_builds_name_themselves_in_the_error() -> None:
    [finding] = evaluate(workspace(generate=KIND, on_path=(stringer("go1.24.11"),)), rules=[GE632])
    assert "`package requires newer Go version go1.27 (application built with go1.24)`" in finding.message


def test_same_language_version_other_tools_and_unknown_builds_are_quiet() -> None:
    assert evaluate(workspace(generate=KIND, on_path=(stringer("go1.27.0"),)), rules=[GE632]) == []
    other = tool("stringer", "example.com/not/a/loader", "v1.0.0", "go1.20")
    assert evaluate(workspace(generate=KIND, on_path=(other,)), rules=[GE632]) == []
    unknown = tool("stringer", STRINGER, "v0.30.0", go="")
    assert evaluate(workspace(generate=KIND, on_path=(unknown,)), rules=[GE632]) == []


def test_a_makefile_recipe_after_cd() -> None:
    wire = tool("wire", "github.com/google/wire/cmd/wire", "v0.6.0", "go1.21.13")
    facts = workspace(files={"Makefile": "gen:\n\tcd cmd && wire gen ./...\n"}, on_path=(wire,))
    [finding] = evaluate(facts, rules=[GE632])
    assert finding.location.path.endswith("Makefile") and finding.location.range.start.character == 11


# --- real toolchains

# what go/packages does (golang.org/x/tools v0.12.0 and later): type-check with the module's go line
CHECKER = """package main

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"os"
	"strings"
)

func main() {
	data, _ := os.ReadFile("go.mod")
	goLine := ""
	for _, line := range strings.Split(string(data), "\\n") {
		if strings.HasPrefix(line, "go ") {
			goLine = strings.TrimSpace(line[3:])
		}
	}
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "kind.go", nil, 0)
	if err == nil {
		_, err = (&types.Config{GoVersion: "go" + goLine}).Check("app", fset, []*ast.File{f}, nil)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "stringer:", err)
		os.Exit(1)
	}
}
"""


@pytest.mark.realgo
def test_real_tool_built_with_go_1_22_stops_on_a_go_1_27_module(workspace: Path, tmp_path: Path, go122: Path,
                                                                  go127: Path, go_env, check_real) -> None:
    proxy = tmp_path / "proxy"
    goproxy.add_module(proxy, "golang.org/x/tools", "v0.30.0", files={"cmd/stringer/main.go": CHECKER})
    env = go_env([go127 / "bin"], GOPROXY=goproxy.proxy_url(proxy), GONOSUMDB="golang.org", GOCACHE=str(CACHE))
    env["PATH"] = f"{env['GOPATH']}/bin:{env['PATH']}"
    installed = subprocess.run([str(go122 / "bin" / "go"), "install", f"{STRINGER}@v0.30.0"], cwd=tmp_path, env=env,
                               capture_output=True, text=True, timeout=300)
    assert installed.returncode == 0, installed.stderr
    (workspace / "kind.go").write_text(KIND["kind.go"])
    generate = subprocess.run([str(go127 / "bin" / "go"), "generate", "./..."], cwd=workspace, env=env,
                              capture_output=True, text=True, timeout=300)
    assert generate.returncode != 0 and "package requires newer Go version go1.27" in generate.stderr

    [finding] = [f for f in check_real(workspace, env)[1]["findings"] if f["code"] == "GE632"]
    assert finding["path"] == "kind.go" and finding["range"]["start"] == {"line": 2, "character": 14}
    assert "`package requires newer Go version go1.27`" in finding["message"]
    install = finding["message"].rsplit("`", 2)[1]
    assert install == f"go install {STRINGER}@v0.30.0"
    again = subprocess.run([str(go127 / "bin" / "go"), *install.split()[1:]], cwd=tmp_path, env=env,
                           capture_output=True, text=True, timeout=300)
    assert again.returncode == 0, again.stderr
    assert subprocess.run([str(go127 / "bin" / "go"), "generate", "./..."], cwd=workspace, env=env,
                          capture_output=True, text=True, timeout=300).returncode == 0
    assert not [f for f in check_real(workspace, env)[1]["findings"] if f["code"] == "GE632"]
