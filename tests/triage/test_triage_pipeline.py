"""Triage end to end: real toolchains' healthy output is quiet, the causes a maintainer would name are named,
with the confidence the paste supports; `goenv-lsp triage` as a command."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import testbed

from goenv_lsp.cli import main
from goenv_lsp.facts import Source
from goenv_lsp.semantics.go_env import user_setting
from goenv_lsp.triage.run import NOTHING_FOUND, read_draft, triage

FIXTURES = Path(__file__).resolve().parent / "fixtures"
REAL = ("1.21.13", "1.22.10", "1.24.11", "1.27.3")
HANDWRITTEN = sorted(p.name for p in FIXTURES.glob("*handwritten*"))


def fixture(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


def codes(text: str) -> list[str]:
    return [g.finding.code for g in triage(text, "issue.md").findings]


def windows_dump(gopath: str) -> str:
    text = fixture("go1.22-windows-set-handwritten.txt")
    return text.replace("set GOPATH=C:\\Users\\dev\\go", f"set GOPATH={gopath}")


@pytest.mark.parametrize("version", REAL)
def test_healthy_real_toolchains_are_quiet(version: str) -> None:
    parts = [fixture(f"go{version}-{name}") for name in ("go-version.txt", "go-env.txt", "go-version-m-go.txt")]
    for text in (*parts, fixture(f"go{version}-go-env.json"), "\n".join(parts)):
        result = triage(text, "issue.md")
        assert result.recognised and result.findings == ()


@pytest.mark.parametrize("name", HANDWRITTEN)
def test_healthy_handwritten_dumps_are_quiet(name: str) -> None:
    assert codes(fixture(name)) == []


def test_windows_set_dump_with_gopath_equal_to_goroot_in_prose_and_a_fence() -> None:
    dump = windows_dump("C:\\Program Files\\Go")
    text = f"Every command warns since I installed Go.\n\n```console\n{dump}```\n\nAny idea?\n"
    result = triage(text, "issue.md")
    (graded,) = result.findings
    finding = graded.finding
    assert finding.code == "GE201" and graded.confidence == "high" and graded.confirm is None
    assert "GOPATH=C:\\Program Files\\Go" in finding.message and "GOROOT" in finding.message
    line = text.splitlines()[finding.location.range.start.line]
    assert finding.location.path == "issue.md" and line == "set GOPATH=C:\\Program Files\\Go"
    assert result.facts.os == "windows" and result.facts.env is None  # the process environment is not shown


def test_a_quoted_partial_dump_is_hedged_and_says_what_to_ask_for() -> None:
    text = "> I have\n> ```\n> set GOPATH=C:\\Go\n> set GOROOT=C:\\Go\n> ```\n"
    (graded,) = triage(text, "issue.md").findings
    assert graded.finding.code == "GE201" and graded.confidence == "medium"
    assert "`go env`" in (graded.confirm or "")
    assert graded.finding.location.range.start.line == 2


def test_a_pasted_go_env_is_the_go_commands_view_not_the_process_environment() -> None:
    facts = triage(fixture("go1.27.3-go-env.txt")).facts
    assert facts.env is None and facts.go_binaries[0].env["GOPATH"] == "/home/dev/go"
    assert user_setting(facts, "GOTOOLCHAIN").source is Source.REPORTED
    assert user_setting(facts, "GOFLAGS").source is Source.UNSET


def test_old_go_lacks_keys_it_never_printed() -> None:
    facts = triage(fixture("go1.9-go-env-handwritten.txt")).facts
    assert facts.go_binaries[0].version == "go1.9.7"
    for key in ("GOMOD", "GOTOOLCHAIN", "GOVERSION", "GO111MODULE", "GOPROXY", "GOFLAGS"):
        assert user_setting(facts, key) is None, key  # unknown, not "unset"
    assert codes(fixture("go1.9-go-env-handwritten.txt")) == []


def test_gopls_built_with_an_old_go() -> None:
    text = "\n".join([fixture("go1.27.3-go-version.txt"), fixture("go1.27.3-go-env.txt"),
                      "$ go version -m $(which gopls)", fixture("go1.27.3-go-version-m-gopls-debian.txt")])
    (graded,) = triage(text, "issue.md").findings
    assert graded.finding.code == "GE121" and "go1.19.5" in graded.finding.message
    assert graded.confidence == "high"
    line = text.splitlines()[graded.finding.location.range.start.line]
    assert line.startswith("/usr/bin/gopls: go1.19.5")


def test_gopls_version_alone_is_hedged() -> None:
    text = "go version go1.27.3 linux/amd64\n" + fixture("gopls-debian-v-version.txt")
    (graded,) = triage(text, "issue.md").findings
    assert graded.finding.code == "GE121" and graded.confidence == "medium" and "`go env`" in graded.confirm


@pytest.mark.parametrize(("key", "value", "code"), [
    ("GOSUMDB", "off", "GE405"), ("GOPATH", "~/go", "GE201"), ("GOCACHE", "off", "GE210"),
    ("GOTOOLCHAIN", "foo", "GE113"), ("GOFLAGS", "-insecure", "GE407"), ("GOBIN", "/usr/local/go/bin", "GE604")])
def test_a_wrong_value_in_a_real_dump_is_named(key: str, value: str, code: str) -> None:
    text = "\n".join(f"{key}='{value}'" if line.startswith(f"{key}=") else line
                     for line in fixture("go1.27.3-go-env.txt").splitlines())
    assert codes(text) == [code]


def test_nothing_recognised() -> None:
    result = triage("It does not work, please help.\n")
    assert not result.recognised and NOTHING_FOUND in result.notes


@pytest.mark.parametrize("junk", ["", "\x00\x01\x02" * 1000, "```\n" * 5000, "> " * 10000, "\ud800 GOPATH='x"])
def test_junk_never_crashes(junk: str) -> None:
    triage(junk)


def test_a_huge_paste_is_cut_with_a_note() -> None:
    draft = read_draft("GOPATH='/x'\n" * 60_000)
    assert any("50,000 lines" in n for n in draft.notes)


# -- the command ----------------------------------------------------------------------------------------------


def test_cli_text_json_and_exit_codes(tmp_path: Path, capsys) -> None:
    paste = tmp_path / "issue.md"
    paste.write_text("```\n" + windows_dump("C:\\Program Files\\Go") + "```\n", encoding="utf-8")
    assert main(["triage", str(paste)]) == 1
    out = capsys.readouterr().out
    assert "GE201" in out and "high confidence" in out
    assert main(["triage", "--format", "json", str(paste)]) == 1
    document = json.loads(capsys.readouterr().out)
    assert document["schema"] == 1 and document["summary"]["warning"] == 1
    (finding,) = document["findings"]
    assert finding["confidence"] == "high" and finding["confirm"] is None and finding["range"]["start"]["line"] == 17
    assert main(["triage", "--fail-on", "error", str(paste)]) == 0


def test_cli_healthy_nothing_and_unreadable(tmp_path: Path, capsys) -> None:
    healthy = tmp_path / "ok.txt"
    healthy.write_bytes(fixture("go1.24.11-go-env.txt").encode() + b"\xff\xfe junk\n")
    assert main(["triage", str(healthy)]) == 0
    assert "No Go environment problems" in capsys.readouterr().out
    prose = tmp_path / "prose.txt"
    prose.write_text("help\n")
    assert main(["triage", str(prose)]) == 2
    assert "no `go env`" in capsys.readouterr().err
    assert main(["triage", str(tmp_path / "missing.txt")]) == 2


def test_cli_reads_a_snapshot(capsys) -> None:
    snapshot = Path(__file__).resolve().parents[1] / "inputs" / "snapshots" / "schema1-linux.json"
    code = main(["triage", "--format", "json", str(snapshot)])
    document = json.loads(capsys.readouterr().out)
    assert document["recognised"] == [{"what": "goenv-lsp snapshot", "start": 0, "end": 0}]
    assert code == (1 if any(f["severity"] != "info" for f in document["findings"]) else 0)
    assert all(f["confidence"] == "high" for f in document["findings"])


@pytest.mark.realgo
def test_live_go_env_of_a_real_toolchain_through_stdin(tmp_path: Path) -> None:
    root = testbed.go_root("1.27.3")
    env = testbed.isolated_env(tmp_path, [root / "bin"], GOTOOLCHAIN=None, GOPROXY=None)
    dump = subprocess.run(["go", "env"], env=env, cwd=tmp_path, capture_output=True, text=True, check=True).stdout
    dump = dump.replace(env["HOME"], "/home/dev")  # a home under /tmp is a finding of its own (GE205)
    done = subprocess.run([sys.executable, "-m", "goenv_lsp", "triage", "-"], input=f"```\n$ go env\n{dump}```\n",
                          capture_output=True, text=True, env={**os.environ, "NO_COLOR": "1"})
    assert done.returncode == 0, done.stdout + done.stderr
    assert "No Go environment problems" in done.stdout


# -- what the other readers record: file fragments and the go command's own error lines ------------------------


def test_a_finding_in_a_go_mod_fragment_points_at_its_pasted_line() -> None:
    from goenv_lsp.triage.draft import Fragment, Span
    from goenv_lsp.triage.run import evaluate_draft

    go_mod = "module example.com/app\n\ngo 1.28\n"
    text = fixture("go1.27.3-go-env.txt") + "\nMy go.mod:\n" + go_mod
    draft = read_draft(text, "issue.md")
    start = len(text.splitlines()) - 3
    draft.fragments.append(Fragment("go.mod", go_mod, Span(start, start + 2, "go.mod")))
    (graded,) = evaluate_draft(draft).findings
    assert graded.finding.code == "GE111" and graded.finding.location.path == "issue.md"
    where = graded.finding.location.range
    assert text.splitlines()[where.start.line][where.start.character:where.end.character] == "1.28"


def test_an_error_line_naming_the_rule_makes_it_high() -> None:
    from goenv_lsp.triage.run import evaluate_draft

    text = "set GOPATH=C:\\Go\nset GOROOT=C:\\Go\nwarning: GOPATH set to GOROOT (C:\\Go) has no effect\n"
    draft = read_draft(text, "issue.md")
    (signal,) = draft.signals  # the errors reader recognised the go command's warning
    assert (signal.name, signal.span.start, signal.rules) == ("gopath-is-goroot", 2, ("GE201",))
    (graded,) = evaluate_draft(draft).findings
    assert (graded.finding.code, graded.confidence, graded.confirm, graded.signals) == ("GE201", "high", None,
                                                                                        (signal,))


def test_an_error_line_alone_raises_a_hedged_finding() -> None:
    """No go env pasted: the rule cannot judge, the go command's own line still names the cause."""
    from goenv_lsp.triage.run import evaluate_draft

    text = "I get this:\n\n    go: inconsistent vendoring in /home/dev/src/app:\n"
    (graded,) = evaluate_draft(read_draft(text, "issue.md")).findings
    assert graded.finding.code == "GE501" and graded.confidence == "medium" and "vendor/modules.txt" in graded.confirm
    assert graded.finding.location.range.start.line == 2


def test_cli_a_broken_snapshot_is_a_clear_error(tmp_path: Path, capsys) -> None:
    broken = tmp_path / "facts.json"
    broken.write_text('{"schema": 99, "provenance": "probed"}')
    assert main(["triage", str(broken)]) == 2
    assert "newer goenv-lsp" in capsys.readouterr().err


def test_a_dump_of_a_switched_toolchain_is_quiet() -> None:
    """A go that switched toolchains reports the downloaded toolchain as GOROOT (toolchain.Exec sets it)."""
    toolchain = "/home/dev/go/pkg/mod/golang.org/toolchain@v0.0.1-go1.27.3.linux-amd64"
    dump = fixture("go1.27.3-go-env.txt").replace("='/usr/local/go", f"='{toolchain}")
    text = "go version go1.27.3 linux/amd64\n" + dump + "$ which -a go\n/usr/local/go/bin/go\n/usr/bin/go\n"
    assert codes(text) == []


def test_a_go_named_by_its_path_is_that_candidate_not_the_go_that_runs() -> None:
    text = ("$ which -a go\n/usr/local/bin/go\n/usr/local/go/bin/go\n$ /usr/local/go/bin/go version\n"
            "go version go1.23.1 linux/amd64\n$ go version\ngo version go1.19.2 linux/amd64\n")
    draft = read_draft(text, "issue.md")
    assert draft.go_version == "go1.19.2" and draft.versions_by_path == {"/usr/local/go/bin/go": "go1.23.1"}
    ran, other = draft.facts().go_binaries
    assert (ran.path, ran.version, other.path, other.version) == ("/usr/local/bin/go", "go1.19.2",
                                                                  "/usr/local/go/bin/go", "go1.23.1")


def test_a_symptom_no_finding_explains_is_said_with_what_to_ask(tmp_path: Path, capsys) -> None:
    paste = tmp_path / "issue.md"
    paste.write_text("After upgrading:\n\n    gopls was not able to find modules in your workspace.\n")
    assert main(["triage", str(paste)]) == 0
    out = capsys.readouterr().out
    assert "line 3 says: gopls found no go.mod or go.work" in out and "ask for the folder opened" in out
    assert main(["triage", "--format", "json", str(paste)]) == 0
    (symptom,) = json.loads(capsys.readouterr().out)["symptoms"]
    assert (symptom["name"], symptom["line"]) == ("gopls-no-modules", 2) and symptom["ask"]
