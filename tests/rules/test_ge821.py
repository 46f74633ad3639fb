"""GE821 go-version-file-missing on real repository trees probed by the real collector: a moved module (the fix
names the go.mod there is, and clears it), a .go-version only a laptop has, a go.mod with no go line."""

from __future__ import annotations

from pathlib import Path

from ci_repo import apply, findings, repository

from goenv_lsp.facts import PathKind


def setup_go(version_file: str) -> str:
    return f"""\
        on: push
        jobs:
          test:
            runs-on: ubuntu-latest
            steps:
              - uses: actions/setup-go@v6
                with:
                  go-version-file: {version_file}
        """


def test_a_moved_module_is_named_again(tmp_path: Path) -> None:
    root, env = repository(tmp_path, {".github/workflows/ci.yml": setup_go("backend/go.mod")})
    [finding] = findings(root, env, "GE821")
    assert (finding.location.range.start.line, finding.location.range.start.character) == (7, 27)
    assert "`The specified go version file at: backend/go.mod does not exist`" in finding.message
    assert finding.fixes[0].title == "Name go.mod"
    apply(finding)
    assert "go-version-file: go.mod\n" in (root / ".github/workflows/ci.yml").read_text()
    assert findings(root, env, "GE821") == []


def test_a_missing_go_version_file_has_no_fix(tmp_path: Path) -> None:
    root, env = repository(tmp_path, {".github/workflows/ci.yml": setup_go(".go-version")})
    [finding] = findings(root, env, "GE821")
    assert finding.fixes == ()
    (root / ".go-version").write_text("1.27.3\n")
    assert findings(root, env, "GE821") == []


def test_a_go_mod_without_go_line(tmp_path: Path) -> None:
    root, env = repository(tmp_path, {".github/workflows/ci.yml": setup_go("go.mod")})
    (root / "go.mod").write_text("module example.com/app\n")
    [finding] = findings(root, env, "GE821")
    assert finding.severity.value == "warning" and "has no go line" in finding.message
    (root / "go.mod").write_text("module example.com/app\n\ngo 1.27\n")
    assert findings(root, env, "GE821") == []


def test_files_that_exist_are_quiet_and_only_stat_ed(tmp_path: Path) -> None:
    from ci_repo import probe

    root, env = repository(tmp_path, {".github/workflows/ci.yml": setup_go("tools/.tool-versions"),
                                      "tools/.tool-versions": "golang 1.27.3\n"})
    facts = probe(root, env)
    assert facts.path_info[str(root / "tools/.tool-versions")].kind is PathKind.FILE
    assert findings(root, env, "GE821") == []
