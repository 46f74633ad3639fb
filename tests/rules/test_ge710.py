"""GE710 go-variable-only-in-bashrc with the login shell's answer: a Go variable or Go PATH entry this terminal
has from ~/.bashrc that the login shell lacks — on the fake machine, and with a real bash login shell in a
temporary home (the fix applied, a new real login shell has it); the language server runs the shell only when
asked. (From the files alone: test_ge710_files.py.)"""

from __future__ import annotations

import asyncio
import dataclasses
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import testbed
from factsbuilder import HOME, healthy
from realgo import apply

sys.path.insert(0, str(Path(__file__).resolve().parent / "goldens"))
import golden

from goenv_lsp.config import Config
from goenv_lsp.engine import evaluate
from goenv_lsp.facts import LoginEnvironment, LoginProfile, Status
from goenv_lsp.files.base import ParseContext
from goenv_lsp.files.shell_rc_kinds import BASH_KIND, KIND_NAMES, PROFILE_KIND
from goenv_lsp.lsp.roots import WorkspaceRoot
from goenv_lsp.model import Applicability, Range, Severity
from goenv_lsp.probe import ProbeOptions, collect_sync
from goenv_lsp.probe.fake import FakeSystem
from goenv_lsp.probe.system import RealSystem
from goenv_lsp.rules.ge7_shell.ge710_go_variable_only_in_bashrc import check as GE710

SECRET = "ghp_abcdefghijklmnopqrstuvwxyz0123456789"


def rc_facts(files: dict[str, str], login: LoginEnvironment | None, shell: str = "/bin/bash", **env: str):
    ctx = ParseContext("/work/app", HOME, healthy().paths)
    parsed = {}
    for name, text in files.items():
        kind = PROFILE_KIND if name == ".profile" else BASH_KIND
        parsed[f"{HOME}/{name}"] = kind.parse(text.encode(), f"{HOME}/{name}", ctx)
    base = healthy()
    profile = LoginProfile(f"{HOME}/.bash_profile", True, Range.of(1, 0))
    return dataclasses.replace(base, files={**base.files, **parsed}, kinds=(*base.kinds, *KIND_NAMES),
                               env={**base.env, "SHELL": shell, **env}, login_env=login, login_profile=profile)


def login(**env: str) -> LoginEnvironment:
    return LoginEnvironment("/bin/bash", Status.OK, {"PATH": "/usr/bin:/bin", **env})


FILES = {".bashrc": "export GOROOT=/usr/local/go\n", ".bash_profile": "export EDITOR=vim\n"}


def test_on_the_bashrc_line_with_why() -> None:
    [finding] = evaluate(rc_facts(FILES, login(), GOROOT="/usr/local/go"), rules=[GE710])
    assert (finding.code, finding.severity, finding.location.path) == ("GE710", Severity.WARNING, f"{HOME}/.bashrc")
    assert finding.location.range.start.line == 0
    assert "a login shell (`/bin/bash -l`) has no GOROOT" in finding.message
    assert "reads ~/.bash_profile, which does not source it" in finding.message
    assert [f.applicability for f in finding.fixes] == [Applicability.SAFE, Applicability.UNSAFE]


def test_another_value_in_the_login_shell_is_named() -> None:
    [finding] = evaluate(rc_facts(FILES, login(GOROOT="/opt/go"), GOROOT="/usr/local/go"), rules=[GE710])
    assert "has GOROOT=/opt/go instead of /usr/local/go" in finding.message


def test_quiet_when_the_login_shell_has_it() -> None:
    assert evaluate(rc_facts(FILES, login(GOROOT="/usr/local/go"), GOROOT="/usr/local/go"), rules=[GE710]) == []


def test_without_a_login_shell_answer_the_files_decide() -> None:
    skipped = LoginEnvironment("/bin/bash", Status.TIMED_OUT, problem="did not finish and was killed")
    for unknown in (None, skipped):
        [finding] = evaluate(rc_facts(FILES, unknown), rules=[GE710])
        assert finding.message.startswith("`GOROOT=/usr/local/go` is set only in ~/.bashrc: only an interactive")


def test_not_for_zsh_nor_when_the_login_file_sources_bashrc() -> None:
    assert evaluate(rc_facts(FILES, login(), shell="/bin/zsh"), rules=[GE710]) == []
    sourcing = {**FILES, ".bash_profile": 'if [ -f "$HOME/.bashrc" ]; then . "$HOME/.bashrc"; fi\n'}
    assert evaluate(rc_facts(sourcing, login()), rules=[GE710]) == []


# -- a real bash login shell in a temporary home -------------------------------------------------------------
@pytest.fixture(name="bash")
def bash_fixture() -> str:
    found = shutil.which("bash")
    if found is None:
        pytest.skip("bash is not installed (Debian package: bash)")
    return found


def real_setup(tmp_path: Path, bash: str, bashrc: str) -> tuple[Path, Path, dict[str, str]]:
    go_bin = testbed.go_root("1.27.3") / "bin"
    env = testbed.isolated_env(tmp_path, [go_bin], SHELL=bash, GOROOT=str(go_bin.parent), GITHUB_TOKEN=SECRET)
    home = Path(env["HOME"])
    (home / ".bashrc").write_text(bashrc)
    (home / ".bash_profile").write_text("export EDITOR=vi\n")
    root = tmp_path / "app"
    root.mkdir()
    (root / "go.mod").write_text("module example.com/app\n\ngo 1.27\n")
    return root, home, env


def real_check(root: Path, env: dict[str, str]):
    facts = collect_sync(str(root), ProbeOptions(login_shell=True), RealSystem(env=env, well_known_go=()))
    return facts, evaluate(facts, rules=[GE710])


def test_real_bashrc_goroot_then_the_fix(tmp_path: Path, bash: str) -> None:
    root, home, env = real_setup(tmp_path, bash, f"alias g=git\nexport GOROOT={env_goroot()}\n")
    facts, [finding] = real_check(root, env)
    assert facts.login_env.status is Status.OK and "GOROOT" not in facts.login_env.env
    assert (finding.location.path, finding.location.range.start.line) == (str(home / ".bashrc"), 1)
    safe = finding.fixes[0]
    assert safe.applicability is Applicability.SAFE
    apply(safe)
    assert (home / ".bash_profile").read_text() == f"export EDITOR=vi\nexport GOROOT={env_goroot()}\n"
    facts, findings = real_check(root, env)
    assert facts.login_env.env["GOROOT"] == env_goroot() and findings == []


def env_goroot() -> str:
    return str(testbed.go_root("1.27.3"))


def test_real_bashrc_path_to_go_then_sourcing_bashrc(tmp_path: Path, bash: str) -> None:
    go_bin = testbed.go_root("1.27.3") / "bin"
    root, home, env = real_setup(tmp_path, bash, f'export PATH="{go_bin}:$PATH"\n')
    _, [finding] = real_check(root, env)
    assert f"{go_bin} is put on PATH only in ~/.bashrc" in finding.message.replace(str(home), "~")
    [_, source] = finding.fixes
    apply(source)  # the other way: the login file sources ~/.bashrc (no interactive guard in it)
    facts, findings = real_check(root, env)
    assert str(go_bin) in facts.login_env.env["PATH"].split(":") and findings == []


def test_real_cli_shows_it_and_never_the_secret(tmp_path: Path, bash: str) -> None:
    root, home, env = real_setup(tmp_path, bash, f"export GOROOT={env_goroot()}\nexport GOPROXY_TOKEN={SECRET}\n")
    (home / ".bash_profile").write_text(f"export GITLAB_TOKEN={SECRET}\nexport GOFLAGS=-mod=mod\n")
    for command in (["check", str(root), "--format", "json", "--select", "GE710"], ["facts", str(root)]):
        run = subprocess.run([sys.executable, "-m", "goenv_lsp", "--test-no-well-known", *command], env=env,
                             capture_output=True, text=True, timeout=120)
        assert SECRET not in run.stdout + run.stderr
    run = subprocess.run([sys.executable, "-m", "goenv_lsp", "--test-no-well-known", "check", str(root), "--format",
                          "json", "--select", "GE710"], env=env, capture_output=True, text=True, timeout=120)
    codes = [f["code"] for f in json.loads(run.stdout)["findings"]]
    assert codes == ["GE710"], run.stdout


def test_the_language_server_runs_it_only_when_login_shell_is_on() -> None:
    data = golden.machine_data(golden.GOLDENS / "GE710" / "bashrc-goroot")

    async def probed(config: Config):
        fake = FakeSystem.from_data(data)
        root = WorkspaceRoot("/work/app", fake, None, lambda _root, _findings: None, lambda: {})
        root.configure(config)
        await root.probe()
        return root

    off = asyncio.run(probed(Config()))
    [from_files] = [f for f in off.findings if f.code == "GE710"]
    assert off.facts.login_env is None and "a login shell (" not in from_files.message  # the files alone
    on = asyncio.run(probed(Config(login_shell=True)))
    [confirmed] = [f for f in on.findings if f.code == "GE710"]
    assert on.facts.login_env.status is Status.OK and "a login shell (`/bin/bash -l`) has no GOROOT" in \
        confirmed.message
