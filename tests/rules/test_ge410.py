"""GE410 private-module-not-private with go 1.27.3: a private requirement not covered by GOPRIVATE is looked up in the
checksum database (here a local stand-in for sum.golang.org that answers 404 as it does for private paths); the
finding sits on the require line and its fix, run as the user would, makes the download succeed."""

from __future__ import annotations

import http.server
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path

import goproxy
import pytest
import testbed

from goenv_lsp.engine import evaluate
from goenv_lsp.model import Range, Severity
from goenv_lsp.rules import by_code

GE410 = by_code("GE410")


@pytest.fixture
def sumdb_404() -> Iterator[str]:
    class NotFound(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(404)
            self.end_headers()
            self.wfile.write(b"not found\n")

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), NotFound)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


@pytest.mark.realgo
def test_lookup_fails_and_the_fix_works(tmp_path: Path, workspace: Path, go127: Path, probe_real,
                                        sumdb_404: str) -> None:
    proxy = tmp_path / "proxy"
    goproxy.add_module(proxy, "git.corp.com/team/lib", "v1.0.0")
    (workspace / "go.mod").write_text("module git.corp.com/team/app\n\ngo 1.27.3\n\n"
                                      "require git.corp.com/team/lib v1.0.0\n")
    go = go127 / "bin" / "go"
    # GONOPROXY=none keeps every module on the file proxy (a private one would be fetched from git.corp.com)
    env = testbed.isolated_env(tmp_path, [go.parent], GOPROXY=goproxy.proxy_url(proxy), GONOPROXY="none",
                               GOSUMDB=f"sum.golang.org {sumdb_404}", GOFLAGS="-mod=mod")

    def download() -> subprocess.CompletedProcess[str]:
        return subprocess.run([str(go), "mod", "download"], cwd=workspace, env=env, capture_output=True, text=True,
                              timeout=60)

    failed = download()
    lookup = "git.corp.com/team/lib@v1.0.0/go.mod: reading {}/lookup/git.corp.com/team/lib@v1.0.0: 404 Not Found"
    assert failed.returncode == 1
    assert failed.stderr.startswith(f"go: git.corp.com/team/lib@v1.0.0: verifying go.mod: {lookup.format(sumdb_404)}")

    [finding] = evaluate(probe_real(workspace, env), rules=[GE410])
    assert finding.severity is Severity.WARNING
    assert (finding.location.path, finding.location.range) == (str(workspace / "go.mod"), Range.of(4, 8, 36))
    assert f"verifying go.mod: {lookup.format('https://sum.golang.org')}" in finding.message
    assert "GOPRIVATE does not cover it" in finding.message
    [fix] = finding.fixes
    assert fix.command.argv == (str(go), "env", "-w", "GOPRIVATE=git.corp.com")
    subprocess.run(fix.command.argv, env=env, check=True, timeout=60)

    assert evaluate(probe_real(workspace, env), rules=[GE410]) == []
    assert download().returncode == 0


def test_public_hosts_in_goenv_lsp_toml() -> None:
    from goenv_lsp.config import Config, parse_toml
    from goenv_lsp.files.project_config import public_hosts_of

    assert public_hosts_of({"private-modules": {"public-hosts": ["Go.Acme.dev"]}}) == ("go.acme.dev",)
    assert public_hosts_of({}) == ()
    assert public_hosts_of({"private-modules": {"public-hosts": "go.acme.dev"}}) is None
    assert parse_toml('[private-modules]\npublic-hosts = ["acme.dev"]\n', "goenv-lsp.toml", Config())[1] == []
    assert parse_toml('[private-modules]\npublic-hosts = ["acme.dev/x"]\n', "goenv-lsp.toml", Config())[1] == [
        'goenv-lsp.toml: private-modules must be a table with public-hosts = ["host", …] (host names)']


@pytest.mark.realgo
def test_a_correctly_configured_private_setup_is_quiet(tmp_path: Path) -> None:
    """GOPRIVATE covers the company host, the company proxy (here a file proxy) serves everything
    (GONOPROXY=none, the documented idiom), checksums stay on for public modules: no GE4 finding at all."""
    import ge4real

    from goenv_lsp.probe import ProbeOptions, collect_sync
    from goenv_lsp.probe.system import RealSystem
    from goenv_lsp.rules import all_rules

    m = ge4real.machine(tmp_path, modules=("git.corp.com/team/lib", "example.com/pub"), GONOSUMDB=None)
    (m.workspace / "go.mod").write_text("module git.corp.com/team/app\n\ngo 1.21\n\nrequire (\n"
                                        "\tgit.corp.com/team/lib v1.0.0\n\texample.com/pub v1.0.0\n)\n")
    testbed.write_goenv(m.env, GOPRIVATE="git.corp.com", GONOPROXY="none", GONOSUMDB="git.corp.com,example.com")
    (Path(m.env["HOME"]) / ".netrc").write_text("machine git.corp.com login me password not-a-real-secret\n")
    (Path(m.env["HOME"]) / ".netrc").chmod(0o600)
    assert m.go_run("mod", "download").returncode == 0
    facts = collect_sync(str(m.workspace), ProbeOptions(), RealSystem(env=m.env, well_known_go=()))
    assert evaluate(facts, rules=[r for r in all_rules() if r.code.startswith("GE4")]) == []
