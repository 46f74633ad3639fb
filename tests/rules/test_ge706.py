"""GE706 rc-secret-exported: a literal token exported from ~/.zshrc, fish's config and a workspace .envrc is
reported on its line, and its value appears nowhere: not in `check` (text and JSON), not in `facts`, not in what
the language server publishes or logs. Values read from a password manager stay quiet."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import testbed
from shellreal import findings, startup_home, workspace

from goenv_lsp.rules.ge7_shell.ge706_rc_secret_exported import check as GE706

pytestmark = pytest.mark.realgo
REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "tests" / "lsp"))
from lsp_harness import session, wait_for  # type: ignore[import-not-found]  # noqa: E402

TOKENS = ("ghp_Zq3x9Lm2Pw7Rt5Yv8Nb4Kc6Hd1Fg0Jh2Sa4D", "Qw8Er7Ty6Ui5Op4As3Df2Gh1Jk0Lz9Xc8V", "s3cr3t-Pa55w0rd-x7")


def planted(tmp_path: Path, go127: Path) -> tuple[Path, dict[str, str]]:
    env = testbed.isolated_env(tmp_path, [go127 / "bin"])
    startup_home(env, {
        ".zshrc": f"export PATH=$PATH:$HOME/go/bin\nexport GITHUB_TOKEN={TOKENS[0]}\n"
                  'export NPM_TOKEN="$(pass show npm)"\n',
        ".config/fish/config.fish": f"set -gx DB_PASSWORD '{TOKENS[2]}'\n"})
    ws = workspace(tmp_path)
    (ws / ".envrc").write_text(f"export AWS_SECRET_ACCESS_KEY={TOKENS[1]}\n")
    return ws, env


def cli(*args: str, env: dict[str, str]) -> str:
    proc = subprocess.run([sys.executable, "-m", "goenv_lsp", *args, "--test-no-well-known"],
                          env={**env, "PYTHONPATH": str(REPO)}, capture_output=True, text=True, timeout=120)
    assert proc.returncode in (0, 1), proc.stderr
    return proc.stdout + proc.stderr


def test_reported_on_the_line_never_shown(tmp_path: Path, go127: Path) -> None:
    ws, env = planted(tmp_path, go127)
    found = findings(ws, env, GE706)
    assert sorted((Path(f.location.path).name, f.location.range.start.line) for f in found) == [
        (".envrc", 0), (".zshrc", 1), ("config.fish", 0)]
    text, data = cli("check", str(ws), env=env), cli("check", str(ws), "--format", "json", env=env)
    facts = cli("facts", str(ws), env=env)
    assert "GE706" in text and json.loads(data) and "GITHUB_TOKEN" in facts
    for name, output in (("check", text), ("json", data), ("facts", facts), ("findings", repr(found))):
        assert [t for t in TOKENS if t in output] == [], name


async def test_language_server_never_shows_it(tmp_path: Path, go127: Path) -> None:
    ws, env = planted(tmp_path, go127)
    log = tmp_path / "server.log"
    args = ("-m", "goenv_lsp", "--test-no-well-known", "--log-file", str(log))
    async with session(env, ws, python_args=args) as client:
        await wait_for(client, (ws / ".envrc").as_uri(), lambda d: any(x.code == "GE706" for x in d), timeout=60)
        published = json.dumps([str(p) for p in client.publications])
    assert "AWS_SECRET_ACCESS_KEY" in published
    for name, text in (("diagnostics", published), ("log", log.read_text())):
        assert [t for t in TOKENS if t in text] == [], name
