"""An unlucky or hostile workspace gets a clear answer in bounded time (docs/security.md, "Hangs and crashes").

FIFOs and symlinks to /dev/stdin where goenv-lsp reads a file (a git repository can hold such a symlink),
a GOROOT holding a NUL, a path that is not UTF-8 or holds a newline, and a go.mod with 100,000 bad lines.
The real CLI runs with its stdin a pipe that is never closed, so a read of /dev/stdin would hang it.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import testbed

REPO = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.realgo


def run(ws: Path | bytes, env: dict[str, str], *args: str, timeout: float = 60) -> subprocess.CompletedProcess:
    """`goenv-lsp check WS` with stdin held open and strict UTF-8 stdout; never an internal error."""
    argv = [sys.executable.encode(), b"-m", b"goenv_lsp", b"check", os.fsencode(ws),
            *(a.encode() for a in args), b"--test-no-well-known"]
    proc = subprocess.Popen(argv, env={**env, "PYTHONPATH": str(REPO), "PYTHONIOENCODING": "utf-8:strict"},
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.communicate()
        pytest.fail(f"goenv-lsp check {ws!r} hung")
    result = subprocess.CompletedProcess(argv, proc.returncode, out.decode("utf-8"), err.decode("utf-8"))
    assert result.returncode in (0, 1), result.stderr
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr
    return result


def findings(result: subprocess.CompletedProcess) -> list[dict]:
    return json.loads(result.stdout)["findings"]


@pytest.fixture
def env(tmp_path: Path, go127: Path) -> dict[str, str]:
    return testbed.isolated_env(tmp_path, [go127 / "bin"])


def module(directory: Path, go_line: str = "1.27.3") -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "go.mod").write_text(f"module example.com/app\n\ngo {go_line}\n")
    return directory


@pytest.mark.parametrize("name", ["go.mod", ".vscode/settings.json", ".idea/workspace.xml", "goenv-lsp.toml",
                                  "Dockerfile"])
@pytest.mark.parametrize("how", ["fifo", "stdin-symlink"])
def test_a_special_file_where_a_file_is_read_does_not_hang(name: str, how: str, tmp_path: Path, env) -> None:
    ws = module(tmp_path / "ws")
    path = ws / name
    path.parent.mkdir(exist_ok=True)
    path.unlink(missing_ok=True)
    if how == "fifo":
        os.mkfifo(path)
    else:
        path.symlink_to("/dev/stdin")
    found = findings(run(ws, env, "--format", "json"))
    if name not in ("goenv-lsp.toml",):  # the config file's problem goes to stderr, the checks run without it
        messages = [f["message"] for f in found if f["code"] == "GE002"]
        assert any("not a regular file" in m for m in messages), found
    result = run(ws, env)  # the text report too
    if name == "goenv-lsp.toml":
        assert "goenv-lsp.toml: cannot read: not a regular file" in result.stderr


def test_a_go_mod_fifo_deeper_in_the_tree(tmp_path: Path, env) -> None:
    ws = module(tmp_path / "ws")
    (ws / "svc").mkdir()
    os.mkfifo(ws / "svc" / "go.mod")
    found = findings(run(ws, env, "--format", "json"))
    assert any(f["code"] == "GE002" and f["path"] == "svc/go.mod" for f in found), found


def test_a_goroot_holding_a_nul(tmp_path: Path, env) -> None:
    """A settings value and a GOENV line with a NUL: no stat, no exec can take it; it is reported, not fatal."""
    ws = module(tmp_path / "ws")
    (ws / ".vscode").mkdir()
    (ws / ".vscode" / "settings.json").write_text(json.dumps({"go.goroot": "/usr/local/go\u0000evil"}))
    testbed.write_goenv(env, GOROOT="/opt/go\x00x")
    result = run(ws, env, "--format", "json")
    assert findings(result) is not None


def test_a_workspace_path_that_is_not_utf8(tmp_path: Path, env) -> None:
    ws = os.fsencode(tmp_path) + b"/ws-\xff\xfe"
    module(Path(os.fsdecode(ws)), "1.99")
    found = findings(run(ws, env, "--format", "json"))
    assert any(f["code"] == "GE110" for f in found), found  # its go.mod was read: go 1.99 is too new
    text = run(ws, env).stdout
    assert "ws-\\udcff\\udcfe" in text.splitlines()[0]


def test_a_newline_in_the_workspace_path_injects_no_line(tmp_path: Path, env) -> None:
    ws = module(tmp_path / "ws\ngo.mod:1:1: GE999 all is fine [error]", "1.99")
    text = run(ws, env).stdout
    assert not any(line.startswith("go.mod:1:1: GE999") for line in text.splitlines()), text
    assert "ws\\ngo.mod:1:1: GE999" in text.splitlines()[0]


def test_findings_are_capped(tmp_path: Path, env) -> None:
    """100,000 bad lines: the first findings of each rule, and one line that counts the rest."""
    ws = module(tmp_path / "ws")
    with (ws / "go.mod").open("a") as handle:
        handle.write("bogus directive here\n" * 100_000)
    text = run(ws, env, timeout=120).stdout
    assert len(text.splitlines()) < 250
    found = findings(run(ws, env, "--format", "json", timeout=120))
    assert len(found) <= 110
    assert any("more like the findings above" in f["message"] for f in found) or len(found) < 100


def test_the_probe_timeout_of_goenv_lsp_toml_reaches_check(tmp_path: Path, go127: Path) -> None:
    """A hanging go is killed after goenv-lsp.toml's probe-timeout; --probe-timeout wins over it."""
    from faults import fakego

    fake_bin = tmp_path / "fakebin"
    fakego.install(fakego.build(go127), fake_bin, "hang")
    ws = module(tmp_path / "ws")
    (ws / "goenv-lsp.toml").write_text("probe-timeout = 0.5\n")
    env = testbed.isolated_env(tmp_path, [fake_bin])
    killed = [f["message"] for f in findings(run(ws, env, "--format", "json")) if f["code"] == "GE001"]
    assert killed and killed[0].endswith("did not finish and was killed (killed after 0.5 s)")
    killed = [f["message"] for f in findings(run(ws, env, "--format", "json", "--probe-timeout", "0.7"))
              if f["code"] == "GE001"]
    assert killed and killed[0].endswith("(killed after 0.7 s)")
