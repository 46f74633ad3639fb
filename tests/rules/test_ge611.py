"""GE611 go-binary-emulated: a go built for another architecture than the machine (Rosetta 2, Windows on Arm).

No emulated go can run here; the rule is tested on facts, and the machine's own architecture on the way
``host_arch`` reads it."""

from __future__ import annotations

import pytest
from factsbuilder import go_binary, healthy

from goenv_lsp.engine import evaluate
from goenv_lsp.probe import machine
from goenv_lsp.rules.ge6_platform.ge611_go_binary_emulated import check as GE611
from goenv_lsp.semantics.platform import KNOWN_ARCH


def run(machine_arch: str | None, go_arch: str, os: str = "darwin"):
    return evaluate(healthy(os=os, arch=machine_arch, go_binaries=(go_binary(GOHOSTARCH=go_arch),)), rules=[GE611])


def test_amd64_go_on_apple_silicon() -> None:
    [finding] = run("arm64", "amd64")
    assert finding.message == ("/usr/local/go1.27.3/bin/go (go1.27.3) is built for amd64, but this machine is arm64: "
                               "it runs under Rosetta 2, and so does everything it builds, since GOARCH defaults to "
                               "amd64; install the darwin-arm64 Go from https://go.dev/dl/ and reinstall your tools")


def test_native_compatible_or_unknown_is_quiet() -> None:
    assert run("arm64", "arm64") == []
    assert run("amd64", "386", os="linux") == []
    assert run("arm64", "arm", os="linux") == []
    assert run(None, "amd64") == []


@pytest.mark.parametrize(("platform", "machine_name", "translated", "expected"), [
    ("linux", "x86_64", False, "amd64"), ("linux", "aarch64", False, "arm64"), ("linux", "armv7l", False, "arm"),
    ("darwin", "arm64", False, "arm64"), ("darwin", "x86_64", True, "arm64"), ("darwin", "x86_64", False, "amd64"),
])
def test_host_arch(monkeypatch, platform: str, machine_name: str, translated: bool, expected: str) -> None:
    monkeypatch.setattr(machine.sys, "platform", platform)
    monkeypatch.setattr(machine, "machine_name", lambda: machine_name)
    monkeypatch.setattr(machine, "_translated", lambda: translated)
    assert machine.host_arch() == expected


def test_windows_on_arm_reports_the_machine_not_the_emulation(monkeypatch) -> None:
    monkeypatch.setattr(machine.sys, "platform", "win32")
    monkeypatch.setattr(machine, "machine_name", lambda: "AMD64")
    monkeypatch.setenv("PROCESSOR_ARCHITECTURE", "AMD64")
    monkeypatch.setenv("PROCESSOR_ARCHITEW6432", "ARM64")
    assert machine.host_arch() == "arm64"


def test_this_machine() -> None:
    assert machine.host_arch() in KNOWN_ARCH


def test_machine_name_is_what_platform_reports() -> None:
    import platform

    assert machine.machine_name() == platform.machine()
