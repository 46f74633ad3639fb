"""The .vsix bundles the server (the vscode-python-tools-extension-template convention): both packages are
built as the Makefile does (`make dist`'s wheel, then `npm run package:universal` and `npm run
package:linux-x64`), unzipped into a clean directory, and the server is started from the unzipped
extension/bundled/tool/ with nothing but a Python interpreter: a fresh virtualenv without pip or packages,
alone on PATH. The command line is the one the extension's own code computes (scripts/launch-check.js runs the
bundle's launchPlan and activate() with the stub `vscode`, and checks the launch settings, the Python
extension's interpreter, goenv.server.path, and the refusal of a Python older than the launcher's minimum).

Uses vscode-extension/node_modules like tests/test_vscode_extension.py (same lock file, same stamp).
Timings on the project's machine kind: wheel ≈ 3 s, universal package ≈ 8 s, linux-x64 package ≈ 8 s.
"""

from __future__ import annotations

import ast
import fcntl
import hashlib
import json
import os
import queue
import re
import shutil
import subprocess
import sys
import threading
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
import testbed

import goenv_lsp

ROOT = Path(__file__).resolve().parent.parent
EXT = ROOT / "vscode-extension"
NPM_CACHE = ROOT / ".cache" / "npm"
STAMP = EXT / "node_modules" / ".goenv-lsp-npm-ci"
LOCK = ROOT / ".cache" / "vscode-extension.lock"
LAUNCHER = "extension/bundled/tool/goenv_lsp_server.py"
VERSION = goenv_lsp.__version__
PACKAGES = {"universal": "goenv-lsp.vsix", "linux-x64": "goenv-lsp-linux-x64.vsix"}

NODE, NPM = shutil.which("node"), shutil.which("npm")
pytestmark = [
    pytest.mark.skipif(NODE is None or NPM is None, reason="node and npm are needed to build the .vsix"),
    pytest.mark.timeout(900),
]


def _env(**extra: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(npm_config_cache=str(NPM_CACHE), npm_config_update_notifier="false", npm_config_fund="false",
               npm_config_audit="false", **extra)
    return env


def _run(argv: list[str], cwd: Path, env: dict[str, str], timeout: float = 600) -> float:
    start = time.monotonic()
    proc = subprocess.run(argv, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)
    elapsed = time.monotonic() - start
    assert proc.returncode == 0, f"{' '.join(argv)} failed ({proc.returncode}):\n{(proc.stdout + proc.stderr)[-4000:]}"
    return elapsed


def _stamp() -> str:
    node = subprocess.run([NODE, "--version"], capture_output=True, text=True, check=True).stdout.strip()
    return hashlib.sha256((EXT / "package-lock.json").read_bytes() + node.encode()).hexdigest()


@pytest.fixture(scope="module")
def packages(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Path]]:
    """A copy of the checkout's layout (goenv_lsp/, pyproject.toml, vscode-extension/ with node_modules linked
    in), `make dist`'s wheel in its dist/, then both packages; their paths by target."""
    timings: dict[str, float] = {}
    LOCK.parent.mkdir(parents=True, exist_ok=True)
    with LOCK.open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        bins = [EXT / "node_modules" / ".bin" / name for name in ("tsc", "esbuild", "vsce")]
        if not (STAMP.is_file() and STAMP.read_text() == _stamp() and all(b.exists() for b in bins)):
            NPM_CACHE.mkdir(parents=True, exist_ok=True)
            timings["npm ci"] = _run([NPM, "ci", "--prefer-offline", "--no-audit", "--no-fund"], EXT, _env(), 900)
            STAMP.write_text(_stamp())
        fcntl.flock(lock, fcntl.LOCK_SH)
        root = tmp_path_factory.mktemp("vsix-build")
        for name in ("Makefile", "pyproject.toml", "README.md"):
            shutil.copy2(ROOT / name, root / name)
        shutil.copytree(ROOT / "goenv_lsp", root / "goenv_lsp", ignore=shutil.ignore_patterns("__pycache__"))
        work = root / "vscode-extension"
        shutil.copytree(EXT, work, ignore=shutil.ignore_patterns("node_modules", "dist", "out", "*.vsix", "libs",
                                                                 "__pycache__"))
        (work / "node_modules").symlink_to(EXT / "node_modules", target_is_directory=True)
        timings["make dist"] = _run(["make", "-o", ".cache/venv/.installed", "dist", f"PY={sys.executable}"], root,
                                    _env(PIP_NO_INDEX="1"))
        timings["npm run build"] = _run([NPM, "run", "build"], work, _env())
        # the npm scripts run `python3 scripts/bundle_server.py`: this test run's Python, which has pip
        python_first = _env(PATH=os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")]))
        for target in PACKAGES:
            timings[f"package:{target}"] = _run([NPM, "run", f"package:{target}"], work, python_first)
        sizes = {t: (work / name).stat().st_size for t, name in PACKAGES.items()}
        print("vsix timings:", ", ".join(f"{k} {v:.1f} s" for k, v in timings.items()), file=sys.stderr)
        print("vsix sizes:", ", ".join(f"{k} {v / 1e6:.2f} MB" for k, v in sizes.items()), file=sys.stderr)
        yield {t: work / name for t, name in PACKAGES.items()}


def _names(vsix: Path) -> set[str]:
    with zipfile.ZipFile(vsix) as archive:
        return set(archive.namelist())


def _manifest(vsix: Path) -> str:
    with zipfile.ZipFile(vsix) as archive:
        return archive.read("extension.vsixmanifest").decode()


def _native(names: set[str]) -> list[str]:
    return sorted(n for n in names if n.endswith((".so", ".pyd", ".dylib", ".dll")))


def _bundled_distributions(names: set[str]) -> set[str]:
    found = (re.fullmatch(r"extension/bundled/libs/([^/]+)-[^/-]+\.dist-info/METADATA", n) for n in names)
    return {m.group(1).lower() for m in found if m}


COMMON = {"goenv_lsp", "pygls", "lsprotocol", "cattrs", "attrs", "pathspec", "tomlkit", "bashlex", "pyyaml",
          "dockerfile_parse", "typing_extensions",
          "tomli", "exceptiongroup"}  # the last two: only Python 3.10 needs them, and it must find them


def test_universal_package_is_pure_python(packages: dict[str, Path]) -> None:
    names = _names(packages["universal"])
    assert LAUNCHER in names
    assert "extension/bundled/libs/goenv_lsp/__init__.py" in names
    assert f"extension/bundled/libs/goenv_lsp-{VERSION}.dist-info/METADATA" in names
    assert _bundled_distributions(names) == COMMON
    assert _native(names) == []
    assert not [n for n in names if "__pycache__" in n or n.endswith(".pyc")]
    assert not [n for n in names if n.startswith("extension/bundled/libs/bin/")]
    assert not [n for n in names if n.startswith(("extension/scripts/", "extension/node_modules/", "extension/src/"))]
    assert "TargetPlatform" not in _manifest(packages["universal"])
    assert f'Version="{VERSION}"' in _manifest(packages["universal"])


def test_linux_x64_package_adds_watchfiles(packages: dict[str, Path]) -> None:
    names = _names(packages["linux-x64"])
    assert 'TargetPlatform="linux-x64"' in _manifest(packages["linux-x64"])
    assert _bundled_distributions(names) == COMMON | {"watchfiles", "anyio", "idna"}
    # watchfiles' abi3 build serves every CPython >= 3.10; nothing else is compiled (PyYAML runs its pure code)
    assert _native(names) == ["extension/bundled/libs/watchfiles/_rust_notify.abi3.so"]


def test_launcher_parses_on_old_pythons() -> None:
    """An old Python must reach the launcher's own refusal, not a SyntaxError."""
    source = (EXT / "bundled" / "tool" / "goenv_lsp_server.py").read_text()
    ast.parse(source, feature_version=(3, 4))
    assert not re.search(r"""\bf["']""", source), "no f-strings: Python < 3.6 cannot parse them"


class Lsp:
    """A minimal LSP client over a process's stdio (Content-Length frames)."""

    def __init__(self, proc: subprocess.Popen[bytes]):
        self.proc = proc
        self.messages: queue.Queue[dict] = queue.Queue()
        self.seen: list[dict] = []
        threading.Thread(target=self._read, daemon=True).start()
        self._id = 0

    def _read(self) -> None:
        stdout = self.proc.stdout
        assert stdout is not None
        while True:
            length = None
            while (line := stdout.readline()) not in (b"\r\n", b""):
                name, _, value = line.decode("ascii").partition(":")
                if name.lower() == "content-length":
                    length = int(value)
            if line == b"" or length is None:
                return
            self.messages.put(json.loads(stdout.read(length)))

    def send(self, message: dict) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode()
        assert self.proc.stdin is not None
        self.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.proc.stdin.flush()

    def wait(self, predicate, timeout: float = 60) -> dict:
        end = time.monotonic() + timeout
        while True:
            for message in self.seen:
                if predicate(message):
                    return message
            try:
                self.seen.append(self.messages.get(timeout=max(0.01, end - time.monotonic())))
            except queue.Empty:
                raise AssertionError(f"no such message in {timeout} s; got {self.seen}") from None

    def request(self, method: str, params: object = None) -> dict:
        self._id += 1
        self.send({"id": self._id, "method": method, "params": params})
        current = self._id
        return self.wait(lambda m: m.get("id") == current and "method" not in m)


@pytest.mark.parametrize("target", PACKAGES)
def test_server_starts_from_the_unzipped_vsix_with_only_python(target: str, packages: dict[str, Path],
                                                               tmp_path: Path) -> None:
    unzipped = tmp_path / "vsix"
    with zipfile.ZipFile(packages[target]) as archive:
        archive.extractall(unzipped)
    extension = unzipped / "extension"
    # a Python and nothing else: a virtualenv without pip, of the interpreter this Python was made from
    python = tmp_path / "python"
    subprocess.run([sys._base_executable, "-m", "venv", "--without-pip", python], check=True)
    bare = subprocess.run([python / "bin" / "python3", "-c", "import pygls"], capture_output=True)
    assert bare.returncode != 0, "the interpreter must not have the server's dependencies"

    # what the extension itself would run (its launchPlan and activate(), with python3 from PATH)
    facts_file = tmp_path / "launch.json"
    check = subprocess.run([NODE, str(packages[target].parent / "scripts" / "launch-check.js"),
                            str(extension / "dist" / "extension.js"), str(extension), str(python / "bin"),
                            str(facts_file)], capture_output=True, text=True, timeout=120, env=_env())
    assert check.returncode == 0, check.stdout + check.stderr
    assert re.search(r"^launch: all \d+ checks passed$", check.stdout, re.M), check.stdout
    facts = json.loads(facts_file.read_text())
    assert facts["check"]["bundled"] is True
    assert facts["check"]["watchfiles"] is (target == "linux-x64")
    assert facts["run"]["command"] == str(python / "bin" / "python3")
    assert facts["run"]["args"] == [str(unzipped / LAUNCHER), "--log-level", "warning"]

    ws = tmp_path / "ws"
    ws.mkdir()
    go_mod = ws / "go.mod"
    go_mod.write_text("module example.com/broken\n\ngo 1.22.x\n")
    env = testbed.isolated_env(tmp_path, [python / "bin"], **facts["run"]["env"])
    log = tmp_path / "server.stderr"
    with log.open("wb") as stderr_file:
        proc = subprocess.Popen([facts["run"]["command"], *facts["run"]["args"], "--stdio"], cwd=ws, env=env,
                                stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=stderr_file)
    try:
        lsp = Lsp(proc)
        start = time.monotonic()
        init = lsp.request("initialize", {"processId": os.getpid(), "rootUri": ws.as_uri(), "capabilities": {},
                                          "workspaceFolders": [{"uri": ws.as_uri(), "name": "ws"}]})
        assert init["result"]["serverInfo"]["name"] == "goenv-lsp", init
        assert init["result"]["serverInfo"].get("version") in (None, VERSION), init
        lsp.send({"method": "initialized", "params": {}})
        lsp.send({"method": "textDocument/didOpen", "params": {"textDocument": {
            "uri": go_mod.as_uri(), "languageId": "go.mod", "version": 1, "text": go_mod.read_text()}}})
        published = lsp.wait(lambda m: m.get("method") == "textDocument/publishDiagnostics"
                             and m["params"]["uri"] == go_mod.as_uri()
                             and any(d.get("code") == "GE002" for d in m["params"]["diagnostics"]))
        print(f"{target}: GE002 {time.monotonic() - start:.1f} s after initialize", file=sys.stderr)
        ge002 = next(d for d in published["params"]["diagnostics"] if d["code"] == "GE002")
        assert ge002["range"]["start"]["line"] == 2, ge002
        assert lsp.request("shutdown")["result"] is None
        lsp.send({"method": "exit"})
        assert proc.wait(timeout=30) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.wait()
    stderr = log.read_text(errors="replace")
    # no watchfiles (universal): the server polls and says so once, if its watch started before the shutdown
    warnings = [line for line in stderr.splitlines() if " WARNING " in line]
    assert len(warnings) <= (1 if target == "universal" else 0), stderr
    assert all("watchfiles" in line for line in warnings), stderr
    assert " ERROR " not in stderr, stderr
    assert "Traceback" not in stderr, stderr
