"""GE622 runtime-vars-global: the Go runtime's variables exported to every Go program, the tools included."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
import testbed
from factsbuilder import HOME, healthy
from ge6help import go, only

from goenv_lsp.engine import evaluate
from goenv_lsp.model import Severity
from goenv_lsp.rules.ge6_platform.ge622_runtime_vars_global import check as GE622
from goenv_lsp.rules.ge6_platform.ge622_runtime_vars_global import parse_byte_count


def run(**env: str):
    return evaluate(healthy(env={"PATH": "/usr/local/go1.27.3/bin:/usr/bin", "HOME": HOME, **env}), rules=[GE622])


@pytest.mark.parametrize(("value", "count"), [
    ("0", 0), ("-0", 0), ("+512", 512), ("100B", 100), ("1KiB", 1024), ("2GiB", 2 << 30), ("8TiB", 8 << 40),
    ("2GB", None), ("1.5GiB", None), ("GiB", None), ("B", None), ("-1", None), ("1 MiB", None), ("1kib", None),
    ("9223372036854775807", (1 << 63) - 1), ("9223372036854775808", None), ("8388608TiB", None)])
def test_parse_byte_count_is_the_runtimes(value: str, count: int | None) -> None:
    assert parse_byte_count(value) == count


@pytest.mark.parametrize(("env", "severity", "effect"), [
    ({"GOGC": "off"}, Severity.WARNING, "garbage collection is off"),
    ({"GOGC": "-1"}, Severity.WARNING, "garbage collection is off"),
    ({"GOGC": "50"}, Severity.INFO, "it applies to every Go program"),
    ({"GOGC": "fast"}, Severity.INFO, "the runtime ignores this value and uses GOGC=100"),
    ({"GOMAXPROCS": "1"}, Severity.WARNING, "use a single CPU"),
    ({"GOMAXPROCS": "4"}, Severity.INFO, "it applies to every Go program"),
    ({"GOMAXPROCS": "0"}, Severity.INFO, "the runtime ignores this value and uses all CPUs"),
    ({"GOMEMLIMIT": "100MiB"}, Severity.WARNING, "below 256 MiB"),
    ({"GOMEMLIMIT": "4GiB"}, Severity.INFO, "it applies to every Go program"),
    ({"GOMEMLIMIT": "4G"}, Severity.ERROR, "crashes at start-up with `fatal error: malformed GOMEMLIMIT`"),
    ({"GOTRACEBACK": "crash"}, Severity.INFO, "it applies to every Go program"),
    ({"GODEBUG": "http2client=0,inittrace=0"}, Severity.INFO,
     "settings http2client, inittrace apply to every Go program; set"),
    ({"GODEBUG": "gctrace=1,gctrace=0, inittrace=1"}, Severity.INFO,  # later wins; " inittrace" is not inittrace
     "settings gctrace,  inittrace apply to every Go program; set"),
    ({"GODEBUG": "gctrace"}, Severity.INFO, "it holds no name=value setting, so the runtime ignores it"),
    ({"GODEBUG": "gctrace=1,inittrace=1"}, Severity.INFO, "settings gctrace, inittrace apply to every Go program "
     "(gctrace, inittrace print trace lines on the standard error of every go command and gopls)"),
    ({"GODEBUG": "gcstoptheworld=1"}, Severity.WARNING, "gcstoptheworld makes every garbage collection stop"),
])
def test_values(env: dict[str, str], severity: Severity, effect: str) -> None:
    [finding] = run(**env)
    assert finding.severity is severity
    assert effect in finding.message


def test_unset_empty_and_off_are_quiet() -> None:
    assert run() == []
    assert run(GOGC="", GODEBUG="", GOMAXPROCS="", GOTRACEBACK="", GOMEMLIMIT="off") == []


def test_one_finding_per_variable() -> None:
    findings = run(GOGC="off", GOMAXPROCS="1")
    assert [f.message.split("=")[0] for f in findings] == ["GOGC", "GOMAXPROCS"]


@pytest.mark.realgo
def test_real_runtime_vars_reach_the_go_command(workspace: Path, go127: Path, go_env: testbed.EnvFactory,
                                                check_real) -> None:
    traced = go(go_env([go127 / "bin"], GODEBUG="inittrace=1"), workspace, "version")
    assert traced.returncode == 0 and traced.stderr.startswith("init internal/bytealg @")  # the go command's own
    (workspace / "main.go").write_text("package main\n\nfunc main() {}\n")
    # its own build cache: the compiler's trace lines are cached as the compile's output and would be replayed
    # by every later build sharing the cache (`# runtime` then `gc 1 @…` on their stderr)
    built = go(go_env([go127 / "bin"], GODEBUG="gctrace=1"), workspace, "build", "-o", os.devnull, ".",
               GOCACHE=str(workspace.parent / "traced-gocache"))
    assert built.returncode == 0 and built.stderr.startswith("gc 1 @")
    env = go_env([go127 / "bin"], GOMEMLIMIT="2GB")
    crashed = go(env, workspace, "version")
    assert crashed.returncode == 2
    assert crashed.stderr.startswith("GOMEMLIMIT=2GB\nfatal error: malformed GOMEMLIMIT; see `go doc runtime/debug")
    finding = only(check_real(workspace, env)[1], "GE622")
    assert finding["severity"] == "error"
    assert finding["message"].startswith("GOMEMLIMIT=2GB is set in the environment")
    assert "`fatal error: malformed GOMEMLIMIT`" in finding["message"]
    for setting, error in (("GOGC=off", "go: unknown go command variable GOGC\n"),
                           ("GODEBUG=inittrace=1", "go: GODEBUG can only be set using the OS environment\n")):
        written = subprocess.run(["go", "env", "-w", setting], env=go_env([go127 / "bin"]), capture_output=True,
                                 text=True, timeout=60)
        assert (written.returncode, written.stderr) == (1, error)  # so the GOENV file never holds them
