"""tests/goproxy.py is a module proxy the real go command accepts: go mod tidy fetches through it offline."""

from __future__ import annotations

import subprocess
from pathlib import Path

import goproxy
import testbed


def test_real_go_downloads_from_the_file_proxy(tmp_path: Path) -> None:
    proxy = tmp_path / "proxy"
    goproxy.add_module(proxy, "example.com/Upper/lib", "v1.2.0", go_mod="module example.com/Upper/lib\n\ngo 1.22\n")
    goproxy.add_module(proxy, "example.com/Upper/lib", "v1.1.0")
    app = tmp_path / "app"
    app.mkdir()
    (app / "go.mod").write_text("module example.com/app\n\ngo 1.22\n\nrequire example.com/Upper/lib v1.2.0\n")
    (app / "main.go").write_text('package main\n\nimport _ "example.com/Upper/lib"\n\nfunc main() {}\n')
    go = testbed.go_root("1.27.3") / "bin"
    env = testbed.isolated_env(tmp_path, [go], GOPROXY=goproxy.proxy_url(proxy), GONOSUMDB="example.com",
                               GOFLAGS="-mod=mod")
    subprocess.run([str(go / "go"), "mod", "tidy"], cwd=app, env=env, check=True, capture_output=True, timeout=120)
    cached = Path(env["GOMODCACHE"]) / "cache/download/example.com/!upper/lib/@v"
    assert (cached / "v1.2.0.mod").read_text().endswith("go 1.22\n")
    assert "example.com/Upper/lib v1.2.0 h1:" in (app / "go.sum").read_text()
    listed = subprocess.run([str(go / "go"), "list", "-m", "-versions", "example.com/Upper/lib"], cwd=app, env=env,
                            check=True, capture_output=True, text=True, timeout=60).stdout
    assert listed.split() == ["example.com/Upper/lib", "v1.1.0", "v1.2.0"]
