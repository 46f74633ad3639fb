"""`goenv-lsp check` applies the workspace's goenv-lsp.toml, then the command line."""

from __future__ import annotations

import json

import factsbuilder as fb
import pytest

from goenv_lsp.cli import main
from goenv_lsp.config import Config, load_workspace_file
from goenv_lsp.serde import to_data


def _facts_file(tmp_path, root):
    facts = fb.healthy(gopls=(), root=str(root), go_mod=fb.go_mod(path=f"{root}/go.mod"))
    path = tmp_path / "facts.json"
    path.write_text(json.dumps(to_data(facts)))
    return path


def test_workspace_file_ignores_and_reseverities(tmp_path, capsys):
    root = tmp_path / "ws"
    root.mkdir()
    facts = _facts_file(tmp_path, root)
    assert main(["check", "--facts", str(facts), "--format", "json"]) == 1
    assert [f["code"] for f in json.loads(capsys.readouterr().out)["findings"]] == ["GE120"]

    (root / "goenv-lsp.toml").write_text('[severity]\nGE120 = "info"\n')
    assert main(["check", "--facts", str(facts), "--format", "json"]) == 0
    [finding] = json.loads(capsys.readouterr().out)["findings"]
    assert finding["severity"] == "info"

    (root / "goenv-lsp.toml").write_text('ignore = ["gopls-not-found"]\n')
    assert main(["check", "--facts", str(facts)]) == 0
    assert capsys.readouterr().out.startswith("✓ No Go environment problems found")


def test_command_line_ignore_adds_to_the_file_and_bad_entries_are_reported(tmp_path, capsys):
    root = tmp_path / "ws"
    root.mkdir()
    (root / "goenv-lsp.toml").write_text('ignore = ["GE999"]\nprobe-timeout = "soon"\n')
    facts = _facts_file(tmp_path, root)
    assert main(["check", "--facts", str(facts), "--ignore", "GE120"]) == 0
    err = capsys.readouterr().err
    assert "unknown rule 'GE999'" in err and "probe-timeout must be a number" in err
    assert "Traceback" not in err


@pytest.mark.parametrize(("text", "base", "home_files", "login_shell"), [
    ("home-files = false\nlogin-shell = false\n", Config(), False, False),  # a repository may switch them off
    ("home-files = true\nlogin-shell = true\n", Config(home_files=False), False, None),  # never on
    ("login-shell = true\n", Config(login_shell=True), True, True),  # the user's own choice stays
    ("", Config(login_shell=False), True, False),
])
def test_workspace_file_only_narrows_what_is_read_outside_it(tmp_path, text, base, home_files, login_shell):
    (tmp_path / "goenv-lsp.toml").write_text(text)
    config, problems, _ = load_workspace_file(str(tmp_path), base)
    assert problems == []
    assert (config.home_files, config.login_shell) == (home_files, login_shell)
