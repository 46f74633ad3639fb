"""The VS Code extension in vscode-extension/: `npm ci` (skipped while node_modules matches the lock file),
`npm run build` (tsc --noEmit + esbuild), `npm run package` (vsce → goenv-lsp.vsix), the stub-`vscode`
smoke test of the bundle (scripts/smoke.js), the bundle's real LanguageClient against the real server
(scripts/e2e.js: workspace trust and settings; the status bar item for a healthy, a broken and a go-less
machine), and the contracts between the extension and the server (the settings it sends, command ids, watched
files, the goenv/status notification).

VS Code itself cannot run here (@vscode/test-electron downloads it, and the download host does not resolve
offline), so this is as far as an offline test gets. Skipped only when node or npm is missing.
Timings on the project's machine kind: npm ci ≈ 20-30 s (once), build ≈ 3-5 s, package ≈ 1.5-2.5 s, smoke < 1 s,
e2e ≈ 2 s.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
import testbed

from goenv_lsp.config import from_mapping
from goenv_lsp.files import watch_globs
from goenv_lsp.files.editors import editor_kinds
from goenv_lsp.lsp import convert
from goenv_lsp.lsp.features import status

ROOT = Path(__file__).resolve().parent.parent
EXT = ROOT / "vscode-extension"
NPM_CACHE = ROOT / ".cache" / "npm"
STAMP = EXT / "node_modules" / ".goenv-lsp-npm-ci"
LOCK = ROOT / ".cache" / "vscode-extension.lock"
PINNED = {
    "dependencies": {"vscode-languageclient": "10.1.2"},
    "devDependencies": {"typescript": "5.9.3", "esbuild": "0.28.2", "@types/vscode": "1.91.0",
                        "@vscode/vsce": "3.9.2", "@types/node": "20.19.43"},
}

NODE, NPM = shutil.which("node"), shutil.which("npm")
pytestmark = pytest.mark.skipif(NODE is None or NPM is None,
                                reason="node and npm are needed to build the VS Code extension and are not on PATH")


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env.update(npm_config_cache=str(NPM_CACHE), npm_config_update_notifier="false", npm_config_fund="false",
               npm_config_audit="false")
    return env


def _npm(cwd: Path, *args: str, timeout: float) -> tuple[str, float]:
    start = time.monotonic()
    proc = subprocess.run([NPM, *args], cwd=cwd, env=_env(), capture_output=True, text=True, timeout=timeout)
    elapsed = time.monotonic() - start
    output = proc.stdout + proc.stderr
    assert proc.returncode == 0, f"npm {' '.join(args)} failed ({proc.returncode}):\n{output[-4000:]}"
    return output, elapsed


def _stamp() -> str:
    """What node_modules was installed from: the lock file and the node version."""
    node = subprocess.run([NODE, "--version"], capture_output=True, text=True, check=True).stdout.strip()
    return hashlib.sha256((EXT / "package-lock.json").read_bytes() + node.encode()).hexdigest()


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """npm ci into vscode-extension/node_modules when the lock file changed, then build and package a private
    copy of the sources (with that node_modules linked in), so that concurrent test runs never race on dist/
    or the .vsix. A lock file serializes `npm ci`; a shared lock keeps node_modules in place while in use."""
    timings: dict[str, float] = {}
    LOCK.parent.mkdir(parents=True, exist_ok=True)
    with LOCK.open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        bins = [EXT / "node_modules" / ".bin" / name for name in ("tsc", "esbuild", "vsce")]
        wanted = _stamp()
        if not (STAMP.is_file() and STAMP.read_text() == wanted and all(b.exists() for b in bins)):
            NPM_CACHE.mkdir(parents=True, exist_ok=True)
            _, timings["npm ci"] = _npm(EXT, "ci", "--prefer-offline", "--no-audit", "--no-fund", timeout=900)
            STAMP.write_text(wanted)
        fcntl.flock(lock, fcntl.LOCK_SH)
        work = tmp_path_factory.mktemp("vscode-extension")
        shutil.copytree(EXT, work, dirs_exist_ok=True,
                        ignore=shutil.ignore_patterns("node_modules", "dist", "out", "*.vsix"))
        (work / "node_modules").symlink_to(EXT / "node_modules", target_is_directory=True)
        _, timings["build"] = _npm(work, "run", "build", timeout=300)
        _, timings["package"] = _npm(work, "run", "package", timeout=300)
        print("vscode-extension timings:", ", ".join(f"{k} {v:.1f} s" for k, v in timings.items()), file=sys.stderr)
        yield work


@pytest.fixture(scope="module")
def smoke(built: Path, tmp_path_factory: pytest.TempPathFactory) -> dict:
    """Runs scripts/smoke.js on the bundle; returns the settings it saw the extension produce."""
    facts = tmp_path_factory.mktemp("vscode-smoke") / "facts.json"
    start = time.monotonic()
    proc = subprocess.run([NODE, "scripts/smoke.js", "dist/extension.js", str(facts)], cwd=built, env=_env(),
                          capture_output=True, text=True, timeout=120)
    print(f"vscode-extension smoke: {time.monotonic() - start:.1f} s", file=sys.stderr)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert re.search(r"^smoke: all \d+ checks passed$", proc.stdout, re.M), proc.stdout
    return json.loads(facts.read_text())


def _go_tree(goroot: Path, real: Path) -> Path:
    """A GOROOT at ``goroot`` whose bin/go is a copy of the real go 1.22.10 (its own file, so its real path is
    there: inside the workspace, it runs only once the workspace is trusted); the rest links to the real tree."""
    go = goroot / "bin" / "go"
    go.parent.mkdir(parents=True)
    shutil.copy2(real / "bin" / "go", go)
    for name in ("pkg", "src", "go.env", "VERSION"):
        (goroot / name).symlink_to(real / name)
    return go


def test_vsix_contents(built: Path) -> None:
    vsix_path = built / "goenv-lsp.vsix"
    assert vsix_path.is_file()
    with zipfile.ZipFile(vsix_path) as vsix:
        names = set(vsix.namelist())
        manifest = json.loads(vsix.read("extension/package.json"))
        bundle = vsix.read("extension/dist/extension.js")
    assert {"extension/dist/extension.js", "extension/package.json", "extension.vsixmanifest",
            "extension/readme.md", "extension/LICENSE.txt"} <= names
    leaked = [n for n in names if n.startswith(("extension/node_modules/", "extension/src/", "extension/scripts/"))
              or n.endswith((".ts", ".map", ".vsix"))]
    assert leaked == []
    assert manifest["name"] == "goenv-lsp-vscode"
    assert manifest["publisher"] == "goenv-lsp"
    assert manifest["engines"]["vscode"] == "^1.91.0"
    assert manifest["main"] == "./dist/extension.js"
    # one self-contained bundle: only `vscode` is left to the host
    assert b'require("vscode")' in bundle
    assert b'require("vscode-languageclient' not in bundle


def test_smoke_script(smoke: dict) -> None:
    assert smoke["initializationOptions"]["trusted"] is False
    assert smoke["configuration"]["trusted"] is False


def test_server_accepts_the_settings_the_extension_sends(smoke: dict) -> None:
    """The initializationOptions and the `goenv` section (package.json defaults + a workspace ignore) must
    pass goenv_lsp.config without a single "unknown setting" or bad-value problem."""
    config, problems = from_mapping(smoke["initializationOptions"], "initializationOptions")
    config, more = from_mapping(smoke["configuration"], "settings goenv", config)
    assert problems + more == []
    assert config.trusted is False
    assert config.ignore == ("GE120",)
    assert config.probe_timeout == 5.0
    assert config.editor_settings == {"go.goroot": "/usr/local/go", "go.alternateTools.go": "/opt/go/bin/go"}


def test_contributions_match_the_server() -> None:
    package = json.loads((EXT / "package.json").read_text())
    contributed = {c["command"] for c in package["contributes"]["commands"]}
    # goenv.refresh/goenv.report are the server's commands: languageclient registers them when the server
    # starts, and the extension's middleware adds the UI (the report preview, the "N problems" message)
    assert {convert.CMD_REFRESH, convert.CMD_REPORT} <= set(convert.COMMANDS)
    assert contributed == {convert.CMD_REFRESH, convert.CMD_REPORT, "goenv.restartServer"}
    assert "goenv.restartServer" not in convert.COMMANDS
    # the document selector covers every file the server watches and reads from unsaved buffers: by VS Code's
    # language id where it has one, else by the glob
    source = (EXT / "src" / "extension.ts").read_text()
    for file_kind in editor_kinds():
        if file_kind.editor.vscode_language:
            assert f'language: "{file_kind.editor.vscode_language}"' in source, file_kind.name
        else:
            for glob in file_kind.globs:
                assert f'pattern: "{glob}"' in source, glob
    assert set(watch_globs()) <= {g for k in editor_kinds() for g in k.globs}
    settings = {k.removeprefix("goenv.") for k in package["contributes"]["configuration"]["properties"]}
    server_side = {s for s in settings if not s.startswith(("server.", "trace."))}
    assert server_side == {"select", "ignore", "severity", "probeTimeout"}
    _, problems = from_mapping({s: package["contributes"]["configuration"]["properties"][f"goenv.{s}"]["default"]
                                for s in server_side}, "defaults")
    assert problems == []


def test_status_notification_contract() -> None:
    """status.ts listens for the method the server sends, announces the capability the server looks for, and
    reads the fields the server fills."""
    source = (EXT / "src" / "status.ts").read_text()
    assert f'STATUS_METHOD = "{status.METHOD}"' in source
    assert f'STATUS_CAPABILITY = "{status.CAPABILITY}"' in source
    interface = re.search(r"export interface FolderStatus \{(.*?)\n\}", source, re.S)
    assert interface is not None
    fields = set(re.findall(r"^  (\w+):", interface.group(1), re.M))
    assert fields == {"uri", "state", "goVersion", "goPath", "problems", "summary"}
    states = re.search(r"export type FolderState = (.*);", source)
    assert states is not None and set(re.findall(r'"([a-z-]+)"', states.group(1))) == {
        "probing", "ok", "problems", "no-go", "error"}
    assert set(re.findall(r'"(probing|ok|problems|no-go|error)"', Path(status.__file__).read_text())) == {
        "probing", "ok", "problems", "no-go", "error"}


def test_pinned_versions_and_lock_file() -> None:
    package = json.loads((EXT / "package.json").read_text())
    lock = json.loads((EXT / "package-lock.json").read_text())
    for section, pins in PINNED.items():
        assert package[section] == pins, section
        for name, version in pins.items():
            assert lock["packages"][f"node_modules/{name}"]["version"] == version, name
    assert lock["packages"][""]["dependencies"] == PINNED["dependencies"]
    assert lock["packages"][""]["devDependencies"] == PINNED["devDependencies"]


def test_build_outputs_are_not_committed() -> None:
    git = shutil.which("git")
    if git is None or not (ROOT / ".git").exists():
        pytest.skip("not a git checkout")
    for path in ("node_modules", "dist/extension.js", "goenv-lsp.vsix", "out/extension.js"):
        proc = subprocess.run([git, "check-ignore", "-q", f"vscode-extension/{path}"], cwd=ROOT)
        assert proc.returncode == 0, f"vscode-extension/{path} is not git-ignored"
    for path in ("package-lock.json", "src/extension.ts", "scripts/smoke.js", ".vscodeignore"):
        proc = subprocess.run([git, "check-ignore", "-q", f"vscode-extension/{path}"], cwd=ROOT)
        assert proc.returncode == 1, f"vscode-extension/{path} must be committed"


def test_end_to_end_with_the_real_server(built: Path, tmp_path: Path, go122: Path) -> None:
    """scripts/e2e.js: the bundle's real LanguageClient drives `python -m goenv_lsp --stdio` (started through
    goenv.server.command/args): diagnostics, workspace trust (a go inside the workspace runs only once trust is
    granted), the user-level go.alternateTools reaching the server, the report preview, goenv.refresh, a bad
    setting reported by the server, the log levels (goenv.server.logLevel info), shutdown."""
    workspace = tmp_path / "ws"
    (workspace / ".vscode").mkdir(parents=True)
    (workspace / "go.mod").write_text("module example.com/e2e\n\ngo 1.22\n")
    _go_tree(workspace / "goroot", go122)
    (workspace / ".vscode" / "settings.json").write_text(json.dumps({"go.goroot": str(workspace / "goroot")}))
    user_go = _go_tree(tmp_path / "usergo", go122)
    home = tmp_path / "home"
    home.mkdir()
    env = {"PATH": str(testbed.host_bin()), "HOME": str(home), "LANG": "C.UTF-8", "PYTHONPATH": str(ROOT)}
    start = time.monotonic()
    proc = subprocess.run([NODE, "scripts/e2e.js", "dist/extension.js", str(workspace), str(user_go),
                           sys.executable, "-m", "goenv_lsp"], cwd=built, env=env, capture_output=True, text=True,
                          timeout=180)
    print(f"vscode-extension e2e: {time.monotonic() - start:.1f} s", file=sys.stderr)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert re.search(r"^e2e: all \d+ checks passed$", proc.stdout, re.M), proc.stdout


def _healthy_machine() -> str:
    sys.path.append(str(ROOT / "tests" / "lsp"))  # the LSP tests' recorded machines
    from lsp_harness import HEALTHY_MACHINE  # type: ignore[import-not-found]

    return HEALTHY_MACHINE


def _status_e2e(built: Path, workspace: Path, expected: dict, env: dict[str, str], *server_args: str) -> str:
    start = time.monotonic()
    proc = subprocess.run([NODE, "scripts/e2e.js", "dist/extension.js", "status", str(workspace), json.dumps(expected),
                           sys.executable, "-m", "goenv_lsp", *server_args], cwd=built,
                          env={**env, "PYTHONPATH": str(ROOT), "LANG": "C.UTF-8"}, capture_output=True, text=True,
                          timeout=180)
    print(f"vscode-extension status e2e ({expected['text']}): {time.monotonic() - start:.1f} s", file=sys.stderr)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert re.search(r"^e2e: all \d+ checks passed$", proc.stdout, re.M), proc.stdout
    return proc.stdout


def _go_module(workspace: Path, go_line: str) -> Path:
    workspace.mkdir(parents=True)
    (workspace / "go.mod").write_text(f"module example.com/ws\n\ngo {go_line}\n")
    return workspace


def test_status_item_healthy(built: Path, tmp_path: Path) -> None:
    """A recorded machine (FakeSystem) with go 1.27.3 and gopls on PATH: "Go 1.27.3 ✓"."""
    workspace = _go_module(tmp_path / "ws", "1.27.3")
    (tmp_path / "home").mkdir()
    machine = tmp_path / "machine.toml"
    machine.write_text(_healthy_machine().replace("@HOME@", str(tmp_path / "home")).replace("@TMP@", str(tmp_path)))
    env = {"PATH": str(testbed.host_bin()), "HOME": str(tmp_path / "home")}
    _status_e2e(built, workspace, {"text": "Go 1.27.3 ✓", "codes": []}, env, "--test-system", str(machine))


def test_status_item_broken(built: Path, tmp_path: Path, go122: Path) -> None:
    """The real go 1.22.10 with switching off under a go.mod asking for 1.27.3 (GE110), no gopls (GE120)."""
    workspace = _go_module(tmp_path / "ws", "1.27.3")
    env = testbed.isolated_env(tmp_path, [go122 / "bin"], GOTOOLCHAIN="local")
    _status_e2e(built, workspace, {"text": "Go env: 2 problems", "codes": ["GE110", "GE120"]}, env,
                "--test-no-well-known")


def test_status_item_no_go(built: Path, tmp_path: Path) -> None:
    """No go on PATH (and none looked for in the well-known places): "Go: not found"."""
    workspace = _go_module(tmp_path / "ws", "1.27.3")
    env = testbed.isolated_env(tmp_path, [])
    _status_e2e(built, workspace, {"text": "Go: not found", "codes": ["GE101", "GE120"]}, env, "--test-no-well-known")
