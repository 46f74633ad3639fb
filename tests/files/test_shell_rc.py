"""The shell startup file kinds: assignments with their ranges, PATH edits, sources, `go` overrides, unknowns and
the interactive guard, from bashlex and the per-line fallback; fish's line reader; values redacted, secrets never
stored; bounded on huge input. The real-shell tests check that what the parser says a file exports is what bash
exports."""

from __future__ import annotations

import asyncio
import os
import shutil
import subprocess
import textwrap
from pathlib import Path

import pytest

from goenv_lsp.facts import Status
from goenv_lsp.facts.paths import POSIX
from goenv_lsp.files import kind
from goenv_lsp.files._shell_sh import statements
from goenv_lsp.files.base import LocateContext, ParseContext
from goenv_lsp.files.shell_rc import Op, ShellRcFacts, shell_files
from goenv_lsp.files.shell_rc_kinds import BASH, ENVRC, FISH, PROFILE, ZSH
from goenv_lsp.model import Range
from goenv_lsp.probe import ProbeOptions, collect
from goenv_lsp.probe.fake import FakeSystem
from goenv_lsp.redact import PLACEHOLDER

CTX = ParseContext("/w", "/home/dev", POSIX)
TOKEN = "ghp_" + "A1b2C3d4E5f6G7h8I9j0" * 2

ZSHRC = textwrap.dedent(f'''\
    export ZSH="$HOME/.oh-my-zsh"
    plugins=(git golang)
    source $ZSH/oh-my-zsh.sh
    [[ $- == *i* ]] && export INTER=1
    if [[ -o interactive ]]; then
      export GOFLAGS=-mod=vendor
    fi
    path+=(/usr/local/go/bin)
    path=($HOME/go/bin $path)
    export GOROOT=/usr/local/go1.19
    export GOPATH="~/go"
    export GITHUB_TOKEN={TOKEN}
    export NPM_TOKEN=$(pass show npm)
    alias go='grc go'
    go() {{ command go "$@"; }}
    export GOPATH=$(go env GOPATH)
    eval "$(pyenv init -)"
    [ -f ~/.fzf.zsh ] && source ~/.fzf.zsh
    export PATH=$PATH:/usr/local/go/bin
    A=1; export A
    unset GOROOT
    case "$TERM" in
      xterm*) export GO111MODULE=off ;;
    esac
    ''')
FISH_CONFIG = textwrap.dedent(f'''\
    set -gx GOPATH $HOME/go
    set -gx PATH $GOPATH/bin $PATH
    fish_add_path -a ~/go/bin
    if status is-interactive
        set -x GOFLAGS -mod=mod
        alias go 'grc go'
    end
    function go
        command go $argv
    end
    set -Ux GITHUB_TOKEN {TOKEN}
    set -e GOROOT
    set -gx GOROOT (go env GOROOT)
    ''')


def parse(text: str, name: str = BASH, path: str = "/home/dev/.bashrc") -> ShellRcFacts:
    found = kind(name)
    assert found is not None and found.parse is not None
    facts = found.parse(text.encode(), path, CTX)
    assert isinstance(facts, ShellRcFacts)
    return facts


def by_name(facts: ShellRcFacts, name: str) -> list:
    return [a for a in facts.assignments if a.name == name]


def test_exports_with_their_ranges_and_expansions() -> None:
    facts = parse('export GOROOT=/usr/local/go1.19\nexport GOPATH="$HOME/go" GOBIN=~/bin\nGOFLAGS=-mod=mod\n')
    goroot, gopath, gobin, goflags = facts.assignments
    assert (goroot.name, goroot.value.value, goroot.value.range, goroot.exported) == (
        "GOROOT", "/usr/local/go1.19", Range.of(0, 14, 31), True)
    assert goroot.removal == Range.of(0, 0, 0, end_line=1)
    assert (gopath.value.value, gopath.expanded, gopath.value.range) == (
        '"$HOME/go"', "${HOME}/go", Range.of(1, 14, 24))
    assert gopath.removal is None  # the command sets GOBIN too
    assert (gobin.expanded, gobin.refs) == ("${HOME}/bin", ("HOME",))
    assert (goflags.exported, goflags.expanded) == (False, "-mod=mod")


def test_path_edits() -> None:
    facts = parse('export PATH=$PATH:/usr/local/go/bin\nexport PATH="$HOME/go/bin:$PATH"\nPATH=/a:$PATH:/b\n'
                  'export PATH=/only\nGOPATH=$HOME/work; export PATH="$GOPATH/bin:$PATH"\n')
    paths = by_name(facts, "PATH")
    assert [(a.op, a.entries) for a in paths] == [
        (Op.APPEND, ("/usr/local/go/bin",)), (Op.PREPEND, ("${HOME}/go/bin",)), (Op.INSERT, ("/a", "/b")),
        (Op.SET, ("/only",)), (Op.PREPEND, ("${HOME}/work/bin",))]  # $GOPATH set earlier in the file


def test_zsh_file_with_what_bashlex_cannot_parse() -> None:
    facts = parse(ZSHRC, ZSH, "/home/dev/.zshrc")
    assert facts.status is Status.OK and facts.shell == "zsh"
    inter, = by_name(facts, "INTER")
    assert inter.conditional and inter.interactive_only
    goflags, = by_name(facts, "GOFLAGS")
    assert goflags.conditional and goflags.interactive_only and goflags.statement.start.line == 5
    assert [(a.op, a.entries, a.statement.start.line) for a in by_name(facts, "PATH")] == [
        (Op.APPEND, ("/usr/local/go/bin",), 7), (Op.PREPEND, ("${HOME}/go/bin",), 8),
        (Op.APPEND, ("/usr/local/go/bin",), 18)]
    goroot, unset = by_name(facts, "GOROOT")
    assert (goroot.op, goroot.expanded, unset.op, unset.statement.start.line) == (
        Op.SET, "/usr/local/go1.19", Op.UNSET, 20)
    tilde, command = by_name(facts, "GOPATH")
    assert tilde.quoted_tilde and tilde.expanded == "~/go"
    assert command.expanded is None and command.value_kind.value == "command"
    module, = by_name(facts, "GO111MODULE")
    assert module.conditional and module.exported and module.statement.start.line == 22
    a, = by_name(facts, "A")
    assert a.exported  # A=1; export A
    assert [(s.target.value, s.path, s.conditional) for s in facts.sources] == [
        ("$ZSH/oh-my-zsh.sh", "/home/dev/.oh-my-zsh/oh-my-zsh.sh", False), ("~/.fzf.zsh", "/home/dev/.fzf.zsh", True)]
    assert [(o.form, o.runs, o.statement.start.line) for o in facts.go_overrides] == [
        ("alias", "grc", 13), ("function", None, 14)]
    assert [(u.range.start.line, u.reason.split()[0]) for u in facts.unknowns] == [(15, "the"), (16, "eval")]


def test_secrets_are_never_stored() -> None:
    facts = parse(ZSHRC, ZSH, "/home/dev/.zshrc")
    token, npm = by_name(facts, "GITHUB_TOKEN") + by_name(facts, "NPM_TOKEN")
    assert (token.secret, token.value.value, token.expanded, token.value_kind.value) == (
        True, PLACEHOLDER, None, "literal")
    assert token.value.range == Range.of(11, 20, 20 + len(TOKEN))
    assert (npm.secret, npm.value_kind.value) == (True, "command")
    assert TOKEN not in repr(facts) and "pass show" not in repr(facts)
    fish = parse(FISH_CONFIG, FISH, "/home/dev/.config/fish/config.fish")
    assert TOKEN not in repr(fish) and by_name(fish, "GITHUB_TOKEN")[0].secret


def test_debian_skel_bashrc_guard_and_sources() -> None:
    skel = Path("/etc/skel/.bashrc")
    if not skel.is_file():
        pytest.skip("no /etc/skel/.bashrc")
    facts = parse(skel.read_text())
    assert facts.interactive_guard is not None and facts.interactive_guard.start.line < 10
    assert all(a.interactive_only for a in facts.assignments)
    assert "/home/dev/.bash_aliases" in [s.path for s in facts.sources]


def test_profile_sources_bashrc() -> None:
    facts = parse('if [ -n "$BASH_VERSION" ]; then\n    if [ -f "$HOME/.bashrc" ]; then\n'
                  '        . "$HOME/.bashrc"\n    fi\nfi\n', PROFILE, "/home/dev/.profile")
    [source] = facts.sources
    assert (source.path, source.conditional, source.statement.start.line) == ("/home/dev/.bashrc", True, 2)


def test_fish_config() -> None:
    facts = parse(FISH_CONFIG, FISH, "/home/dev/.config/fish/config.fish")
    gopath, = by_name(facts, "GOPATH")
    assert (gopath.exported, gopath.expanded, gopath.value.range) == (True, "${HOME}/go", Range.of(0, 15, 23))
    assert [(a.op, a.entries) for a in by_name(facts, "PATH")] == [
        (Op.PREPEND, ("${HOME}/go/bin",)), (Op.APPEND, ("${HOME}/go/bin",))]
    goflags, = by_name(facts, "GOFLAGS")
    assert goflags.conditional and goflags.interactive_only
    assert [(o.form, o.runs, o.conditional) for o in facts.go_overrides] == [("alias", "grc", True),
                                                                            ("function", None, False)]
    unset, command = by_name(facts, "GOROOT")
    assert unset.op is Op.UNSET and command.expanded is None


def test_envrc_path_add_is_relative_to_its_directory() -> None:
    facts = parse("PATH_add bin\nexport GOFLAGS=-mod=mod\n", ENVRC, "/w/app/.envrc")
    path, goflags = facts.assignments
    assert (path.op, path.entries, goflags.exported) == (Op.PREPEND, ("/w/app/bin",), True)


def test_statements_keep_blocks_quotes_and_heredocs_together() -> None:
    text = 'a=1\nif x; then\n  b=2\nfi\nc="x\ny"\ncat <<EOF\nif\nEOF\nd=1 \\\n  e=2\n# comment\n\nf() {\n  g\n}\n'
    assert [(text[s:e], block) for s, e, block in statements(text)] == [
        ("a=1\n", False), ("if x; then\n  b=2\nfi\n", True), ('c="x\ny"\n', False), ("cat <<EOF\nif\nEOF\n", False),
        ("d=1 \\\n  e=2\n", False), ("f() {\n  g\n}\n", True)]


def test_bad_and_huge_input() -> None:
    assert parse_bytes(b"\xff\xfeA\x00").status is Status.MALFORMED  # UTF-16
    assert parse_bytes(b"export A=1\x00\n").status is Status.MALFORMED  # binary
    latin1 = parse_bytes(b"# caf\xe9\nexport GOPATH=/g\n")  # shells read bytes: no error
    assert latin1.status is Status.OK and latin1.assignments[0].statement.start.line == 1
    big = "export A=1\n" * 20_000 + "export GOROOT=/old\n"  # 220 KB: bashlex for the first 32 KB, then patterns
    facts = parse(big)
    assert facts.status is Status.OK and by_name(facts, "GOROOT")[0].statement.start.line == 20_000
    huge = parse("export A=1\n" * 30_000 + "export GOROOT=/old\n")
    assert huge.status is Status.MALFORMED and huge.problems[0].message.startswith("this file is larger than")
    assert not by_name(huge, "GOROOT")
    unbalanced = parse("if true; then\nexport GOROOT=/x\n" + "(" * 5000 + "\n")
    assert by_name(unbalanced, "GOROOT")[0].conditional


def test_home_files_off_leaves_the_kinds_unknown() -> None:
    machine = {"os": "linux", "env": {"HOME": "/home/dev", "PATH": "/usr/bin"},
               "files": {"/home/dev/.zshrc": "export GOROOT=/x\n", "/home/dev/.config/fish/conf.d/go.fish":
                         "set -gx GOPATH ~/go\n", "/w/.envrc": "export GOFLAGS=-mod=mod\n"}}
    on = asyncio.run(collect("/w", ProbeOptions(), FakeSystem.from_data(machine)))
    assert sorted(f.path for f in shell_files(on)) == [
        "/home/dev/.config/fish/conf.d/go.fish", "/home/dev/.zshrc", "/w/.envrc"]
    off = asyncio.run(collect("/w", ProbeOptions(home_files=False), FakeSystem.from_data(machine)))
    assert [f.path for f in shell_files(off)] == ["/w/.envrc"]  # the workspace's own file is read
    assert off.files_of(ZSH) is None and off.files_of(BASH) is None  # not looked for: unknown


def parse_bytes(data: bytes) -> ShellRcFacts:
    found = kind(BASH)
    assert found is not None and found.parse is not None
    facts = found.parse(data, "/home/dev/.bashrc", CTX)
    assert isinstance(facts, ShellRcFacts)
    return facts


def test_locations() -> None:
    def located(name: str, env: dict[str, str], os_name: str = "linux") -> list[str]:
        found = kind(name)
        assert found is not None and found.locate is not None
        return list(found.locate(LocateContext(env, None, "/home/dev", os_name, POSIX)))

    assert located(ZSH, {}) == ["/home/dev/.zshenv", "/home/dev/.zprofile", "/home/dev/.zshrc"]
    assert located(ZSH, {"ZDOTDIR": "/home/dev/.config/zsh"})[-1] == "/home/dev/.config/zsh/.zshrc"
    assert located(FISH, {"XDG_CONFIG_HOME": "/x"}) == ["/x/fish/config.fish", "/x/fish/conf.d/*.fish"]
    assert located(BASH, {}) == ["/home/dev/.bash_profile", "/home/dev/.bash_login", "/home/dev/.bashrc"]
    assert located(PROFILE, {}, "windows") == []


# -- what bash itself exports -------------------------------------------------------------------------------
BASH_EXE = shutil.which("bash")
BASH_CASES = [
    'export GOPATH="$HOME/go"\nexport PATH="$PATH:$GOPATH/bin"\n',
    "export GOPATH=~/work:~/go\nexport GOBIN=$HOME/bin\n",
    'export GOPATH="~/go"\n',
    "GOROOT=/usr/local/go\nexport GOROOT\nexport PATH=$GOROOT/bin:$PATH\n",
    "declare -x GOFLAGS='-mod=mod -trimpath'\ntypeset -x GOPROXY=direct\n",
    'if [ -d "$HOME" ]; then\n  export GOPATH=${HOME}/gp\nfi\nexport PATH=/opt/go/bin:$PATH\n',
    "export GOPATH=$HOME/a\nunset GOPATH\nexport GOBIN=\"$HOME/b\"\n",
]


@pytest.mark.skipif(BASH_EXE is None, reason="needs bash")
@pytest.mark.parametrize("text", BASH_CASES)
def test_what_bash_exports_is_what_the_parser_says(tmp_path: Path, text: str) -> None:
    home = tmp_path / "home"
    home.mkdir()
    rc = home / ".bashrc"
    rc.write_text(text)
    base_path = "/nonexistent/bin"
    env_exe = shutil.which("env") or "/usr/bin/env"
    out = subprocess.run([BASH_EXE, "--norc", "--noprofile", "-c", '. "$1"; exec "$2" -0', "_", str(rc), env_exe],
                         env={"HOME": str(home), "PATH": base_path}, capture_output=True, timeout=30, check=True)
    exported = dict(item.split("=", 1) for item in out.stdout.decode().split("\0") if "=" in item)
    facts = parse(text)
    said: dict[str, str | None] = {}
    for a in facts.assignments:
        if a.op is Op.UNSET:
            said.pop(a.name, None)
        elif a.exported and a.expanded is not None:
            said[a.name] = a.expanded.replace("${PATH}", said.get("PATH") or base_path).replace("${HOME}", str(home))
    for name, value in said.items():
        assert exported.get(name) == value, (name, exported.get(name), value)
    assert all(name in said for name in exported if name.startswith("GO"))


@pytest.mark.skipif(BASH_EXE is None, reason="needs bash")
def test_bash_reads_the_zsh_guard_line_the_same(tmp_path: Path) -> None:
    """`[ -z "$PS1" ] && return` in a sourced file stops it only in non-interactive shells."""
    rc = tmp_path / "rc"
    rc.write_text('[ -z "$PS1" ] && return\nexport GOPATH=/after\n')
    run = subprocess.run([BASH_EXE, "--norc", "--noprofile", "-c", '. "$1"; echo "${GOPATH-unset}"', "_", str(rc)],
                         env={"PATH": os.defpath}, capture_output=True, text=True, timeout=30, check=True)
    assert run.stdout.strip() == "unset"
    facts = parse(rc.read_text())
    assert facts.interactive_guard == Range.of(0, 0, 23) and by_name(facts, "GOPATH")[0].interactive_only



@pytest.mark.parametrize(("raw", "expanded", "kind", "quoted_tilde"), [
    ('"$HOME/go"', "${HOME}/go", "expands", False), ("~/go:~/work", "${HOME}/go:${HOME}/work", "expands", False),
    ('"~/go"', "~/go", "literal", True), ("'~/a':~/b", "~/a:${HOME}/b", "expands", True),
    ('/x:"~/y"', "/x:~/y", "literal", True), ("a~b", "a~b", "literal", False), ("~user/x", "~user/x", "literal", False),
    ("${GOPATH:-~/go}", None, "command", False), ("$(go env GOPATH)", None, "command", False),
    ("`date`", None, "command", False), ("'$HOME'", None, "command", False), ('""', "", "empty", False),
    (r'a\ b', "a b", "literal", False), ('"$PATH":/x', "${PATH}:/x", "expands", False),
])
def test_word_expansion(raw: str, expanded: str | None, kind: str, quoted_tilde: bool) -> None:
    from goenv_lsp.files._shell_words import analyze

    info = analyze(raw)
    assert (info.expanded, info.kind.value, info.quoted_tilde) == (expanded, kind, quoted_tilde)


@pytest.mark.parametrize(("name", "path"), [(ZSH, "/home/dev/.zshrc"), (PROFILE, "/home/dev/.profile")])
def test_a_word_ending_at_a_crlf_line_end_is_placed_before_the_cr(name: str, path: str) -> None:
    """bash keeps the \\r of a CRLF line in the word; an editor has no position between \\r and \\n (found by the
    fuzzer: a range past its line's end)."""
    text = f"[\r-z \"$PS1\" ] && return\r\nexport GOPATH=/go GITHUB_TOKEN={TOKEN}\r\nexport GOBIN=/b\r\n"
    facts = parse(text, name, path)
    assert [a.name for a in facts.assignments] == ["GOPATH", "GITHUB_TOKEN", "GOBIN"]
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    for assignment in facts.assignments:
        for found in (assignment.statement, assignment.value.range):
            assert found.end.character <= len(lines[found.end.line]), (assignment.name, found)
