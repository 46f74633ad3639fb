"""GE130 in the editor, on real go 1.22.10: a cached dependency whose go line is newer than the local toolchain is
a diagnostic on its require line in go.mod; the quick fix (go.mod and go.sum edits) makes `go build` pass and the
diagnostic goes away."""

from __future__ import annotations

import subprocess
from pathlib import Path

import goproxy
import pytest
import testbed
from lsp_harness import apply_edits, codes, open_document, quick_fixes, session, wait_for  # type: ignore
from lsprotocol import types as lsp

pytestmark = pytest.mark.realgo

DEP = "example.com/Dep"


def go(gobin: Path, args: list[str], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run([str(gobin / "go"), *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=120)


async def test_quick_fix_on_the_require_line(tmp_path: Path, go122: Path, go127: Path) -> None:
    proxy = tmp_path / "proxy"
    goproxy.add_module(proxy, DEP, "v1.0.0", go_mod=f"module {DEP}\n\ngo 1.21\n")
    goproxy.add_module(proxy, DEP, "v1.1.0", go_mod=f"module {DEP}\n\ngo 1.23.0\n")
    ws = tmp_path / "ws"
    ws.mkdir()
    (ws / "app.go").write_text(f'package app\n\nimport _ "{DEP}"\n')
    text = f"module example.com/app\n\ngo 1.22\n\nrequire {DEP} v1.1.0\n"
    newer = testbed.isolated_env(tmp_path, [go127 / "bin"], GOPROXY=goproxy.proxy_url(proxy), GONOSUMDB="example.com")
    (ws / "go.mod").write_text(text)
    for version in ("v1.0.0", "v1.1.0"):
        assert go(go127 / "bin", ["mod", "download", f"{DEP}@{version}"], ws, newer).returncode == 0
    assert go(go127 / "bin", ["mod", "tidy"], ws, newer).returncode == 0
    (ws / "go.mod").write_text(text)  # as after `go get -u` with a newer Go: go 1.22 still, v1.1.0 required
    env = testbed.isolated_env(tmp_path, [go122 / "bin"], GONOSUMDB="example.com")
    assert "requires go >= 1.23.0 (running go 1.22.10; GOTOOLCHAIN=local)" in go(go122 / "bin", ["build", "./..."],
                                                                                 ws, env).stderr
    async with session(env, ws) as client:
        uri = open_document(client, ws / "go.mod", "go.mod")
        diags = await wait_for(client, uri, lambda d: "GE130" in codes(d), timeout=60)
        ge130 = next(d for d in diags if d.code == "GE130")
        assert (ge130.range.start.line, ge130.range.start.character, ge130.severity) == (
            4, 24, lsp.DiagnosticSeverity.Error)
        [action] = [a for a in await quick_fixes(client, uri, ge130) if a.title.startswith("Require v1.0.0")]
        if action.edit is None:
            action = await client.code_action_resolve_async(action)
        changes = action.edit.changes
        assert set(changes) == {uri, (ws / "go.sum").as_uri()}
        (ws / "go.sum").write_text(apply_edits((ws / "go.sum").read_text(), changes[(ws / "go.sum").as_uri()]))
        fixed = apply_edits(text, changes[uri])
        (ws / "go.mod").write_text(fixed)  # the editor applies the edit and the user saves
        client.text_document_did_change(lsp.DidChangeTextDocumentParams(
            lsp.VersionedTextDocumentIdentifier(uri=uri, version=2), [lsp.TextDocumentContentChangeWholeDocument(
                text=fixed)]))
        await wait_for(client, uri, lambda d: "GE130" not in codes(d), timeout=60)
    built = go(go122 / "bin", ["build", "./..."], ws, env)
    assert (built.returncode, built.stderr) == (0, "")
