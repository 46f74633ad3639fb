"""How `check` prints: -q, colour on a terminal (NO_COLOR / FORCE_COLOR), the ASCII fallback on a stdout that cannot
encode the marks, and --help with examples and the exit codes."""

from __future__ import annotations

import json
import os
import pty
import subprocess
import sys
from pathlib import Path

import factsbuilder as fb
import pytest
from test_cli import MISMATCH, NO_GO

from goenv_lsp import cli
from goenv_lsp.serde import to_data

REPO = Path(__file__).resolve().parent.parent
ESC = "\x1b["


@pytest.fixture
def facts_file(tmp_path: Path):
    def write(facts) -> str:
        path = tmp_path / f"facts-{len(list(tmp_path.iterdir()))}.json"
        path.write_text(json.dumps(to_data(facts)), encoding="utf-8")
        return str(path)

    return write


@pytest.fixture(autouse=True)
def no_colour_variables(monkeypatch) -> None:
    for name in ("NO_COLOR", "FORCE_COLOR", "TERM"):
        monkeypatch.delenv(name, raising=False)


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = cli.main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_quiet_prints_the_findings_alone(capsys, facts_file) -> None:
    code, out, err = run(capsys, "check", "-q", "--facts", facts_file(MISMATCH))
    assert code == 1 and err == ""
    [line] = out.splitlines()
    assert line.startswith(".vscode/settings.json:") and " GE302 " in line and line.endswith("[warning]")


def test_quiet_prints_nothing_when_clean(capsys, facts_file) -> None:
    assert run(capsys, "check", "--quiet", "--facts", facts_file(fb.healthy())) == (0, "", "")


def test_quiet_json_is_the_document(capsys, facts_file) -> None:
    code, out, _ = run(capsys, "check", "-q", "--format", "json", "--facts", facts_file(fb.healthy()))
    assert code == 0 and json.loads(out)["findings"] == []


def test_no_colour_when_piped_colour_when_forced(capsys, facts_file, monkeypatch) -> None:
    facts = facts_file(NO_GO)
    assert ESC not in run(capsys, "check", "--facts", facts)[1]
    monkeypatch.setenv("FORCE_COLOR", "1")
    out = run(capsys, "check", "--facts", facts)[1]
    assert f"{ESC}31m✗{ESC}0m Go toolchain" in out and f"{ESC}31m[error]{ESC}0m" in out
    monkeypatch.setenv("NO_COLOR", "1")  # NO_COLOR wins
    assert ESC not in run(capsys, "check", "--facts", facts)[1]
    monkeypatch.setenv("NO_COLOR", "")  # an empty value does not count
    assert ESC in run(capsys, "check", "--facts", facts)[1]
    monkeypatch.setenv("FORCE_COLOR", "")
    assert ESC not in run(capsys, "check", "--facts", facts)[1]
    assert ESC not in run(capsys, "check", "--format", "json", "--facts", facts)[1]


def on_a_terminal(args: list[str], **env: str) -> str:
    """What `python -m goenv_lsp` prints on a pseudo-terminal."""
    leader, follower = pty.openpty()
    environment = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR", "TERM")}
    proc = subprocess.Popen([sys.executable, "-m", "goenv_lsp", *args], stdout=follower, stderr=subprocess.DEVNULL,
                            env={**environment, "PYTHONPATH": str(REPO), "PYTHONIOENCODING": "utf-8", **env})
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the child closed its end
            break
        if not chunk:
            break
        chunks.append(chunk)
    proc.wait(timeout=60)
    os.close(leader)
    return b"".join(chunks).decode("utf-8")


def test_colour_on_a_terminal_unless_no_color(facts_file) -> None:
    facts = facts_file(NO_GO)
    assert ESC in on_a_terminal(["check", "--facts", facts])
    assert ESC not in on_a_terminal(["check", "--facts", facts], NO_COLOR="1")
    assert ESC not in on_a_terminal(["check", "--facts", facts], TERM="dumb")


def test_ascii_stdout_gets_ascii_marks(facts_file) -> None:
    env = {**os.environ, "PYTHONPATH": str(REPO), "PYTHONIOENCODING": "ascii"}
    for facts, mark in ((NO_GO, "x Go toolchain"), (fb.healthy(), "ok No Go environment problems found")):
        proc = subprocess.run([sys.executable, "-m", "goenv_lsp", "check", "--facts", facts_file(facts)], env=env,
                              capture_output=True, text=True, timeout=60)
        assert "Traceback" not in proc.stderr and mark in proc.stdout
        assert "\\u" not in proc.stdout and "\\x" not in proc.stdout, proc.stdout  # no escaped marks or ellipses
        assert proc.stdout.isascii()


@pytest.mark.parametrize("argv", [["--help"], ["check", "--help"]])
def test_help_has_examples_and_exit_codes(capsys, argv: list[str]) -> None:
    code, out, _ = run(capsys, *argv)
    assert code == 0
    assert "examples:\n  goenv-lsp " in out
    assert "exit codes (check):\n  0  " in out and "\n  1  " in out and "\n  2  " in out
    if argv[0] == "check":
        assert "--fix" in out and "--diff" in out and "NO_COLOR" in out and "-q, --quiet" in out
