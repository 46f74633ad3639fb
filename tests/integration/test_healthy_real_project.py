"""A healthy project on a real toolchain gives no finding from any stable rule: the guard against false alarms.

The machine is what a well-configured team member has: go 1.27.3 first on PATH with the default
GOTOOLCHAIN=auto from its go.env, a gopls v0.23.0 built with it in ~/go/bin (on PATH), the team's settings
written with `go env -w` — a company module proxy that serves public and private modules
(`GOPROXY=<proxy>`, `GOPRIVATE=git.corp.example.com` so private paths skip the checksum database,
`GONOPROXY=none` so they still go through that proxy, as `go help module-private` describes), `GOFLAGS=-mod=readonly`
— and a module whose dependencies (a case-escaped path, a module with its own requirements, a private module,
a private module replaced by a sibling checkout) are downloaded into the module cache, with a complete go.sum:
`go build` passes offline. The full probe runs (RealSystem, this environment) and every stable rule is evaluated.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import goproxy
import pytest
import testbed

from goenv_lsp.engine import evaluate
from goenv_lsp.facts import Status
from goenv_lsp.probe import ProbeOptions, collect_sync
from goenv_lsp.probe.system import RealSystem
from goenv_lsp.rules import by_code

pytestmark = pytest.mark.realgo

UPPER = "example.com/Upper/lib"  # cached as example.com/!upper/lib
UTIL = "example.org/util"
PRIVATE = "git.corp.example.com/team/lib"
TOOLS = "git.corp.example.com/team/tools"


def go(gobin: Path, args: list[str], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess:
    ran = subprocess.run([str(gobin / "go"), *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=120)
    assert ran.returncode == 0, f"go {' '.join(args)}: {ran.stderr}"
    return ran


@pytest.fixture(scope="module")
def build_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The GOCACHE of the gopls build and of the project's: the standard library is compiled once."""
    return tmp_path_factory.mktemp("healthy-gocache")


@pytest.fixture(scope="module")
def gopls(go127: Path, tmp_path_factory: pytest.TempPathFactory, build_cache: Path) -> Path:
    return testbed.build_stub_gopls(go127, tmp_path_factory.mktemp("healthy-gopls"), "v0.23.0", build_cache)


def company_proxy(proxy: Path) -> None:
    goproxy.add_module(proxy, UPPER, "v1.1.0", go_mod=f"module {UPPER}\n\ngo 1.21\n")
    goproxy.add_module(proxy, UPPER, "v1.2.0", go_mod=f"module {UPPER}\n\ngo 1.22.0\n")
    goproxy.add_module(proxy, UTIL, "v0.3.0", go_mod=f"module {UTIL}\n\ngo 1.22.0\n\nrequire {UPPER} v1.1.0\n",
                       files={"util.go": f'package util\n\nimport _ "{UPPER}"\n'})
    goproxy.add_module(proxy, PRIVATE, "v1.0.0", go_mod=f"module {PRIVATE}\n\ngo 1.24.0\n")


def test_healthy_project_has_no_findings(tmp_path: Path, go127: Path, gopls: Path, build_cache: Path) -> None:
    proxy = tmp_path / "proxy"
    company_proxy(proxy)
    tools = tmp_path / "tools"  # a sibling checkout of the team's tools module
    tools.mkdir()
    (tools / "go.mod").write_text(f"module {TOOLS}\n\ngo 1.25.0\n")
    (tools / "tools.go").write_text("package tools\n\nconst Name = \"tools\"\n")
    app = tmp_path / "app"
    app.mkdir()
    (app / "go.mod").write_text(f"module example.com/app\n\ngo 1.27.3\n\nrequire (\n\t{UPPER} v1.2.0\n\t{UTIL} v0.3.0\n"
                                f"\t{PRIVATE} v1.0.0\n\t{TOOLS} v0.0.0\n)\n\nreplace {TOOLS} => ../tools\n")
    (app / "main.go").write_text(f'package main\n\nimport (\n\t_ "{UPPER}"\n\t_ "{UTIL}"\n\t_ "{PRIVATE}"\n'
                                 f'\t_ "{TOOLS}"\n)\n\nfunc main() {{}}\n')
    home_bin = tmp_path / "home" / "go" / "bin"
    home_bin.mkdir(parents=True)
    (home_bin / "gopls").symlink_to(gopls)
    env = testbed.isolated_env(tmp_path, [go127 / "bin", home_bin], GOTOOLCHAIN=None, GOPROXY=None,
                               GOCACHE=build_cache)
    gobin = go127 / "bin"
    for setting in (f"GOPROXY={goproxy.proxy_url(proxy)}", "GOPRIVATE=git.corp.example.com", "GONOPROXY=none",
                    "GOFLAGS=-mod=readonly"):
        go(gobin, ["env", "-w", setting], app, env)
    # the fake public modules are in no checksum database: only the first download skips it, as a mirror would
    go(gobin, ["mod", "tidy"], app, {**env, "GONOSUMDB": "example.com,example.org,git.corp.example.com"})
    assert (app / "go.mod").read_text().count("// indirect") == 0 and (app / "go.sum").is_file()
    assert f"{UPPER} v1.2.0 h1:" in (app / "go.sum").read_text()
    offline = {**env, "GOPROXY": "off"}  # the build needs nothing beyond the module cache and go.sum
    go(gobin, ["build", "./..."], app, offline)

    facts = collect_sync(str(app), ProbeOptions(), RealSystem(env=env, well_known_go=()))
    cached = {r.path: (r.status, r.local) for r in facts.module_cache[str(app / "go.mod")].requirements}
    assert cached == {UPPER: (Status.OK, False), UTIL: (Status.OK, False), PRIVATE: (Status.OK, False),
                      TOOLS: (None, True)}
    assert [(g.module_version, g.built_with) for g in facts.gopls] == [("v0.23.0", "go1.27.3")]
    offline_facts = collect_sync(str(app), ProbeOptions(), RealSystem(env=offline, well_known_go=()))
    assert evaluate(offline_facts, rules=[by_code("GE130"), by_code("GE131")]) == []  # all cached: offline is fine
    findings = evaluate(facts)
    assert findings == [], "\n".join(f"{f.code} {f.severity.value} {f.location.path}:{f.location.range.start.line + 1}"
                                     f": {f.message}" for f in findings)
