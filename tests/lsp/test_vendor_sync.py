"""An inconsistent vendor/ in the editor, end to end with a real go: GE501 on the go.mod require line, its quick
fix runs `go mod vendor` through goenv.syncVendor, and the diagnostic goes; the command runs nothing else."""

from __future__ import annotations

import subprocess
from pathlib import Path

import goproxy
import pytest
import testbed
from lsp_harness import codes, quick_fixes, session, wait_for  # type: ignore[import-not-found]
from lsprotocol import types as lsp
from pygls.exceptions import JsonRpcException

pytestmark = pytest.mark.realgo


def go(go_bin: Path, args: list[str], cwd: Path, env: dict[str, str]) -> None:
    subprocess.run([str(go_bin / "go"), *args], cwd=cwd, env=env, check=True, capture_output=True, timeout=180)


async def test_sync_vendor_quick_fix_clears_ge501(tmp_path: Path, go127: Path) -> None:
    proxy = tmp_path / "proxy"
    for version in ("v1.0.0", "v1.1.0"):
        goproxy.add_module(proxy, "example.com/dep", version, files={"dep.go": "package dep\n\nconst V = 1\n"})
    ws = tmp_path / "ws"
    ws.mkdir()
    (ws / "go.mod").write_text("module example.com/app\n\ngo 1.21\n\nrequire example.com/dep v1.0.0\n")
    (ws / "main.go").write_text('package main\n\nimport "example.com/dep"\n\nfunc main() { _ = dep.V }\n')
    env = testbed.isolated_env(tmp_path, [go127 / "bin"], GOPROXY=goproxy.proxy_url(proxy), GONOSUMDB="example.com")
    go(go127 / "bin", ["mod", "tidy"], ws, {**env, "GOFLAGS": "-mod=mod"})
    go(go127 / "bin", ["mod", "vendor"], ws, env)
    go(go127 / "bin", ["get", "example.com/dep@v1.1.0"], ws, {**env, "GOFLAGS": "-mod=mod"})  # vendor/ now stale
    gomod = (ws / "go.mod").as_uri()
    async with session(env, ws) as client:
        diags = await wait_for(client, gomod, lambda d: "GE501" in codes(d))
        ge501 = next(d for d in diags if d.code == "GE501")
        assert ge501.range.start.line == 4  # the require line
        [action] = [a for a in await quick_fixes(client, gomod, ge501) if a.title.startswith("Run `go mod vendor`")]
        assert action.command.command == "goenv.syncVendor"
        spec = action.command.arguments[0]
        for argv in ([spec["argv"][0], "mod", "tidy"], ["/bin/sh", "-c", "true"]):
            with pytest.raises(JsonRpcException):
                await client.workspace_execute_command_async(lsp.ExecuteCommandParams(
                    command="goenv.syncVendor", arguments=[{**spec, "argv": argv}]))
        result = await client.workspace_execute_command_async(lsp.ExecuteCommandParams(
            command=action.command.command, arguments=action.command.arguments))
        assert result == "ran go mod vendor"
        await wait_for(client, gomod, lambda d: "GE501" not in codes(d), timeout=60)
    assert "# example.com/dep v1.1.0" in (ws / "vendor" / "modules.txt").read_text()
