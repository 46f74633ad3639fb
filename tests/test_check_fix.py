"""`check --fix`, `--unsafe-fixes` and `--diff` as a user runs them, on real files of each kind goenv-lsp edits (JSONC
settings with comments, GoLand's workspace.xml, a direnv .envrc and a ~/.zshrc, a Dockerfile, go.mod) with the real
go 1.27.3: each finding with a safe fix is gone afterwards, every other byte of its file is what it was, a second
--fix changes nothing, --diff writes nothing and its diff is what --fix does."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import goproxy
import pytest
import testbed
import unprivileged

from goenv_lsp.fixes_apply import Policy, ReadRecorder, Store, edited, fix_passes, write_atomically
from goenv_lsp.model import Applicability, Finding, Fix, Location, Range, Severity, TextEdit
from goenv_lsp.probe.system import RealSystem

pytestmark = pytest.mark.realgo
REPO = Path(__file__).resolve().parent.parent

SETTINGS = """\
{
    // tags for the integration build
    "go.buildFlags": ["-tags integration"], /* keep this comment */
    "editor.formatOnSave": true,
}
"""
WORKSPACE_XML = ('<?xml version="1.0" encoding="UTF-8"?>\n<project version="4">\n  <component name="VgoProject">\n'
                 "    <integration-enabled>false</integration-enabled>\n"
                 "  </component>\n  <!-- GoLand keeps the rest -->\n</project>\n")
DOCKERFILE = "# build stage\nFROM golang:latest AS build\nWORKDIR /src\nCOPY . .\nRUN go build -o /app .\n"
ENVRC = '# direnv\nexport GOPATH="~/go"\nexport FOO=bar\n'
ZSHRC = "# my zsh\nexport GOBIN='~/go/bin'\nalias ll='ls -l'\n"
FILES = {".vscode/settings.json": SETTINGS, ".idea/workspace.xml": WORKSPACE_XML, "Dockerfile": DOCKERFILE,
         ".envrc": ENVRC, "go.mod": "module example.com/app\n\ngo 1.22.0\n",
         "main.go": "package main\n\nfunc main() {}\n"}
# what --fix may change in each file: this span of this line (0-based), nothing else
EXPECTED = {".vscode/settings.json": (2, '"-tags integration"', '"-tags=integration"'),
            ".idea/workspace.xml": (3, "false", "true"), ".envrc": (1, '"~/go"', '"$HOME/go"')}
SAFE_CODES = {"GE305", "GE310", "GE802", "GE703"}


def goenv_lsp(args: list[str], env: dict[str, str], cwd: Path, text: bool = True) -> subprocess.CompletedProcess:
    env = {**env, "PYTHONPATH": str(REPO)}
    return subprocess.run([sys.executable, "-m", "goenv_lsp", "check", "--test-no-well-known", *args], cwd=cwd,
                          env=env, capture_output=True, text=text, timeout=120)


def findings(ws: Path, env: dict[str, str]) -> list[dict]:
    ran = goenv_lsp(["--format", "json", "--fail-on", "never"], env, ws)
    assert ran.returncode == 0, ran.stderr
    return json.loads(ran.stdout)["findings"]


def snapshot(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture
def project(tmp_path: Path, go127: Path) -> tuple[Path, Path, dict[str, str]]:
    env = testbed.isolated_env(tmp_path, [go127 / "bin"])
    ws = tmp_path / "ws"
    for name, text in FILES.items():
        (ws / name).parent.mkdir(parents=True, exist_ok=True)
        (ws / name).write_text(text)
    home = Path(env["HOME"])
    (home / ".zshrc").write_text(ZSHRC)
    return ws, home, env


def only_span_changed(before: str, after: str, line: int, old: str, new: str) -> bool:
    """``after`` is ``before`` with ``old`` on ``line`` replaced by ``new``: every other byte the same."""
    lines = before.splitlines(keepends=True)
    assert old in lines[line]
    lines[line] = lines[line].replace(old, new, 1)
    return after == "".join(lines)


def test_fix_applies_the_safe_fixes_and_keeps_the_rest(project) -> None:
    ws, home, env = project
    before = findings(ws, env)
    fixable = {f["code"] for f in before if any(fix["applicability"] == "safe" and fix["edits"] for fix in f["fixes"])}
    assert fixable >= SAFE_CODES, before
    ran = goenv_lsp(["--fix"], env, ws)
    assert ran.returncode in (0, 1) and "Traceback" not in ran.stderr, ran.stderr
    for name, (line, old, new) in EXPECTED.items():
        assert only_span_changed(FILES[name], (ws / name).read_text(), line, old, new), name
    dockerfile = (ws / "Dockerfile").read_text()
    pinned = dockerfile.splitlines()[1].split()[1]
    assert pinned.startswith("golang:1.") and dockerfile == DOCKERFILE.replace("golang:latest", pinned)
    assert (ws / "go.mod").read_text() == FILES["go.mod"]
    after = findings(ws, env)
    assert not [f for f in after if f["code"] in SAFE_CODES and f["path"] != "~/.zshrc"], after
    # the ~/.zshrc finding stays: outside the workspace, only --unsafe-fixes edits it
    assert (home / ".zshrc").read_text() == ZSHRC
    assert "not applied (outside the workspace; --unsafe-fixes applies it): ~/.zshrc:2:14: GE703" in ran.stderr
    assert [f["code"] for f in after if f["path"] == "~/.zshrc"] == ["GE703"]
    assert f"fixed {len(before) - len(after)} findings in 4 files" in ran.stderr
    assert ran.stdout.startswith("goenv-lsp in ") or ran.stdout.startswith("✓ No Go environment problems")
    # idempotent: nothing left to apply, nothing written
    files = snapshot(ws)
    again = goenv_lsp(["--fix"], env, ws)
    assert snapshot(ws) == files and "nothing to fix" in again.stderr, again.stderr
    assert again.returncode == ran.returncode
    diff = goenv_lsp(["--diff"], env, ws)
    assert (diff.returncode, diff.stdout) == (0, "")
    # --unsafe-fixes: the home rc file too
    unsafe = goenv_lsp(["--fix", "--unsafe-fixes"], env, ws)
    assert unsafe.returncode in (0, 1), unsafe.stderr
    assert only_span_changed(ZSHRC, (home / ".zshrc").read_text(), 1, "'~/go/bin'", '"$HOME/go/bin"')
    assert not [f for f in findings(ws, env) if f["code"] == "GE703"]


def test_diff_writes_nothing_and_is_what_fix_does(project, tmp_path: Path) -> None:
    ws, _, env = project
    (ws / ".vscode/settings.json").write_bytes(b"\xef\xbb\xbf" + SETTINGS.replace("\n", "\r\n").encode())
    files, stat = snapshot(ws), (ws / "Dockerfile").stat()
    diff = goenv_lsp(["--diff"], env, ws, text=False)
    assert diff.returncode == 1, diff.stderr
    assert snapshot(ws) == files and (ws / "Dockerfile").stat().st_mtime_ns == stat.st_mtime_ns
    assert b"--- a/Dockerfile\n+++ b/Dockerfile\n" in diff.stdout and b"would fix" in diff.stderr
    copy = tmp_path / "copy"
    subprocess.run(["cp", "-a", str(ws), str(copy)], check=True)
    applied = subprocess.run(["git", "apply", "-p1", "-"], input=diff.stdout, cwd=copy,
                             capture_output=True, timeout=60)
    assert applied.returncode == 0, applied.stderr
    assert goenv_lsp(["--fix"], env, ws).returncode in (0, 1)
    assert snapshot(copy) == snapshot(ws)
    settings = (ws / ".vscode/settings.json").read_bytes()  # BOM and CRLF line endings kept
    assert settings == b"\xef\xbb\xbf" + SETTINGS.replace("\n", "\r\n").replace(
        '"-tags integration"', '"-tags=integration"').encode()


def test_go_mod_go_line_raised_and_go_builds(tmp_path: Path, go127: Path) -> None:
    """GE130's safe fix on go.mod: a dependency's go.mod needs go 1.23.0; --fix raises the go line as `go mod tidy`
    would, keeping the comment and the require block."""
    dep = "example.com/dep"
    proxy = tmp_path / "proxy"
    goproxy.add_module(proxy, dep, "v1.1.0", go_mod=f"module {dep}\n\ngo 1.23.0\n")
    env = testbed.isolated_env(tmp_path, [go127 / "bin"], GOPROXY=goproxy.proxy_url(proxy), GONOSUMDB="example.com",
                               GOFLAGS="-mod=mod")
    ws = tmp_path / "ws"
    ws.mkdir()
    (ws / "app.go").write_text(f'package app\n\nimport _ "{dep}"\n')
    go_mod = f"// the app\nmodule example.com/app\n\ngo 1.22\n\nrequire (\n\t{dep} v1.1.0 // pinned\n)\n"
    (ws / "go.mod").write_text(go_mod)
    tidy = subprocess.run([str(go127 / "bin/go"), "mod", "download", dep], cwd=ws, env=env, capture_output=True,
                          text=True, timeout=120)
    assert tidy.returncode == 0, tidy.stderr
    subprocess.run([str(go127 / "bin/go"), "mod", "tidy"], cwd=ws, env=env, capture_output=True, timeout=120)
    (ws / "go.mod").write_text(go_mod)  # tidy raised the go line: back to the broken one (go.sum stays)
    env.pop("GOFLAGS")
    assert [f["code"] for f in findings(ws, env) if f["code"] == "GE130"] == ["GE130"]
    ran = goenv_lsp(["--fix", "--select", "GE130"], env, ws)
    assert ran.returncode == 0, ran.stdout + ran.stderr
    assert (ws / "go.mod").read_text() == go_mod.replace("go 1.22\n", "go 1.23.0\n")
    assert subprocess.run([str(go127 / "bin/go"), "build", "./..."], cwd=ws, env=env, capture_output=True,
                          timeout=120).returncode == 0


def test_commands_are_listed_never_run(tmp_path: Path, go127: Path) -> None:
    env = testbed.isolated_env(tmp_path, [go127 / "bin"])
    ws = tmp_path / "ws"
    ws.mkdir()
    (ws / "go.mod").write_text("module example.com/app\n\ngo 1.22.0\n")
    ran = goenv_lsp(["--fix", "--unsafe-fixes", "--select", "GE120"], env, ws)
    assert ran.returncode == 1 and "GE120" in ran.stdout
    assert f"run yourself: {go127}/bin/go install golang.org/x/tools/gopls@v" in ran.stderr, ran.stderr
    assert not list((Path(env["GOPATH"]) / "bin").glob("gopls*"))
    quiet = goenv_lsp(["--fix", "-q", "--select", "GE120"], env, ws)
    assert (quiet.returncode, quiet.stderr) == (1, "") and quiet.stdout.startswith("go.mod:1:")


def test_fix_refuses_what_it_cannot_do(tmp_path: Path) -> None:
    facts = tmp_path / "facts.json"
    facts.write_text("{}")
    for args in (["--fix", "--facts", str(facts)], ["--unsafe-fixes"]):
        ran = goenv_lsp(args, {"PATH": str(testbed.host_bin()), "HOME": str(tmp_path)}, tmp_path)
        assert ran.returncode == 2 and "Traceback" not in ran.stderr and ran.stderr.startswith("goenv-lsp: ")


# the pieces, on real files

def finding(path: str, line: int, start: int, end: int, new: str, code: str = "GE305") -> Finding:
    fix = Fix("edit", Applicability.SAFE, edits=(TextEdit(path, Range.of(line, start, end), new),))
    return Finding(code, "n", Severity.WARNING, f"{code} at {line}:{start}", Location(path, Range.of(line, start, end)),
                   (fix,))


def test_a_file_changed_since_it_was_read_is_not_written(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_text('{"a": 1}\n')
    recorder = ReadRecorder(RealSystem(env={}))
    store = Store(recorder, write=True)
    assert store.read(str(path)) == (None, "the check did not read it")
    recorder.read(str(path))
    path.write_text('{"a": 2}\n')  # someone saved it meanwhile
    assert store.read(str(path)) == (None, "it changed since the check read it")


def test_overlapping_fixes_wait_for_the_next_pass(tmp_path: Path) -> None:
    """Two findings' edits overlap: the first is applied, the check runs again on the new text, and the second
    (offered again at its new place) follows in the next pass; fixes that do not clear their finding are not
    applied twice."""
    path = tmp_path / "f.txt"
    path.write_text("aaa bbb\n")
    recorder = ReadRecorder(RealSystem(env={}))
    passes = []

    def check(overrides):
        passes.append(dict(overrides))
        text = recorder.read(str(path)).data.decode()
        found = []
        if "aaa" in text:
            found.append(finding(str(path), 0, 0, 5, "A b"))  # "aaa b" → "A b"
        if "bbb" in text:
            at = text.index("bbb")
            found.append(finding(str(path), 0, at - 1, at + 3, " B", "GE308"))  # " bbb" → " B", overlaps the first
        found.append(finding(str(path), 0, 0, 0, "", "GE999"))  # a fix that changes nothing, offered forever
        return None, tuple(found)

    outcome = fix_passes(check, Store(recorder, write=True), Policy(str(tmp_path)))
    assert path.read_text() == "A B\n"
    assert len(passes) == 3 and outcome.converged and outcome.problems == []
    assert [f.code for f, _ in outcome.applied] == ["GE305", "GE308", "GE999"]


def test_atomic_write_keeps_mode_and_symbolic_links(tmp_path: Path) -> None:
    target = tmp_path / "dotfiles" / "zshrc"
    target.parent.mkdir()
    target.write_text("old\n")
    target.chmod(0o640)
    link = tmp_path / ".zshrc"
    link.symlink_to(target)
    write_atomically(str(link), b"new\n")
    assert link.is_symlink() and target.read_text() == "new\n" and (target.stat().st_mode & 0o777) == 0o640
    assert [p.name for p in target.parent.iterdir()] == ["zshrc"]  # no temporary file left


def test_edits_keep_bom_and_line_endings() -> None:
    data = b"\xef\xbb\xbfa\r\nb\r\n"
    edit = TextEdit("/x", Range.of(1, 0, 1), "c\nd")
    assert edited(data, [edit]) == b"\xef\xbb\xbfa\r\nc\r\nd\r\n"
    assert edited(b"\xff\xfe", [edit]) is None


def test_only_files_inside_the_workspace_without_unsafe_fixes(tmp_path: Path) -> None:
    ws = tmp_path / "ws"
    ws.mkdir()
    (ws / "link").symlink_to(tmp_path)  # inside by name, outside in fact
    inside, outside = finding(str(ws / "a"), 0, 0, 0, "x"), finding(str(tmp_path / "b"), 0, 0, 0, "x")
    through_link = finding(str(ws / "link" / "b"), 0, 0, 0, "x")
    policy = Policy(str(ws))
    assert policy.chosen(inside) is inside.fixes[0]
    assert policy.chosen(outside) is None and policy.chosen(through_link) is None
    assert Policy(str(ws), unsafe=True).chosen(outside) is outside.fixes[0]


def test_inserts_at_one_place_keep_their_order() -> None:
    from goenv_lsp.fixes_apply import apply_edits

    edits = [(Range.of(1, 0), "b\n"), (Range.of(1, 0), "c\n"), (Range.of(0, 0, 1), "A")]
    assert apply_edits("a\nd\n", edits) == "A\nb\nc\nd\n"


@pytest.mark.skipif(not unprivileged.available(), reason="needs root, setpriv and the user nobody")
def test_a_fix_that_cannot_be_written_exits_2(go127: Path) -> None:
    """As nobody: deploy/ is root's, so its Dockerfile cannot be replaced; the settings fix is still written, the
    run says which file was not, exits 2 and prints no report."""
    with unprivileged.nobody_module(go127 / "bin") as (_, env, _, ws):
        (ws / ".vscode").mkdir()
        (ws / ".vscode/settings.json").write_text(SETTINGS)
        unprivileged.give(ws / ".vscode")
        (ws / "deploy").mkdir()
        (ws / "deploy/Dockerfile").write_text(DOCKERFILE)  # root's, in a directory of root's
        env = {**env, "PYTHONPATH": os.pathsep.join([str(REPO), *unprivileged.SITE]), "PYTHONDONTWRITEBYTECODE": "1"}
        ran = unprivileged.run([unprivileged.PYTHON, "-m", "goenv_lsp", "check", "--test-no-well-known", "--fix"],
                               env, ws)
        assert (ran.returncode, ran.stdout) == (2, ""), ran.stderr
        assert "goenv-lsp: deploy/Dockerfile: not written: Permission denied" in ran.stderr
        assert (ws / "deploy/Dockerfile").read_text() == DOCKERFILE
        assert '"-tags=integration"' in (ws / ".vscode/settings.json").read_text()
