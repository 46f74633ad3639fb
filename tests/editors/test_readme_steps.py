"""editors/README.md's Install and Verify steps, run as a new user runs them.

Every fenced block whose info string carries ``goenv-test:NAME`` is a step: ``sh`` blocks run with ``sh -c`` (the
install steps in the checkout, as the README says), ``lua``/``elisp`` blocks are appended to the file their
first-line comment names, and the ``…-verify-commands`` blocks are typed into the editor the ``…-verify`` step
starts. All under a scratch HOME whose PATH holds a ``goenv-lsp`` (the installed console script), the real
Go 1.22 and nothing of the host's. Helix cannot be installed here: its installed languages.toml is parsed and
the command it names is started and spoken to over stdio, as are LSP4IJ's template command and option files.
"""

from __future__ import annotations

import asyncio
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import testbed
from editor_harness import EDITORS, HERE, REPO  # type: ignore[import-not-found]

sys.path.append(str(HERE.parent / "lsp"))  # raw_lsp, as tests/lsp imports it
from raw_lsp import RawClient  # type: ignore[import-not-found]

if sys.version_info >= (3, 11):
    import tomllib
else:
    import tomli as tomllib

pytestmark = [pytest.mark.realgo]
README = EDITORS / "README.md"
BLOCK = re.compile(r"^```(\w+) goenv-test:(\S+)\n(.*?)^```$", re.M | re.S)
TARGET = re.compile(r"(?:--|;;) ~/(\S+)\n")  # the first line of a file block: the file it goes in
GO_MOD = "module try\n\ngo 1.99\n"  # one word, as `go mod init try` writes: Neovim 0.7 takes it for RAPID
GE110 = "go.mod requires go >= 1.99 (running go 1.22.10; GOTOOLCHAIN=local)"


def read_steps() -> dict[str, str]:
    steps: dict[str, str] = {}
    for _, name, body in BLOCK.findall(README.read_text(encoding="utf-8")):
        assert name not in steps, f"two README blocks named goenv-test:{name}"
        steps[name] = body
    return steps


STEPS = read_steps()


class User:
    """A scratch HOME, the PATH a user has after installing goenv-lsp, and the steps run there."""

    def __init__(self, tmp: Path, go_root: Path):
        self.bin = tmp / "bin"
        self.bin.mkdir()
        (self.bin / "goenv-lsp").symlink_to(goenv_lsp_script(tmp))
        # GOTOOLCHAIN as Go's own default (auto): the README's commands say GOTOOLCHAIN=local themselves
        self.env = testbed.isolated_env(tmp, [self.bin, go_root / "bin"], GOTOOLCHAIN=None)
        self.home = Path(self.env["HOME"])
        self.env |= {"XDG_DATA_HOME": str(self.home / ".local/share"),
                     "XDG_STATE_HOME": str(self.home / ".local/state")}
        self.out = tmp / "verify.json"
        self.module = self.home / "goenv-try"

    def sh(self, name: str, cwd: Path = REPO, **env: str) -> subprocess.CompletedProcess[str]:
        proc = subprocess.run(["sh", "-c", STEPS[name]], cwd=cwd, env={**self.env, **env}, capture_output=True,
                              text=True, timeout=90)
        print(f"$ {STEPS[name]}{proc.stdout}{proc.stderr}")
        return proc

    def install(self, name: str) -> None:
        proc = self.sh(name)
        assert proc.returncode == 0, proc.stderr

    def append_to_file(self, name: str) -> Path:
        body = STEPS[name]
        target = TARGET.match(body)
        assert target, f"goenv-test:{name} does not start with a comment naming its file"
        path = self.home / target.group(1)
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("a") as fh:
            fh.write(body)
        return path

    def shim(self, name: str, argv: list[str | Path]) -> None:
        """``name`` on PATH runs ``argv`` plus the user's arguments (the real editor, headless)."""
        script = self.bin / name
        script.write_text("#!/bin/sh\nexec timeout -k 2 40 " + " ".join(shlex.quote(str(a)) for a in argv) + ' "$@"\n')
        script.chmod(0o755)

    def verify(self, editor: str) -> dict:
        """Run the ``EDITOR-verify`` step with the ``EDITOR-verify-commands`` typed in; what the editor showed."""
        commands = [line.strip() for line in STEPS[f"{editor}-verify-commands"].splitlines() if line.strip()]
        proc = self.sh(f"{editor}-verify", GOENV_TEST_COMMANDS=json.dumps(commands), GOENV_TEST_OUT=str(self.out))
        result = json.loads(self.out.read_text()) if self.out.exists() else {"error": "the editor wrote nothing"}
        logs = "".join(f"\n{log}:\n{log.read_text()[-2000:]}" for log in self.home.rglob("lsp.log"))  # Neovim's
        assert proc.returncode == 0 and not result.get("error"), (proc.returncode, result, proc.stderr[-3000:], logs)
        assert [s["command"] for s in result["steps"]] == commands
        print(f"{editor}: the diagnostic was shown {result.get('waited_ms')} ms after the file was opened")
        return result


def goenv_lsp_script(tmp: Path) -> Path:
    """The `goenv-lsp` console script of this Python's installation (or, without one, an equivalent shim)."""
    script = Path(sys.executable).with_name("goenv-lsp")
    if script.is_file():
        return script
    shim = tmp / "goenv-lsp-shim"
    shim.write_text(f"#!/bin/sh\nPYTHONPATH={shlex.quote(str(REPO))} exec {shlex.quote(sys.executable)} "
                    '-m goenv_lsp "$@"\n')
    shim.chmod(0o755)
    return shim


@pytest.fixture
def user(tmp_path: Path, go122: Path) -> User:
    user = User(tmp_path, go122)
    proc = user.sh("try-module")
    assert proc.returncode == 1, proc.stderr  # one finding at warning or above: exit 1
    assert (user.module / "go.mod").read_text() == GO_MOD
    assert f"go.mod:3:4: GE110 {GE110}" in proc.stdout
    return user


@pytest.fixture(scope="session")
def emacs_go_mode() -> Path:
    try:
        return testbed.emacs_go_mode()
    except testbed.TestbedError as exc:
        pytest.fail(f"editor install failed: {exc}", pytrace=False)


def test_every_marked_step_is_run() -> None:
    editors = ("nvim-0.11", "nvim-0.7", "emacs")
    expected = {"server-verify", "try-module", "helix-install"}
    expected |= {f"{e}-{step}" for e in editors for step in ("install", "init", "verify", "verify-commands")}
    assert set(STEPS) == expected


def test_server_on_path(tmp_path: Path, go122: Path) -> None:
    proc = User(tmp_path, go122).sh("server-verify")
    assert proc.returncode == 0 and re.fullmatch(r"goenv-lsp \d+\.\d+\S*\n", proc.stdout), proc


def one_step(result: dict, command: str) -> dict:
    (step,) = [s for s in result["steps"] if s["command"].startswith(command)]
    return step


@pytest.mark.editor
@pytest.mark.parametrize(("version", "fixture"), [("0.11", "pip_nvim"), ("0.7", "debian_nvim")])
def test_neovim(version: str, fixture: str, request: pytest.FixtureRequest, user: User) -> None:
    user.install(f"nvim-{version}-install")
    init = user.append_to_file(f"nvim-{version}-init")
    assert init == user.home / ".config/nvim/init.lua"
    user.shim("nvim", [request.getfixturevalue(fixture), "--headless", "-c", f"luafile {HERE / 'readme_verify.lua'}"])
    result = user.verify(f"nvim-{version}")
    assert (result["file"], result["filetype"], result["shown"]) == (str(user.module / "go.mod"), "gomod", True)
    loclist = one_step(result, ":lua vim.diagnostic.setloclist()")["lines"]
    (line,) = [line for line in loclist if "1.99" in line]
    assert re.match(r"go\.mod\|3 col 4(-8)? error\| " + re.escape(GE110), line), loclist  # 0.11 adds the end column
    if version == "0.11":
        health = "\n".join(one_step(result, ":checkhealth vim.lsp")["lines"])
        active = health.split("vim.lsp: Active Clients", 1)[1].split("vim.lsp:", 1)[0]
        assert "goenv_lsp (id: 1)" in active and "Root directory: ~/goenv-try" in active, active
        assert 'Command: { "goenv-lsp", "--stdio" }' in active, active
        assert "goenv_lsp:" in health.split("vim.lsp: Enabled Configurations", 1)[1]
    else:
        clients = one_step(result, ":lua for _, c in ipairs(vim.lsp.get_active_clients())")["output"]
        assert clients.split() == ["goenv_lsp", str(user.module)]


@pytest.mark.editor
@pytest.mark.parametrize("packages", ["go-mode", "none"])
def test_emacs(packages: str, emacs_go_mode: Path, user: User) -> None:
    """With Debian's go-mode and eglot packages activated as an interactive start does (--batch does not), and
    with none (as on Emacs 29, whose eglot is built in, without go-mode: goenv-lsp.el's stand-in mode)."""
    user.install("emacs-install")
    init = user.append_to_file("emacs-init")
    assert init == user.home / ".emacs.d/init.el"
    startup = "(package-activate-all)" if packages == "go-mode" else "(require 'eglot)"
    user.shim("emacs", [emacs_go_mode, "--batch", "--eval", startup, "-l", init, "-l", HERE / "readme_verify.el"])
    result = user.verify("emacs")
    assert (result["mode"], result["eglot"]) == ("go-dot-mod-mode", True)
    assert result["mode-file"].startswith("/usr/share/emacs/site-lisp/elpa") == (packages == "go-mode"), result
    (diagnostic,) = [d for d in result["diagnostics"] if "1.99" in d]
    assert diagnostic.startswith(f"goenv-lsp [GE110]: {GE110}"), result
    (listing,) = [b for b in one_step(result, "M-x flymake-show-buffer-diagnostics")["shown"]
                  if b["buffer"] == "*Flymake diagnostics for `go.mod'*"]
    assert re.search(r"^ +3 +3 error +e-f-b +goenv-lsp \[GE110\]: " + re.escape(GE110), listing["text"], re.M), listing
    (events,) = [b for b in one_step(result, "M-x eglot-events-buffer")["shown"] if b["buffer"].endswith(" events*")]
    assert ':method "initialize"' in events["text"] and "textDocument/publishDiagnostics" in events["text"]


async def speak_lsp(user: User, argv: list[str], env: dict[str, str], initialization_options: object,
                    section: object, language_id: str) -> list[dict]:
    """Start ``argv`` as the editor does (stdio pipes, ``env``), initialize with ``initialization_options``,
    answer workspace/configuration with ``section``, open the scratch go.mod, wait for its diagnostics, shut
    down; the diagnostics."""
    exe = shutil.which(argv[0], path=env["PATH"])
    assert exe, f"{argv[0]} is not on the PATH the editor sees"
    proc = await asyncio.create_subprocess_exec(exe, *argv[1:], env=env, cwd=user.module, stdin=subprocess.PIPE,
                                                stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    client = RawClient(proc)
    answering = asyncio.ensure_future(answer_requests(client, section))
    try:
        capabilities = {"workspace": {"configuration": True}, "textDocument": {"publishDiagnostics": {}}}
        await client.initialize(user.module, capabilities, initializationOptions=initialization_options)
        uri = (user.module / "go.mod").as_uri()
        await client.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": language_id,
                                                                      "version": 1, "text": GO_MOD}})
        await client.wait(lambda m: m.get("method") == "textDocument/publishDiagnostics" and m["params"]["uri"] == uri
                          and m["params"]["diagnostics"], timeout=30)
        response, code = await client.shut_down()
        assert (response.get("result"), code, client.violations) == (None, 0, [])
        return client.published(uri)[-1]["diagnostics"]
    finally:
        answering.cancel()
        await client.close()


async def answer_requests(client: RawClient, section: object) -> None:
    """The client side of the server's requests: ``section`` for each workspace/configuration item, else null."""
    seen = 0
    while True:
        for message in client.messages[seen:]:
            if "method" in message and "id" in message:
                items = (message.get("params") or {}).get("items", [])
                result = [section for _ in items] if message["method"] == "workspace/configuration" else None
                await client.send({"jsonrpc": "2.0", "id": message["id"], "result": result})
        seen = len(client.messages)
        await asyncio.sleep(0.05)


def go_line_finding(diagnostics: list[dict]) -> dict:
    (finding,) = [d for d in diagnostics if d["code"] == "GE110"]
    assert finding["range"]["start"] == {"line": 2, "character": 3} and finding["source"] == "goenv-lsp"
    assert finding["message"].startswith(GE110)
    return finding


async def test_helix(user: User) -> None:
    user.install("helix-install")
    config = tomllib.loads((user.home / ".config/helix/languages.toml").read_text())
    server = config["language-server"]["goenv-lsp"]
    assert (server["command"], server["args"]) == ("goenv-lsp", ["--stdio"])
    gomod = next(lang for lang in config["language"] if lang["name"] == "gomod")
    assert {"name": "goenv-lsp", "only-features": ["diagnostics", "code-action"]} in gomod["language-servers"]
    # Helix sends `config` as initializationOptions and answers workspace/configuration from it (config.goenv)
    env = {**user.env, "GOTOOLCHAIN": "local"}  # as `GOTOOLCHAIN=local hx go.mod` would pass it on
    diagnostics = await speak_lsp(user, [server["command"], *server["args"]], env, server["config"],
                                  server["config"].get("goenv"), "gomod")
    go_line_finding(diagnostics)


async def test_lsp4ij(user: User) -> None:
    template_dir = EDITORS / "lsp4ij/goenv-lsp"
    template = json.loads((template_dir / "template.json").read_text())
    argv = shlex.split(template["programArgs"]["default"])
    assert argv == ["sh", "-c", "goenv-lsp --stdio"]
    assert template["env"]["includeSystemEnvironmentVariables"] is True  # the IDE's environment, then these
    env = {**user.env, "GOTOOLCHAIN": "local", **template["env"]["variables"]}
    (go_mod,) = [m for m in template["fileTypeMappings"] if "go.mod" in m["fileType"]["patterns"]]
    options = json.loads((template_dir / "initializationOptions.json").read_text())
    settings = json.loads((template_dir / "settings.json").read_text())
    diagnostics = await speak_lsp(user, argv, env, options, settings["goenv"], go_mod["languageId"])
    go_line_finding(diagnostics)


def test_steps_copy_the_files_of_this_directory() -> None:
    """Each install step copies a file that exists, to the place its init step and the editor expect."""
    copies = re.findall(r"^cp (editors/\S+) ~/(\S+)$", "\n".join(STEPS.values()), re.M)
    assert {source for source, _ in copies} == {"editors/nvim/lsp/goenv_lsp.lua", "editors/nvim/lua/goenv_lsp.lua",
                                                "editors/emacs/goenv-lsp.el", "editors/helix/languages.toml"}
    assert all((REPO / source).is_file() for source, _ in copies)
    assert os.path.commonpath([target for _, target in copies if "nvim" in target]) == ".config/nvim"
