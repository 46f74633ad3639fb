"""`goenv-lsp check` applies the workspace's goenv-lsp.toml, then the command line."""

from __future__ import annotations

import json

import factsbuilder as fb

from goenv_lsp.cli import main
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
